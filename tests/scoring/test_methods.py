"""Each normalisation formula of docs/format-referentiel.md, and imputation by period."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import utilite_sociale as us
from utilite_sociale.scoring.normalise import Method, normalise
from utilite_sociale.scoring.options import parse_imputation

NAN = math.nan


def _norm(
    values: list[float], method: Method, scale: tuple[float, float] = (0, 100)
) -> list[float]:
    column = np.array(values, dtype=float)[:, None]
    return normalise(column, [method], scale=scale)[:, 0].tolist()


def test_goalposts_are_capped_and_reversed() -> None:
    assert _norm([-5, 0, 5, 10, 20, NAN], Method("bornes", 0, 10)) == pytest.approx(
        [0, 0, 50, 100, 100, NAN], nan_ok=True
    )
    assert _norm([2.5], Method("bornes", 0, 10, flip=True)) == pytest.approx([75])
    assert _norm([5], Method("bornes", 0, 10), scale=(1, 5)) == pytest.approx([3])


def test_observed_methods_follow_coinr() -> None:
    values = [1.0, 3.0, 3.0, 7.0, NAN]
    assert _norm(values, Method("minmax", 0, 100)) == pytest.approx(
        [0, 100 / 3, 100 / 3, 100, NAN], nan_ok=True
    )
    assert _norm(values, Method("minmax", 0, 100, flip=True)) == pytest.approx(
        [100, 200 / 3, 200 / 3, 0, NAN], nan_ok=True
    )
    sd = float(np.std([1, 3, 3, 7], ddof=1))
    assert _norm(values, Method("zscore", 10, 2)) == pytest.approx(
        [10 + 2 * (v - 3.5) / sd for v in (1, 3, 3, 7)] + [NAN], nan_ok=True
    )
    assert _norm(values, Method("rang")) == [1.0, 2.0, 2.0, 4.0, pytest.approx(NAN, nan_ok=True)]
    assert _norm(values, Method("rang", flip=True))[:4] == [4.0, 2.0, 2.0, 1.0]
    assert all(math.isnan(v) for v in _norm([4.0, 4.0], Method("minmax", 0, 100)))


def test_target_bands_likert_and_yes_no() -> None:
    assert _norm([0, 25, 50, 80], Method("cible", 0, 50)) == pytest.approx([0, 50, 100, 100])
    assert _norm([40, 50, 55, 70], Method("cible-tolerance", 50, 10)) == pytest.approx(
        [0, 100, 50, 0]
    )
    bands = ((0.0, 0.0), (10.0, 50.0), (20.0, 100.0))
    assert _norm([-1, 0, 9.9, 10, 35], Method("paliers", points=bands)) == [0, 0, 0, 50, 100]
    linear = ((1.0, 0.0), (5.0, 100.0))
    assert _norm([1, 3, 5, 3.4], Method("likert", points=linear)) == pytest.approx([0, 50, 100, 60])
    assert _norm([1, 0], Method("oui-non", points=((0.0, 0.0), (1.0, 100.0)))) == [100, 0]


def test_previous_period_fills_only_what_is_missing() -> None:
    ref = us.IndicatorSet.from_data(
        {
            "id": "periodes",
            "title": "Deux années",
            "version": "1",
            "subject": "adherent",
            "min_coverage": 0,
            "dimensions": [{"id": "d", "label": "D"}],
            "indicators": [
                {
                    "id": f"x{i}",
                    "label": f"x{i}",
                    "question": "?",
                    "dimension": "d",
                    "answer": {"type": "nombre"},
                    "normalisation": {"method": "bornes", "low": 0, "high": 10},
                }
                for i in (1, 2)
            ],
        }
    )
    table = pd.DataFrame(
        {
            "organisation": ["A", "A", "B"],
            "periode": ["2024", "2025", "2025"],
            "x1": [4.0, NAN, NAN],
            "x2": [1.0, 9.0, 3.0],
        }
    )
    options = us.ScoringOptions(imputation=parse_imputation("periode-precedente"))
    scores = us.score_campaign(us.campaign_from_table(table, ref), ref, options=options)
    wide = scores.wide().set_index(["organisation", "periode"])
    assert wide.loc[("A", "2025"), "x1"] == pytest.approx(40)  # from 2024
    assert wide.loc[("A", "2025"), "x2"] == pytest.approx(90)  # observed: kept
    assert pd.isna(wide.loc[("B", "2025"), "x1"])  # no earlier period to take it from
    assert scores.imputed.sum() == 1
