"""The member workbook follows DESIGN §5, and is made for people who do not program."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from utilite_sociale.survey import write_template
from utilite_sociale.survey.layout import IDENTITY_FIELDS

TODAY = dt.date(2026, 1, 15)


def _template(tmp_path: Path, ref_id: str = "ess-socle", **options: object) -> Path:
    path = tmp_path / "classeur.xlsx"
    write_template(us.load_indicator_set(ref_id), path, today=TODAY, **options)
    return path


def _headers(sheet: object, row: int = 1) -> list[str]:
    return [cell.value for cell in sheet[row] if cell.value is not None]  # type: ignore[index]


def test_sheets_and_their_contract(tmp_path: Path) -> None:
    book = load_workbook(_template(tmp_path, esus=True, respondents=True, period="2025"))
    assert book.sheetnames == [
        "Lisez-moi",
        "Organisation",
        "Indicateurs",
        "Finances ESUS",
        "Réponses",
        "_meta",
        "_listes",
    ]
    assert book["_meta"].sheet_state == "hidden"
    for name in ("Organisation", "Indicateurs", "Finances ESUS"):
        headers = _headers(book[name])
        assert "id" in headers, name
        assert "Réponse" in headers, name
        others = [h for h in headers if h != "Réponse"]
        assert not any("réponse" in h.lower() or "valeur" in h.lower() for h in others), name
    assert _headers(book["Indicateurs"]) == [
        "id",
        "Dimension",
        "Question",
        "Attendu",
        "Réponse",
        "Commentaire",
        "Justificatif",
    ]
    assert _headers(book["Réponses"], row=2)[0] == "repondant"


def test_reserved_ids_and_meta(tmp_path: Path) -> None:
    ref = us.load_indicator_set("ess-socle")
    book = load_workbook(_template(tmp_path, esus=True, period="2024-2025"))
    ids = [row[0].value for row in book["Organisation"].iter_rows(min_row=2)]
    assert ids == [field.id for field in IDENTITY_FIELDS]
    meta = {row[0].value: row[1].value for row in book["_meta"].iter_rows()}
    assert meta["referentiel_id"] == "ess-socle"
    assert meta["referentiel_version"] == ref.version
    assert meta["referentiel_sha256"] == ref.content_hash()
    assert meta["date_generation"] == "2026-01-15"
    esus_ids = {row[0].value for row in book["Finances ESUS"].iter_rows(min_row=2)} - {None}
    # The three closed financial years ending with the evaluated period.
    for year in (2023, 2024, 2025):
        assert {
            f"esus.{year}.debut",
            f"esus.{year}.fin",
            f"esus.{year}.approuve",
            f"esus.{year}.charges_exploitation_totales",
            f"esus.{year}.remuneration.5.brut_annuel",
        } <= esus_ids
    assert {
        "esus.minimum_branche",
        "esus.titres_cotes",
        "esus.statuts.categorie_plein_droit",
    } <= esus_ids


def test_every_indicator_has_a_row_and_respondent_items_move_with_repondants(
    tmp_path: Path,
) -> None:
    ref = us.load_indicator_set("ess-socle")
    plain = load_workbook(_template(tmp_path))
    ids = [row[0].value for row in plain["Indicateurs"].iter_rows(min_row=2)]
    assert ids == [indicator.id for indicator in ref.indicators]
    with_respondents = load_workbook(_template(tmp_path, respondents=True))
    ids = [row[0].value for row in with_respondents["Indicateurs"].iter_rows(min_row=2)]
    assert ids == [i.id for i in ref.indicators if i.level == "organisation"]
    header = _headers(with_respondents["Réponses"], row=2)
    assert header[1:] == [i.id for i in ref.respondent_indicators]


def test_answer_cells_are_free_and_structure_protected(tmp_path: Path) -> None:
    book = load_workbook(_template(tmp_path, period="2025"))
    sheet = book["Indicateurs"]
    assert sheet.protection.sheet
    assert sheet.freeze_panes == "A2"
    assert sheet["E2"].protection.locked is False
    assert sheet["C2"].protection.locked is not False
    organisation = book["Organisation"]
    period_row = next(r for r in organisation.iter_rows(min_row=2) if r[0].value == "org.periode")
    assert period_row[2].value == "2025"
    assert period_row[2].protection.locked is not False  # filled in and locked


def test_drop_downs_and_ranges(tmp_path: Path) -> None:
    book = load_workbook(_template(tmp_path))
    sheet = book["Indicateurs"]
    rules = sheet.data_validations.dataValidation
    by_type = {rule.type for rule in rules}
    assert {"list", "decimal", "whole"} <= by_type
    assert any(rule.formula1 == '"Oui,Non"' for rule in rules)
    likert = [rule for rule in rules if rule.type == "list" and "accord" in (rule.formula1 or "")]
    assert likert or any("_listes" in (rule.formula1 or "") for rule in rules)
    percent = [rule for rule in rules if rule.type == "decimal" and rule.formula2 == "100"]
    assert percent


@pytest.mark.parametrize("ref_id", us.builtin_indicator_set_ids())
def test_every_builtin_makes_a_template(ref_id: str, tmp_path: Path) -> None:
    book = load_workbook(_template(tmp_path, ref_id, esus=True, respondents=True))
    assert "Indicateurs" in book.sheetnames


def test_readme_says_what_when_whom(tmp_path: Path) -> None:
    book = load_workbook(
        _template(tmp_path, deadline=dt.date(2026, 3, 31), contact="Karim, 05 61 00 00 00")
    )
    text = "\n".join(str(row[0].value) for row in book["Lisez-moi"].iter_rows() if row[0].value)
    assert "31 mars 2026" in text
    assert "Karim, 05 61 00 00 00" in text
    assert "loi" in text
    assert "n° 2014-856" in text


def test_text_is_never_a_formula(tmp_path: Path) -> None:
    import zipfile

    path = _template(tmp_path, contact='=HYPERLINK("http://x")')
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if "worksheets/sheet" in n)
    assert b"<f>" not in xml
