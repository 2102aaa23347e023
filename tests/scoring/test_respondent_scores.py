"""Respondent-level answers aggregated to the organisation, and small numbers suppressed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from tests.survey.filling import fill, typical_filling
from utilite_sociale.survey import read_member_file, write_template

REF = us.load_indicator_set("ess-socle")
SHARE = "ES-FRA-05"  # part-favorable, favourable [4, 5] on accord-5
MEAN = "ES-FRA-06"  # moyenne on satisfaction-4


def _member(path: Path, answers: list[tuple[int, int]]) -> us.MemberFile:
    """A workbook with its ``Réponses`` sheet: (accord-5 position, satisfaction-4 position)."""
    write_template(REF, path, respondents=True, today=dt.date(2026, 1, 15), period="2025")
    cells, _ = typical_filling(REF)
    organisation_level = {
        key: value
        for key, value in cells.items()
        if not key.startswith("ES-") or REF.indicator(key).level != "repondant"
    }
    fill(path, {**organisation_level, "org.code_adherent": path.stem})
    book = load_workbook(path)
    sheet = book["Réponses"]
    header = [cell.value for cell in sheet[2]]
    agree = REF.scale_labels("accord-5")
    satisfied = REF.scale_labels("satisfaction-4")
    for row, (first, second) in enumerate(answers, start=3):
        sheet.cell(row=row, column=1).value = f"R{row - 2}"
        sheet.cell(row=row, column=header.index(SHARE) + 1).value = agree[first - 1]
        sheet.cell(row=row, column=header.index(MEAN) + 1).value = satisfied[second - 1]
    book.save(path)
    return read_member_file(path, REF)


def test_share_mean_and_count(tmp_path: Path) -> None:
    answers = [(5, 4), (4, 3), (2, 2), (1, 1), (4, 4), (3, 4)]
    member = _member(tmp_path / "A001.xlsx", answers)
    campaign = us.campaign_from_members([member], REF)
    assert campaign.values.loc[0, SHARE] == pytest.approx(100 * 3 / 6)
    assert campaign.values.loc[0, MEAN] == pytest.approx((4 + 3 + 2 + 1 + 4 + 4) / 6)
    assert campaign.respondents.loc[0, SHARE] == 6
    scores = us.score_campaign(campaign, REF)
    wide = scores.wide()
    assert wide.loc[0, SHARE] == pytest.approx(50.0)  # bornes 0–100
    assert wide.loc[0, MEAN] == pytest.approx(100 * (18 / 6 - 1) / 3)  # likert, 4 levels


def test_fewer_than_five_respondents_are_not_shown(tmp_path: Path) -> None:
    member = _member(tmp_path / "A002.xlsx", [(5, 4), (4, 4), (1, 1)])
    scores = us.score_campaign(us.campaign_from_members([member], REF), REF)
    wide = scores.wide()
    assert wide[SHARE].isna().all()
    assert wide[MEAN].isna().all()
    tidy = scores.tidy()
    row = tidy[(tidy["groupe"] == SHARE)]
    assert row["drapeaux"].tolist() == ["effectif-insuffisant"]
    assert row["score"].isna().all()
    # The hidden aggregate still counts in its dimension (it reveals no one's answer).
    assert scores.normalised[0, scores.tree.indicators.index(SHARE)] == pytest.approx(100 * 2 / 3)
