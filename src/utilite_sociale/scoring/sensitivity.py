"""Uncertainty and sensitivity of the global score (Handbook step 7), by Monte Carlo.

By default each weight of the tree is multiplied by an independent draw of U(0,8 ; 1,2)
(± 20 %), then renormalised within its group; optionally the weights of each group are drawn
from a Dirichlet centred on the nominal ones. Alternative normalisations (only the [0, 100]
methods ``bornes``, ``minmax``, ``cible``) and aggregations are drawn uniformly, only when the
caller lists them; an alternative that cannot run on the data (a geometric mean meeting a
value ≤ 0) is refused before any draw. Seeded: the same seed gives the same intervals, bit
for bit, and the parameters of every draw are kept.

Vectorised: the draws go through the tree as matrix products, by blocks of draws, with no
Python loop over organisations or draws.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import UsageError

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import NDArray

    from .results import Scores

__all__ = ["DEFAULT_SEED", "Sensitivity", "run_sensitivity"]

DEFAULT_SEED = 20_140_731  # the date of the ESS law, 31 July 2014
_ALLOWED_NORMALISATIONS = ("bornes", "minmax", "cible")
_BLOCK = 200


@dataclass(frozen=True)
class Sensitivity:
    """Monte Carlo results for the global score.

    Attributes
    ----------
    draws
        Number of draws.
    seed
        The seed used.
    scores
        Global score of each organisation in each draw (draws × rows).
    ranks
        Rank within the period in each draw (draws × rows).
    weights
        The weights of every draw, per aggregation step (draws × children of that step).
    normalisation, aggregation
        Index of the alternative used by each draw (into ``normalisations``/``aggregations``).
    normalisations, aggregations
        The alternatives (the first is the nominal choice).
    nominal
        Global score with the nominal weights and methods.
    """

    draws: int
    seed: int
    scores: NDArray[np.float64]
    ranks: NDArray[np.float64]
    weights: tuple[NDArray[np.float64], ...]
    normalisation: NDArray[np.int64]
    aggregation: NDArray[np.int64]
    normalisations: tuple[str, ...]
    aggregations: tuple[tuple[str, ...], ...]
    nominal: NDArray[np.float64]
    nominal_ranks: NDArray[np.float64]
    keys: tuple[str, ...]
    periods: tuple[str | None, ...]
    drivers: tuple[str, ...]

    def intervals(self) -> pd.DataFrame:
        """Per organisation: nominal score and rank, 5th–95th percentile intervals, driver."""
        import pandas as pd

        with _quiet():
            low, median, high = np.nanpercentile(self.scores, [5, 50, 95], axis=0)
            rank_low, rank_high = np.nanpercentile(self.ranks, [5, 95], axis=0)
        return pd.DataFrame(
            {
                "organisation": self.keys,
                "periode": self.periods,
                "score": self.nominal,
                "score_p05": low,
                "score_mediane": median,
                "score_p95": high,
                "rang": self.nominal_ranks,
                "rang_p05": rank_low,
                "rang_p95": rank_high,
                "facteur_principal": self.drivers,
            }
        )


def run_sensitivity(
    scores: Scores,
    *,
    draws: int = 1000,
    seed: int = DEFAULT_SEED,
    noise: float = 0.2,
    dirichlet: float | None = None,
    normalisations: tuple[str, ...] = (),
    aggregations: tuple[str, ...] = (),
) -> Sensitivity:
    """Draw weights (and listed alternative methods) and recompute the global score.

    Parameters
    ----------
    scores
        The nominal result (:func:`score_campaign`): its normalised data and tree are reused.
    draws
        Number of Monte Carlo draws (≥ 1).
    seed
        Random seed (the default is fixed: results are reproducible).
    noise
        Half-width of the uniform multiplicative noise on each weight (0,2: ± 20 %).
    dirichlet
        Instead of uniform noise, draw each group's weights from a Dirichlet with
        concentration ``dirichlet × nominal share`` (larger = closer to the nominal weights).
    normalisations
        Alternative normalisations to draw among: ``bornes``, ``minmax``, ``cible``.
    aggregations
        Alternative aggregations to draw among: ``amean``, ``gmean``, ``min`` or per-step
        lists such as ``amean,gmean,gmean``.

    Raises
    ------
    UsageError
        Bad parameters, an alternative outside the allowed ones, or one that cannot run on
        the data (checked before any draw).
    """
    from .aggregate import combine
    from .engine import period_blocks
    from .normalise import normalise, resolve_methods
    from .options import parse_aggregation, parse_normalisation

    if draws < 1:
        raise UsageError(f"--sensibilite : le nombre de tirages doit être ≥ 1 ({draws}).")
    if not 0 <= noise < 1:
        raise UsageError(f"Bruit sur les poids hors de [0 ; 1[ : {noise}.")
    for name in normalisations:
        if name.split(":")[0] not in _ALLOWED_NORMALISATIONS:
            raise UsageError(
                f"Normalisation « {name} » refusée pour l'analyse de sensibilité : seules "
                "bornes, minmax et cible donnent des scores comparables sur [0 ; 100]."
            )
    tree = scores.tree
    steps = len(tree.steps)
    nominal_aggregation = tuple(scores.aggregation)
    aggregation_options = (
        nominal_aggregation,
        *tuple(tuple(parse_aggregation(text, steps=steps)) for text in aggregations),
    )
    ref = scores.indicator_set
    indicators = [ref.indicator(code) for code in tree.indicators]
    scale = (ref.scale.min, ref.scale.max)
    blocks = period_blocks(scores.campaign.periods)
    normalised_options = [scores.normalised]
    names = ["nominale"]
    for text in normalisations:
        methods = resolve_methods(ref, indicators, parse_normalisation(text))
        normalised_options.append(normalise(scores.raw, methods, scale=scale, blocks=blocks))
        names.append(text)
    # Refuse before drawing: every (normalisation, aggregation) pair must run.
    for data in normalised_options:
        for methods_list in aggregation_options:
            _check_runs(data, tree, methods_list, combine)
    rng = np.random.default_rng(seed)
    weights = tuple(
        _draw_weights(step.weights, step.mask, draws, rng, noise, dirichlet) for step in tree.steps
    )
    norm_index = (
        rng.integers(0, len(normalised_options), draws)
        if normalisations
        else np.zeros(draws, np.int64)
    )
    agg_index = (
        rng.integers(0, len(aggregation_options), draws)
        if aggregations
        else np.zeros(draws, np.int64)
    )
    rows = len(scores.campaign)
    results = np.full((draws, rows), np.nan)
    insufficient = [level.insufficient for level in scores.levels]
    for n_choice, data in enumerate(normalised_options):
        for a_choice, methods_list in enumerate(aggregation_options):
            chosen = np.flatnonzero((norm_index == n_choice) & (agg_index == a_choice))
            for start in range(0, chosen.size, _BLOCK):
                block = chosen[start : start + _BLOCK]
                results[block] = _propagate(
                    data, tree, methods_list, [w[block] for w in weights], insufficient
                )
    ranks = _ranks(results, blocks)
    drivers = _drivers(
        scores, normalised_options, aggregation_options, weights, rng, blocks, insufficient
    )
    return Sensitivity(
        draws=draws,
        seed=seed,
        scores=results,
        ranks=ranks,
        weights=weights,
        normalisation=norm_index.astype(np.int64),
        aggregation=agg_index.astype(np.int64),
        normalisations=tuple(names),
        aggregations=aggregation_options,
        nominal=scores.overall,
        nominal_ranks=scores.ranks(),
        keys=tuple(scores.campaign.keys),
        periods=tuple(scores.campaign.periods),
        drivers=drivers,
    )


def _check_runs(data: Any, tree: Any, methods: tuple[str, ...], combine: Any) -> None:
    values = data
    for step, method in zip(tree.steps, methods, strict=True):
        values = combine(values, step.weights, step.mask, method)


def _draw_weights(
    nominal: NDArray[np.float64],
    mask: NDArray[np.bool_],
    draws: int,
    rng: np.random.Generator,
    noise: float,
    dirichlet: float | None,
) -> NDArray[np.float64]:
    """Draws × children: each child's weight in its own group, renormalised per group."""
    own = nominal.sum(axis=1)
    parent = np.argmax(mask, axis=1)
    if dirichlet is not None:
        drawn = np.zeros((draws, own.size))
        for group in np.unique(parent):
            members = np.flatnonzero((parent == group) & (own > 0))
            if members.size == 0:
                continue
            share = own[members] / own[members].sum()
            drawn[:, members] = rng.dirichlet(np.maximum(share * dirichlet, 1e-9), size=draws)
        return drawn
    factors = rng.uniform(1.0 - noise, 1.0 + noise, size=(draws, own.size))
    drawn = own[None, :] * factors
    totals = np.zeros((draws, int(parent.max()) + 1))
    np.add.at(totals.T, parent, drawn.T)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals[:, parent] > 0, drawn / totals[:, parent], 0.0)


