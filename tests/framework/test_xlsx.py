"""Référentiels authored in Excel: lossless round trip, located errors, hostile files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

import utilite_sociale as us
from tests.strategies import indicator_sets
from utilite_sociale.errors import InputFileError
from utilite_sociale.framework import validate_indicator_set, validate_indicator_set_data
from utilite_sociale.framework.xlsx import indicator_set_to_workbook_bytes

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=indicator_sets())
def test_yaml_model_xlsx_model_is_lossless(data: dict[str, Any], tmp_path_factory: Any) -> None:
    ref = validate_indicator_set_data(data).raise_for_errors()
    path = tmp_path_factory.mktemp("rt") / "ref.xlsx"
    path.write_bytes(indicator_set_to_workbook_bytes(ref))
    report = validate_indicator_set(path)
    assert report.valid, [issue.describe() for issue in report.issues]
    assert report.indicator_set == ref
    assert report.indicator_set.content_hash() == ref.content_hash()


@pytest.mark.parametrize("ref_id", us.builtin_indicator_set_ids())
def test_builtins_round_trip_through_excel(ref_id: str, tmp_path: Path) -> None:
    ref = us.load_indicator_set(ref_id)
    path = tmp_path / f"{ref_id}.xlsx"
    us.save_indicator_set(ref, path)
    assert us.load_indicator_set(path) == ref


def _export(tmp_path: Path) -> Path:
    path = tmp_path / "socle.xlsx"
    us.save_indicator_set(us.load_indicator_set("ess-socle"), path)
    return path


def _row_of(sheet: Any, value: str, column: int = 1) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(value)


def _header_column(sheet: Any, header: str) -> int:
    for column in range(1, sheet.max_column + 1):
        if sheet.cell(row=1, column=column).value == header:
            return column
    raise AssertionError(header)


def test_workbook_layout_is_made_for_people(tmp_path: Path) -> None:
    book = load_workbook(_export(tmp_path))
    assert book.sheetnames[:4] == ["Lisez-moi", "Métadonnées", "Dimensions", "Indicateurs"]
    assert {
        "Correspondances",
        "Lentilles",
        "Cibles",
        "Choix",
        "Scores",
        "Paliers",
        "Échelles",
        "Sources",
    } <= set(book.sheetnames)
    assert book["_listes"].sheet_state == "hidden"
    indicators = book["Indicateurs"]
    assert indicators.freeze_panes == "A2"
    assert indicators["F1"].value == "type de réponse"
    lists = {str(rule.sqref): rule.formula1 for rule in indicators.data_validations.dataValidation}
    assert any("likert" in (formula or "") for formula in lists.values())
    assert any("Dimensions!$A$2" in (formula or "") for formula in lists.values())
    mappings = book["Correspondances"]
    assert [mappings.cell(row=1, column=c).value for c in range(1, 5)] == [
        "indicateur",
        "lentille",
        "groupe",
        "part",
    ]


def test_an_excel_referentiel_with_mistakes_yields_all_of_them_located(tmp_path: Path) -> None:
    path = _export(tmp_path)
    book = load_workbook(path)
    meta = book["Métadonnées"]
    meta.cell(row=_row_of(meta, "couverture minimale"), column=2).value = "beaucoup"
    dims = book["Dimensions"]
    dims.cell(row=_row_of(dims, "emploi"), column=5).value = -2
    ind = book["Indicateurs"]
    r_fra1 = _row_of(ind, "ES-FRA-01")
    ind.cell(row=r_fra1, column=_header_column(ind, "type de réponse")).value = "nombres"
    r_eco2 = _row_of(ind, "ES-ECO-02")
    ind.cell(row=r_eco2, column=_header_column(ind, "borne basse")).value = 95
    r_gou1 = _row_of(ind, "ES-GOU-01")
    ind.cell(row=r_gou1, column=_header_column(ind, "dimension")).value = "gouvernanse"
    ind.cell(row=r_gou1, column=_header_column(ind, "poids")).value = "2,5"  # French decimal: OK
    maps = book["Correspondances"]
    maps.append(["ES-INCONNU", "loi-2019", "ess2019-1", 1])
    maps.append(["ES-CTX-ETP", "loi-2019", "ess2019-7", 0.5])
    targets = book["Cibles"]
    targets.append(["ES-LIE-04", 140, dt.date(2026, 12, 31), "trop haut"])
    book.save(path)

    report = validate_indicator_set(path)
    found = sorted((issue.code, f"{issue.sheet}!{issue.cell}") for issue in report.errors)
    n_maps = maps.max_row
    n_targets = targets.max_row
    col = {
        name: ind.cell(row=1, column=_header_column(ind, name)).column_letter
        for name in ("type de réponse", "borne basse", "dimension")
    }
    assert found == sorted(
        [
            ("type-invalide", f"Métadonnées!B{_row_of(meta, 'couverture minimale')}"),
            ("poids-negatif", f"Dimensions!E{_row_of(dims, 'emploi')}"),
            ("valeur-inconnue", f"Indicateurs!{col['type de réponse']}{r_fra1}"),
            ("bornes-inversees", f"Indicateurs!{col['borne basse']}{r_eco2}"),
            ("dimension-inconnue", f"Indicateurs!{col['dimension']}{r_gou1}"),
            ("indicateur-inconnu", f"Correspondances!A{n_maps - 1}"),
            ("groupe-inconnu", f"Correspondances!D{n_maps}"),
            ("cible-hors-echelle", f"Cibles!B{n_targets}"),
        ]
    )
    assert all(issue.file == "socle.xlsx" for issue in report.issues)
    # The weight typed as French text « 2,5 » is read as 2.5: no problem reported on it.
    weight_cell = f"{ind.cell(row=1, column=_header_column(ind, 'poids')).column_letter}{r_gou1}"
    assert all(issue.cell != weight_cell for issue in report.issues)


def test_cli_exports_and_validates_excel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from utilite_sociale.cli import main

    target = tmp_path / "mon-referentiel.xlsx"
    assert main(["referentiels", "ess-socle", "--exporter", str(target)]) == 0
    assert main(["referentiels", str(target)]) == 0
    out = capsys.readouterr().out
    assert "mon-referentiel.xlsx : valide" in out
    book = load_workbook(target)
    book["Dimensions"]["E2"].value = -1
    book.save(target)
    assert main(["referentiels", str(target)]) == 1
    out = capsys.readouterr().out
    assert "mon-referentiel.xlsx Dimensions!E2" in out


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    ref = us.load_indicator_set("ess-socle")
    first = ref.indicators[0]
    hostile = first.model_copy(update={"help": '=HYPERLINK("http://x","clic")', "label": "+33"})
    ref = ref.model_copy(update={"indicators": [hostile, *ref.indicators[1:]]})
    path = tmp_path / "h.xlsx"
    us.save_indicator_set(ref, path)
    with zipfile.ZipFile(path) as archive:
        sheet_xml = b"".join(
            archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets")
        )
    assert b"<f>" not in sheet_xml  # no formula anywhere
    assert us.load_indicator_set(path).indicators[0].help == '=HYPERLINK("http://x","clic")'


def test_hostile_and_broken_files_are_refused(tmp_path: Path) -> None:
    not_zip = tmp_path / "faux.xlsx"
    not_zip.write_text("ceci n'est pas un classeur", encoding="utf-8")
    with pytest.raises(InputFileError, match="n'est pas un classeur lisible"):
        validate_indicator_set(not_zip)
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(InputFileError, match=r"bombe|décompresse"):
        validate_indicator_set(bomb)
    entity = tmp_path / "entites.xlsx"
    source = _export(tmp_path)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(entity, "w") as copy:
        for item in original.infolist():
            payload = original.read(item.filename)
            if item.filename == "xl/workbook.xml":
                payload = payload.replace(
                    b"<workbook",
                    b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><workbook',
                    1,
                )
            copy.writestr(item, payload)
    with pytest.raises(InputFileError):
        validate_indicator_set(entity)


def test_missing_sheet_and_column(tmp_path: Path) -> None:
    path = _export(tmp_path)
    book = load_workbook(path)
    del book["Dimensions"]
    book["Correspondances"]["A1"].value = "code"
    book.save(path)
    report = validate_indicator_set(path)
    codes = sorted(
        (issue.code, issue.sheet)
        for issue in report.issues
        if issue.code in {"feuille-manquante", "colonne-manquante"}
    )
    assert codes == [("colonne-manquante", "Correspondances"), ("feuille-manquante", "Dimensions")]
    assert not report.valid


def test_a_libreoffice_resave_reads_back_the_same() -> None:
    """``mini-resave-libreoffice.xlsx`` is our export of ``mini.yaml`` re-saved by LibreOffice
    Calc 7 (``soffice --headless --convert-to xlsx``): shared strings instead of inline ones,
    its own styles and validations."""
    folder = Path(__file__).parent / "data" / "libreoffice"
    original = us.load_indicator_set(folder / "mini.yaml")
    resaved = us.load_indicator_set(folder / "mini-resave-libreoffice.xlsx")
    assert resaved == original
    assert original.description is not None
    assert "=formule" in original.description
