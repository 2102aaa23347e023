"""Properties of the scoring engine over generated référentiels and campaigns (Hypothesis).

The référentiels are small, numeric and focused: a tree of dimensions of depth 1–3, 2–12
``nombre`` indicators normalised with fixed goalposts (``bornes``), increasing or decreasing,
weights ≥ 0 (at least one > 0 per group), optional shares in a declared strategic lens,
a minimum coverage in [0, 1] and one aggregation method or one per step. Covered:

1. fixed goalposts keep every normalised value, aggregate and lens score on the scale, and a
   score is missing only where data is missing or coverage is insufficient;
2. monotonicity: raising one organisation's value of an increasing indicator never lowers
   any of its aggregates (the reverse for a decreasing one), under amean, gmean (strictly
   positive scale), min and mixed steps; other organisations do not move;
3. multiplying the weights of one group by a positive constant changes nothing;
4. reordering organisations or indicators changes nothing once aligned by key and code;
5. an affine rescaling of one raw column leaves its observed min–max scores unchanged
   (a negative factor together with a flipped direction too);
6. coverage is the answered share of the effective weight below each node, in [0, 1];
7. scoring is deterministic, bit for bit;
8. the minimum-coverage rule: a node under it is missing (never 0) and flagged, and only then;
plus a golden sanity check of the plain arithmetic mean in a depth-1 tree, and the defects
these properties found, each pinned by an explicit example: a fully answered node is exactly
covered, even below a dimension of weight 0; an indicator of weight 0 has no influence, even
at 0 under a geometric mean; a fully answered lens group is exactly covered; aggregates never
round past the scale (each mean is kept within its children's range).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

import utilite_sociale as us
from utilite_sociale.scoring.aggregate import Aggregated
from utilite_sociale.scoring.options import parse_normalisation

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LENS = "axes"
LENS_GROUPS = ("a", "b", "c")
#: Scales of the normalised scores; the first ones are strictly positive (for gmean).
POSITIVE_SCALES = ((1.0, 100.0), (10.0, 20.0), (0.5, 1.0))
SCALES = (*POSITIVE_SCALES, (0.0, 100.0), (-50.0, 50.0), (0.0, 1.0))
METHODS = ("amean", "gmean", "min")


@dataclass(frozen=True)
class Case:
    """A référentiel (plain data) and a consolidated table of raw values."""

    data: dict[str, Any]
    frame: pd.DataFrame

    @property
    def ids(self) -> list[str]:
        return [indicator["id"] for indicator in self.data["indicators"]]

    def ref(self) -> us.IndicatorSet:
        return us.IndicatorSet.from_data(self.data)


# -- strategies ---------------------------------------------------------------------------


@st.composite
def group_weights(draw: st.DrawFn, size: int, *, positive: bool) -> list[float]:
    """Weights of one group of siblings: ≥ 0 (> 0 if ``positive``), at least one > 0."""
    choices = [0.5, 1.0, 2.0, 3.0] if positive else [0.0, 0.5, 1.0, 2.0, 3.0]
    drawn = draw(st.lists(st.sampled_from(choices), min_size=size, max_size=size))
    if not any(weight > 0 for weight in drawn):
        drawn[draw(st.integers(0, size - 1))] = 1.0
    return drawn


@st.composite
def referentiels(
    draw: st.DrawFn,
    *,
    positive_weights: bool = False,
    aggregation: str | None = None,
    depth: int | None = None,
    lens: bool = True,
    scales: tuple[tuple[float, float], ...] | None = None,
) -> dict[str, Any]:
    """A valid référentiel of ``nombre`` indicators with fixed goalposts, as plain data.

    ``aggregation``: ``amean``, ``gmean``, ``min``, ``mixed`` (one method per step) or
    ``None`` (any). A geometric mean anywhere implies a strictly positive scale, unless
    ``scales`` are given.
    """
    depth = depth if depth is not None else draw(st.integers(1, 3))
    kind = aggregation or draw(st.sampled_from([*METHODS, "mixed"]))
    methods: list[str] = (
        draw(st.lists(st.sampled_from(METHODS), min_size=depth + 1, max_size=depth + 1))
        if kind == "mixed"
        else [kind] * (depth + 1)
    )
    if scales is None:
        scales = POSITIVE_SCALES if "gmean" in methods else SCALES
    scale = draw(st.sampled_from(scales))
    dimensions: list[dict[str, Any]] = []
    current = [f"d{n + 1}" for n in range(draw(st.integers(1, 3)))]
    for node, weight in zip(
        current, draw(group_weights(len(current), positive=positive_weights)), strict=True
    ):
        dimensions.append({"id": node, "label": node, "weight": weight})
    for _ in range(depth - 1):
        below = []
        for parent in current:
            children = [f"{parent}-{n + 1}" for n in range(draw(st.integers(1, 2)))]
            weights = draw(group_weights(len(children), positive=positive_weights))
            for child, weight in zip(children, weights, strict=True):
                dimensions.append({"id": child, "label": child, "parent": parent, "weight": weight})
            below.extend(children)
        current = below
    leaves = current
    counts = [1] * len(leaves)
    extra = draw(
        st.lists(
            st.integers(0, len(leaves) - 1),
            min_size=max(0, 2 - len(leaves)),
            max_size=min(12 - len(leaves), 2 * len(leaves)),
        )
    )
    for leaf in extra:
        counts[leaf] += 1
    indicators: list[dict[str, Any]] = []
    for leaf, count in zip(leaves, counts, strict=True):
        weights = draw(group_weights(count, positive=positive_weights))
        for weight in weights:
            low = draw(st.integers(-50, 50))
            high = low + draw(st.integers(1, 200))
            indicator: dict[str, Any] = {
                "id": f"I{len(indicators) + 1:02d}",
                "label": f"Indicateur {len(indicators) + 1}",
                "question": "Combien ?",
                "dimension": leaf,
                "answer": {"type": "nombre"},
                "direction": draw(st.sampled_from(["croissant", "decroissant"])),
                "normalisation": {"method": "bornes", "low": float(low), "high": float(high)},
                "weight": weight,
            }
            if lens:
                groups = draw(st.lists(st.sampled_from(LENS_GROUPS), max_size=2, unique=True))
                if groups:
                    total = draw(st.sampled_from([0.25, 0.5, 1.0]))
                    indicator["mappings"] = {LENS: {g: total / len(groups) for g in groups}}
            indicators.append(indicator)
    return {
        "id": "proprietes",
        "title": "Référentiel généré",
        "version": "1.0.0",
        "subject": "adherent",
        "scale": {"min": scale[0], "max": scale[1]},
        "aggregation": methods[0] if kind != "mixed" else methods,
        "min_coverage": draw(
            st.one_of(st.sampled_from([0.0, 0.25, 0.5, 1.0]), st.floats(0.0, 1.0))
        ),
        "dimensions": dimensions,
        "lenses": [
            {
                "id": LENS,
                "label": "Axes stratégiques",
                "groups": [{"id": g, "label": f"Axe {g}"} for g in LENS_GROUPS],
            }
        ],
        "indicators": indicators,
    }


@st.composite
def raw_column(draw: st.DrawFn, low: float, high: float, rows: int, *, full: bool) -> list[float]:
    """Raw values on a half-unit grid around the goalposts; NaN (missing) one time in five."""
    value = st.integers(int(2 * low) - 40, int(2 * high) + 40).map(lambda v: v / 2)
    if not full:
        value = st.one_of(value, value, value, value, st.just(float("nan")))
    return draw(st.lists(value, min_size=rows, max_size=rows))


@st.composite
def cases(draw: st.DrawFn, *, full: bool = False, **options: Any) -> Case:
    """A référentiel and 1–8 organisations' raw values (``full``: nothing missing)."""
    data = draw(referentiels(**options))
    rows = draw(st.integers(1, 8))
    columns: dict[str, Any] = {"organisation": [f"org-{n:02d}" for n in range(rows)]}
    for indicator in data["indicators"]:
        goalposts = indicator["normalisation"]
        columns[indicator["id"]] = draw(
            raw_column(goalposts["low"], goalposts["high"], rows, full=full)
        )
    return Case(data, pd.DataFrame(columns))


