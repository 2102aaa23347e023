"""One French chart style: Okabe–Ito colours, DejaVu Sans, sizes readable on A4, no chartjunk.

Every chart of :mod:`utilite_sociale.charts` is drawn on a
:class:`matplotlib.figure.Figure` created here, without pyplot and without touching
matplotlib's global state (the style is applied through :func:`french_style`, a
:func:`matplotlib.rc_context`). Numbers on axes are written the French way through
:mod:`utilite_sociale._format`: ``12,5`` and ``12,5 %``.

matplotlib is imported inside the functions only, so that importing this module (for its
colours, say) stays instantaneous.
"""

from __future__ import annotations

import io
import math
import os
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from utilite_sociale._atomic import atomic_write_bytes
from utilite_sociale._format import NBSP, format_number, format_percent
from utilite_sociale.errors import UsageError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation
    from matplotlib.ticker import FuncFormatter
    from matplotlib.typing import RcKeyType

__all__ = [
    "BLACK",
    "BLUE",
    "CM",
    "DEFAULT_SIZE",
    "FONT_FAMILY",
    "FONT_SIZES",
    "GREEN",
    "GREY",
    "LIGHT_GREY",
    "MISSING_TEXT",
    "ORANGE",
    "PALETTE",
    "PINK",
    "SKY_BLUE",
    "TEXT",
    "VERMILLION",
    "YELLOW",
    "bar_label",
    "format_score",
    "format_share",
    "french_style",
    "new_axes",
    "number_formatter",
    "percent_formatter",
    "save_figure",
    "set_title",
    "share_decimals",
    "style_axes",
    "wrap_label",
]

# The Okabe–Ito palette (Okabe & Ito, 2008), distinguishable with every common colour
# vision deficiency. Order of use: the member in blue, the campaign in orange.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PINK = "#CC79A7"
PALETTE: tuple[str, ...] = (BLUE, ORANGE, GREEN, VERMILLION, SKY_BLUE, PINK, YELLOW, BLACK)

TEXT = "#1A1A1A"
GREY = "#595959"  # axes, secondary text (contrast 7:1 on white)
LIGHT_GREY = "#D9D9D9"  # grid, missing cells

FONT_FAMILY = "DejaVu Sans"  # shipped with matplotlib: every French glyph, « », ’, U+202F
# Points, for a chart printed about 16 cm wide on A4 (the body text being 10–11 pt).
FONT_SIZES: dict[str, float] = {"base": 9.0, "small": 8.0, "title": 10.5}

CM = 1 / 2.54  # inches per centimetre
DEFAULT_SIZE: tuple[float, float] = (16.0, 10.0)  # centimetres
MISSING_TEXT = "non renseigné"
_FORMATS = ("png", "svg", "pdf")


def _rc() -> dict[RcKeyType, Any]:
    from cycler import cycler

    base, small, title = FONT_SIZES["base"], FONT_SIZES["small"], FONT_SIZES["title"]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY],
        "font.size": base,
        "text.color": TEXT,
        "axes.titlesize": title,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.titlepad": 10.0,
        "axes.labelsize": base,
        "axes.labelcolor": TEXT,
        "axes.edgecolor": GREY,
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "axes.axisbelow": True,
        "axes.unicode_minus": True,
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "grid.color": LIGHT_GREY,
        "grid.linewidth": 0.6,
        "xtick.labelsize": small,
        "ytick.labelsize": small,
        "xtick.color": GREY,
        "ytick.color": GREY,
        "xtick.labelcolor": TEXT,
        "ytick.labelcolor": TEXT,
        "legend.fontsize": small,
        "legend.frameon": False,
        "image.cmap": "cividis",
        "hatch.color": GREY,
        "hatch.linewidth": 0.5,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "svg.fonttype": "path",  # the SVG looks the same without the font installed
        "svg.hashsalt": "utilite_sociale",  # reproducible SVG identifiers
    }


@contextmanager
def french_style() -> Iterator[None]:
    """Apply the library's chart style for the duration of a ``with`` block.

    Only matplotlib's settings are changed, and restored on exit (no global state).

    Examples
    --------
    >>> from utilite_sociale.charts.style import french_style
    >>> with french_style():
    ...     pass
    """
    import matplotlib

    with matplotlib.rc_context(_rc()):
        yield


def _is_missing(value: float) -> bool:
    return not math.isfinite(value)


def _common_decimals(values: Iterable[float], maximum: int = 3) -> int:
    """Fewest decimals writing every finite value exactly (tick values share their decimals)."""
    finite = [value for value in values if math.isfinite(value)]
    for decimals in range(maximum + 1):
        if all(
            abs(round(value, decimals) - value) <= 1e-9 * max(1.0, abs(value)) for value in finite
        ):
            return decimals
    return maximum


