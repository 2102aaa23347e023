"""The référentiel's tree and lenses as matrices: what the aggregation multiplies.

The main tree (global ← dimensions ← … ← indicators, every indicator at the same depth) is a
sequence of steps; step ``k`` maps the nodes of level ``k`` (level 0: the scored indicators)
to their parents with their raw weights. Effective weights are the products of the weights
normalised within each group along an indicator's path (DESIGN §4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..framework.models import IndicatorSet

__all__ = ["LensMatrix", "Step", "Tree", "build_tree"]


@dataclass(frozen=True)
class Step:
    """One aggregation step: children (rows) → parents (columns).

    Attributes
    ----------
    children, parents
        Node codes.
    weights
        Raw weights (children × parents), 0 outside a child's own parent.
    mask
        Whether the child belongs to the parent (a weight may be 0).
    """

    children: tuple[str, ...]
    parents: tuple[str, ...]
    weights: NDArray[np.float64]
    mask: NDArray[np.bool_]

    @property
    def membership(self) -> NDArray[np.float64]:
        """1.0 where the child belongs to the parent, whatever its weight."""
        return self.mask.astype(np.float64)


@dataclass(frozen=True)
class LensMatrix:
    """Shares of each indicator in each group of one lens."""

    lens: str
    label: str
    groups: tuple[str, ...]
    group_labels: dict[str, str]
    shares: NDArray[np.float64]


@dataclass(frozen=True)
class Tree:
    """The main tree, bottom-up, and the lenses of a référentiel."""

    indicators: tuple[str, ...]
    steps: tuple[Step, ...]
    effective: NDArray[np.float64]
    lenses: tuple[LensMatrix, ...]
    overall: str

    @property
    def levels(self) -> list[tuple[str, ...]]:
        """Node codes of each level, from the indicators (level 0) to the global score."""
        return [self.indicators, *(step.parents for step in self.steps)]

    def below(self, level: int) -> NDArray[np.float64]:
        """Indicator × node matrix of level ``level``: 1 where the indicator is below it."""
        reach = np.eye(len(self.indicators))
        for step in self.steps[:level]:
            reach = reach @ step.membership
        return reach


def build_tree(indicator_set: IndicatorSet) -> Tree:
    """Build the aggregation steps, effective weights and lens shares of a référentiel.

    Parameters
    ----------
    indicator_set
        A valid référentiel (every scored indicator at the same depth).

    Returns
    -------
    Tree
    """
    ref = indicator_set
    scored = [indicator for indicator in ref.scored_indicators if indicator.dimension]
    indicators = tuple(indicator.id for indicator in scored)
    depth = ref.depth
    # Level k (1..depth): dimensions at depth (depth - k + 1); level depth + 1: the root.
    levels: list[list[str]] = [list(indicators)]
    parent_of: list[dict[str, str]] = [
        {indicator.id: str(indicator.dimension) for indicator in scored}
    ]
    weight_of: list[dict[str, float]] = [{indicator.id: indicator.weight for indicator in scored}]
    for level in range(1, depth + 1):
        nodes = [d.id for d in ref.dimensions if ref.dimension_depth(d.id) == depth - level + 1]
        levels.append(nodes)
        parent_of.append(
            {
                node: (ref.dimension(node).parent or ref.overall) if level < depth else ref.overall
                for node in nodes
            }
        )
        weight_of.append({node: ref.dimension(node).weight for node in nodes})
    levels.append([ref.overall])
    steps: list[Step] = []
    for level in range(depth + 1):
        children, parents = levels[level], levels[level + 1]
        index = {parent: position for position, parent in enumerate(parents)}
        weights = np.zeros((len(children), len(parents)))
        mask = np.zeros((len(children), len(parents)), bool)
        for row, child in enumerate(children):
            column = index[parent_of[level][child]]
            weights[row, column] = weight_of[level][child]
            mask[row, column] = True
        steps.append(Step(tuple(children), tuple(parents), weights, mask))
    effective = np.ones(len(indicators))
    reach = np.eye(len(indicators))
    for step in steps:
        totals = step.weights.sum(axis=0)
        normalised = np.divide(
            step.weights, totals, out=np.zeros_like(step.weights), where=totals > 0
        )
        # Each indicator's current ancestor, then that ancestor's normalised weight.
        effective = effective * (reach @ normalised).sum(axis=1)
        reach = reach @ step.membership
    lenses = []
    for lens in ref.all_lenses():
        groups = ref.covered_groups(lens.id) if any(i.mappings.get(lens.id) for i in scored) else []
        if not groups:
            continue
        position = {group: column for column, group in enumerate(groups)}
        shares = np.zeros((len(indicators), len(groups)))
        for row, indicator in enumerate(scored):
            for group, share in indicator.mappings.get(lens.id, {}).items():
                if group in position:
                    shares[row, position[group]] = share
        group_labels = ref.lens_groups(lens.id)
        lenses.append(LensMatrix(lens.id, lens.label, tuple(groups), group_labels, shares))
    return Tree(indicators, tuple(steps), effective, tuple(lenses), ref.overall)