# -- helpers ------------------------------------------------------------------------------


def score(data: dict[str, Any] | us.IndicatorSet, frame: pd.DataFrame, **options: Any) -> us.Scores:
    ref = data if isinstance(data, us.IndicatorSet) else us.IndicatorSet.from_data(data)
    campaign = us.campaign_from_table(frame, ref)
    return us.score_campaign(campaign, ref, options=us.ScoringOptions(**options))


def raw_matrix(scores: us.Scores, frame: pd.DataFrame) -> NDArray[np.float64]:
    return frame[list(scores.tree.indicators)].to_numpy(dtype=np.float64)


def all_aggregates(scores: us.Scores) -> list[Aggregated]:
    return [*scores.levels, *scores.lenses.values()]


def assert_same_scores(first: us.Scores, second: us.Scores, *, normalised: bool = True) -> None:
    """Same normalised values, aggregates, coverage and flags (to rounding)."""
    close = {"rtol": 1e-12, "atol": 1e-10, "equal_nan": True}
    if normalised:
        np.testing.assert_allclose(first.normalised, second.normalised, **close)
    np.testing.assert_allclose(first.tree.effective, second.tree.effective, **close)
    assert first.lenses.keys() == second.lenses.keys()
    for one, other in zip(all_aggregates(first), all_aggregates(second), strict=True):
        assert one.nodes == other.nodes
        np.testing.assert_allclose(one.scores, other.scores, **close)
        np.testing.assert_allclose(one.coverage, other.coverage, **close)
        np.testing.assert_array_equal(one.insufficient, other.insufficient)


