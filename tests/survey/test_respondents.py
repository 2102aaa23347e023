"""Respondent-level answers read by columns: the ``Réponses`` sheet, small and large."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from utilite_sociale._safety import ReadLimits
from utilite_sociale.survey import grid as grid_module
from utilite_sociale.survey import write_template
from utilite_sociale.survey.reader import TIDY_COLUMNS, read_member_file
from utilite_sociale.survey.respondents import column_letter

REF = us.load_indicator_set("ess-socle")


def _respondent_workbook(path: Path) -> tuple[list[str], list[str]]:
    """A template whose ``Réponses`` sheet was filled as a person would, with mistakes."""
    write_template(REF, path, respondents=True, today=dt.date(2026, 1, 15))
    book = load_workbook(path)
    sheet = book["Réponses"]
    header = [cell.value for cell in sheet[2]]
    ids = [item.id for item in REF.respondent_indicators]
    first = REF.respondent_indicators[0]
    labels = REF.scale_labels(first.answer.scale or "")
    for offset in range(12):
        row = 3 + offset
        if offset == 5:
            continue  # a blank row between respondents: not a respondent
        sheet.cell(row=row, column=1).value = f"R{offset + 1}" if offset != 7 else "R1"
        for position, item_id in enumerate(ids):
            column = header.index(item_id) + 1
            scale = REF.scale_labels(REF.indicator(item_id).answer.scale or "")
            sheet.cell(row=row, column=column).value = scale[(offset + position) % len(scale)]
    column = header.index(first.id) + 1
    sheet.cell(row=4, column=column).value = "sans avis ?"  # not on the scale
    sheet.cell(row=5, column=column).value = " 2 "  # a number typed as text
    sheet.cell(row=6, column=column).value = None  # left blank
    book.save(path)
    return ids, labels


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, *, large: bool) -> us.MemberFile:
    monkeypatch.setattr(grid_module, "LARGE_SHEET_BYTES", 0 if large else 1 << 40)
    return read_member_file(path, REF)


def test_large_and_small_sheets_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "repondants.xlsx"
    _respondent_workbook(path)
    small = _read(path, monkeypatch, large=False)
    large = _read(path, monkeypatch, large=True)
    assert small.respondents is not None
    assert large.respondents is not None
    assert len(small.respondents) == 10  # 12 rows, one blank, one duplicate label
    assert [issue.describe() for issue in large.issues] == [
        issue.describe() for issue in small.issues
    ]
    assert (small.cells_read, small.cells_used, small.cells_rejected) == (
        large.cells_read,
        large.cells_used,
        large.cells_rejected,
    )
    assert small.tidy().equals(large.tidy())
    assert large.respondent_sheet == "Réponses"


def test_every_respondent_cell_is_used_or_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "repondants.xlsx"
    ids, labels = _respondent_workbook(path)
    member = _read(path, monkeypatch, large=True)
    errors = [issue for issue in member.issues if issue.is_error]
    codes = sorted(issue.code for issue in errors)
    assert codes == ["hors-liste", "id-duplique"]
    duplicate = next(issue for issue in errors if issue.code == "id-duplique")
    assert duplicate.cell == "A10"
    assert duplicate.found == "R1"
    assert f"les {len(ids)} réponses" in duplicate.message
    out_of_scale = next(issue for issue in errors if issue.code == "hors-liste")
    assert out_of_scale.sheet == "Réponses"
    assert out_of_scale.cell.endswith("4")
    assert member.cells_read == member.cells_used + member.cells_rejected
    # 11 respondents' rows written (one blank), 60 cells… minus the blank cell
    assert member.cells_read == 11 * len(ids) - 1
    assert member.cells_rejected == len(ids) + 1
    frame = member.tidy()
    assert list(frame.columns) == list(TIDY_COLUMNS)
    first = frame[frame["indicateur"] == ids[0]]
    assert first["repondant"].tolist() == ["R1", "R3", "R5", "R7", "R9", "R10", "R11", "R12"]
    assert first["valeur"].iloc[1] == 2.0  # « 2 » typed as text
    assert first["valeur"].iloc[0] == 1.0
    assert labels[0]
    assert not frame["valeur"].isna().any()
    assert set(frame["organisation"]) == {member.key}


def test_a_large_sheet_beyond_the_row_limit_is_cut_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "repondants.xlsx"
    _respondent_workbook(path)
    monkeypatch.setattr(grid_module, "LARGE_SHEET_BYTES", 0)
    member = read_member_file(path, REF, limits=ReadLimits(max_rows=6))
    assert member.respondents is not None
    assert member.respondents.respondents == ["R1", "R2", "R3", "R4"]  # rows 3 to 6
    assert any(i.code == "feuille-tronquee" and i.sheet == "Réponses" for i in member.issues)


def test_a_large_sheet_keeps_cell_references_when_it_starts_off_a1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    item = REF.respondent_indicators[0]
    labels = REF.scale_labels(item.answer.scale or "")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Réponses"
    sheet["C4"] = "repondant"
    sheet["E4"] = item.id
    sheet["C5"], sheet["E5"] = 1, labels[-1]
    sheet["C6"], sheet["E6"] = 2, "n'importe quoi"
    path = tmp_path / "decale.xlsx"
    book.save(path)
    monkeypatch.setattr(grid_module, "LARGE_SHEET_BYTES", 0)
    member = read_member_file(path, REF)
    frame = member.tidy()
    answered = frame[frame["indicateur"] == item.id]
    assert answered["cellule"].tolist() == ["E5"]
    assert answered["valeur"].tolist() == [float(len(labels))]
    rejected = [i for i in member.issues if i.code == "hors-liste"]
    assert [(i.sheet, i.cell, i.indicator) for i in rejected] == [("Réponses", "E6", item.id)]


def test_column_letters() -> None:
    assert [column_letter(n) for n in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
