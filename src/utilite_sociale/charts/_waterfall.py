"""Waterfall: how the indicators add up to a score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from utilite_sociale.charts._data import check_labels, floats
from utilite_sociale.charts.style import (
    BLUE,
    FONT_SIZES,
    GREEN,
    GREY,
    MISSING_TEXT,
    TEXT,
    VERMILLION,
    format_score,
    french_style,
    new_axes,
    number_formatter,
    set_title,
    style_axes,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.collections import LineCollection
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

__all__ = ["WaterfallChart", "waterfall"]

_BAR_HEIGHT = 0.6


@dataclass(frozen=True, slots=True)
class WaterfallChart:
    """What :func:`waterfall` drew.

    Attributes
    ----------
    figure, axes
        The figure and its axes.
    bars
        One bar per contribution, from the running total before it to the one after it
        (green when it adds, vermillion when it takes away); the bar of a missing
        contribution is hidden.
    total_bar
        The total's single bar, from zero to the sum of the known contributions.
    connectors
        The dotted lines joining each bar's end to the next bar.
    value_texts
        One text per contribution (signed: ``+12,5``, ``−3,0``, or « non renseigné »),
        then the total's.
    """

    figure: Figure
    axes: Axes
    bars: BarContainer
    total_bar: BarContainer
    connectors: LineCollection
    value_texts: tuple[Annotation, ...]


def _signed(value: float, decimals: int) -> str:
    text = format_score(value, decimals)
    return text if text.startswith("−") else f"+{text}"


def waterfall(
    labels: Sequence[str],
    contributions: Sequence[float | None],
    *,
    total_label: str = "Score global",
    ax: Axes | None = None,
    title: str | None = None,
    decimals: int = 1,
    wrap: int = 34,
) -> WaterfallChart:
    """Draw the contributions of indicators to a score, cumulated down to the total.

    Parameters
    ----------
    labels
        The indicators (or dimensions), listed top to bottom.
    contributions
        Each one's contribution to the score (weight × normalised value, in points of the
        score); negative ones take away; ``None`` or NaN when missing (« non renseigné »,
        not counted).
    total_label
        Label of the last bar, the sum of the known contributions.
    ax
        Existing axes to draw into; a new 16 cm wide figure otherwise.
    title
        Title above the chart.
    decimals
        Digits after the decimal comma of the values written.
    wrap
        Labels longer than this many characters are wrapped.

    Returns
    -------
    WaterfallChart
        The figure, axes and artists drawn.

    Examples
    --------
    >>> chart = waterfall(["Emploi", "Gouvernance"], [20.5, -3.0])
    >>> [text.get_text() for text in chart.value_texts]
    ['+20,5', '−3,0', '17,5']
    """
    from matplotlib.collections import LineCollection

    names = check_labels(labels)
    count = len(names)
    parts = floats(contributions, "contributions", count)
    missing = np.isnan(parts)
    known = np.where(missing, 0.0, parts)
    after = np.cumsum(known)
    before = after - known
    total = float(after[-1])
    positions = np.arange(count + 1, dtype=np.float64)

    with french_style():
        figure, axes = new_axes(ax, size=(16.0, max(6.0, 2.6 + 0.95 * (count + 1))))
        style_axes(axes, grid="x")
        colours = [VERMILLION if value < 0 else GREEN for value in known.tolist()]
        bars = axes.barh(
            positions[:count], known, left=before, height=_BAR_HEIGHT, color=colours, zorder=2
        )
        for bar, absent in zip(bars.patches, missing.tolist(), strict=True):
            if absent:
                bar.set_visible(False)
        total_bar = axes.barh(
            [float(count)], [total], left=0.0, height=_BAR_HEIGHT, color=BLUE, zorder=2
        )

        half = _BAR_HEIGHT / 2
        connectors = LineCollection(
            [
                [(float(end), position + half), (float(end), position + 1 - half)]
                for end, position in zip(after.tolist(), positions[:count].tolist(), strict=True)
            ],
            colors=GREY,
            linewidths=0.8,
            linestyles=(0, (1.5, 1.5)),
            zorder=1,
        )
        axes.add_collection(connectors, autolim=False)

        texts: list[Annotation] = []
        for index in range(count):
            if missing[index]:
                text, x, colour, style = MISSING_TEXT, float(before[index]), GREY, "italic"
            else:
                text = _signed(float(parts[index]), decimals)
                x, colour, style = max(float(before[index]), float(after[index])), TEXT, "normal"
            texts.append(
                axes.annotate(
                    text,
                    xy=(x, positions[index]),
                    xytext=(4, 0),
                    textcoords="offset points",
                    ha="left",
                    va="center",
                    color=colour,
                    fontstyle=style,
                    fontsize=FONT_SIZES["small"],
                )
            )
        texts.append(
            axes.annotate(
                format_score(total, decimals),
                xy=(max(total, 0.0), float(count)),
                xytext=(4, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                color=TEXT,
                fontweight="bold",
                fontsize=FONT_SIZES["base"],
            )
        )

        ends = np.concatenate([[0.0], before, after])
        low, high = float(ends.min()), float(ends.max())
        span = max(high - low, 1e-9)
        axes.set_xlim(low - (0.02 * span if low < 0 else 0.0), high + 0.14 * span)
        axes.axvline(0.0, color=GREY, linewidth=0.8, zorder=1)
        axes.set_ylim(count + 0.5, -0.5)
        axes.set_yticks(positions, [wrap_label(name, wrap) for name in [*names, total_label]])
        axes.tick_params(axis="y", length=0, labelsize=FONT_SIZES["base"])
        axes.get_yticklabels()[-1].set_fontweight("bold")
        axes.xaxis.set_major_formatter(number_formatter())
        axes.spines["left"].set_visible(False)
        set_title(axes, title)
    return WaterfallChart(figure, axes, bars, total_bar, connectors, tuple(texts))