# -- 1. fixed goalposts stay on the scale -------------------------------------------------


@SETTINGS
@given(cases())
def test_fixed_goalposts_keep_every_score_on_the_scale(case: Case) -> None:
    ref = case.ref()
    scores = score(ref, case.frame)
    low, high = ref.scale.min, ref.scale.max
    # A mean of values on the scale may round a few ulps past it: see
    # test_aggregates_never_leave_the_scale_even_by_rounding.
    slack = 1e-12 * max(abs(low), abs(high))
    raw = raw_matrix(scores, case.frame)
    normalised = scores.normalised
    np.testing.assert_array_equal(np.isnan(normalised), np.isnan(raw))
    present = normalised[~np.isnan(normalised)]
    assert ((present >= low) & (present <= high)).all()
    for aggregated in all_aggregates(scores):
        values = aggregated.scores
        shown = values[~np.isnan(values)]
        assert ((shown >= low - slack) & (shown <= high + slack)).all(), (low, high, shown)
        # Missing only for want of data: nothing answered below, or coverage insufficient.
        missing = np.isnan(values)
        assert (~missing | aggregated.insufficient | (aggregated.coverage == 0)).all()


# -- 2. monotonicity ----------------------------------------------------------------------


@SETTINGS
@given(st.sampled_from([*METHODS, "mixed"]).flatmap(lambda m: cases(aggregation=m)), st.data())
def test_raising_one_value_moves_that_organisation_the_right_way(
    case: Case, pick: st.DataObject
) -> None:
    raw = case.frame[case.ids].to_numpy(dtype=np.float64)
    cells = np.argwhere(~np.isnan(raw))
    assume(len(cells) > 0)
    row, column = (int(v) for v in pick.draw(st.sampled_from(list(map(tuple, cells)))))
    delta = pick.draw(st.sampled_from([0.5, 1.0, 7.5, 40.0, 1000.0]))
    raised = case.frame.copy()
    raised.iloc[row, raised.columns.get_loc(case.ids[column])] += delta
    ref = case.ref()
    before, after = score(ref, case.frame), score(ref, raised)
    sign = 1.0 if case.data["indicators"][column]["direction"] == "croissant" else -1.0
    for old, new in zip(all_aggregates(before), all_aggregates(after), strict=True):
        was, now = old.scores[row], new.scores[row]
        # Answering the same cells: a node that had a score keeps one.
        np.testing.assert_array_equal(np.isnan(was), np.isnan(now))
        known = ~np.isnan(was)
        assert (sign * (now[known] - was[known]) >= 0).all(), (old.nodes, was, now)
        others = np.arange(len(case.frame)) != row
        np.testing.assert_allclose(
            new.scores[others], old.scores[others], rtol=1e-12, atol=0, equal_nan=True
        )


# -- 3. weights of one group scaled -------------------------------------------------------


