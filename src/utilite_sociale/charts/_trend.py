"""A score over the periods, with its sensitivity band."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from utilite_sociale.charts._data import check_labels, check_scale, floats, optional_floats
from utilite_sociale.charts.style import (
    BLUE,
    FONT_SIZES,
    MISSING_TEXT,
    TEXT,
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
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation

__all__ = ["TrendChart", "trend"]


@dataclass(frozen=True, slots=True)
class TrendChart:
    """What :func:`trend` drew.

    Attributes
    ----------
    figure, axes
        The figure and its axes.
    line
        The score, one point per period (NaN for a missing period: a gap).
    band
        The sensitivity band between ``low`` and ``high``, ``None`` without them.
    value_texts
        The scores written above their points (« non renseigné » for a missing period).
    legend
        The legend, ``None`` without band.
    """

    figure: Figure
    axes: Axes
    line: Line2D
    band: PolyCollection | None
    value_texts: tuple[Annotation, ...]
    legend: Legend | None


def trend(
    periods: Sequence[str],
    values: Sequence[float | None],
    *,
    low: Sequence[float | None] | None = None,
    high: Sequence[float | None] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    label: str = "Score de votre organisation",
    band_label: str = "Intervalle de sensibilité",
    scale: tuple[float, float] | None = (0.0, 100.0),
    decimals: int = 1,
) -> TrendChart:
    """Draw a score over the periods with the band of its sensitivity analysis.

    Parameters
    ----------
    periods
        The periods in order (« 2023 », « 2024 »…), evenly spaced on the axis.
    values
        The score per period; ``None`` or NaN when missing (a gap in the line).
    low, high
        Bounds of the score per period under the sensitivity analysis (both or none); a
        period missing either has no band.
    ax
        Existing axes to draw into; a new 16 × 9 cm figure otherwise.
    title
        Title above the chart.
    label, band_label
        Legend entries.
    scale
        Bounds of the score axis; ``None`` fits the data.
    decimals
        Digits after the decimal comma of the scores written above the points.

    Returns
    -------
    TrendChart
        The figure, axes and artists drawn.

    Raises
    ------
    UsageError
        Only one of ``low`` and ``high``, or lists of different lengths.

    Examples
    --------
    >>> chart = trend(["2023", "2024", "2025"], [51.0, None, 58.4], low=[47, 50, 55],
    ...               high=[55, 58, 61])
    >>> [text.get_text() for text in chart.value_texts]
    ['51,0', 'non renseigné', '58,4']
    """
    from matplotlib.patheffects import withStroke

    names = check_labels(periods)
    count = len(names)
    scores = floats(values, "values", count)
    lower = optional_floats(low, "low", count)
    upper = optional_floats(high, "high", count)
    if (lower is None) != (upper is None):
        raise UsageError("La bande de sensibilité demande ses deux bornes : low et high.")
    bounds = check_scale(scale) if scale is not None else None
    positions = np.arange(count, dtype=np.float64)

    with french_style():
        figure, axes = new_axes(ax, size=(16.0, 9.0))
        style_axes(axes, grid="y")
        band = None
        handles: list[Artist] = []
        if lower is not None and upper is not None:
            known = ~(np.isnan(lower) | np.isnan(upper))
            band = axes.fill_between(
                positions,
                np.where(known, lower, 0.0),
                np.where(known, upper, 0.0),
                where=known.tolist(),
                color=BLUE,
                alpha=0.18,
                linewidth=0,
                label=band_label,
                zorder=1,
            )
        (line,) = axes.plot(
            positions,
            scores,
            color=BLUE,
            linewidth=2.0,
            marker="o",
            markersize=5,
            label=label,
            zorder=3,
        )
        if band is not None:
            handles = [line, band]

        texts: list[Annotation] = []
        floor = bounds[0] if bounds is not None else float(np.nanmin(scores, initial=0.0))
        for position, score in zip(positions.tolist(), scores.tolist(), strict=True):
            missing = bool(np.isnan(score))
            texts.append(
                axes.annotate(
                    MISSING_TEXT if missing else format_score(score, decimals),
                    xy=(position, floor if missing else score),
                    xytext=(0, 4 if missing else 8),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    color=TEXT,
                    fontsize=FONT_SIZES["small"],
                    fontstyle="italic" if missing else "normal",
                    fontweight="normal" if missing else "bold",
                    zorder=4,
                    path_effects=[withStroke(linewidth=3, foreground="white")],
                )
            )

        axes.set_xticks(positions, [wrap_label(name, 14) for name in names])
        axes.set_xlim(-0.5, count - 0.5)
        if bounds is not None:
            axes.set_ylim(*bounds)
        axes.yaxis.set_major_formatter(number_formatter())
        axes.tick_params(axis="x", length=0, labelsize=FONT_SIZES["base"])
        set_title(axes, title)

        legend = None
        if handles:
            if ax is None:
                legend = figure.legend(handles=handles, loc="outside lower center", ncols=2)
            else:
                legend = axes.legend(handles=handles, loc="best")
    return TrendChart(figure, axes, line, band, tuple(texts), legend)
