"""Outlier treatment: exact agreement with COINr's ``Treat``/``qTreat`` on the ASEM data set.

The reference files are read from ``/work/shared/reference/coinr-asem`` (never copied into the
project). Without that folder the cross-check tests are skipped, except under CI where they fail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.typing import NDArray

from tests.scoring.coinr import read_csv, reference_dir
from utilite_sociale.scoring.treat import (
    Treatment,
    TreatmentDetail,
    kurtosis,
    skewness,
    treat_outliers,
)

RTOL = 1e-9
ATOL = 1e-9


def indicator_codes() -> list[str]:
    meta = read_csv("iMeta.csv")
    return [str(code) for code in meta.loc[meta["Type"] == "Indicator", "iCode"]]


def matrix(frame: pd.DataFrame, codes: list[str]) -> NDArray[np.float64]:
    """The indicator columns of a frame, rows sorted by uCode."""
    ordered = frame.sort_values("uCode", kind="stable").reset_index(drop=True)
    return ordered[codes].to_numpy(dtype=np.float64)


def assert_same(actual: NDArray[np.float64], expected: NDArray[np.float64]) -> None:
    assert actual.shape == expected.shape
    np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected))
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=ATOL, equal_nan=True)


def assert_close(actual: float | None, expected: Any) -> None:
    if pd.isna(expected):
        assert actual is None
    else:
        assert actual is not None
        assert math.isclose(actual, float(expected), rel_tol=RTOL, abs_tol=ATOL)


def assert_flag(actual: bool | None, expected: Any) -> None:
    if pd.isna(expected):
        assert actual is None
    else:
        assert actual is bool(expected)


def assert_details(details: tuple[TreatmentDetail, ...], codes: list[str], name: str) -> None:
    table = read_csv(name)
    assert list(table["iCode"]) == codes
    assert len(details) == len(codes)
    for detail, (_, row) in zip(details, table.iterrows(), strict=True):
        code = row["iCode"]
        assert detail.passed is bool(row["check_SkewKurt0.Pass"]), code
        assert math.isclose(detail.skew, row["check_SkewKurt0.Skew"], rel_tol=RTOL, abs_tol=ATOL)
        assert math.isclose(
            detail.kurtosis, row["check_SkewKurt0.Kurt"], rel_tol=RTOL, abs_tol=ATOL
        )
        nwin = row["winsorise.nwin"]
        assert detail.winsorised == (0 if pd.isna(nwin) else int(nwin)), code
        assert pd.isna(nwin) is detail.passed, code
        assert_flag(detail.passed_after, row["check_SkewKurt1.Pass"])
        assert_close(detail.skew_after, row["check_SkewKurt1.Skew"])
        assert_close(detail.kurtosis_after, row["check_SkewKurt1.Kurt"])
        assert_flag(detail.passed_log, row.get("check_SkewKurt2.Pass", math.nan))
        assert_close(detail.skew_log, row.get("check_SkewKurt2.Skew", math.nan))
        assert_close(detail.kurtosis_log, row.get("check_SkewKurt2.Kurt", math.nan))
        expected_method = (
            "aucun" if detail.passed else "winsorisation" if detail.passed_after else "log"
        )
        assert detail.method == expected_method, code


@dataclass(frozen=True)
class Variant:
    raw: NDArray[np.float64]
    result: Treatment
    codes: list[str]


def run_variant(source: str, winmax: int) -> Variant:
    codes = indicator_codes()
    raw = matrix(read_csv(source), codes)
    return Variant(raw, treat_outliers(raw, winmax=winmax), codes)


# --- cross-check with COINr -------------------------------------------------------------------


def test_variant_f_default_winmax_5() -> None:
    variant = run_variant("iData.csv", 5)
    codes = variant.codes
    assert len(codes) == 49
    assert_same(variant.result.values, matrix(read_csv("intermediate_treat_treated.csv"), codes))
    assert_details(variant.result.details, codes, "intermediate_treat_details.csv")
    methods = [detail.method for detail in variant.result.details]
    assert methods.count("winsorisation") == 18
    assert "log" not in methods


def test_variant_f_points() -> None:
    variant = run_variant("iData.csv", 5)
    # Here an empty field means "not treated": read every field as text.
    points = pd.read_csv(
        reference_dir() / "intermediate_treat_points.csv", dtype=str, keep_default_na=False
    )
    points = points.sort_values("uCode", kind="stable").reset_index(drop=True)
    marks = points[variant.codes].to_numpy(dtype=str)
    assert set(np.unique(marks)) <= {"", "winhi", "winlo"}
    np.testing.assert_array_equal(variant.result.high, marks == "winhi")
    np.testing.assert_array_equal(variant.result.low, marks == "winlo")
    assert variant.result.low.any()
    # Each column's flagged points are as many as its nwin, and hold its treated extreme.
    for j, detail in enumerate(variant.result.details):
        flagged = variant.result.high[:, j] | variant.result.low[:, j]
        assert int(flagged.sum()) == detail.winsorised
        changed = variant.raw[:, j] != variant.result.values[:, j]
        np.testing.assert_array_equal(changed & ~np.isnan(variant.raw[:, j]), flagged)


def test_variant_f2_winmax_1_goes_to_log_ct() -> None:
    variant = run_variant("iData.csv", 1)
    codes = variant.codes
    assert_same(
        variant.result.values, matrix(read_csv("intermediate_treatwinmax1_treated.csv"), codes)
    )
    assert_details(variant.result.details, codes, "intermediate_treatwinmax1_details.csv")
    details = variant.result.details
    logged = [code for code, d in zip(codes, details, strict=True) if d.method == "log"]
    assert logged == [
        "Goods",
        "Tariff",
        "StMob",
        "Research",
        "CultServ",
        "Tourist",
        "Forest",
        "Poverty",
        "NGOs",
    ]
    # log_CT columns carry no winsorised point: the winsorised column was discarded.
    for j, detail in enumerate(variant.result.details):
        if detail.method == "log":
            assert not variant.result.high[:, j].any()
            assert not variant.result.low[:, j].any()


def test_variant_g_treats_imputed_data() -> None:
    variant = run_variant("intermediate_example_imputed.csv", 5)
    codes = variant.codes
    assert not np.isnan(variant.raw).any()
    assert_same(variant.result.values, matrix(read_csv("intermediate_example_treated.csv"), codes))
    assert_details(variant.result.details, codes, "intermediate_example_treat_details.csv")
    assert [d.method for d in variant.result.details].count("winsorisation") == 15


# --- hand-made cases ---------------------------------------------------------------------------


def column(*values: float) -> NDArray[np.float64]:
    return np.array(values, dtype=np.float64)[:, np.newaxis]


def test_passing_column_is_untouched() -> None:
    values = column(*range(20))
    result = treat_outliers(values)
    np.testing.assert_array_equal(result.values, values)
    assert result.values is not values
    (detail,) = result.details
    assert detail.passed
    assert detail.method == "aucun"
    assert detail.winsorised == 0
    assert detail.skew_after is None
    assert detail.kurtosis_after is None
    assert detail.passed_after is None
    assert detail.passed_log is None
    assert not result.high.any()
    assert not result.low.any()


def test_tied_maxima_are_winsorised_together() -> None:
    values = column(*range(30), 1000, 1000)
    result = treat_outliers(values)
    (detail,) = result.details
    assert not detail.passed
    assert detail.method == "winsorisation"
    assert detail.winsorised == 2
    np.testing.assert_array_equal(result.values[:, 0], [*range(30), 29, 29])
    np.testing.assert_array_equal(result.high[:, 0], [False] * 30 + [True, True])
    assert not result.low.any()


def test_tied_maxima_can_exceed_winmax() -> None:
    result = treat_outliers(column(*range(30), 1000, 1000), winmax=1)
    assert result.details[0].winsorised == 2
    assert result.details[0].method == "winsorisation"


def test_nwin_counts_earlier_points_tied_at_the_new_maximum() -> None:
    result = treat_outliers(column(*range(30), 200, 1000))
    (detail,) = result.details
    assert detail.winsorised == 2
    np.testing.assert_array_equal(result.values[:, 0], [*range(30), 29, 29])
    np.testing.assert_array_equal(result.high[:, 0], [False] * 30 + [True, True])


def test_negative_skew_winsorises_the_minimum() -> None:
    result = treat_outliers(column(-1000, *range(30)))
    (detail,) = result.details
    assert detail.skew < 0
    assert detail.winsorised == 1
    assert result.values[0, 0] == 0
    np.testing.assert_array_equal(result.low[:, 0], [True] + [False] * 30)
    assert not result.high.any()


def test_log_ct_fallback_is_kept_even_if_it_fails() -> None:
    raw = np.array([*range(30), 200, 1000], dtype=np.float64)
    result = treat_outliers(raw[:, np.newaxis], winmax=1)
    (detail,) = result.details
    assert detail.method == "log"
    assert detail.winsorised == 1
    assert detail.passed_after is False
    assert detail.passed_log is False
    expected = np.log(raw - raw.min() + 0.01 * (raw.max() - raw.min()))
    np.testing.assert_array_equal(result.values[:, 0], expected)
    assert detail.skew_log == skewness(expected)


def test_winmax_zero_goes_straight_to_log_ct() -> None:
    result = treat_outliers(column(*range(30), 1000), winmax=0)
    (detail,) = result.details
    assert detail.winsorised == 0
    assert detail.skew_after == detail.skew
    assert detail.method == "log"


def test_constant_column_is_left_unchanged() -> None:
    values = column(*[3.7] * 10)
    result = treat_outliers(values)
    np.testing.assert_array_equal(result.values, values)
    (detail,) = result.details
    assert detail.passed
    assert detail.method == "aucun"
    assert math.isnan(detail.skew)
    assert math.isnan(detail.kurtosis)


def test_too_few_values_pass_unchanged() -> None:
    values = column(1, 2, 1000, math.nan, math.nan)
    result = treat_outliers(values)
    np.testing.assert_array_equal(result.values, values)
    assert result.details[0].passed
    assert math.isnan(result.details[0].kurtosis)


def test_winsorisation_down_to_a_constant_stops() -> None:
    result = treat_outliers(column(*[0] * 30, 1000))
    (detail,) = result.details
    assert detail.method == "winsorisation"
    assert detail.winsorised == 1
    assert detail.skew_after is not None
    assert math.isnan(detail.skew_after)
    np.testing.assert_array_equal(result.values[:, 0], 0.0)


def test_nan_stays_nan_and_is_ignored() -> None:
    dense = np.array([*range(30), 1000], dtype=np.float64)
    sparse = np.full(44, math.nan)
    positions = np.flatnonzero(np.arange(44) % 4 != 1)[: dense.size]
    sparse[positions] = dense
    both = np.column_stack([sparse, np.arange(44, dtype=np.float64)])
    result = treat_outliers(both)
    np.testing.assert_array_equal(np.isnan(result.values), np.isnan(both))
    alone = treat_outliers(dense[:, np.newaxis])
    np.testing.assert_array_equal(result.values[positions, 0], alone.values[:, 0])
    assert result.details[0] == alone.details[0]
    assert not result.high[np.isnan(sparse), 0].any()
    np.testing.assert_array_equal(result.values[:, 1], both[:, 1])


def test_columns_are_independent() -> None:
    first = np.array([*range(30), 1000], dtype=np.float64)
    second = -first
    both = treat_outliers(np.column_stack([first, second]))
    np.testing.assert_array_equal(both.values[:, 0], treat_outliers(first[:, None]).values[:, 0])
    np.testing.assert_array_equal(both.values[:, 1], -both.values[:, 0])
    np.testing.assert_array_equal(both.high[:, 0], both.low[:, 1])


def test_empty_matrix() -> None:
    result = treat_outliers(np.empty((0, 3)))
    assert result.values.shape == (0, 3)
    assert all(detail.passed for detail in result.details)
    assert len(result.details) == 3


# --- statistics --------------------------------------------------------------------------------


def test_skewness_and_kurtosis_formulas() -> None:
    x = np.random.default_rng(7).lognormal(size=37)
    n = x.size
    d = x - x.mean()
    skew = math.sqrt(n) * np.sum(d**3) / np.sum(d**2) ** 1.5 * math.sqrt(n * (n - 1)) / (n - 2)
    r = n * np.sum(d**4) / np.sum(d**2) ** 2
    kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    assert math.isclose(skewness(x), skew, rel_tol=1e-12)
    assert math.isclose(kurtosis(x), kurt, rel_tol=1e-12)
    with_nan = np.insert(x, [0, 5, 20], math.nan)
    assert skewness(with_nan) == skewness(x)
    assert kurtosis(with_nan) == kurtosis(x)


def test_statistics_do_not_overflow_on_large_values() -> None:
    x = np.random.default_rng(3).lognormal(size=25)
    assert skewness(x * 2.0**900) == skewness(x)
    assert kurtosis(x * 2.0**900) == kurtosis(x)
    assert math.isclose(skewness(x * 1e250), skewness(x), rel_tol=1e-12)


def test_undefined_statistics_are_nan() -> None:
    assert math.isnan(skewness([1.0, 2.0]))
    assert not math.isnan(skewness([1.0, 2.0, 5.0]))
    assert math.isnan(kurtosis([1.0, 2.0, 5.0]))
    assert math.isnan(skewness([2.0] * 5))
    assert math.isnan(kurtosis([2.0, 2.0, 2.0, 2.0, math.nan]))
    with pytest.raises(ValueError, match="une dimension"):
        skewness([[1.0, 2.0], [3.0, 4.0]])


# --- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"winmax": -1}, "winmax doit être positif"),
        ({"winmax": 1.5}, "winmax doit être un nombre entier"),
        ({"winmax": True}, "winmax doit être un nombre entier"),
        ({"skew_threshold": math.nan}, "skew_threshold doit être un nombre fini"),
        ({"skew_threshold": 0.0}, "strictement positif"),
        ({"kurtosis_threshold": math.inf}, "kurtosis_threshold doit être un nombre fini"),
        ({"kurtosis_threshold": "3.5"}, "kurtosis_threshold doit être un nombre"),
    ],
)
def test_invalid_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        treat_outliers(column(1, 2, 3, 4), **options)  # type: ignore[arg-type]


def test_invalid_values() -> None:
    with pytest.raises(ValueError, match="deux dimensions"):
        treat_outliers(np.arange(5.0))
    with pytest.raises(ValueError, match="infinies"):
        treat_outliers(column(1, 2, math.inf, 4))
    with pytest.raises(ValueError, match="numériques"):
        treat_outliers(np.array([["a"], ["b"]]))