@SETTINGS
@given(cases(), st.data())
def test_scaling_the_weights_of_one_group_changes_nothing(case: Case, pick: st.DataObject) -> None:
    data = copy.deepcopy(case.data)
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for dimension in data["dimensions"]:
        groups.setdefault(("dimension", dimension.get("parent")), []).append(dimension)
    for indicator in data["indicators"]:
        groups.setdefault(("indicator", indicator["dimension"]), []).append(indicator)
    chosen = pick.draw(st.sampled_from(sorted(groups, key=str)))
    factor = pick.draw(st.one_of(st.sampled_from([1e-3, 0.1, 2.0, 3.7, 1e3]), st.floats(1e-3, 1e3)))
    for item in groups[chosen]:
        item["weight"] *= factor
    assert_same_scores(score(case.data, case.frame), score(data, case.frame))


# -- 4. order of organisations and indicators ---------------------------------------------


@SETTINGS
@given(cases(), st.data())
def test_reordering_rows_or_indicators_changes_nothing(case: Case, pick: st.DataObject) -> None:
    rows = pick.draw(st.permutations(range(len(case.frame))))
    shuffled_frame = case.frame.iloc[list(rows)].reset_index(drop=True)
    data = copy.deepcopy(case.data)
    data["indicators"] = pick.draw(st.permutations(data["indicators"]))
    data["dimensions"] = pick.draw(st.permutations(data["dimensions"]))
    before = score(case.data, case.frame)
    after = score(data, shuffled_frame)
    assert set(after.tree.indicators) == set(before.tree.indicators)

    wide_before, wide_after = before.wide(), after.wide()
    assert set(wide_after.columns) == set(wide_before.columns)
    wide_after = wide_after[list(wide_before.columns)]
    assert wide_after["organisation"].tolist() == wide_before["organisation"].tolist()
    numeric = [c for c in wide_before.columns if c not in {"organisation", "rang"}]
    np.testing.assert_allclose(
        wide_after[numeric].to_numpy(dtype=np.float64),
        wide_before[numeric].to_numpy(dtype=np.float64),
        rtol=1e-12,
        atol=1e-10,
        equal_nan=True,
    )

    keys = ["organisation", "lentille", "niveau", "groupe"]
    tidy_before = before.tidy().sort_values(keys).reset_index(drop=True)
    tidy_after = after.tidy().sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(tidy_after[[*keys, "drapeaux"]], tidy_before[[*keys, "drapeaux"]])
    for column in ("score", "couverture"):
        np.testing.assert_allclose(
            tidy_after[column], tidy_before[column], rtol=1e-12, atol=1e-10, equal_nan=True
        )


# -- 5. observed min–max is affine-invariant ----------------------------------------------


@SETTINGS
@given(cases(aggregation="amean"), st.data())
def test_affine_rescaling_leaves_min_max_scores_unchanged(case: Case, pick: st.DataObject) -> None:
    column = pick.draw(st.integers(0, len(case.ids) - 1))
    code = case.ids[column]
    factor = pick.draw(
        st.one_of(st.sampled_from([1.0, 2.0, 0.25, 1e3]), st.floats(0.01, 100.0))
    ) * pick.draw(st.sampled_from([1.0, -1.0]))
    shift = pick.draw(st.one_of(st.just(0.0), st.integers(-1000, 1000).map(float)))
    rescaled = case.frame.copy()
    rescaled[code] = factor * rescaled[code] + shift
    data = copy.deepcopy(case.data)
    if factor < 0:
        indicator = data["indicators"][column]
        indicator["direction"] = {"croissant": "decroissant", "decroissant": "croissant"}[
            indicator["direction"]
        ]
    minmax = parse_normalisation("minmax")
    before = score(case.data, case.frame, normalisation=minmax)
    after = score(data, rescaled, normalisation=minmax)
    position = list(before.tree.indicators).index(code)
    np.testing.assert_allclose(
        after.normalised[:, position],
        before.normalised[:, position],
        rtol=1e-9,
        atol=1e-9,
        equal_nan=True,
    )
    # The other columns are untouched, bit for bit.
    others = np.arange(len(case.ids)) != position
    np.testing.assert_array_equal(after.normalised[:, others], before.normalised[:, others])


# -- 6. coverage --------------------------------------------------------------------------


