"""Charts placed in reportlab documents cheaply: figures reused, pixels passed raw, binary streams.

A report holds a handful of charts and a campaign hundreds of reports, so three costs matter:

* a new matplotlib figure per chart loses the renderer and its text-metrics cache (the same
  dimension labels are measured again for every member): figures are kept per size and
  cleared between charts, in each process;
* charts that differ between members only by their values (the same labels, campaign
  medians and missing answers) are laid out once: :func:`blitted_chart` keeps the figure,
  its layout and a picture of everything but the member's own artists, then for each member
  moves those artists and draws them alone over the picture (matplotlib's « blitting »);
* encoding a PNG that reportlab decodes again: the Agg buffer goes to reportlab as pixels,
  compressed once by reportlab;
* reportlab's default ASCII85 wrapping of every stream, done in pure Python without its
  optional C accelerator: :func:`binary_streams` turns it off while a document is built
  (binary streams are valid PDF and a fifth smaller).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Draws a whole chart with the given values into the axes and returns the member's own
#: artists (bars, line, value labels…) with a function that moves them to other values.
Builder = Callable[
    ["Axes", Sequence[float]], tuple[list["Artist"], Callable[[Sequence[float]], None]]
]

__all__ = ["DPI", "Builder", "binary_streams", "blitted_chart", "chart_flowable"]

#: Resolution of the charts in the PDFs: sharp on paper at the sizes used (15–16 cm wide).
DPI = 120

_FIGURES: dict[tuple[float, float, bool], Figure] = {}
_LOCK = threading.RLock()
_STREAMS = threading.Lock()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Build a reportlab document with binary (not ASCII85) streams, then restore the setting."""
    from reportlab import rl_config

    with _STREAMS:
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = saved


def _figure(width_cm: float, height_cm: float, polar: bool) -> tuple[Figure, Axes]:
    """A cleared figure of this size (kept for the next chart of the same size) and new axes."""
    from ..charts.style import french_style, new_axes

    key = (round(width_cm, 3), round(height_cm, 3), polar)
    figure = _FIGURES.get(key)
    if figure is None:
        if len(_FIGURES) >= 16:  # a few sizes are used; never let the cache grow unbounded
            _FIGURES.clear()
        figure, axes = new_axes(size=(width_cm, height_cm), polar=polar)
        _FIGURES[key] = figure
        return figure, axes
    figure.clear()
    with french_style():
        axes = figure.add_subplot(projection="polar" if polar else None)
    return figure, axes


def chart_flowable(
    draw: Callable[[Axes], object],
    *,
    width_cm: float,
    height_cm: float,
    polar: bool = False,
    dpi: int = DPI,
) -> Any:
    """A chart drawn by ``draw(ax)`` as a reportlab flowable of the given size, in pixels.

    Parameters
    ----------
    draw
        Draws the chart into the axes it is given (a :mod:`utilite_sociale.charts` function).
    width_cm, height_cm
        Size on the page, in centimetres (the figure is drawn at this size).
    polar
        Polar axes (the radar).
    dpi
        Resolution of the pixels embedded.

    Returns
    -------
    reportlab.platypus.Flowable
        Draws the image at the given size.
    """
    from reportlab.lib.units import cm

    with _LOCK:
        figure, axes = _figure(width_cm, height_cm, polar)
        draw(axes)
        figure.set_dpi(dpi)
        figure.canvas.draw()
        picture = _pixels(figure)
        figure.clear()
    return _chart_class()(picture, width_cm * cm, height_cm * cm)


def _pixels(figure: Figure) -> Any:
    """The figure's rendered pixels as an image reportlab can embed (RGB, no PNG round trip)."""
    import numpy as np
    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader

    rgba = np.asarray(figure.canvas.buffer_rgba())  # type: ignore[attr-defined]
    return ImageReader(PILImage.fromarray(np.ascontiguousarray(rgba[..., :3])))


@dataclass
class _Frozen:
    """A chart laid out once: its figure, the picture without the member's artists, and
    the artists to draw over it (the member's own, then what lies above them)."""

    figure: Figure
    background: Any
    artists: list[Artist]
    update: Callable[[Sequence[float]], None]


