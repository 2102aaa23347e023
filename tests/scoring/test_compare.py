"""Benchmarks across members, trends between periods, target attainment."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

import utilite_sociale as us
from utilite_sociale.scoring.campaign import size_band
from utilite_sociale.scoring.compare import benchmark, target_attainment, trends
from utilite_sociale.scoring.sensitivity import run_sensitivity

REF = us.IndicatorSet.from_data(
    {
        "id": "comparaisons",
        "title": "Comparaisons",
        "version": "1",
        "subject": "adherent",
        "min_coverage": 0,
        "dimensions": [{"id": "d", "label": "D"}],
        "indicators": [
            {
                "id": "x",
                "label": "Bénévoles formés",
                "question": "Combien ?",
                "dimension": "d",
                "answer": {"type": "nombre"},
                "normalisation": {"method": "bornes", "low": 0, "high": 100},
                "targets": [{"value": 60, "deadline": "2026-12-31"}],
            },
        ],
    }
)


def _scores(frame: pd.DataFrame) -> us.Scores:
    return us.score_campaign(us.campaign_from_table(frame, REF), REF)


def test_percentiles_quartiles_and_small_groups() -> None:
    frame = pd.DataFrame(
        {
            "organisation": [f"A{i}" for i in range(8)],
            "departement": ["34"] * 5 + ["31"] * 3,
            "x": [10.0, 20.0, 30.0, 40.0, 50.0, 70.0, 80.0, 90.0],
        }
    )
    table = benchmark(_scores(frame), by="departement")
    overall = table[(table["code"] == "global")].set_index("organisation")
    herault = overall.loc["A2"]
    assert herault["effectif"] == 5
    assert herault["mediane"] == pytest.approx(30.0)
    assert herault["quartile_1"] == pytest.approx(20.0)
    assert herault["quartile_3"] == pytest.approx(40.0)
    assert herault["centile"] == pytest.approx(60.0)
    assert overall.loc["A4", "ecart_mediane"] == pytest.approx(20.0)
    # Haute-Garonne: 3 members, so each has only 2 others to compare with.
    garonne = overall.loc[["A5", "A6", "A7"]]
    assert garonne["mediane"].isna().all()
    assert set(garonne["drapeaux"]) == {"effectif-insuffisant"}
    assert garonne["score"].tolist() == pytest.approx([70.0, 80.0, 90.0])
    campaign = benchmark(_scores(frame))
    assert campaign[campaign["code"] == "global"]["mediane"].iloc[0] == pytest.approx(45.0)
    with pytest.raises(us.UsageError, match="secteur"):
        benchmark(_scores(frame), by="secteur")


def test_trends_identical_periods_are_zero_and_a_siren_change_warns() -> None:
    frame = pd.DataFrame(
        {
            "organisation": ["A", "A", "B", "B"],
            "periode": ["2024", "2025", "2024", "2025"],
            "x": [40.0, 40.0, 20.0, 35.0],
        }
    )
    scores = _scores(frame)
    scores.campaign.identifiers = [
        {"siren": "123456782"},
        {"siren": "123456782"},
        {"siren": "123456782"},
        {"siren": "732829320"},
    ]
    table, issues = trends(scores)
    overall = table[table["code"] == "global"].set_index("organisation")
    assert overall.loc["A", "evolution"] == 0.0
    assert overall.loc["B", "evolution"] == pytest.approx(15.0)
    assert overall.loc["B", "periode_precedente"] == "2024"
    assert [issue.code for issue in issues] == ["identifiant-modifie"]
    assert "B" in issues[0].message
    drawn = run_sensitivity(scores, draws=50)
    table, _ = trends(scores, sensitivity=drawn)
    flags = table[table["code"] == "global"].set_index("organisation")["significative"]
    assert not flags.loc["A"]
    assert bool(flags.loc["B"]) is True  # one indicator: weights cannot blur a 15-point gain


def test_targets_reached_on_track_or_late() -> None:
    frame = pd.DataFrame(
        {
            "organisation": ["A", "B", "C", "C", "D"],
            "periode": ["2025", "2025", "2024", "2025", "2025"],
            "x": [65.0, 30.0, 10.0, 15.0, math.nan],
        }
    )
    table = target_attainment(_scores(frame), on=dt.date(2025, 12, 31))
    status = {(r.organisation, r.periode): r.statut for r in table.itertuples()}
    assert status[("A", "2025")] == "atteinte"
    assert status[("B", "2025")] == "en bonne voie"  # no history, deadline ahead
    assert status[("C", "2025")] == "en retard"  # 10 → 15 while the line to 60 wants 35
    assert status[("D", "2025")] == "sans réponse"
    late = target_attainment(_scores(frame), on=dt.date(2027, 1, 15))
    assert set(late[late["organisation"] == "B"]["statut"]) == {"en retard"}


def test_size_bands() -> None:
    assert [size_band(v) for v in (None, "x", 3, 10, 49.5, 120, 300)] == [
        None,
        None,
        "moins de 10 ETP",
        "10 à 49 ETP",
        "10 à 49 ETP",
        "50 à 249 ETP",
        "250 ETP ou plus",
    ]


def test_the_results_workbook_places_each_member_in_its_groups(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from utilite_sociale.scoring.workbook import write_results

    frame = pd.DataFrame(
        {
            "organisation": [f"A{i}" for i in range(8)],
            "departement": ["34"] * 5 + ["31"] * 3,
            "x": [10.0, 20.0, 30.0, 40.0, 50.0, 70.0, 80.0, 90.0],
        }
    )
    path = write_results(_scores(frame), tmp_path / "r.xlsx", comparisons=True)
    sheet = load_workbook(path)["Comparaisons"]
    codes = [cell.value for cell in sheet[2]]
    rows = [dict(zip(codes, row, strict=True)) for row in sheet.iter_rows(3, values_only=True)]
    found = {(r["organisation"], r["code"], r["comparaison"]): r for r in rows}
    herault = found[("A2", "global", "département")]
    assert herault["groupe_comparaison"] == "34"
    assert (herault["effectif"], herault["centile"], herault["mediane"]) == (5, 60.0, 30.0)
    assert herault["libelle"] == "Score global"
    whole = found[("A2", "global", "campagne")]
    assert (whole["effectif"], whole["mediane"]) == (8, 45.0)
    small = found[("A6", "global", "département")]
    assert small["mediane"] is None
    assert small["drapeaux"] == "effectif insuffisant pour comparer"
    # no sector or size band in the table: only the campaign and the département
    assert {r["comparaison"] for r in rows} == {"campagne", "département"}
    assert len(rows) == 8 * 2 * 2  # 8 members × (global, d) × 2 comparisons
    assert (
        "Comparaisons"
        not in load_workbook(write_results(_scores(frame), tmp_path / "s.xlsx")).sheetnames
    )