@SETTINGS
@given(cases(positive_weights=True))
def test_coverage_is_the_answered_share_of_the_effective_weight(case: Case) -> None:
    scores = score(case.data, case.frame, min_coverage=0.0)
    answered = ~np.isnan(raw_matrix(scores, case.frame))
    effective = scores.tree.effective
    assert (effective > 0).all()
    assert np.isclose(effective.sum(), 1.0, rtol=1e-12)
    for depth, level in enumerate(scores.levels, start=1):
        assert ((level.coverage >= 0) & (level.coverage <= 1)).all()
        assert not level.insufficient.any()
        below = scores.tree.below(depth)
        expected = (answered * effective) @ below / (effective @ below)
        np.testing.assert_allclose(level.coverage, expected, rtol=1e-12, atol=1e-15)
    overall = scores.levels[-1]
    assert overall.nodes == (scores.indicator_set.overall,)
    np.testing.assert_allclose(
        overall.coverage[:, 0],
        (answered * effective).sum(axis=1) / effective.sum(),
        rtol=1e-12,
        atol=1e-15,
    )


@SETTINGS
@given(cases())
def test_every_coverage_is_a_share(case: Case) -> None:
    scores = score(case.data, case.frame)
    for level in scores.levels:
        assert ((level.coverage >= 0) & (level.coverage <= 1)).all()
    for aggregated in scores.lenses.values():
        assert ((aggregated.coverage >= 0) & (aggregated.coverage <= 1)).all()


# -- 7. determinism -----------------------------------------------------------------------


@SETTINGS
@given(cases())
def test_scoring_twice_is_bit_identical(case: Case) -> None:
    ref = case.ref()
    campaign = us.campaign_from_table(case.frame, ref)
    first = us.score_campaign(campaign, ref)
    second = us.score_campaign(campaign, ref)
    assert np.array_equal(first.normalised, second.normalised, equal_nan=True)
    assert np.array_equal(first.tree.effective, second.tree.effective)
    for one, other in zip(all_aggregates(first), all_aggregates(second), strict=True):
        assert one.nodes == other.nodes
        assert np.array_equal(one.scores, other.scores, equal_nan=True)
        assert np.array_equal(one.coverage, other.coverage, equal_nan=True)
        assert np.array_equal(one.insufficient, other.insufficient)
    assert first.wide().equals(second.wide())
    assert first.tidy().equals(second.tidy())


# -- 8. minimum coverage ------------------------------------------------------------------


@SETTINGS
@given(cases())
def test_a_node_under_the_minimum_coverage_is_missing_and_flagged(case: Case) -> None:
    ref = case.ref()
    scores = score(ref, case.frame)
    threshold = ref.min_coverage - 1e-12
    children = scores.normalised
    for step, level in zip(scores.tree.steps, scores.levels, strict=True):
        # Would have a score: some child with a positive weight has one.
        scorable = (~np.isnan(children)).astype(np.float64) @ (step.weights > 0) > 0
        under = level.coverage < threshold
        np.testing.assert_array_equal(level.insufficient, scorable & under)
        np.testing.assert_array_equal(np.isnan(level.scores), ~scorable | under)
        children = level.scores
    for aggregated in scores.lenses.values():
        under = aggregated.coverage < threshold
        assert np.isnan(aggregated.scores[under]).all()
        assert (aggregated.insufficient <= under).all()
        assert np.isnan(aggregated.scores[aggregated.insufficient]).all()


# -- golden sanity check ------------------------------------------------------------------


@SETTINGS
@given(cases(full=True, aggregation="amean", depth=1, positive_weights=True, lens=False))
def test_plain_mean_of_dimension_means(case: Case) -> None:
    data = copy.deepcopy(case.data)
    for item in (*data["dimensions"], *data["indicators"]):
        item["weight"] = 1.0
    scores = score(data, case.frame)
    codes = list(scores.tree.indicators)
    expected = np.zeros(len(case.frame))
    dimensions = [dimension["id"] for dimension in data["dimensions"]]
    for dimension in dimensions:
        members = [
            codes.index(indicator["id"])
            for indicator in data["indicators"]
            if indicator["dimension"] == dimension
        ]
        expected += scores.normalised[:, members].mean(axis=1)
    expected /= len(dimensions)
    np.testing.assert_allclose(scores.overall, expected, rtol=1e-12, atol=1e-12)
    assert (scores.levels[-1].coverage == 1.0).all()


# -- defects these properties found, fixed: each keeps its explicit example -----------------


