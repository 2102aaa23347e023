"""Distribution of the campaign's members per dimension: box and jittered strip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from utilite_sociale.charts._data import check_scale, floats
from utilite_sociale.charts.style import (
    BLACK,
    FONT_SIZES,
    GREY,
    SKY_BLUE,
    VERMILLION,
    format_score,
    french_style,
    new_axes,
    number_formatter,
    set_title,
    style_axes,
    wrap_label,
)
from utilite_sociale.errors import UsageError

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Annotation

__all__ = ["DistributionChart", "distribution"]

_JITTER = 0.16  # half-width of the strip, in rows


@dataclass(frozen=True, slots=True)
class DistributionChart:
    """What :func:`distribution` drew.

    Attributes
    ----------
    figure, axes
        The figure and its axes.
    boxes
        The boxes (interquartile range), one per group having values, in group order.
    medians
        The median line of each box.
    strips
        One scatter of the members' values per group (empty for a group without values);
        the vertical jitter is seeded, hence the same drawing every time.
    highlight
        The highlighted member's points (one per group it has a value in), ``None``
        without ``highlight``.
    highlight_texts
        The highlighted values written next to their points.
    legend
        The legend.
    """

    figure: Figure
    axes: Axes
    boxes: tuple[Patch, ...]
    medians: tuple[Line2D, ...]
    strips: tuple[PathCollection, ...]
    highlight: PathCollection | None
    highlight_texts: tuple[Annotation, ...]
    legend: Legend | None


def _known(values: NDArray[np.float64]) -> NDArray[np.float64]:
    return values[~np.isnan(values)]


def distribution(
    values_by_group: Mapping[str, Sequence[float | None]],
    *,
    highlight: Mapping[str, float | None] | None = None,
    highlight_label: str = "Votre organisation",
    members_label: str = "Adhérents de la campagne",
    scale: tuple[float, float] = (0.0, 100.0),
    ax: Axes | None = None,
    title: str | None = None,
    seed: int = 0,
    wrap: int = 30,
) -> DistributionChart:
    """Draw, per dimension, the members' scores as a box over a jittered strip.

    Parameters
    ----------
    values_by_group
        Scores of the campaign's members per dimension (group), listed top to bottom;
        ``None`` and NaN values are left out.
    highlight
        The member's own score per dimension, drawn as a vermillion diamond and written.
    highlight_label, members_label
        Legend entries.
    scale
        Bounds of the score axis.
    ax
        Existing axes to draw into; a new 16 cm wide figure otherwise.
    title
        Title above the chart.
    seed
        Seed of the jitter (the same data always give the same picture).
    wrap
        Labels longer than this many characters are wrapped.

    Returns
    -------
    DistributionChart
        The figure, axes and artists drawn.

    Raises
    ------
    UsageError
        No group, or a highlighted group that is not among the groups.

    Examples
    --------
    >>> chart = distribution({"Citoyenneté": [40, 55, 61, 72]}, highlight={"Citoyenneté": 58})
    >>> chart.highlight.get_offsets().shape
    (1, 2)
    """
    from matplotlib.patheffects import withStroke

    names = [str(name) for name in values_by_group]
    if not names:
        raise UsageError("Aucun groupe à représenter.")
    groups = [_known(floats(values, name, len(values))) for name, values in values_by_group.items()]
    own = dict(highlight or {})
    unknown = sorted(set(own) - set(names))
    if unknown:
        raise UsageError(f"Groupe(s) mis en évidence absent(s) des données : {', '.join(unknown)}.")
    low, high = check_scale(scale)
    count = len(names)
    positions = np.arange(count, dtype=np.float64)
    rng = np.random.default_rng(seed)

    with french_style():
        figure, axes = new_axes(ax, size=(16.0, max(6.0, 2.8 + 1.3 * count)))
        style_axes(axes, grid="x")

        strips: list[PathCollection] = []
        for position, values in zip(positions.tolist(), groups, strict=True):
            jitter = rng.uniform(-_JITTER, _JITTER, size=values.size)
            strips.append(
                axes.scatter(
                    values,
                    position + jitter,
                    s=14,
                    color=GREY,
                    alpha=0.55,
                    linewidths=0,
                    zorder=2,
                    clip_on=False,
                    label=members_label if not strips else "_nolegend_",
                )
            )

        filled = [index for index, values in enumerate(groups) if values.size]
        boxes: tuple[Patch, ...] = ()
        medians: tuple[Line2D, ...] = ()
        if filled:
            drawn = axes.boxplot(
                [groups[index] for index in filled],
                positions=positions[filled],
                orientation="horizontal",
                widths=0.55,
                showfliers=False,
                patch_artist=True,
                manage_ticks=False,
                boxprops={"facecolor": SKY_BLUE, "alpha": 0.35, "edgecolor": BLACK},
                medianprops={"color": BLACK, "linewidth": 1.8},
                whiskerprops={"color": BLACK, "linewidth": 0.9},
                capprops={"color": BLACK, "linewidth": 0.9},
                zorder=3,
            )
            boxes = tuple(drawn["boxes"])
            medians = tuple(drawn["medians"])
        for index, values in enumerate(groups):
            if not values.size:
                axes.annotate(
                    "aucune donnée",
                    xy=(low, positions[index]),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    color=GREY,
                    fontstyle="italic",
                    fontsize=FONT_SIZES["small"],
                )

        from matplotlib.patches import Patch

        handles: list[Artist] = [
            strips[0],
            Patch(
                facecolor=SKY_BLUE,
                alpha=0.5,
                edgecolor=BLACK,
                label="Médiane et quartiles",
            ),
        ]
        highlight_points = None
        texts: list[Annotation] = []
        if highlight is not None:
            xs: list[float] = []
            ys: list[float] = []
            for index, name in enumerate(names):
                value = own.get(name)
                if value is None or np.isnan(value):
                    continue
                xs.append(float(value))
                ys.append(float(positions[index]))
                texts.append(
                    axes.annotate(
                        format_score(float(value)),
                        xy=(float(value), float(positions[index])),
                        xytext=(0, 9),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        color=VERMILLION,
                        fontweight="bold",
                        fontsize=FONT_SIZES["small"],
                        zorder=6,
                        path_effects=[withStroke(linewidth=3, foreground="white")],
                    )
                )
            highlight_points = axes.scatter(
                xs,
                ys,
                s=60,
                marker="D",
                color=VERMILLION,
                edgecolors="white",
                linewidths=1.0,
                zorder=5,
                label=highlight_label,
            )
            handles.append(highlight_points)

        axes.set_xlim(low, high)
        axes.set_ylim(count - 0.5, -0.5)
        axes.set_yticks(positions, [wrap_label(name, wrap) for name in names])
        axes.tick_params(axis="y", length=0, labelsize=FONT_SIZES["base"])
        axes.xaxis.set_major_formatter(number_formatter())
        axes.spines["left"].set_visible(False)
        set_title(axes, title)
        if ax is None:
            legend = figure.legend(handles=handles, loc="outside lower center", ncols=3)
        else:
            legend = axes.legend(
                handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3
            )
    return DistributionChart(
        figure, axes, boxes, medians, tuple(strips), highlight_points, tuple(texts), legend
    )
