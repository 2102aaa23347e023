"""Aggregation up the main tree and through the lenses, with coverage (DESIGN §4).

Per step, each parent is the weighted arithmetic mean, weighted geometric mean or minimum of
its children that have a score; the weights of the missing children are dropped and the
others renormalised (COINr's rule). A node whose coverage — the answered share of the
effective weight below it — is under the minimum is missing (« couverture insuffisante »),
never 0, and its parent renormalises over the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

    from .model import LensMatrix, Tree

__all__ = ["Aggregated", "aggregate_lens", "aggregate_tree", "combine"]


@dataclass(frozen=True)
class Aggregated:
    """Scores and coverage of the nodes of one level (units × nodes)."""

    nodes: tuple[str, ...]
    scores: NDArray[np.float64]
    coverage: NDArray[np.float64]
    insufficient: NDArray[np.bool_]


def combine(
    values: NDArray[np.float64],
    weights: NDArray[np.float64],
    mask: NDArray[np.bool_],
    method: str,
    *,
    where: str = "",
) -> NDArray[np.float64]:
    """Aggregate children (units × children) into parents (units × parents).

    Parameters
    ----------
    values
        Children's scores; NaN = missing (dropped, weights renormalised).
    weights
        Raw weights (children × parents).
    mask
        Child belongs to parent.
    method
        ``amean``, ``gmean`` or ``min``.
    where
        Name of the step, for the error message.

    Raises
    ------
    UsageError
        ``gmean`` meeting a value ≤ 0 (as COINr: never clamped, never dropped).
    """
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    denominator = present.astype(np.float64) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "amean":
            result = (filled @ weights) / denominator
        elif method == "gmean":
            used = present & (weights.sum(axis=1) > 0)[None, :]
            bad = used & (filled <= 0)
            if bad.any():
                unit, child = np.argwhere(bad)[0]
                raise UsageError(
                    "La moyenne géométrique refuse les valeurs nulles ou négatives "
                    f"({int(bad.sum())} valeur(s) ≤ 0{where}, par exemple "
                    f"{values[unit, child]:g}) : normalisez sur un intervalle strictement "
                    "positif (--normalisation minmax:1,100) ou choisissez une autre agrégation."
                )
            # A child of weight 0 takes no part (its log, possibly of 0, is never used).
            logs = np.where(used, np.log(np.where(used, values, 1.0)), 0.0)
            result = np.exp((logs @ weights) / denominator)
        elif method == "min":
            result = np.full((values.shape[0], weights.shape[1]), np.nan)
            for parent in range(weights.shape[1]):
                children = np.flatnonzero(mask[:, parent] & (weights[:, parent] > 0))
                if children.size:
                    block = values[:, children]
                    some = ~np.isnan(block).all(axis=1)
                    result[some, parent] = np.nanmin(block[some], axis=1)
            return result
        else:  # pragma: no cover - options are parsed before
            raise ValueError(method)
    result = np.where(denominator > 0, result, np.nan)
    return _within_children(values, result, weights)


def _within_children(
    values: NDArray[np.float64], result: NDArray[np.float64], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Clip each mean to its children's range: rounding never pushes it past them (a mean
    of scores all at 100 is 100, not 100.00000000000001)."""
    for parent in range(weights.shape[1]):
        children = np.flatnonzero(weights[:, parent] > 0)
        if not children.size:
            continue
        block = values[:, children]
        some = ~np.isnan(block).all(axis=1)
        if some.any():
            low = np.nanmin(block[some], axis=1)
            high = np.nanmax(block[some], axis=1)
            result[some, parent] = np.clip(result[some, parent], low, high)
    return result


def aggregate_tree(
    normalised: NDArray[np.float64],
    observed: NDArray[np.bool_],
    tree: Tree,
    methods: Sequence[str],
    *,
    min_coverage: float,
) -> list[Aggregated]:
    """Scores of every level above the indicators, bottom-up.

    Parameters
    ----------
    normalised
        Units × indicators, NaN = missing.
    observed
        Units × indicators: the value was answered (not imputed) — coverage counts these.
    tree
        The référentiel's tree.
    methods
        One aggregation method per step.
    min_coverage
        Minimum coverage of a node (0 to 1).
    """
    # Coverage bottom-up: an answered indicator covers 1, a node covers the weighted share of
    # its children's coverage (weights normalised within the group; a child without score
    # covers nothing) — the answered share of the effective weight below the node.
    covered = np.where(observed & ~np.isnan(normalised), 1.0, 0.0)
    scores = normalised
    levels: list[Aggregated] = []
    for step, method in zip(tree.steps, methods, strict=True):
        totals = step.weights.sum(axis=0)
        shares = np.divide(
            step.weights, totals[None, :], out=np.zeros_like(step.weights), where=totals > 0
        )
        # Divided by the same sum over full coverage, so that a fully answered node is
        # exactly 1 (not 0.999…).
        contributing = np.where(np.isnan(scores), 0.0, covered)
        covered_share = (contributing[:, :, None] * shares[None, :, :]).sum(axis=1)
        full = (np.ones_like(contributing)[:, :, None] * shares[None, :, :]).sum(axis=1)
        coverage = np.minimum(
            np.divide(covered_share, full, out=np.zeros_like(covered_share), where=full > 0),
            1.0,
        )
        name = f" entre « {step.children[0]}… » et « {step.parents[0]}… »"
        parents = combine(scores, step.weights, step.mask, method, where=name)
        insufficient = ~np.isnan(parents) & (coverage < min_coverage - 1e-12)
        parents = np.where(insufficient, np.nan, parents)
        levels.append(Aggregated(step.parents, parents, coverage, insufficient))
        covered = coverage
        scores = parents
    return levels


def aggregate_lens(
    normalised: NDArray[np.float64],
    observed: NDArray[np.bool_],
    tree: Tree,
    lens: LensMatrix,
    *,
    min_coverage: float,
) -> Aggregated:
    """Scores of one lens's groups: Σ sᵢg·wᵢ·xᵢ / Σ sᵢg·wᵢ over the answered indicators."""
    weights = lens.shares * tree.effective[:, None]
    present = ~np.isnan(normalised)
    filled = np.where(present, normalised, 0.0)
    denominator = present.astype(np.float64) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(denominator > 0, (filled @ weights) / denominator, np.nan)
    scores = _within_children(normalised, scores, weights)
    # The same sums over answered and over all indicators: a fully answered group is
    # covered exactly 1.
    answered_mask = (observed & present).astype(np.float64)
    answered = (answered_mask[:, :, None] * weights[None, :, :]).sum(axis=1)
    totals = (np.ones_like(answered_mask)[:, :, None] * weights[None, :, :]).sum(axis=1)
    coverage = np.minimum(
        np.divide(answered, totals, out=np.zeros_like(answered), where=totals > 0), 1.0
    )
    insufficient = ~np.isnan(scores) & (coverage < min_coverage - 1e-12)
    return Aggregated(lens.groups, np.where(insufficient, np.nan, scores), coverage, insufficient)