def two_indicator_case(
    *, weights: tuple[float, float], dimension_weights: tuple[float, float] | None, **extra: Any
) -> Case:
    """I1 (= 5 on goalposts 0–10) and I2 in one dimension, or each in its own."""
    names = ["d1", "d2"] if dimension_weights else ["d1"]
    dimensions = [
        {"id": name, "label": name, "weight": weight}
        for name, weight in zip(names, dimension_weights or (1.0,), strict=True)
    ]
    indicators = [
        {
            "id": f"I{n + 1}",
            "label": f"I{n + 1}",
            "question": "Combien ?",
            "dimension": names[n % len(names)],
            "answer": {"type": "nombre"},
            "direction": "croissant",
            "normalisation": {"method": "bornes", "low": 0.0, "high": 10.0},
            "weight": weight,
        }
        for n, weight in enumerate(weights)
    ]
    data = {
        "id": "proprietes",
        "title": "Référentiel",
        "version": "1.0.0",
        "subject": "adherent",
        "min_coverage": 0.5,
        "dimensions": dimensions,
        "indicators": indicators,
        **extra,
    }
    return Case(data, pd.DataFrame({"organisation": ["org-00"], "I1": [5.0], "I2": [7.0]}))


#: d2 has weight 0 (« désactivée ») and its only indicator is answered.
ZERO_WEIGHT_DIMENSION = two_indicator_case(weights=(1.0, 1.0), dimension_weights=(1.0, 0.0))
#: Geometric mean on [0, 100]; I2 has weight 0.
ZERO_WEIGHT_INDICATOR = two_indicator_case(
    weights=(1.0, 0.0), dimension_weights=None, aggregation="gmean"
)


@SETTINGS
@example(ZERO_WEIGHT_DIMENSION)
@given(cases(full=True))
def test_a_fully_answered_node_is_fully_covered(case: Case) -> None:
    scores = score(case.data, case.frame)
    for level in scores.levels:
        assert (level.coverage == 1.0).all(), level.coverage
        assert not level.insufficient.any()
        assert not np.isnan(level.scores).any()


@SETTINGS
@example(ZERO_WEIGHT_INDICATOR, 0)
@given(cases(scales=SCALES), st.integers(0, 11))
def test_an_indicator_of_weight_zero_has_no_influence(case: Case, which: int) -> None:
    zero = [n for n, item in enumerate(case.data["indicators"]) if item["weight"] == 0]
    assume(zero)
    indicator = case.data["indicators"][zero[which % len(zero)]]
    code, goalposts = indicator["id"], indicator["normalisation"]
    missing, worst = case.frame.copy(), case.frame.copy()
    missing[code] = np.nan
    # The worst score: the scale's minimum.
    worst[code] = goalposts["low"] if indicator["direction"] == "croissant" else goalposts["high"]
    ref = case.ref()
    try:
        without = score(ref, missing)
    except us.UsageError:  # a geometric mean meeting a child of positive weight at ≤ 0
        with pytest.raises(us.UsageError):
            score(ref, worst)
        return
    assert_same_scores(without, score(ref, worst), normalised=False)


def lens_case() -> Case:
    """Three dimensions, eight indicators, all answered; four of them in group « c ».

    Σ answered (a matmul) over ``weights.sum(axis=0)`` gave group « c » a coverage of
    1.0000000000000002 here.
    """
    layout = [  # (dimension, weight, shares in the lens)
        ("d1", 3.0, {}),
        ("d2", 2.0, {"c": 0.25}),
        ("d2", 2.0, {}),
        ("d2", 3.0, {}),
        ("d2", 1.0, {}),
        ("d2", 0.5, {}),
        ("d3", 1.0, {"a": 0.25, "c": 0.25}),
        ("d3", 0.5, {"c": 0.5}),
    ]
    indicators = []
    for number, (dimension, weight, shares) in enumerate(layout, start=1):
        indicator: dict[str, Any] = {
            "id": f"I{number:02d}",
            "label": f"I{number}",
            "question": "Combien ?",
            "dimension": dimension,
            "answer": {"type": "nombre"},
            "direction": "croissant",
            "normalisation": {"method": "bornes", "low": 0.0, "high": 10.0},
            "weight": weight,
        }
        if shares:
            indicator["mappings"] = {LENS: shares}
        indicators.append(indicator)
    data = {
        "id": "proprietes",
        "title": "Référentiel",
        "version": "1.0.0",
        "subject": "adherent",
        "dimensions": [
            {"id": name, "label": name, "weight": weight}
            for name, weight in (("d1", 3.0), ("d2", 3.0), ("d3", 0.5))
        ],
        "lenses": [
            {
                "id": LENS,
                "label": "Axes stratégiques",
                "groups": [{"id": g, "label": f"Axe {g}"} for g in LENS_GROUPS],
            }
        ],
        "indicators": indicators,
    }
    values = {indicator["id"]: [5.0] for indicator in indicators}
    return Case(data, pd.DataFrame({"organisation": ["org-00"], **values}))