@lru_cache(maxsize=1)
def _formatter_class() -> Callable[[int | None, bool, float], FuncFormatter]:
    """The French tick formatter class, defined on first use (matplotlib imported then)."""
    from matplotlib.ticker import FuncFormatter

    class FrenchFormatter(FuncFormatter):
        """A :class:`~matplotlib.ticker.FuncFormatter` writing through ``_format``.

        The ticks of an axis share their number of decimals: the formatter remembers the
        locations it is given (``set_locs``) to choose it.
        """

        def __init__(self, decimals: int | None, percent: bool, factor: float) -> None:
            super().__init__(self._format)
            self.decimals = decimals
            self.percent = percent
            self.factor = factor
            self.tick_values: list[float] = []

        def set_locs(self, locs: list[float]) -> None:
            super().set_locs(locs)
            self.tick_values = [float(loc) * self.factor for loc in locs]

        def _format(self, value: float, _position: int | None = None) -> str:
            if _is_missing(value):
                return "—"
            scaled = value * self.factor
            digits = self.decimals
            if digits is None:
                digits = _common_decimals(self.tick_values or [scaled])
            if self.percent:
                return format_percent(scaled, digits)
            return format_number(scaled, digits)

    return FrenchFormatter


def _formatter(decimals: int | None, percent: bool, factor: float) -> FuncFormatter:
    return _formatter_class()(decimals, percent, factor)


def number_formatter(decimals: int | None = None) -> FuncFormatter:
    """Axis formatter writing scores the French way: ``12,5``, ``1 234``, ``−3``.

    Parameters
    ----------
    decimals
        Digits after the decimal comma; ``None`` (default) takes the fewest that write every
        tick of the axis exactly, the same for all its ticks (``0``, ``2,5``… → ``0,0``,
        ``2,5``).

    Returns
    -------
    matplotlib.ticker.FuncFormatter
        To pass to ``ax.xaxis.set_major_formatter``.

    Examples
    --------
    >>> number_formatter(1)(12.5, 0)
    '12,5'
    """
    return _formatter(decimals, percent=False, factor=1.0)


def percent_formatter(decimals: int | None = None, *, fraction: bool = False) -> FuncFormatter:
    """Axis formatter writing percentages the French way: ``12,5 %`` (no-break space).

    Parameters
    ----------
    decimals
        Digits after the decimal comma (``None``: the fewest exact for the axis's ticks).
    fraction
        The axis is in shares from 0 to 1 (``0.125`` → ``12,5 %``) instead of percents.

    Returns
    -------
    matplotlib.ticker.FuncFormatter

    Examples
    --------
    >>> percent_formatter(0, fraction=True)(0.5, 0)
    '50\\xa0%'
    """
    return _formatter(decimals, percent=True, factor=100.0 if fraction else 1.0)


def format_score(value: float, decimals: int = 1) -> str:
    """A score for a label on a chart: ``"62,4"``, or ``"—"`` when missing."""
    return "—" if _is_missing(value) else format_number(value, decimals)


def format_share(value: float, decimals: int | None = None) -> str:
    """A share from 0 to 1 for a label on a chart: ``0.875`` → ``"87,5 %"`` (``"—"`` if missing).

    ``decimals=None`` writes at most one decimal, and none for a whole percentage.
    """
    if _is_missing(value):
        return "—"
    percent = value * 100.0
    digits = decimals if decimals is not None else _common_decimals([percent], maximum=1)
    return format_percent(percent, digits)


def share_decimals(values: Iterable[float], maximum: int = 1) -> int:
    """Decimals writing shares (0 to 1) as percentages alike: one if any needs it."""
    return _common_decimals([value * 100.0 for value in values], maximum=maximum)


def wrap_label(label: str, width: int = 22) -> str:
    """Wrap a long label on balanced lines no longer than ``width`` (words are never cut).

    The fewest lines are used, then the narrowest width giving that many lines, so that no
    word is left alone on a last line (« Nombre d'ateliers collectifs par / an »).

    Examples
    --------
    >>> print(wrap_label("Soutien aux personnes en situation de fragilité", 22))
    Soutien aux personnes
    en situation de
    fragilité
    >>> print(wrap_label("Nombre d'ateliers collectifs par an", 30))
    Nombre d'ateliers
    collectifs par an

    A line never starts with « : », « ; », « ? », « ! » or « » » (French spacing kept):

    >>> wrap_label("Socle politique : vivre, penser", 18).splitlines()
    ['Socle politique\\xa0:', 'vivre, penser']
    """
    # The space before a high punctuation mark (or inside guillemets) does not break.
    label = re.sub(r" ([:;?!»])", "\u00a0\\1", label).replace("« ", "«\u00a0")

    def lines(limit: int) -> list[str]:
        return textwrap.wrap(label, width=limit, break_long_words=False, break_on_hyphens=False)

    wrapped = lines(width)
    if len(wrapped) <= 1:
        return label
    longest_word = max(len(word) for word in label.split())
    for limit in range(max(longest_word, 1), width + 1):
        balanced = lines(limit)
        if len(balanced) == len(wrapped):
            return "\n".join(balanced)
    return "\n".join(wrapped)  # pragma: no cover - the loop reaches ``width``


