"""Charts of the member report: artists returned, French numbers, composition, files."""

from __future__ import annotations

import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from utilite_sociale import charts
from utilite_sociale._format import NBSP, THOUSANDS
from utilite_sociale.charts import style
from utilite_sociale.errors import UsageError

NAN = math.nan
DIMENSIONS = [
    "Soutien aux personnes en situation de fragilité",
    "Lien social et cohésion territoriale",
    "Citoyenneté",
    "Transition écologique",
]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def texts(labels: list[Text]) -> list[str]:
    return [label.get_text() for label in labels if label.get_text()]


def drawn_ticks(figure: Figure, ax: Axes, axis: str) -> list[str]:
    figure.canvas.draw()
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return texts(labels)


def assert_french(labels: list[str]) -> None:
    assert labels
    for label in labels:
        assert "." not in label, label
        assert "-" not in label, label  # the minus sign is U+2212


# --- Style ---------------------------------------------------------------------------


def test_importing_charts_does_not_import_matplotlib() -> None:
    script = (
        "import sys\n"
        "import utilite_sociale.charts, utilite_sociale.charts.style\n"
        "from utilite_sociale import charts\n"
        "before = sorted(m for m in sys.modules if m.startswith('matplotlib'))\n"
        "charts.score_bars(['A'], [1.0])\n"
        "print(before, 'matplotlib.pyplot' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] False"


def test_formatters_write_french_numbers() -> None:
    assert style.number_formatter(1)(12.5, 0) == "12,5"
    assert style.number_formatter(0)(1234, 0) == f"1{THOUSANDS}234"
    assert style.number_formatter(0)(-3, 0) == "−3"
    assert style.percent_formatter(1)(12.5, 0) == f"12,5{NBSP}%"
    assert style.percent_formatter(0, fraction=True)(0.6, 0) == f"60{NBSP}%"
    assert style.number_formatter()(NAN, 0) == "—"


def test_formatter_gives_the_ticks_common_decimals() -> None:
    assert style.number_formatter().format_ticks([0.0, 2.5, 5.0]) == ["0,0", "2,5", "5,0"]
    assert style.number_formatter().format_ticks([0.0, 20.0, 40.0]) == ["0", "20", "40"]
    assert style.percent_formatter(fraction=True).format_ticks([0.0, 0.125]) == [
        f"0,0{NBSP}%",
        f"12,5{NBSP}%",
    ]


def test_wrap_label_balances_lines() -> None:
    assert style.wrap_label("Nombre d'ateliers collectifs par an", 34) == (
        "Nombre d'ateliers\ncollectifs par an"
    )
    assert style.wrap_label("Citoyenneté", 5) == "Citoyenneté"


def test_new_axes_creates_a_figure_without_pyplot() -> None:
    figure, ax = style.new_axes(size=(16.0, 8.0))
    assert isinstance(figure, Figure)
    assert ax.figure is figure
    assert figure.get_size_inches() == pytest.approx((16 / 2.54, 8 / 2.54))
    assert figure.get_layout_engine() is not None
    _figure, polar = style.new_axes(polar=True)
    assert polar.name == "polar"
    assert style.new_axes(ax) == (figure, ax)
    with pytest.raises(UsageError, match="polaires"):
        style.new_axes(ax, polar=True)


# --- Charts --------------------------------------------------------------------------


def test_radar_closes_its_polygon() -> None:
    chart = charts.radar(DIMENSIONS, [72.5, 58.0, 49.0, 81.2], reference=[60, 55, 49, 62])
    for line in (chart.line, chart.reference_line):
        assert line is not None
        xs, ys = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert len(xs) == len(DIMENSIONS) + 1
        assert (xs[0], ys[0]) == (xs[-1], ys[-1])
    assert chart.fill is not None
    assert [text.get_text().replace("\n", " ") for text in chart.labels] == DIMENSIONS
    assert chart.legend is not None
    assert texts(chart.legend.get_texts()) == ["Votre organisation", "Médiane de la campagne"]


def test_radar_with_missing_value_draws_a_gap() -> None:
    chart = charts.radar(DIMENSIONS, [72.5, None, NAN, 81.2], title="Profil")
    ys = np.asarray(chart.line.get_ydata(), dtype=float)
    assert np.isnan(ys[[1, 2]]).all()
    assert chart.fill is None
    assert chart.labels[2].get_text().endswith("(non renseigné)")
    assert chart.reference_line is None
    assert chart.legend is None
    chart.figure.canvas.draw()


def test_radar_ticks_use_decimal_comma() -> None:
    chart = charts.radar(["A", "B", "C"], [0.2, 0.5, 0.9], scale=(0.0, 1.0))
    labels = drawn_ticks(chart.figure, chart.axes, "y")
    assert_french(labels)
    assert "0,2" in labels


def test_radar_refuses_too_few_dimensions_or_mismatched_values() -> None:
    with pytest.raises(UsageError, match="au moins 3"):
        charts.radar(["A", "B"], [1, 2])
    with pytest.raises(UsageError, match="une par libellé"):
        charts.radar(["A", "B", "C"], [1, 2])


def test_score_bars_one_bar_per_label() -> None:
    chart = charts.score_bars(
        DIMENSIONS,
        [68.4, None, 55.0, 99.0],
        benchmarks=[60, 50, NAN, 80],
        targets=[75, 60, 50, NAN],
        title="Scores par indicateur",
    )
    assert len(chart.bars.patches) == len(DIMENSIONS)
    assert [bar.get_visible() for bar in chart.bars.patches] == [True, False, True, True]
    assert chart.bars.patches[0].get_width() == pytest.approx(68.4)
    assert texts(list(chart.value_texts)) == ["68,4", "non renseigné", "55,0", "99,0"]
    assert chart.benchmarks is not None
    assert len(chart.benchmarks.get_segments()) == 3
    assert chart.targets is not None
    assert len(chart.targets.get_xdata()) == 3
    assert chart.legend is not None
    assert_french(drawn_ticks(chart.figure, chart.axes, "x"))


def test_score_bars_ticks_use_decimal_comma() -> None:
    chart = charts.score_bars(["A", "B"], [0.25, 0.5], scale=(0.0, 1.0))
    labels = drawn_ticks(chart.figure, chart.axes, "x")
    assert_french(labels)
    assert "0,2" in labels or "0,25" in labels
    assert chart.legend is None


def test_distribution_highlights_the_member() -> None:
    values = {
        DIMENSIONS[0]: [40.0, 55.0, 61.0, 72.0, NAN],
        DIMENSIONS[1]: [30.0, 35.0, 80.0],
        DIMENSIONS[2]: [NAN, None],
    }
    chart = charts.distribution(values, highlight={DIMENSIONS[0]: 58.0, DIMENSIONS[2]: 12.0})
    assert [strip.get_offsets().shape[0] for strip in chart.strips] == [4, 3, 0]
    assert len(chart.boxes) == 2
    assert len(chart.medians) == 2
    assert chart.highlight is not None
    offsets = np.asarray(chart.highlight.get_offsets())
    assert offsets.tolist() == [[58.0, 0.0], [12.0, 2.0]]
    assert texts(list(chart.highlight_texts)) == ["58,0", "12,0"]
    assert_french(drawn_ticks(chart.figure, chart.axes, "x"))


def test_distribution_jitter_is_deterministic() -> None:
    values = {"A": list(np.linspace(10, 90, 30))}
    first = charts.distribution(values).strips[0].get_offsets()
    second = charts.distribution(values).strips[0].get_offsets()
    assert np.array_equal(np.asarray(first), np.asarray(second))
    with pytest.raises(UsageError, match="absent"):
        charts.distribution(values, highlight={"B": 50.0})


def test_heatmap_shape_and_annotations() -> None:
    frame = pd.DataFrame(
        [[50.0, 40.25, NAN], [48.0, 77.0, 57.0]],
        index=["Régie de quartier", "Épicerie solidaire"],
        columns=DIMENSIONS[:3],
    )
    chart = charts.heatmap(frame, title="Scores", decimals=1)
    assert chart.image.get_array().shape == frame.shape
    assert len(chart.texts) == frame.size
    assert texts(list(chart.texts)) == ["50,0", "40,3", "—", "48,0", "77,0", "57,0"]
    assert chart.missing is not None
    assert len(chart.missing.get_paths()) == 1
    chart.figure.canvas.draw()
    assert_french(texts(chart.colorbar.ax.get_yticklabels()))


def test_heatmap_large_grid_is_not_annotated() -> None:
    frame = pd.DataFrame(np.linspace(0, 100, 31 * 4).reshape(31, 4))
    chart = charts.heatmap(frame, scale=(0.0, 1.0))
    assert chart.texts == ()
    assert chart.missing is None
    chart.figure.canvas.draw()
    labels = texts(chart.colorbar.ax.get_yticklabels())
    assert_french(labels)
    assert "0,2" in labels
    with pytest.raises(UsageError, match="vide"):
        charts.heatmap(pd.DataFrame())
    with pytest.raises(UsageError, match="non numériques"):
        charts.heatmap(pd.DataFrame({"a": ["x"]}))


def test_trend_draws_the_band() -> None:
    chart = charts.trend(
        ["2023", "2024", "2025"],
        [51.0, None, 58.4],
        low=[47.0, 50.0, NAN],
        high=[55.0, 58.0, 61.0],
        title="Évolution",
    )
    assert len(chart.line.get_xdata()) == 3
    assert np.isnan(np.asarray(chart.line.get_ydata(), dtype=float)[1])
    assert chart.band is not None
    assert texts(list(chart.value_texts)) == ["51,0", "non renseigné", "58,4"]
    assert chart.legend is not None
    assert [t.get_text() for t in chart.axes.get_xticklabels()] == ["2023", "2024", "2025"]
    assert_french(drawn_ticks(chart.figure, chart.axes, "y"))
    with pytest.raises(UsageError, match="deux bornes"):
        charts.trend(["2023"], [1.0], low=[0.5])


def test_trend_without_scale_fits_fractional_ticks() -> None:
    chart = charts.trend(["T1", "T2"], [0.42, 0.47], scale=None)
    labels = drawn_ticks(chart.figure, chart.axes, "y")
    assert_french(labels)
    assert any("," in label for label in labels)
    assert chart.band is None
    assert chart.legend is None


def test_waterfall_ends_on_the_total() -> None:
    chart = charts.waterfall(DIMENSIONS, [14.2, -2.5, None, 16.1], total_label="Score global")
    assert len(chart.bars.patches) == len(DIMENSIONS)
    assert not chart.bars.patches[2].get_visible()
    assert chart.bars.patches[1].get_x() == pytest.approx(14.2)
    assert chart.bars.patches[1].get_width() == pytest.approx(-2.5)
    (total,) = chart.total_bar.patches
    assert total.get_width() == pytest.approx(27.8)
    assert texts(list(chart.value_texts)) == ["+14,2", "−2,5", "non renseigné", "+16,1", "27,8"]
    assert len(chart.connectors.get_segments()) == len(DIMENSIONS)
    assert chart.axes.get_yticklabels()[-1].get_text() == "Score global"
    assert_french(drawn_ticks(chart.figure, chart.axes, "x"))


def test_coverage_bars_and_threshold() -> None:
    chart = charts.coverage(DIMENSIONS, [1.0, 0.875, 0.45, None], threshold=0.6)
    assert len(chart.bars.patches) == len(DIMENSIONS)
    widths = [bar.get_width() for bar in chart.bars.patches]
    assert widths[:3] == pytest.approx([100.0, 87.5, 45.0])
    colours = {bar.get_facecolor() for bar in chart.bars.patches[:3]}
    assert len(colours) == 2  # under the threshold in another colour
    assert texts(list(chart.value_texts)) == [
        f"100,0{NBSP}%",
        f"87,5{NBSP}%",
        f"45,0{NBSP}%",
        "non renseigné",
    ]
    assert chart.threshold_line is not None
    assert list(chart.threshold_line.get_xdata()) == [60.0, 60.0]
    assert chart.legend is not None
    assert texts(chart.legend.get_texts())[0] == f"Couverture minimale : 60{NBSP}%"
    labels = drawn_ticks(chart.figure, chart.axes, "x")
    assert labels[:2] == [f"0{NBSP}%", f"20{NBSP}%"]
    with pytest.raises(UsageError, match="de 0 à 1"):
        charts.coverage(["A"], [87.5])


# --- Composition and files -------------------------------------------------------------

CALLS: dict[str, Callable[[Axes], Any]] = {
    "radar": lambda ax: charts.radar(DIMENSIONS, [1, 2, NAN, 4], reference=[2, 2, 2, 2], ax=ax),
    "score_bars": lambda ax: charts.score_bars(DIMENSIONS, [1, 2, NAN, 4], targets=[1] * 4, ax=ax),
    "distribution": lambda ax: charts.distribution({"A": [1, 2]}, highlight={"A": 1}, ax=ax),
    "heatmap": lambda ax: charts.heatmap(pd.DataFrame({"A": [1.0, NAN]}), ax=ax),
    "trend": lambda ax: charts.trend(["2024", "2025"], [1, 2], low=[0, 1], high=[2, 3], ax=ax),
    "waterfall": lambda ax: charts.waterfall(["A", "B"], [1, NAN], ax=ax),
    "coverage": lambda ax: charts.coverage(["A", "B"], [0.5, NAN], threshold=0.6, ax=ax),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_drawing_into_existing_axes(name: str) -> None:
    figure = Figure(figsize=(12, 5), layout="constrained")
    other = figure.add_subplot(1, 2, 1)
    ax = figure.add_subplot(1, 2, 2, projection="polar" if name == "radar" else None)
    chart = CALLS[name](ax)
    assert chart.figure is figure
    assert chart.axes is ax
    assert not other.has_data()
    figure.draw_without_rendering()


def test_save_figure_writes_png_and_svg(tmp_path: Path) -> None:
    chart = charts.score_bars(DIMENSIONS, [68.4, None, 55.0, 99.0], title="Scores")
    written = charts.save_figure(chart.figure, tmp_path / "rapport" / "scores.png")
    assert written == [tmp_path / "rapport" / "scores.png", tmp_path / "rapport" / "scores.svg"]
    png, svg = written
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert png.stat().st_size > 1000
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    root = ET.fromstring(text)
    assert root.tag.endswith("svg")
    assert sorted(path.name for path in png.parent.iterdir()) == ["scores.png", "scores.svg"]


def test_save_figure_is_reproducible_and_checks_formats(tmp_path: Path) -> None:
    chart = charts.coverage(["A"], [0.5])
    again = charts.coverage(["A"], [0.5])
    (first,) = charts.save_figure(chart.figure, tmp_path / "a", formats=("svg",))
    (second,) = charts.save_figure(again.figure, tmp_path / "b.v2", formats=("svg",))
    assert second.name == "b.v2.svg"
    assert first.read_bytes() == second.read_bytes()
    with pytest.raises(UsageError, match="inconnu"):
        charts.save_figure(chart.figure, tmp_path / "c", formats=("gif",))
    with pytest.raises(UsageError, match="Résolution"):
        charts.save_figure(chart.figure, tmp_path / "c", dpi=0)


def test_public_names_are_sorted_and_importable() -> None:
    assert charts.__all__ == sorted(charts.__all__)
    for name in charts.__all__:
        assert getattr(charts, name) is not None
    with pytest.raises(AttributeError):
        charts.not_a_chart  # type: ignore[attr-defined]  # noqa: B018