_FROZEN: dict[Hashable, _Frozen] = {}


def _freeze(
    build: Builder,
    worst: Sequence[float],
    *,
    width_cm: float,
    height_cm: float,
    polar: bool,
    dpi: int,
) -> _Frozen:
    from ..charts.style import new_axes

    figure, axes = new_axes(size=(width_cm, height_cm), polar=polar)
    figure.set_dpi(dpi)
    # Laid out with the widest values (every bar full, « 100,0 » written), so that no
    # member's values can overflow the margins kept for all of them.
    own, update = build(axes, worst)
    canvas = figure.canvas
    canvas.draw()
    figure.set_layout_engine("none")  # the layout is frozen from now on
    renderer = canvas.get_renderer()  # type: ignore[attr-defined]
    lowest = min(artist.get_zorder() for artist in own)
    extent = _union([artist.get_window_extent(renderer) for artist in own])
    mine = set(map(id, own))
    above = [
        artist
        for artist in axes.get_children()
        if id(artist) not in mine
        and artist is not axes.patch
        and artist.get_visible()
        and artist.get_zorder() > lowest
        and extent.overlaps(artist.get_window_extent(renderer))
    ]
    # Everything drawn over the background is left out of it: drawn twice, anti-aliased
    # text and lines would thicken.
    artists = sorted([*own, *above], key=lambda artist: artist.get_zorder())
    shown = [artist.get_visible() for artist in artists]
    for artist in artists:
        artist.set_visible(False)
    canvas.draw()
    background = canvas.copy_from_bbox(figure.bbox)  # type: ignore[attr-defined]
    for artist, visible in zip(artists, shown, strict=True):
        artist.set_visible(visible)
    return _Frozen(figure, background, artists, update)


def _union(boxes: list[Any]) -> Any:
    from matplotlib.transforms import Bbox

    return Bbox.union([box for box in boxes if box.width > 0 or box.height > 0] or boxes)


def blitted_chart(
    key: Hashable,
    build: Builder,
    values: Sequence[float],
    *,
    worst: Sequence[float],
    width_cm: float,
    height_cm: float,
    polar: bool = False,
    dpi: int = DPI,
) -> Any:
    """A chart whose layout is shared by every chart of the same ``key``, as a flowable.

    Parameters
    ----------
    key
        What the charts sharing a layout have in common (kind, labels, medians, which
        values are missing, size); only the values differ between them.
    build
        Draws the whole chart (see :data:`Builder`).
    values
        This chart's values.
    worst
        Values giving the widest chart (used once, for the shared layout), with the same
        missing values as ``values``.
    width_cm, height_cm, polar, dpi
        As for :func:`chart_flowable`.

    Returns
    -------
    reportlab.platypus.Flowable
        Draws the image at the given size.
    """
    from reportlab.lib.units import cm

    with _LOCK:
        frozen = _FROZEN.get(key)
        if frozen is None:
            if len(_FROZEN) >= 64:  # a campaign uses a few keys per period
                _FROZEN.clear()
            frozen = _freeze(
                build, worst, width_cm=width_cm, height_cm=height_cm, polar=polar, dpi=dpi
            )
            _FROZEN[key] = frozen
        frozen.update(values)
        canvas = frozen.figure.canvas
        canvas.restore_region(frozen.background)  # type: ignore[attr-defined]
        renderer = canvas.get_renderer()  # type: ignore[attr-defined]
        for artist in frozen.artists:
            artist.draw(renderer)
        picture = _pixels(frozen.figure)
    return _chart_class()(picture, width_cm * cm, height_cm * cm)


@cache
def _chart_class() -> Any:
    """The flowable drawing a chart's pixels (created once, reportlab imported lazily)."""
    from reportlab.platypus import Flowable

    class RasterChart(Flowable):
        """Pixels drawn at a fixed size, centred in the frame."""

        def __init__(self, reader: Any, width: float, height: float) -> None:
            super().__init__()
            self.reader, self.width, self.height = reader, width, height
            self.hAlign = "CENTER"

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            self.canv.drawImage(self.reader, 0, 0, width=self.width, height=self.height)

    return RasterChart
