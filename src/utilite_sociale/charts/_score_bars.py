"""Horizontal bars of indicator scores, with the campaign's benchmark and the targets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from utilite_sociale.charts._data import check_labels, check_scale, floats, optional_floats
from utilite_sociale.charts.style import (
    BLACK,
    BLUE,
    FONT_SIZES,
    VERMILLION,
    bar_label,
    format_score,
    french_style,
    new_axes,
    number_formatter,
    set_title,
    style_axes,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.collections import LineCollection
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation

__all__ = ["ScoreBarsChart", "score_bars"]

_BAR_HEIGHT = 0.62


@dataclass(frozen=True, slots=True)
class ScoreBarsChart:
    """What :func:`score_bars` drew.

    Attributes
    ----------
    figure, axes
        The figure and its axes.
    bars
        One bar per label, in the order of ``labels`` (top to bottom); the bar of a
        missing value is hidden (zero width, invisible).
    value_texts
        One text per label: the score written the French way at the right of the chart,
        or « non renseigné » where the bar would be.
    benchmarks
        One vertical segment per known benchmark, ``None`` without ``benchmarks``.
    targets
        The targets' markers (one point per known target), ``None`` without ``targets``.
    legend
        The legend, ``None`` when there are neither benchmarks nor targets.
    """

    figure: Figure
    axes: Axes
    bars: BarContainer
    value_texts: tuple[Annotation, ...]
    benchmarks: LineCollection | None
    targets: Line2D | None
    legend: Legend | None


def score_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    benchmarks: Sequence[float | None] | None = None,
    targets: Sequence[float | None] | None = None,
    scale: tuple[float, float] = (0.0, 100.0),
    ax: Axes | None = None,
    title: str | None = None,
    label: str = "Votre organisation",
    benchmark_label: str = "Médiane de la campagne",
    target_label: str = "Objectif",
    decimals: int = 1,
    wrap: int = 34,
) -> ScoreBarsChart:
    """Draw one horizontal bar per indicator score, with benchmark and target marks.

    Parameters
    ----------
    labels
        The indicators (or dimensions), listed top to bottom.
    values
        Their scores; ``None`` or NaN when missing (« non renseigné » instead of a bar).
    benchmarks
        A reference per indicator (the campaign's median, say): a black vertical segment
        across the bar.
    targets
        The member's target per indicator: a vermillion diamond.
    scale
        Bounds of the score axis.
    ax
        Existing axes to draw into; a new 16 cm wide figure otherwise.
    title
        Title above the chart.
    label, benchmark_label, target_label
        Legend entries.
    decimals
        Digits after the decimal comma of the scores written at the right.
    wrap
        Labels longer than this many characters are wrapped.

    Returns
    -------
    ScoreBarsChart
        The figure, axes and artists drawn.

    Examples
    --------
    >>> chart = score_bars(["Citoyenneté", "Transition écologique"], [54.2, None])
    >>> [text.get_text() for text in chart.value_texts]
    ['54,2', 'non renseigné']
    """
    names = check_labels(labels)
    count = len(names)
    scores = floats(values, "values", count)
    medians = optional_floats(benchmarks, "benchmarks", count)
    goals = optional_floats(targets, "targets", count)
    low, high = check_scale(scale)
    missing = np.isnan(scores)
    positions = np.arange(count, dtype=np.float64)

    with french_style():
        figure, axes = new_axes(ax, size=(16.0, max(5.0, 2.6 + 1.0 * count)))
        style_axes(axes, grid="x")
        bars = axes.barh(
            positions,
            np.where(missing, 0.0, scores - low),
            left=low,
            height=_BAR_HEIGHT,
            color=BLUE,
            label=label,
            zorder=2,
        )
        for bar, absent in zip(bars.patches, missing.tolist(), strict=True):
            if absent:
                bar.set_visible(False)

        texts: list[Annotation] = []
        for position, score in zip(positions.tolist(), scores.tolist(), strict=True):
            shown = None if np.isnan(score) else format_score(score, decimals)
            texts.append(bar_label(axes, shown, position, start=low))

        from matplotlib.patches import Patch

        handles: list[Artist] = [Patch(color=BLUE, label=label)]
        benchmark_marks = None
        if medians is not None:
            from matplotlib.collections import LineCollection

            known = ~np.isnan(medians)
            half = _BAR_HEIGHT / 2 + 0.08
            segments = [
                [(value, position - half), (value, position + half)]
                for value, position in zip(
                    medians[known].tolist(), positions[known].tolist(), strict=True
                )
            ]
            benchmark_marks = LineCollection(
                segments, colors=BLACK, linewidths=2.2, label=benchmark_label, zorder=3
            )
            axes.add_collection(benchmark_marks, autolim=False)
            handles.append(benchmark_marks)
        target_marks = None
        if goals is not None:
            known = ~np.isnan(goals)
            (target_marks,) = axes.plot(
                goals[known],
                positions[known],
                linestyle="none",
                marker="D",
                markersize=6.5,
                markerfacecolor=VERMILLION,
                markeredgecolor="white",
                markeredgewidth=1.0,
                label=target_label,
                zorder=4,
            )
            handles.append(target_marks)

        axes.set_xlim(low, high)
        axes.set_ylim(count - 0.5, -0.5)  # first label on top
        axes.set_yticks(positions, [wrap_label(name, wrap) for name in names])
        axes.tick_params(axis="y", length=0, labelsize=FONT_SIZES["base"])
        axes.xaxis.set_major_formatter(number_formatter())
        axes.spines["left"].set_visible(False)
        set_title(axes, title)

        legend = None
        if len(handles) > 1:
            if ax is None:
                legend = figure.legend(
                    handles=handles, loc="outside lower center", ncols=len(handles)
                )
            else:
                legend = axes.legend(
                    handles=handles,
                    loc="upper center",
                    bbox_to_anchor=(0.5, -0.12),
                    ncols=len(handles),
                )
    return ScoreBarsChart(figure, axes, bars, tuple(texts), benchmark_marks, target_marks, legend)