@SETTINGS
@example(lens_case())
@given(cases(full=True, positive_weights=True))
def test_a_fully_answered_lens_group_is_exactly_covered(case: Case) -> None:
    scores = score(case.data, case.frame)
    for aggregated in scores.lenses.values():
        assert (aggregated.coverage == 1.0).all(), aggregated.coverage
        assert not aggregated.insufficient.any()


# -- a defect found and fixed: aggregates rounding past the scale -------------------------


def one_dimension_case(
    weights: tuple[float, ...], *, aggregation: str, scale: tuple[float, float]
) -> Case:
    """Indicators of one dimension, all in lens group « a », all answered at the top goalpost."""
    indicators = [
        {
            "id": f"I{n + 1}",
            "label": f"I{n + 1}",
            "question": "Combien ?",
            "dimension": "d1",
            "answer": {"type": "nombre"},
            "normalisation": {"method": "bornes", "low": 0.0, "high": 10.0},
            "weight": weight,
            "mappings": {LENS: {"a": 1.0}},
        }
        for n, weight in enumerate(weights)
    ]
    data = {
        "id": "proprietes",
        "title": "Référentiel",
        "version": "1.0.0",
        "subject": "adherent",
        "scale": {"min": scale[0], "max": scale[1]},
        "aggregation": aggregation,
        "dimensions": [{"id": "d1", "label": "d1"}],
        "lenses": [
            {
                "id": LENS,
                "label": "Axes stratégiques",
                "groups": [{"id": g, "label": f"Axe {g}"} for g in LENS_GROUPS],
            }
        ],
        "indicators": indicators,
    }
    values = {indicator["id"]: [10.0] for indicator in indicators}
    return Case(data, pd.DataFrame({"organisation": ["org-00"], **values}))


#: gmean of a single 100 is exp(log(100)) = 100.00000000000004 (d1 and global).
GMEAN_OF_THE_MAXIMUM = one_dimension_case((1.0,), aggregation="gmean", scale=(1.0, 100.0))
#: The lens group « a »: Σ wᵢ·100 / Σ wᵢ = 100.00000000000001.
LENS_MEAN_OF_THE_MAXIMUM = one_dimension_case(
    (0.5, 3.0, 1.0), aggregation="amean", scale=(1.0, 100.0)
)


@SETTINGS
@example(GMEAN_OF_THE_MAXIMUM)
@example(LENS_MEAN_OF_THE_MAXIMUM)
@given(cases(full=True))
def test_aggregates_never_leave_the_scale_even_by_rounding(case: Case) -> None:
    ref = case.ref()
    scores = score(ref, case.frame)
    for aggregated in all_aggregates(scores):
        shown = aggregated.scores[~np.isnan(aggregated.scores)]
        assert ((shown >= ref.scale.min) & (shown <= ref.scale.max)).all(), shown


@pytest.mark.parametrize("scale", [(0.0, 100.0), (-50.0, 50.0)])
def test_a_geometric_mean_meeting_a_zero_score_is_refused(scale: tuple[float, float]) -> None:
    data = {
        "id": "proprietes",
        "title": "Référentiel",
        "version": "1.0.0",
        "subject": "adherent",
        "scale": {"min": scale[0], "max": scale[1]},
        "aggregation": "gmean",
        "dimensions": [{"id": "d1", "label": "d1"}],
        "indicators": [
            {
                "id": f"I{n}",
                "label": f"I{n}",
                "question": "Combien ?",
                "dimension": "d1",
                "answer": {"type": "nombre"},
                "normalisation": {"method": "bornes", "low": 0.0, "high": 10.0},
            }
            for n in (1, 2)
        ],
    }
    frame = pd.DataFrame({"organisation": ["a"], "I1": [0.0], "I2": [5.0]})
    with pytest.raises(us.UsageError):
        score(data, frame)