def new_axes(
    ax: Axes | None = None,
    *,
    size: tuple[float, float] = DEFAULT_SIZE,
    polar: bool = False,
) -> tuple[Figure, Axes]:
    """Return the figure and axes to draw on: ``ax``'s, or new ones without pyplot.

    Parameters
    ----------
    ax
        Existing axes (a notebook's subplot, say): drawn into as they are.
    size
        Width and height in centimetres of a new figure (16 cm fills an A4 text column).
    polar
        Create polar axes (the radar); an existing ``ax`` must then be polar already.

    Returns
    -------
    tuple of (matplotlib.figure.Figure, matplotlib.axes.Axes)
        A new figure has an Agg canvas (``fig.canvas.draw()`` works, no display needed)
        and the constrained layout engine, set once.

    Raises
    ------
    UsageError
        ``ax`` is not polar while a polar chart is asked for.
    """
    if ax is not None:
        if polar and getattr(ax, "name", "") != "polar":
            raise UsageError(
                "Ce graphique demande des axes polaires : "
                "créez-les avec subplot_kw={'projection': 'polar'}."
            )
        figure = ax.get_figure(root=True)
        if figure is None:  # pragma: no cover - axes always belong to a figure
            raise UsageError("Ces axes n'appartiennent à aucune figure.")
        return figure, ax
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width, height = size
    if not (width > 0 and height > 0):
        raise UsageError(f"Taille de figure invalide : {size!r} (centimètres, positifs).")
    with french_style():
        figure = Figure(figsize=(width * CM, height * CM), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot(projection="polar" if polar else None)
    return figure, axes


def bar_label(ax: Axes, text: str | None, position: float, *, start: float = 0.0) -> Annotation:
    """The label of one horizontal bar: its value in the right margin, or, for a missing
    value (``text`` is ``None``), « non renseigné » in grey italics where the bar would start."""
    if text is None:
        return ax.annotate(
            MISSING_TEXT,
            xy=(start, position),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=GREY,
            fontstyle="italic",
            fontsize=FONT_SIZES["small"],
        )
    return ax.annotate(
        text,
        xy=(1.0, position),
        xycoords=("axes fraction", "data"),
        xytext=(6, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        color=TEXT,
        fontweight="bold",
        fontsize=FONT_SIZES["small"],
        annotation_clip=False,
    )


def style_axes(ax: Axes, *, grid: Literal["x", "y", "both"] | None = None) -> None:
    """Give axes the library's look, even axes created outside :func:`new_axes`.

    Top and right spines removed, grey ticks, small tick labels, a light grid on the
    value axis only (``grid``) drawn under the data.
    """
    for side in ("top", "right"):
        if side in ax.spines:
            ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        if side in ax.spines:
            ax.spines[side].set_color(GREY)
            ax.spines[side].set_linewidth(0.8)
    ax.tick_params(
        labelsize=FONT_SIZES["small"], color=GREY, labelcolor=TEXT, width=0.8, length=3.0
    )
    ax.set_axisbelow(True)
    if grid is not None:
        ax.grid(True, axis=grid, color=LIGHT_GREY, linewidth=0.6)
        if grid != "both":
            ax.grid(False, axis="y" if grid == "x" else "x")


def set_title(ax: Axes, title: str | None) -> None:
    """Set a left-aligned bold title (nothing when ``title`` is ``None``)."""
    if title:
        ax.set_title(title, loc="left", fontsize=FONT_SIZES["title"], fontweight="bold", color=TEXT)


def _targets(path: str | os.PathLike[str], formats: Sequence[str]) -> list[tuple[str, Path]]:
    target = Path(path)
    if target.suffix.lower().lstrip(".") in _FORMATS:
        target = target.with_suffix("")
    return [(fmt, target.with_name(f"{target.name}.{fmt}")) for fmt in formats]


def save_figure(
    fig: Figure,
    path: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = 150,
) -> list[Path]:
    """Write a figure in each format, atomically, creating the folder.

    Parameters
    ----------
    fig
        The figure (``chart.figure``).
    path
        Destination with or without a suffix: ``rapport/radar`` and ``rapport/radar.png``
        both give ``rapport/radar.png`` and ``rapport/radar.svg``.
    formats
        Among ``"png"``, ``"svg"`` and ``"pdf"``.
    dpi
        Resolution of the PNG (150 for screens and office printers, 300 for print).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    UsageError
        Unknown format or non-positive resolution.

    Notes
    -----
    Each file is rendered in memory, then written to a temporary file of the same folder
    renamed into place: a reader never sees a half-written image. The SVG carries no date
    and stable identifiers, so that an unchanged chart gives an unchanged file.
    """
    wanted = [fmt.lower().lstrip(".") for fmt in formats]
    unknown = [fmt for fmt in wanted if fmt not in _FORMATS]
    if unknown or not wanted:
        raise UsageError(
            f"Format d'image inconnu : {', '.join(unknown) or 'aucun'} "
            f"(formats possibles : {', '.join(_FORMATS)})."
        )
    if dpi <= 0:
        raise UsageError(f"Résolution invalide : {dpi}{NBSP}ppp.")
    written: list[Path] = []
    with french_style():
        for fmt, target in _targets(path, wanted):
            buffer = io.BytesIO()
            metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {}
            if fmt == "pdf":
                metadata = {"CreationDate": None, "ModDate": None}
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
            written.append(atomic_write_bytes(target, buffer.getvalue()))
    return written