def _propagate(
    data: NDArray[np.float64],
    tree: Any,
    methods: tuple[str, ...],
    weights: list[NDArray[np.float64]],
    insufficient: list[NDArray[np.bool_]],
) -> NDArray[np.float64]:
    """Global scores (block of draws × rows) for the drawn weights."""
    draws = weights[0].shape[0]
    values = np.broadcast_to(data, (draws, *data.shape))  # draws × rows × children
    for step, method, drawn, blank in zip(tree.steps, methods, weights, insufficient, strict=True):
        membership = step.membership  # children × parents
        present = ~np.isnan(values)
        weight = drawn[:, None, :] * present  # draws × rows × children
        denominator = weight @ membership
        with np.errstate(invalid="ignore", divide="ignore"):
            if method == "amean":
                numerator = (np.where(present, values, 0.0) * weight) @ membership
                parents = numerator / denominator
            elif method == "gmean":
                used = present & (drawn[:, None, :] > 0)
                logs = np.log(np.where(used, values, 1.0))
                parents = np.exp(((logs * weight) @ membership) / denominator)
            else:
                masked = np.where(present & (drawn[:, None, :] > 0), values, np.inf)
                parents = np.stack(
                    [masked[..., step.mask[:, p]].min(axis=-1) for p in range(membership.shape[1])],
                    axis=-1,
                )
                parents = np.where(np.isinf(parents), np.nan, parents)
        parents = np.where(denominator > 0, parents, np.nan)
        values = np.where(blank[None, :, :], np.nan, parents)
    result: NDArray[np.float64] = values[:, :, 0]
    return result


