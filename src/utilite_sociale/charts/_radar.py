"""Radar chart: the member's profile over the dimensions, against the campaign's median."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import numpy as np
from numpy.typing import NDArray

from utilite_sociale.charts._data import check_labels, check_scale, floats, optional_floats
from utilite_sociale.charts.style import (
    BLUE,
    FONT_SIZES,
    GREY,
    LIGHT_GREY,
    MISSING_TEXT,
    ORANGE,
    TEXT,
    french_style,
    new_axes,
    number_formatter,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon
    from matplotlib.projections.polar import PolarAxes
    from matplotlib.text import Annotation

__all__ = ["RadarChart", "radar"]

_LABEL_OFFSET = 8.0  # points between the outer circle and a dimension's label


@dataclass(frozen=True, slots=True)
class RadarChart:
    """What :func:`radar` drew.

    Attributes
    ----------
    figure, axes
        The figure and its polar axes.
    line
        The member's closed polygon: ``n + 1`` points (the first repeated last); a missing
        value is a NaN point, hence a gap without marker.
    fill
        The member's shaded area, ``None`` when a value is missing (a partial area would
        mislead).
    reference_line
        The campaign's polygon (``n + 1`` points), ``None`` without ``reference``.
    labels
        The dimensions' labels around the circle, in the order of ``labels``.
    legend
        The legend, ``None`` when there is nothing to compare.
    """

    figure: Figure
    axes: Axes
    line: Line2D
    fill: Polygon | None
    reference_line: Line2D | None
    labels: tuple[Annotation, ...]
    legend: Legend | None


def _closed(values: NDArray[np.float64]) -> list[float]:
    return [*values.tolist(), float(values[0])]


def radar(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    reference: Sequence[float | None] | None = None,
    reference_label: str = "Médiane de la campagne",
    label: str = "Votre organisation",
    scale: tuple[float, float] = (0.0, 100.0),
    ax: Axes | None = None,
    title: str | None = None,
    wrap: int = 20,
) -> RadarChart:
    """Draw a radar of scores per dimension (or per legal criterion).

    Parameters
    ----------
    labels
        The dimensions, at least three, drawn clockwise from the top.
    values
        The member's score per dimension; ``None`` or NaN when missing (a gap in the line,
        « non renseigné » under the dimension's label).
    reference
        The campaign's score per dimension (its median, say), drawn dashed.
    reference_label, label
        Legend entries of the reference and of the member.
    scale
        Bounds of the radial axis (the centre, then the outer circle).
    ax
        Existing *polar* axes to draw into; a new 16 × 12 cm figure otherwise.
    title
        Title above the chart.
    wrap
        Labels longer than this many characters are wrapped on several lines.

    Returns
    -------
    RadarChart
        The figure, axes and artists drawn.

    Raises
    ------
    UsageError
        Fewer than three dimensions, one value missing from a list, an invalid scale or
        non-polar ``ax``.

    Examples
    --------
    >>> chart = radar(["Lien social", "Citoyenneté", "Transition écologique"], [62.5, 48, 71])
    >>> len(chart.line.get_xdata())
    4
    """
    names = check_labels(labels, minimum=3)
    count = len(names)
    member = floats(values, "values", count)
    median = optional_floats(reference, "reference", count)
    low, high = check_scale(scale)

    with french_style():
        figure, axes = new_axes(ax, size=(16.0, 12.0), polar=True)
        polar = cast("PolarAxes", axes)
        polar.set_theta_offset(math.pi / 2)
        polar.set_theta_direction(-1)
        angles = np.linspace(0.0, 2 * math.pi, count, endpoint=False)
        closed_angles = [*angles.tolist(), float(angles[0])]

        # Scale: five rings, labelled along the spoke between the first two dimensions.
        polar.set_ylim(low, high)
        polar.set_yticks(np.linspace(low, high, 6))
        polar.yaxis.set_major_formatter(number_formatter())
        polar.set_rlabel_position(math.degrees(angles[1] / 2))
        polar.tick_params(axis="y", labelsize=FONT_SIZES["small"] - 0.5, labelcolor=GREY)
        polar.set_xticks(angles)
        polar.set_xticklabels([])
        polar.grid(True, color=LIGHT_GREY, linewidth=0.6)
        polar.spines["polar"].set_color(LIGHT_GREY)

        reference_line = None
        if median is not None:
            (reference_line,) = polar.plot(
                closed_angles,
                _closed(median),
                color=ORANGE,
                linewidth=1.6,
                linestyle=(0, (4, 2)),
                marker="o",
                markersize=3,
                label=reference_label,
                zorder=3,
            )
        (line,) = polar.plot(
            closed_angles,
            _closed(member),
            color=BLUE,
            linewidth=2.0,
            marker="o",
            markersize=4.5,
            label=label,
            zorder=4,
        )
        fill = None
        if not np.isnan(member).any():
            (fill,) = polar.fill(
                closed_angles, _closed(member), color=BLUE, alpha=0.15, linewidth=0, zorder=2
            )

        texts: list[Annotation] = []
        top_lines = 1
        bottom_lines = 0
        for index, (name, angle) in enumerate(zip(names, angles.tolist(), strict=True)):
            direction = math.pi / 2 - angle  # on screen, counter-clockwise from the right
            dx, dy = math.cos(direction), math.sin(direction)
            # Labels at the top and bottom have the whole width: wrapped less.
            text = wrap_label(name, wrap if abs(dx) > 0.2 else round(wrap * 1.5))
            if np.isnan(member[index]):
                text += f"\n({MISSING_TEXT})"
            ha = "left" if dx > 0.2 else "right" if dx < -0.2 else "center"
            va = "bottom" if dy > 0.2 else "top" if dy < -0.2 else "center"
            texts.append(
                polar.annotate(
                    text,
                    xy=(angle, high),
                    xytext=(dx * _LABEL_OFFSET, dy * _LABEL_OFFSET),
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=FONT_SIZES["base"],
                    color=TEXT,
                    annotation_clip=False,
                )
            )
            if index == 0:
                top_lines = text.count("\n") + 1
            if va == "top":
                bottom_lines = max(bottom_lines, text.count("\n") + 1)

        if title:
            # Above the top dimension's label, which the layout does not move the title for.
            pad = _LABEL_OFFSET + 4 + top_lines * FONT_SIZES["base"] * 1.25
            polar.set_title(title, loc="left", pad=pad, fontweight="bold")

        legend = None
        if reference_line is not None:
            handles = [line, reference_line]
            if ax is None:
                legend = figure.legend(handles=handles, loc="outside lower center", ncols=2)
            else:
                # Under the bottom labels, centred: a fixed-aspect (round) axes leaves no
                # reliable room at its sides.
                below = _LABEL_OFFSET + 6 + bottom_lines * FONT_SIZES["base"] * 1.25
                legend = polar.legend(
                    handles=handles,
                    loc="upper center",
                    bbox_to_anchor=(0.5, 0.0),
                    borderaxespad=below / FONT_SIZES["small"],
                    ncols=2,
                )
    return RadarChart(figure, axes, line, fill, reference_line, tuple(texts), legend)
