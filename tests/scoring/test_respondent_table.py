"""A respondent-level table (one row per respondent) aggregated to its organisations."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import utilite_sociale as us

REF = us.IndicatorSet.from_data(
    {
        "id": "repondants",
        "title": "Répondants",
        "version": "1",
        "subject": "adherent",
        "min_coverage": 0,
        "dimensions": [{"id": "d", "label": "D"}],
        "indicators": [
            {
                "id": "moy",
                "label": "moyenne",
                "question": "?",
                "dimension": "d",
                "level": "repondant",
                "answer": {"type": "likert", "scale": "accord-5"},
                "respondent_aggregation": "moyenne",
            },
            {
                "id": "part",
                "label": "part",
                "question": "?",
                "dimension": "d",
                "level": "repondant",
                "answer": {"type": "likert", "scale": "accord-5"},
                "respondent_aggregation": "part-favorable",
                "favourable": [4, 5],
            },
            {
                "id": "med",
                "label": "médiane",
                "question": "?",
                "dimension": "d",
                "level": "repondant",
                "answer": {"type": "nombre", "min": 0, "max": 10},
                "respondent_aggregation": "mediane",
                "normalisation": {"method": "bornes", "low": 0, "high": 10},
            },
        ],
    }
)
NAN = math.nan


def test_means_shares_medians_and_counts() -> None:
    frame = pd.DataFrame(
        {
            "organisation": ["B", "A", "A", "A", "B", "A"],
            "annee": ["2025"] * 6,
            "moy": [5.0, 1.0, 2.0, NAN, 3.0, 3.0],
            "part": [4.0, 5.0, 1.0, 4.0, NAN, 2.0],
            "med": [9.0, 1.0, 2.0, 10.0, 7.0, 4.0],
        }
    )
    campaign = us.campaign_from_respondents(frame, REF, period="annee")
    assert campaign.keys == ["A", "B"]
    assert campaign.periods == ["2025", "2025"]
    values = campaign.values.set_index(pd.Index(campaign.keys))
    assert values.loc["A", "moy"] == pytest.approx(2.0)  # 1, 2, 3 (one blank)
    assert values.loc["A", "part"] == pytest.approx(50.0)  # 5 and 4 among 5, 1, 4, 2
    assert values.loc["A", "med"] == pytest.approx(3.0)  # median of 1, 2, 10, 4
    assert values.loc["B", "part"] == pytest.approx(100.0)
    counts = campaign.respondents.set_index(pd.Index(campaign.keys))
    assert counts.loc["A"].tolist() == [3, 4, 4]
    assert counts.loc["B"].tolist() == [2, 1, 2]
    scores = us.score_campaign(campaign, REF)
    assert scores.suppressed.all()  # fewer than 5 respondents everywhere
    with pytest.raises(us.UsageError, match="structure"):
        us.campaign_from_respondents(frame, REF, key="structure")
