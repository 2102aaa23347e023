"""A corpus of realistic faulty files: each yields exactly its problems, located, and nothing
else (issue « verifier »). The files are built here from a template filled through the ids."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from tests.survey.filling import fill, typical_filling
from utilite_sociale.survey import write_template
from utilite_sociale.survey.validation import validate_survey

REF = us.load_indicator_set("ess-socle")
IDENTITY = {
    "org.code_adherent": "A042",
    "org.nom": "Le Fil d'Ariane",
    "org.siren": "732 829 320",  # a valid Luhn key
    "org.rna": "W123000456",
    "org.departement": "12",
    "org.periode": "2025",
}
TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete, consistent return: verifies with no problem at all."""
    path = tmp_path_factory.mktemp("corpus") / "base.xlsx"
    write_template(REF, path, esus=True, period="2025", today=TODAY)
    cells, _ = typical_filling(REF)
    fill(path, {**cells, **IDENTITY})
    return path


def rows(path: Path) -> dict[str, tuple[str, int]]:
    """Sheet and row of every id."""
    book = load_workbook(path)
    found: dict[str, tuple[str, int]] = {}
    for sheet in book.worksheets:
        for row in range(2, sheet.max_row + 1):
            value = sheet.cell(row=row, column=1).value
            if isinstance(value, str) and value.strip():
                found.setdefault(value, (sheet.title, row))
    return found


def answer_cell(path: Path, item_id: str) -> str:
    sheet, row = rows(path)[item_id]
    column = "E" if sheet == "Indicateurs" else "C"
    return f"{sheet}!{column}{row}"


def edit(path: Path, changes: dict[str, Any]) -> None:
    fill(path, changes)


def problems(path: Path) -> list[tuple[str, str]]:
    report = validate_survey([path], REF)
    (result,) = report.files
    return sorted(
        (issue.code, f"{issue.sheet}!{issue.cell}" if issue.sheet else "")
        for issue in result.issues
    )


def test_the_base_file_has_no_problem(base: Path) -> None:
    assert problems(base) == []
    report = validate_survey([base], REF)
    assert report.valid
    counts = report.counts()
    assert counts["reponses_lues"] == counts["reponses_utilisees"] > 40
    assert counts["reponses_rejetees"] == 0


Case = Callable[[Path], list[tuple[str, str]]]


def _missing(path: Path) -> list[tuple[str, str]]:
    edit(path, {"ES-FRA-03": None})
    return [("reponse-manquante", answer_cell(path, "ES-FRA-03"))]


def _wrong_type(path: Path) -> list[tuple[str, str]]:
    edit(path, {"ES-CTX-ETP": "beaucoup"})
    return [("type-invalide", answer_cell(path, "ES-CTX-ETP"))]


def _out_of_range(path: Path) -> list[tuple[str, str]]:
    edit(path, {"ES-EMP-01": 150})
    return [("hors-limites", answer_cell(path, "ES-EMP-01"))]


def _not_in_list(path: Path) -> list[tuple[str, str]]:
    edit(path, {"ES-DUR-06": "Peut-être"})
    return [("hors-liste", answer_cell(path, "ES-DUR-06"))]


def _likert_out_of_scale(path: Path) -> list[tuple[str, str]]:
    edit(path, {"ES-FRA-04": "Tout à fait d'accord"})  # not a level of maturite-4
    return [("hors-liste", answer_cell(path, "ES-FRA-04"))]


def _part_above_total(path: Path) -> list[tuple[str, str]]:
    edit(path, {"ES-FRA-01": 99999})
    return [("incoherence-partie-total", answer_cell(path, "ES-FRA-01"))]


def _split_not_summing(path: Path) -> list[tuple[str, str]]:
    edit(
        path,
        {
            "esus.2025.charges_exploitation_totales": 100000,
            "esus.2025.activite.1.charges": 60000,
            "esus.2025.activite.2.charges": 30000,
        },
    )
    return [
        ("incoherence-repartition", answer_cell(path, "esus.2025.charges_exploitation_totales"))
    ]


def _dates_inverted(path: Path) -> list[tuple[str, str]]:
    edit(path, {"esus.2024.debut": dt.datetime(2024, 12, 31), "esus.2024.fin": "01/01/2024"})
    return [("incoherence-dates", answer_cell(path, "esus.2024.fin"))]


def _unknown_id(path: Path) -> list[tuple[str, str]]:
    book = load_workbook(path)
    sheet = book["Indicateurs"]
    row = rows(path)["ES-LIE-06"][1]  # a respondent item answered as an aggregate, optional
    sheet.cell(row=row, column=1).value = "ES-LIE-66"
    book.save(path)
    return [("id-inconnu", f"Indicateurs!E{row}")]


def _duplicate_id(path: Path) -> list[tuple[str, str]]:
    book = load_workbook(path)
    sheet = book["Indicateurs"]
    row = sheet.max_row + 1
    sheet.cell(row=row, column=1).value = "ES-CTX-ETP"
    sheet.cell(row=row, column=5).value = 12
    book.save(path)
    return [("id-duplique", f"Indicateurs!E{row}")]


def _bad_siren(path: Path) -> list[tuple[str, str]]:
    edit(path, {"org.siren": "732 829 321"})
    return [("siren-invalide", answer_cell(path, "org.siren"))]


def _bad_rna(path: Path) -> list[tuple[str, str]]:
    edit(path, {"org.rna": "W12345"})
    return [("rna-invalide", answer_cell(path, "org.rna"))]


