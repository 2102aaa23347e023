"""Heat map of the campaign: members (rows) × dimensions (columns)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from utilite_sociale.charts._data import check_scale
from utilite_sociale.charts.style import (
    CM,
    FONT_SIZES,
    GREY,
    LIGHT_GREY,
    TEXT,
    format_score,
    french_style,
    new_axes,
    number_formatter,
    set_title,
    wrap_label,
)
from utilite_sociale.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.collections import PatchCollection
    from matplotlib.colorbar import Colorbar
    from matplotlib.figure import Figure
    from matplotlib.image import AxesImage
    from matplotlib.text import Text

__all__ = ["ANNOTATE_MAX", "HeatmapChart", "heatmap"]

ANNOTATE_MAX = (30, 12)  # rows, columns: up to this grid, each cell shows its value
_LABELLED_ROWS_MAX = 40  # beyond, rows are too thin for their names
_COLORMAP = "cividis"  # perceptually uniform, designed for colour vision deficiencies


@dataclass(frozen=True, slots=True)
class HeatmapChart:
    """What :func:`heatmap` drew.

    Attributes
    ----------
    figure, axes
        The figure and its axes.
    image
        The grid, its array of the frame's shape (missing cells masked).
    colorbar
        The colour scale.
    missing
        The hatched grey squares over the missing cells, ``None`` when none is missing.
    texts
        The values written in the cells (row by row; « — » for a missing cell); empty when
        the grid is larger than :data:`ANNOTATE_MAX`.
    """

    figure: Figure
    axes: Axes
    image: AxesImage
    colorbar: Colorbar
    missing: PatchCollection | None
    texts: tuple[Text, ...]


def heatmap(
    frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    scale: tuple[float, float] = (0.0, 100.0),
    colorbar_label: str = "Score",
    decimals: int = 0,
    wrap: int = 16,
) -> HeatmapChart:
    """Draw members × dimensions as a heat map, with the values written when it is small.

    Parameters
    ----------
    frame
        One row per member (the index names them), one column per dimension; missing
        scores (NaN) are drawn as hatched grey cells marked « — ».
    ax
        Existing axes to draw into (the colour bar takes room beside them); a new 16 cm
        wide figure otherwise, its height following the number of rows.
    title
        Title above the chart.
    scale
        Scores mapped to the ends of the colour scale.
    colorbar_label
        Label of the colour scale.
    decimals
        Digits after the decimal comma of the values written in the cells.
    wrap
        Column labels longer than this many characters are wrapped.

    Returns
    -------
    HeatmapChart
        The figure, axes and artists drawn.

    Raises
    ------
    UsageError
        An empty frame, or one with non-numeric values.

    Examples
    --------
    >>> import pandas as pd
    >>> chart = heatmap(pd.DataFrame({"Citoyenneté": [40.0, None]}, index=["A", "B"]))
    >>> chart.image.get_array().shape
    (2, 1)
    """
    import matplotlib
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle

    rows, columns = frame.shape
    if rows == 0 or columns == 0:
        raise UsageError("Le tableau à représenter est vide.")
    try:
        values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError) as error:
        raise UsageError(f"Le tableau contient des valeurs non numériques ({error}).") from None
    if np.isinf(values).any():
        raise UsageError("Le tableau contient une valeur infinie.")
    low, high = check_scale(scale)
    missing = np.isnan(values)
    row_names = [str(name) for name in frame.index]
    column_names = [str(name) for name in frame.columns]
    annotate = rows <= ANNOTATE_MAX[0] and columns <= ANNOTATE_MAX[1]

    with french_style():
        height = min(24.0, max(7.0, 4.0 + 0.6 * rows))
        figure, axes = new_axes(ax, size=(16.0, height))
        colormap = matplotlib.colormaps[_COLORMAP].with_extremes(bad=LIGHT_GREY)
        norm = Normalize(vmin=low, vmax=high)
        image = axes.imshow(
            np.ma.masked_invalid(values),
            cmap=colormap,
            norm=norm,
            aspect="auto",
            interpolation="nearest",
        )

        hatched = None
        if missing.any():
            cells = [
                Rectangle((column - 0.5, row - 0.5), 1.0, 1.0)
                for row, column in zip(*np.nonzero(missing), strict=True)
            ]
            hatched = PatchCollection(
                cells, facecolor=LIGHT_GREY, edgecolor=GREY, linewidth=0.0, hatch="////"
            )
            hatched.set_zorder(2)
            axes.add_collection(hatched, autolim=False)

        texts: list[Text] = []
        if annotate:
            size = FONT_SIZES["small"] if columns <= 8 else FONT_SIZES["small"] - 1
            for row in range(rows):
                for column in range(columns):
                    value = float(values[row, column])
                    box: dict[str, str] | None = None
                    if np.isnan(value):  # « — » on a grey patch hiding the hatching
                        colour = TEXT
                        box = {
                            "boxstyle": "square,pad=0.2",
                            "facecolor": LIGHT_GREY,
                            "edgecolor": "none",
                        }
                    else:
                        red, green, blue, _alpha = colormap(norm(value))
                        luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
                        colour = "black" if luminance > 0.45 else "white"
                    texts.append(
                        axes.text(
                            column,
                            row,
                            format_score(value, decimals),
                            ha="center",
                            va="center",
                            color=colour,
                            fontsize=size,
                            fontweight="bold",
                            bbox=box,
                            zorder=3,
                        )
                    )

        # White separators between the cells, no frame.
        axes.set_xticks(np.arange(-0.5, columns, 1.0), minor=True)
        axes.set_yticks(np.arange(-0.5, rows, 1.0), minor=True)
        axes.grid(which="minor", color="white", linewidth=1.5)
        axes.grid(which="major", visible=False)
        axes.tick_params(which="both", length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)

        axes.xaxis.tick_top()
        if columns <= 6:
            axes.set_xticks(np.arange(columns), [wrap_label(n, wrap) for n in column_names])
            axes.tick_params(axis="x", labelsize=FONT_SIZES["small"])
        else:
            axes.set_xticks(np.arange(columns), column_names)
            axes.tick_params(axis="x", labelsize=FONT_SIZES["small"], labelrotation=35)
            for tick in axes.get_xticklabels():
                tick.set_horizontalalignment("left")
                tick.set_rotation_mode("anchor")
        if rows <= _LABELLED_ROWS_MAX:
            axes.set_yticks(np.arange(rows), row_names)
            axes.tick_params(axis="y", labelsize=FONT_SIZES["small"])
        else:
            axes.set_yticks([])
            axes.set_ylabel(f"{rows} adhérents")

        # About 8 cm of colour scale, whatever the height of the grid.
        axes_height = axes.get_position().height * figure.get_figheight() / CM
        shrink = min(0.85, 8.0 / max(axes_height, 1e-9))
        aspect = max(axes_height * shrink / 0.35, 1.0)  # a bar about 3.5 mm wide
        colorbar = figure.colorbar(image, ax=axes, shrink=shrink, pad=0.02, aspect=aspect)
        colorbar.set_label(colorbar_label)
        colorbar.ax.yaxis.set_major_formatter(number_formatter())
        colorbar.ax.tick_params(labelsize=FONT_SIZES["small"], length=2, color=GREY)
        colorbar.outline.set_visible(False)
        set_title(axes, title)
    return HeatmapChart(figure, axes, image, colorbar, hatched, tuple(texts))