def _ranks(results: NDArray[np.float64], blocks: list[NDArray[np.int64]]) -> NDArray[np.float64]:
    """Rank of each row within its period, per draw (1 = best, ties take the lowest).

    Vectorised over draws and organisations: sort each draw, give each run of equal values
    the position of its first element, scatter back.
    """
    ranks = np.full(results.shape, np.nan)
    for rows in blocks:
        values = results[:, rows]
        higher = np.where(np.isnan(values), np.inf, -values)
        order = np.argsort(higher, axis=1, kind="stable")
        ordered = np.take_along_axis(higher, order, axis=1)
        positions = np.broadcast_to(np.arange(len(rows)), ordered.shape)
        first = np.ones(ordered.shape, bool)
        first[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
        starts = np.maximum.accumulate(np.where(first, positions, 0), axis=1) + 1.0
        found = np.empty(values.shape)
        np.put_along_axis(found, order, starts, axis=1)
        ranks[:, rows] = np.where(np.isnan(values), np.nan, found)
    return ranks


def _drivers(
    scores: Scores,
    normalised_options: list[NDArray[np.float64]],
    aggregation_options: tuple[tuple[str, ...], ...],
    weights: tuple[NDArray[np.float64], ...],
    rng: np.random.Generator,
    blocks: list[NDArray[np.int64]],
    insufficient: list[NDArray[np.bool_]],
) -> tuple[str, ...]:
    """Which assumption moves each organisation's score most (widest 5–95 % interval alone)."""
    tree = scores.tree
    nominal_agg = aggregation_options[0]
    sample = min(weights[0].shape[0], 200)
    spreads: dict[str, NDArray[np.float64]] = {}
    alone = _propagate(
        normalised_options[0], tree, nominal_agg, [w[:sample] for w in weights], insufficient
    )
    spreads["poids"] = _width(alone)
    if len(normalised_options) > 1:
        spreads["normalisation"] = _width(
            np.stack(
                [_nominal(data, tree, nominal_agg, insufficient) for data in normalised_options]
            )
        )
    if len(aggregation_options) > 1:
        spreads["agregation"] = _width(
            np.stack(
                [
                    _nominal(normalised_options[0], tree, agg, insufficient)
                    for agg in aggregation_options
                ]
            )
        )
    names = list(spreads)
    stacked = np.stack([spreads[name] for name in names])
    best = np.argmax(np.nan_to_num(stacked, nan=-1.0), axis=0)
    return tuple(names[index] for index in best)


def _nominal(
    data: NDArray[np.float64],
    tree: Any,
    methods: tuple[str, ...],
    insufficient: list[NDArray[np.bool_]],
) -> NDArray[np.float64]:
    nominal = [step.weights.sum(axis=1)[None, :] for step in tree.steps]
    result: NDArray[np.float64] = _propagate(data, tree, methods, nominal, insufficient)[0]
    return result


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence numpy's « all-NaN slice » warning: an organisation without score stays NaN."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _width(values: NDArray[np.float64]) -> NDArray[np.float64]:
    with _quiet():
        low, high = np.nanpercentile(values, [5, 95], axis=0)
    result: NDArray[np.float64] = high - low
    return result
