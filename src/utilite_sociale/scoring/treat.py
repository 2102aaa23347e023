"""Outlier treatment: skewness/kurtosis check, winsorisation, ``log_CT`` fallback.

This module reproduces the default outlier treatment of COINr (``Treat``/``qTreat`` with
``f1 = "winsorise"``, ``f2 = "log_CT"``, ``f_pass = "check_SkewKurt"``), column by column:

1. The skewness and excess kurtosis of the column (e1071 ``type = 2``, the Excel
   definitions) are computed over its non-missing values. The column *passes* when
   ``|skew| < skew_threshold`` **or** ``kurtosis < kurtosis_threshold``; a passing column is
   left untouched.
2. A failing column is winsorised: while it fails and ``nwin < winmax``, every point equal
   to the current maximum (if ``skew >= 0``) or minimum (otherwise) is set to the largest
   (smallest) value among the other points, then ``nwin`` is set to the number of points
   changed in the latest high-side step plus the number changed in the latest low-side
   step, and the check runs again. Points winsorised earlier are tied at the new extreme,
   so in practice ``nwin`` is the cumulative count; it can exceed ``winmax`` when values
   are tied.
3. If the winsorised column still fails, it is discarded and ``log_CT`` is applied to the
   *original* column: ``log(x - min + 0.01 * (max - min))``. Its result is kept whether or
   not it passes.

Missing values (NaN) are left out of every statistic and stay missing.

**Degenerate columns.** When a column has fewer than 4 non-missing values, or all its
non-missing values are equal, the kurtosis (and possibly the skewness) is undefined. COINr
stops with an error or returns the column untreated in that case; here the column is
deemed to *pass* and is left unchanged. The same rule applies after a winsorisation step
that leaves all values equal: winsorisation stops and its result is kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Treatment",
    "TreatmentDetail",
    "kurtosis",
    "skewness",
    "treat_outliers",
]

TreatmentMethod = Literal["aucun", "winsorisation", "log"]


@dataclass(frozen=True)
class TreatmentDetail:
    """What the outlier treatment did to one indicator column.

    Parameters
    ----------
    skew, kurtosis
        Skewness and excess kurtosis of the raw column (COINr ``check_SkewKurt0``). NaN when
        undefined (degenerate column).
    passed
        Whether the raw column passed the check.
    winsorised
        Number of winsorised points as COINr counts them (``winsorise.nwin``); 0 when the
        column passed.
    skew_after, kurtosis_after, passed_after
        Check of the winsorised column (``check_SkewKurt1``); ``None`` when the column passed
        at once.
    skew_log, kurtosis_log, passed_log
        Check of the ``log_CT``-transformed original column (``check_SkewKurt2``); ``None``
        unless winsorisation failed.
    method
        Treatment kept: ``"aucun"`` (untouched), ``"winsorisation"`` or ``"log"``.
    """

    skew: float
    kurtosis: float
    passed: bool
    winsorised: int
    skew_after: float | None
    kurtosis_after: float | None
    passed_after: bool | None
    skew_log: float | None
    kurtosis_log: float | None
    passed_log: bool | None
    method: TreatmentMethod


@dataclass(frozen=True)
class Treatment:
    """Result of :func:`treat_outliers`.

    Parameters
    ----------
    values
        Treated matrix, same shape as the input, NaN where the input was NaN.
    details
        One :class:`TreatmentDetail` per column, in column order.
    high
        Points winsorised at the high side (COINr ``"winhi"``): the points changed by the
        latest high-side winsorisation step, which include the earlier ones tied with them.
        All ``False`` in a column whose method is not ``"winsorisation"`` (when ``log_CT``
        is used, COINr would record ``"winhi+log_CT"``, but the winsorised values are
        discarded).
    low
        Same for the low side (COINr ``"winlo"``).
    """

    values: NDArray[np.float64]
    details: tuple[TreatmentDetail, ...]
    high: NDArray[np.bool_]
    low: NDArray[np.bool_]


def _present(column: ArrayLike) -> NDArray[np.float64]:
    """Return the non-missing values of a 1-D column as float64."""
    x = np.asarray(column, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"Une colonne à une dimension est attendue (reçu {x.ndim} dimension(s)).")
    return x[~np.isnan(x)]


def _scaled_deviations(x: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """Deviations from the mean, scaled by a power of two so that the largest is in [0.5, 1).

    Scaling by a power of two is exact, so the skewness and kurtosis computed from the result
    are bit-identical to the unscaled formulas whenever those do not overflow. Returns
    ``None`` when all values are equal (zero variance).
    """
    if x.size == 0 or x.max() == x.min():
        return None
    d = x - x.mean()
    largest = float(np.abs(d).max())
    if largest == 0.0:
        return None
    _, exponent = math.frexp(largest)
    scaled: NDArray[np.float64] = np.ldexp(d, -exponent)
    return scaled


def skewness(column: ArrayLike) -> float:
    """Sample skewness, e1071 ``type = 2`` (as in Excel), missing values removed.

    With ``d = x - mean(x)`` over the ``n`` non-missing values::

        skew = sqrt(n) * sum(d**3) / sum(d**2) ** 1.5 * sqrt(n * (n - 1)) / (n - 2)

    Parameters
    ----------
    column
        One-dimensional values; NaN means missing.

    Returns
    -------
    float
        The skewness, or NaN when it is undefined (fewer than 3 non-missing values, or all
        of them equal).
    """
    x = _present(column)
    n = x.size
    if n < 3:
        return math.nan
    d = _scaled_deviations(x)
    if d is None:
        return math.nan
    y = math.sqrt(n) * float(np.sum(d**3)) / math.pow(float(np.sum(d**2)), 1.5)
    return y * math.sqrt(n * (n - 1)) / (n - 2)


def kurtosis(column: ArrayLike) -> float:
    """Sample excess kurtosis, e1071 ``type = 2`` (as in Excel), missing values removed.

    With ``d = x - mean(x)`` over the ``n`` non-missing values and
    ``r = n * sum(d**4) / sum(d**2) ** 2``::

        kurtosis = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))

    Parameters
    ----------
    column
        One-dimensional values; NaN means missing.

    Returns
    -------
    float
        The excess kurtosis, or NaN when it is undefined (fewer than 4 non-missing values,
        or all of them equal).
    """
    x = _present(column)
    n = x.size
    if n < 4:
        return math.nan
    d = _scaled_deviations(x)
    if d is None:
        return math.nan
    r = n * float(np.sum(d**4)) / float(np.sum(d**2)) ** 2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


@dataclass(frozen=True)
class _Check:
    skew: float
    kurtosis: float
    passed: bool


def _check(x: NDArray[np.float64], skew_threshold: float, kurtosis_threshold: float) -> _Check:
    """COINr ``check_SkewKurt`` on non-missing values; undefined statistics pass."""
    s = skewness(x)
    k = kurtosis(x)
    if math.isnan(s) or math.isnan(k):
        return _Check(s, k, True)
    return _Check(s, k, abs(s) < skew_threshold or k < kurtosis_threshold)


def _treat_column(
    x: NDArray[np.float64], winmax: int, skew_threshold: float, kurtosis_threshold: float
) -> tuple[NDArray[np.float64], TreatmentDetail, NDArray[np.bool_], NDArray[np.bool_]]:
    """Treat the non-missing values ``x`` of one column.

    Returns the treated values, the detail, and the high/low winsorised masks (over ``x``).
    """
    no_points = np.zeros(x.shape, dtype=np.bool_)
    check0 = _check(x, skew_threshold, kurtosis_threshold)
    if check0.passed:
        detail = TreatmentDetail(
            skew=check0.skew,
            kurtosis=check0.kurtosis,
            passed=True,
            winsorised=0,
            skew_after=None,
            kurtosis_after=None,
            passed_after=None,
            skew_log=None,
            kurtosis_log=None,
            passed_log=None,
            method="aucun",
        )
        return x, detail, no_points, no_points

    # Winsorisation (COINr ``winsorise``): only the latest step of each side is recorded.
    w = x.copy()
    high = no_points
    low = no_points
    nwin = 0
    check = check0
    while not check.passed and nwin < winmax:
        if check.skew >= 0:
            high = w == w.max()
            w[high] = w[~high].max()
        else:
            low = w == w.min()
            w[low] = w[~low].min()
        nwin = int(np.count_nonzero(high)) + int(np.count_nonzero(low))
        check = _check(w, skew_threshold, kurtosis_threshold)
    check1 = check

    if check1.passed:
        detail = TreatmentDetail(
            skew=check0.skew,
            kurtosis=check0.kurtosis,
            passed=False,
            winsorised=nwin,
            skew_after=check1.skew,
            kurtosis_after=check1.kurtosis,
            passed_after=True,
            skew_log=None,
            kurtosis_log=None,
            passed_log=None,
            method="winsorisation",
        )
        # COINr writes "winhi" then "winlo": a point in both steps is recorded as low.
        return w, detail, high & ~low, low

    # Fallback (COINr ``log_CT``) on the original column; kept whether or not it passes.
    # The column failed, so it is not constant and the shift is strictly positive.
    lo, hi = float(x.min()), float(x.max())
    logged = np.log(x - lo + 0.01 * (hi - lo))
    check2 = _check(logged, skew_threshold, kurtosis_threshold)
    detail = TreatmentDetail(
        skew=check0.skew,
        kurtosis=check0.kurtosis,
        passed=False,
        winsorised=nwin,
        skew_after=check1.skew,
        kurtosis_after=check1.kurtosis,
        passed_after=False,
        skew_log=check2.skew,
        kurtosis_log=check2.kurtosis,
        passed_log=check2.passed,
        method="log",
    )
    return logged, detail, no_points, no_points


def _validate_options(winmax: int, skew_threshold: float, kurtosis_threshold: float) -> None:
    if isinstance(winmax, bool) or not isinstance(winmax, int | np.integer):
        raise ValueError(
            f"winmax doit être un nombre entier de points à winsoriser (reçu {winmax!r})."
        )
    if winmax < 0:
        raise ValueError(f"winmax doit être positif ou nul (reçu {winmax}).")
    for name, threshold in (
        ("skew_threshold", skew_threshold),
        ("kurtosis_threshold", kurtosis_threshold),
    ):
        if isinstance(threshold, bool) or not isinstance(threshold, int | float | np.number):
            raise ValueError(f"{name} doit être un nombre (reçu {threshold!r}).")
        if not math.isfinite(float(threshold)):
            raise ValueError(f"{name} doit être un nombre fini (reçu {threshold!r}).")
    if float(skew_threshold) <= 0:
        raise ValueError(
            "skew_threshold est un seuil d'asymétrie en valeur absolue : il doit être "
            f"strictement positif (reçu {skew_threshold!r})."
        )


def treat_outliers(
    values: NDArray[np.float64],
    *,
    winmax: int = 5,
    skew_threshold: float = 2.0,
    kurtosis_threshold: float = 3.5,
) -> Treatment:
    """Treat outliers column by column, as COINr's ``Treat``/``qTreat`` defaults do.

    See the module docstring for the exact procedure. Columns are treated independently;
    missing values (NaN) are ignored by every statistic and stay missing.

    Parameters
    ----------
    values
        Matrix of raw values, units × indicators (rows are organisations, columns are
        indicators). NaN means missing; infinite values are refused.
    winmax
        Winsorisation goes on while ``nwin < winmax`` (COINr ``winmax``, default 5). With 0,
        a failing column goes straight to the ``log_CT`` fallback.
    skew_threshold
        Threshold on the absolute skewness (COINr ``skew_thresh``, default 2).
    kurtosis_threshold
        Threshold on the excess kurtosis (COINr ``kurt_thresh``, default 3.5). A column
        fails only when ``|skew| >= skew_threshold`` and ``kurtosis >= kurtosis_threshold``.

    Returns
    -------
    Treatment
        Treated values, one detail per column, and the winsorised points.

    Raises
    ------
    ValueError
        If ``values`` is not a two-dimensional numeric matrix, contains an infinite value,
        or if an option is invalid.
    """
    _validate_options(winmax, skew_threshold, kurtosis_threshold)
    try:
        matrix = np.array(values, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError("Les valeurs à traiter doivent être numériques.") from exc
    if matrix.ndim != 2:
        raise ValueError(
            "Les valeurs à traiter doivent former un tableau à deux dimensions "
            f"(unités × indicateurs) ; reçu {matrix.ndim} dimension(s)."
        )
    if np.isinf(matrix).any():
        rows, cols = np.nonzero(np.isinf(matrix))
        raise ValueError(
            "Les valeurs à traiter ne doivent pas être infinies "
            f"(ligne {int(rows[0]) + 1}, colonne {int(cols[0]) + 1})."
        )

    present = ~np.isnan(matrix)
    high = np.zeros(matrix.shape, dtype=np.bool_)
    low = np.zeros(matrix.shape, dtype=np.bool_)
    details: list[TreatmentDetail] = []
    for j in range(matrix.shape[1]):
        mask = present[:, j]
        treated, detail, col_high, col_low = _treat_column(
            matrix[mask, j], winmax, float(skew_threshold), float(kurtosis_threshold)
        )
        matrix[mask, j] = treated
        high[mask, j] = col_high
        low[mask, j] = col_low
        details.append(detail)
    return Treatment(values=matrix, details=tuple(details), high=high, low=low)
