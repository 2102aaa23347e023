"""Coverage per dimension (the answered share of its weight) against the minimum."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from utilite_sociale.charts._data import check_labels, floats
from utilite_sociale.charts.style import (
    BLACK,
    BLUE,
    FONT_SIZES,
    VERMILLION,
    bar_label,
    format_share,
    french_style,
    new_axes,
    percent_formatter,
    set_title,
    share_decimals,
    style_axes,
    wrap_label,
)
from utilite_sociale.errors import UsageError

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation

__all__ = ["CoverageChart", "coverage"]

_BAR_HEIGHT = 0.62
_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class CoverageChart:
    """What :func:`coverage` drew.

    Attributes
    ----------
    figure, axes
        The figure and its axes (the value axis in percent, 0 to 100).
    bars
        One bar per label, top to bottom: blue when the coverage reaches the threshold,
        vermillion under it; the bar of a missing share is hidden.
    value_texts
        One text per label: the coverage (``87,5 %``) at the right of the chart, or
        « non renseigné » where the bar would be.
    threshold_line
        The minimum coverage, ``None`` without ``threshold``.
    legend
        The legend, ``None`` without ``threshold``.
    """

    figure: Figure
    axes: Axes
    bars: BarContainer
    value_texts: tuple[Annotation, ...]
    threshold_line: Line2D | None
    legend: Legend | None


def _check_share(value: float, name: str) -> None:
    if not -_TOLERANCE <= value <= 1 + _TOLERANCE:
        raise UsageError(
            f"« {name} » vaut {value!r} : une couverture s'exprime de 0 à 1 (0,875 pour 87,5 %)."
        )


def coverage(
    labels: Sequence[str],
    shares: Sequence[float | None],
    *,
    threshold: float | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    threshold_label: str = "Couverture minimale",
    wrap: int = 34,
) -> CoverageChart:
    """Draw the coverage of each dimension as horizontal bars from 0 to 100 %.

    Parameters
    ----------
    labels
        The dimensions, listed top to bottom.
    shares
        Their coverage **from 0 to 1**, as the scoring computes it (``0.875`` is drawn
        ``87,5 %``); ``None`` or NaN when unknown.
    threshold
        The minimum coverage, from 0 to 1 (the référentiel's ``min_coverage``): a dashed
        vertical line, and bars under it in vermillion.
    ax
        Existing axes to draw into; a new 16 cm wide figure otherwise.
    title
        Title above the chart.
    threshold_label
        Legend entry of the threshold (its value is appended: « Couverture minimale :
        60 % »).
    wrap
        Labels longer than this many characters are wrapped.

    Returns
    -------
    CoverageChart
        The figure, axes and artists drawn.

    Raises
    ------
    UsageError
        A share or the threshold outside [0 ; 1].

    Examples
    --------
    >>> chart = coverage(["Citoyenneté", "Lien social"], [0.875, 0.5], threshold=0.6)
    >>> [text.get_text() for text in chart.value_texts]
    ['87,5\\xa0%', '50,0\\xa0%']
    """
    names = check_labels(labels)
    count = len(names)
    values = floats(shares, "shares", count)
    for value in values[~np.isnan(values)].tolist():
        _check_share(value, "shares")
    if threshold is not None:
        _check_share(float(threshold), "threshold")
    missing = np.isnan(values)
    percents = np.clip(np.where(missing, 0.0, values), 0.0, 1.0) * 100.0
    under = (
        np.zeros(count, dtype=bool)
        if threshold is None
        else ~missing & (values < float(threshold) - _TOLERANCE)
    )
    decimals = share_decimals(values[~missing].tolist())
    positions = np.arange(count, dtype=np.float64)

    with french_style():
        figure, axes = new_axes(ax, size=(16.0, max(5.0, 2.6 + 1.0 * count)))
        style_axes(axes, grid="x")
        bars = axes.barh(
            positions,
            percents,
            height=_BAR_HEIGHT,
            color=[VERMILLION if flag else BLUE for flag in under.tolist()],
            zorder=2,
        )
        for bar, absent in zip(bars.patches, missing.tolist(), strict=True):
            if absent:
                bar.set_visible(False)

        texts: list[Annotation] = []
        for position, share in zip(positions.tolist(), values.tolist(), strict=True):
            shown = None if np.isnan(share) else format_share(share, decimals)
            texts.append(bar_label(axes, shown, position))

        threshold_line = None
        legend = None
        if threshold is not None:
            threshold_line = axes.axvline(
                float(threshold) * 100.0,
                color=BLACK,
                linewidth=1.4,
                linestyle=(0, (4, 2)),
                zorder=3,
                label=f"{threshold_label} : {format_share(float(threshold))}",
            )
            from matplotlib.patches import Patch

            handles: list[Artist] = [threshold_line]
            if under.any():
                handles.append(Patch(color=VERMILLION, label="Sous le seuil"))
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

        axes.set_xlim(0.0, 100.0)
        axes.set_xticks(np.linspace(0.0, 100.0, 6))
        axes.xaxis.set_major_formatter(percent_formatter(0))
        axes.set_ylim(count - 0.5, -0.5)
        axes.set_yticks(positions, [wrap_label(name, wrap) for name in names])
        axes.tick_params(axis="y", length=0, labelsize=FONT_SIZES["base"])
        axes.spines["left"].set_visible(False)
        set_title(axes, title)
    return CoverageChart(figure, axes, bars, tuple(texts), threshold_line, legend)
