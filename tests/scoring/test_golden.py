"""A small campaign scored by hand.

Référentiel (scale 0–100, minimum coverage 0.5, arithmetic means):

* dimension A (weight 2): a1 — a number, goalposts 0–10, weight 1; a2 — a percentage,
  lower is better, weight 3.
* dimension B (weight 1): b1 — yes/no, weight 1; b2 — share of favourable respondents (%),
  weight 1.

Effective weights: a1 = 2/3 · 1/4 = 1/6, a2 = 2/3 · 3/4 = 1/2, b1 = b2 = 1/3 · 1/2 = 1/6.
Lens « loi-2019 »: a1 → ess2019-1 (share 1); a2 → ess2019-1 and ess2019-2 (½ each);
b1 → ess2019-2 (share 1); b2 maps to nothing.

Organisation X: a1 = 5 → 50; a2 = 20 % → 80 (lower is better); b1 = oui → 100; b2 = 75 → 75.
  A = (1·50 + 3·80) / 4 = 72.5; B = (100 + 75) / 2 = 87.5; global = (2·72.5 + 87.5) / 3 = 77.5.
  ess2019-1 = (1/6·50 + ½·½·80) / (1/6 + ¼) = 68; ess2019-2 = (¼·80 + 1/6·100) / (¼ + 1/6) = 88.
  Contributions to the global score: a1 = 50·¼·⅔ = 8.33…, a2 = 80·¾·⅔ = 40,
  b1 = 100·½·⅓ = 16.66…, b2 = 75·½·⅓ = 12.5 — they add up to 77.5.
Organisation Y: a1 missing, a2 = 50 → 50, b1 = non → 0, b2 missing.
  A: coverage (1/2) / (2/3) = 0.75, A = 50 (a2 alone, weights renormalised);
  B: coverage (1/6) / (1/3) = 0.5, B = 0; global coverage 2/3, global = (2·50 + 0) / 3.
  ess2019-1 = 50 (coverage ¼ / (5/12) = 0.6); ess2019-2 = (¼·50 + 1/6·0) / (5/12) = 30.
Organisation Z: only b1 = oui. A has coverage 0 (missing); B = 100 (coverage 0.5);
  global coverage 1/6 < 0.5: missing, « couverture insuffisante » — never 0.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import utilite_sociale as us
from utilite_sociale.scoring.options import parse_imputation

REF = us.IndicatorSet.from_data(
    {
        "id": "golden",
        "title": "Référentiel calculé à la main",
        "version": "1",
        "subject": "adherent",
        "min_coverage": 0.5,
        "dimensions": [
            {"id": "A", "label": "Dimension A", "weight": 2},
            {"id": "B", "label": "Dimension B", "weight": 1},
        ],
        "indicators": [
            {
                "id": "a1",
                "label": "a1",
                "question": "a1 ?",
                "dimension": "A",
                "answer": {"type": "nombre"},
                "normalisation": {"method": "bornes", "low": 0, "high": 10},
                "mappings": {"loi-2019": {"ess2019-1": 1}},
            },
            {
                "id": "a2",
                "label": "a2",
                "question": "a2 ?",
                "dimension": "A",
                "answer": {"type": "pourcentage"},
                "direction": "decroissant",
                "weight": 3,
                "mappings": {"loi-2019": {"ess2019-1": 0.5, "ess2019-2": 0.5}},
            },
            {
                "id": "b1",
                "label": "b1",
                "question": "b1 ?",
                "dimension": "B",
                "answer": {"type": "oui-non"},
                "mappings": {"loi-2019": {"ess2019-2": 1}},
            },
            {
                "id": "b2",
                "label": "b2",
                "question": "b2 ?",
                "dimension": "B",
                "answer": {"type": "likert", "scale": "accord-5"},
                "level": "repondant",
                "respondent_aggregation": "part-favorable",
                "favourable": [4, 5],
            },
        ],
    }
)
NAN = math.nan
DATA = pd.DataFrame(
    {
        "organisation": ["X", "Y", "Z"],
        "a1": [5.0, NAN, NAN],
        "a2": [20.0, 50.0, NAN],
        "b1": [1.0, 0.0, 1.0],
        "b2": [75.0, NAN, NAN],
    }
)


@pytest.fixture(scope="module")
def scores() -> us.Scores:
    return us.score_campaign(us.campaign_from_table(DATA, REF), REF)


def _by_key(frame: pd.DataFrame, key: str) -> pd.Series:
    return frame.set_index("organisation").loc[key]


def test_tree_scores_and_coverage(scores: us.Scores) -> None:
    wide = scores.wide()
    x, y, z = (_by_key(wide, key) for key in "XYZ")
    assert x["a1"] == pytest.approx(50)
    assert x["a2"] == pytest.approx(80)
    assert x["A"] == pytest.approx(72.5)
    assert x["B"] == pytest.approx(87.5)
    assert x["global"] == pytest.approx(77.5)
    assert y["A"] == pytest.approx(50)
    assert y["B"] == pytest.approx(0)
    assert y["global"] == pytest.approx(100 / 3)
    assert pd.isna(z["A"])
    assert z["B"] == pytest.approx(100)
    assert pd.isna(z["global"])
    assert wide["rang"].tolist()[:2] == [1, 2]
    tidy = scores.tidy()
    tree = tidy[(tidy["lentille"] == "arbre") & (tidy["groupe"] == "global")]
    coverage = dict(zip(tree["organisation"], tree["couverture"], strict=True))
    assert coverage == pytest.approx({"X": 1.0, "Y": 2 / 3, "Z": 1 / 6})
    flags = dict(zip(tree["organisation"], tree["drapeaux"], strict=True))
    assert flags == {"X": "", "Y": "", "Z": "couverture-insuffisante"}


def test_lens_scores(scores: us.Scores) -> None:
    lens = scores.lens_wide("loi-2019").set_index("organisation")
    assert lens.loc["X", "ess2019-1"] == pytest.approx(68)
    assert lens.loc["X", "ess2019-2"] == pytest.approx(88)
    assert lens.loc["Y", "ess2019-1"] == pytest.approx(50)
    assert lens.loc["Y", "ess2019-2"] == pytest.approx(30)
    assert list(lens.columns) == ["ess2019-1", "ess2019-2"]  # groups no indicator maps to: absent


def test_contributions_add_up_to_the_global_score(scores: us.Scores) -> None:
    contributions = scores.contributions().set_index("organisation")
    x = contributions.loc["X"]
    assert x.to_dict() == pytest.approx({"a1": 50 / 6, "a2": 40, "b1": 100 / 6, "b2": 12.5})
    assert x.sum() == pytest.approx(77.5)
    y = contributions.loc["Y"]
    assert y.sum() == pytest.approx(100 / 3)


def test_imputation_is_flagged_and_does_not_count_as_coverage() -> None:
    options = us.ScoringOptions(imputation=parse_imputation("moyenne"))
    scores = us.score_campaign(us.campaign_from_table(DATA, REF), REF, options=options)
    wide = scores.wide().set_index("organisation")
    assert wide.loc["Y", "a1"] == pytest.approx(50)  # the campaign mean of a1 (5 → 50)
    assert wide.loc["Z", "a2"] == pytest.approx(65)  # mean of 20 and 50 → 35 %, reversed
    tidy = scores.tidy()
    imputed = tidy[tidy["drapeaux"].str.contains("impute")]
    assert sorted(zip(imputed["organisation"], imputed["groupe"], strict=True)) == [
        ("Y", "a1"),
        ("Y", "b2"),
        ("Z", "a1"),
        ("Z", "a2"),
        ("Z", "b2"),
    ]
    # Imputed values fill the scores but not the coverage: Z stays under the threshold.
    assert math.isnan(wide.loc["Z", "global"])
