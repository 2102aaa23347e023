"""Charts of the member report, in French, drawn with matplotlib (without pyplot).

Each function takes its data, then keyword-only options, draws into ``ax`` (or a new
figure sized for an A4 page) and returns a small frozen dataclass of what it drew, so that
analysts can restyle or compose the charts in a notebook; :func:`save_figure` writes PNG
and SVG files atomically. Names are imported lazily (PEP 562): importing this package does
not import matplotlib.

Examples
--------
>>> from utilite_sociale import charts
>>> chart = charts.radar(
...     ["Lien social", "Citoyenneté", "Transition écologique"],
...     [62.5, 48.0, 71.0],
...     reference=[55.0, 50.0, 60.0],
... )
>>> chart.figure is chart.axes.figure
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "CoverageChart": "utilite_sociale.charts._coverage",
    "DistributionChart": "utilite_sociale.charts._distribution",
    "HeatmapChart": "utilite_sociale.charts._heatmap",
    "RadarChart": "utilite_sociale.charts._radar",
    "ScoreBarsChart": "utilite_sociale.charts._score_bars",
    "TrendChart": "utilite_sociale.charts._trend",
    "WaterfallChart": "utilite_sociale.charts._waterfall",
    "coverage": "utilite_sociale.charts._coverage",
    "distribution": "utilite_sociale.charts._distribution",
    "french_style": "utilite_sociale.charts.style",
    "heatmap": "utilite_sociale.charts._heatmap",
    "new_axes": "utilite_sociale.charts.style",
    "number_formatter": "utilite_sociale.charts.style",
    "percent_formatter": "utilite_sociale.charts.style",
    "radar": "utilite_sociale.charts._radar",
    "save_figure": "utilite_sociale.charts.style",
    "score_bars": "utilite_sociale.charts._score_bars",
    "trend": "utilite_sociale.charts._trend",
    "waterfall": "utilite_sociale.charts._waterfall",
}

__all__ = [
    "CoverageChart",
    "DistributionChart",
    "HeatmapChart",
    "RadarChart",
    "ScoreBarsChart",
    "TrendChart",
    "WaterfallChart",
    "coverage",
    "distribution",
    "french_style",
    "heatmap",
    "new_axes",
    "number_formatter",
    "percent_formatter",
    "radar",
    "save_figure",
    "score_bars",
    "trend",
    "waterfall",
]

if TYPE_CHECKING:
    from ._coverage import CoverageChart, coverage
    from ._distribution import DistributionChart, distribution
    from ._heatmap import HeatmapChart, heatmap
    from ._radar import RadarChart, radar
    from ._score_bars import ScoreBarsChart, score_bars
    from ._trend import TrendChart, trend
    from ._waterfall import WaterfallChart, waterfall
    from .style import french_style, new_axes, number_formatter, percent_formatter, save_figure


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'utilite_sociale.charts' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