def _bad_departement(path: Path) -> list[tuple[str, str]]:
    edit(path, {"org.departement": "99"})
    return [("departement-invalide", answer_cell(path, "org.departement"))]


def _no_name(path: Path) -> list[tuple[str, str]]:
    edit(path, {"org.nom": None})
    return [("identite-manquante", answer_cell(path, "org.nom"))]


def _older_version(path: Path) -> list[tuple[str, str]]:
    book = load_workbook(path)
    meta = book["_meta"]
    for row in meta.iter_rows():
        if row[0].value == "referentiel_version":
            row[1].value = "0.9.0"
    book.save(path)
    return [("version-anterieure", "")]


def _fraction(path: Path) -> list[tuple[str, str]]:
    edit(path, {"ES-EMP-01": 0.3})
    return [("valeur-ajustee", answer_cell(path, "ES-EMP-01"))]


def _bad_period(path: Path) -> list[tuple[str, str]]:
    edit(path, {"org.periode": "2025-2027"})  # the period of the template (_meta) still holds
    return [("type-invalide", answer_cell(path, "org.periode"))]


def _another_referentiel(path: Path) -> list[tuple[str, str]]:
    other = us.load_indicator_set("bonnes-pratiques-ess")
    write_template(other, path, today=TODAY)
    cells, _ = typical_filling(other)
    fill(path, {**cells, **IDENTITY})
    return [("autre-referentiel", "")]


def _empty(path: Path) -> list[tuple[str, str]]:
    path.write_bytes(b"")
    return [("fichier-illisible", "")]


def _not_a_workbook(path: Path) -> list[tuple[str, str]]:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)  # truncated archive, as a broken download
    return [("fichier-illisible", "")]


def _blank_template(path: Path) -> list[tuple[str, str]]:
    write_template(REF, path, today=TODAY)
    return [("aucune-reponse", "")]


def _missing_with_comment(path: Path) -> list[tuple[str, str]]:
    book = load_workbook(path)
    sheet = book["Indicateurs"]
    row = rows(path)["ES-FRA-03"][1]
    sheet.cell(row=row, column=5).value = None
    sheet.cell(row=row, column=6).value = "Tarifs fixés par le département, pas par nous"
    book.save(path)
    return [("reponse-manquante", answer_cell(path, "ES-FRA-03"))]  # a warning only


CASES: dict[str, Case] = {
    "reponse-manquante-commentee": _missing_with_comment,
    "reponse-manquante": _missing,
    "type-invalide": _wrong_type,
    "hors-limites": _out_of_range,
    "hors-liste": _not_in_list,
    "likert-hors-echelle": _likert_out_of_scale,
    "partie-superieure-au-total": _part_above_total,
    "repartition-esus": _split_not_summing,
    "dates-esus": _dates_inverted,
    "id-inconnu": _unknown_id,
    "id-duplique": _duplicate_id,
    "siren": _bad_siren,
    "rna": _bad_rna,
    "departement": _bad_departement,
    "nom-manquant": _no_name,
    "version-anterieure": _older_version,
    "fraction": _fraction,
    "periode": _bad_period,
    "autre-referentiel": _another_referentiel,
    "fichier-vide": _empty,
    "pas-un-classeur": _not_a_workbook,
    "classeur-vierge": _blank_template,
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_faulty_file_yields_exactly_its_problems(
    name: str, base: Path, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.xlsx"
    shutil.copy(base, path)
    expected = CASES[name](path)
    assert problems(path) == sorted(expected)


def test_the_whole_corpus_at_once_accounts_for_every_file(base: Path, tmp_path: Path) -> None:
    folder = tmp_path / "retours"
    folder.mkdir()
    for name, case in CASES.items():
        path = folder / f"{name}.xlsx"
        shutil.copy(base, path)
        case(path)
    report = validate_survey([folder], REF)
    counts = report.counts()
    assert counts["fichiers_lus"] == len(CASES) == 22
    assert counts["fichiers_lus"] == (
        counts["fichiers_valides"] + counts["fichiers_avec_erreurs"] + counts["fichiers_rejetes"]
    )
    assert counts["fichiers_rejetes"] == 4
    assert counts["reponses_lues"] == counts["reponses_utilisees"] + counts["reponses_rejetees"]
    assert not report.valid


def test_every_code_is_catalogued_and_documented() -> None:
    import re

    from utilite_sociale.survey import (
        codes,
        exports,
        members,
        reader,
        respondents,
        validation,
    )

    emitted: set[str] = set()
    for module in (reader, validation, members, respondents, exports):
        text = Path(str(module.__file__)).read_text(encoding="utf-8")
        emitted |= set(re.findall(r'^\s+"([a-z]+(?:-[a-z0-9]+)+)",$', text, flags=re.M))
        emitted |= set(re.findall(r'code="([a-z-]+)"', text))
        emitted |= set(re.findall(r'"(type-invalide|hors-limites|hors-liste)"', text))
        emitted |= set(re.findall(r'(?:warn|issue|add)\(\s*"([a-z]+(?:-[a-z0-9]+)+)"', text))
    assert emitted == set(codes.SURVEY_CODES)
    docs = Path(__file__).parents[2] / "docs" / "erreurs-classeur.md"
    assert docs.read_text(encoding="utf-8") == codes.catalogue_markdown()


def test_a_commented_missing_answer_is_a_warning(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "commente.xlsx"
    shutil.copy(base, path)
    _missing_with_comment(path)
    (result,) = validate_survey([path], REF).files
    assert result.status == "avertissements"
    assert "Tarifs fixés par le département" in result.issues[0].message
