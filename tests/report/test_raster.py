"""Charts in PDFs laid out once and reused (blitting), pixels embedded raw, binary streams."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from utilite_sociale.report._raster import binary_streams, blitted_chart, chart_flowable

LABELS = ["Lien social", "Citoyenneté", "Transition écologique et solidarité internationale"]
MEDIANS = [55.0, 40.0, 62.5]


def _bars(ax: Any, shown: Sequence[float]) -> tuple[list[Any], Any]:
    from utilite_sociale.charts import score_bars
    from utilite_sociale.charts.style import format_score

    chart = score_bars(LABELS, list(shown), benchmarks=MEDIANS, ax=ax)
    present = [i for i, value in enumerate(shown) if not math.isnan(value)]

    def update(new: Sequence[float]) -> None:
        for i in present:
            chart.bars.patches[i].set_width(new[i])
            chart.value_texts[i].set_text(format_score(new[i], 1))

    return [*chart.bars.patches, *chart.value_texts], update


def _pixels(flowable: Any) -> np.ndarray[Any, Any]:
    return np.asarray(flowable.reader._image)


def _chart(key: str, values: list[float]) -> Any:
    worst = [math.nan if math.isnan(v) else 100.0 for v in values]
    return blitted_chart(
        (key, tuple(math.isnan(v) for v in values)),
        _bars,
        values,
        worst=worst,
        width_cm=16,
        height_cm=7,
    )


def test_a_reused_layout_draws_exactly_what_a_fresh_one_draws() -> None:
    first, second = [12.5, 80.0, math.nan], [97.0, 3.5, math.nan]
    _chart("reutilise", first)  # lays the chart out, draws the first member
    reused = _pixels(_chart("reutilise", second))
    fresh = _pixels(_chart("neuf", second))
    assert reused.shape == fresh.shape
    assert reused.shape[2] == 3
    assert np.array_equal(reused, fresh)
    # and the first member's bars are gone: its picture differs from the second's
    assert not np.array_equal(_pixels(_chart("reutilise", first)), reused)


def test_the_benchmark_mark_stays_above_the_member_bar() -> None:
    from utilite_sociale.charts.style import BLACK

    pixels = _pixels(_chart("au-dessus", [100.0, 100.0, 100.0]))
    # Some pixels are pure black: the median marks drawn over the (blue) full bars.
    black = np.array([int(BLACK[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)
    assert (pixels == black).all(axis=2).sum() > 50


def test_a_one_off_chart_is_rendered_at_the_asked_size() -> None:
    from utilite_sociale.charts import score_bars

    flowable = chart_flowable(
        lambda ax: score_bars(LABELS, [1.0, 2.0, 3.0], ax=ax), width_cm=10, height_cm=5
    )
    height, width, _ = _pixels(flowable).shape
    assert (width, height) == (round(10 / 2.54 * 120), round(5 / 2.54 * 120))
    assert flowable.wrap(500, 500) == pytest.approx((10 / 2.54 * 72, 5 / 2.54 * 72))


def test_binary_streams_are_restored_after_the_document() -> None:
    from reportlab import rl_config

    before = rl_config.useA85
    with binary_streams():
        assert rl_config.useA85 == 0
    assert rl_config.useA85 == before
