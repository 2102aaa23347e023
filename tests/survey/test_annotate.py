"""``verifier --annoter``: the annotated copy a federation sends back to its member."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from tests.survey.filling import fill, typical_filling
from utilite_sociale.cli import main
from utilite_sociale.survey import write_template
from utilite_sociale.survey.annotate import annotate_report, annotated_name, safe_stem
from utilite_sociale.survey.validation import validate_survey

REF = us.load_indicator_set("ess-socle")
LIBREOFFICE = Path(__file__).parent / "data" / "libreoffice" / "ess-socle"


def _faulty(folder: Path, name: str = "retour.xlsx") -> Path:
    path = folder / name
    write_template(REF, path, today=dt.date(2026, 1, 15))
    cells, _ = typical_filling(REF)
    cells.update({"ES-CTX-ETP": "beaucoup", "ES-FRA-03": None})
    fill(
        path,
        {**cells, "org.code_adherent": "A042", "org.nom": "Le Fil d'Ariane", "org.periode": "2025"},
    )
    # A member typed text starting with « = » (stored as text by the spreadsheet).
    book = load_workbook(path)
    cell = book["Indicateurs"][_cell_of(book, "Indicateurs", "ES-CTX-BENEVOLES")]
    cell.value = '=HYPERLINK("http://exemple.invalid","clic")'
    cell.data_type = "s"
    book.save(path)
    return path


def _cell_of(book: object, sheet: str, item_id: str) -> str:
    ws = book[sheet]  # type: ignore[index]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == item_id:
            return f"E{row}"
    raise AssertionError(item_id)


def test_an_annotated_copy_highlights_and_comments_each_problem(tmp_path: Path) -> None:
    source = _faulty(tmp_path)
    report = validate_survey([source], REF)
    (copy,) = annotate_report(report, tmp_path / "annotes")
    assert copy.name == "retour.annote.xlsx"
    book = load_workbook(copy)
    assert book.sheetnames[0] == "Problèmes"
    cell = book["Indicateurs"][_cell_of(book, "Indicateurs", "ES-CTX-ETP")]
    assert cell.comment is not None
    assert "n'est pas un nombre" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("F8CBAD")
    missing = book["Indicateurs"][_cell_of(book, "Indicateurs", "ES-FRA-03")]
    assert "Réponse obligatoire manquante" in missing.comment.text
    summary = book["Problèmes"]
    rows = [[c.value for c in row] for row in summary.iter_rows()]
    problems = [row for row in rows if row[0] in {"erreur", "avertissement"}]
    assert len(problems) == len(report.files[0].issues)
    assert summary.cell(row=7, column=3).hyperlink is not None


def test_copies_are_xlsx_without_macros_even_from_ods_csv_and_xlsm(tmp_path: Path) -> None:
    folder = tmp_path / "retours"
    folder.mkdir()
    xlsm = _faulty(tmp_path, "modele.xlsx")
    shutil.copy(xlsm, folder / "avec-macros.xlsm")
    shutil.copy(LIBREOFFICE / "resaved.ods", folder / "calc.ods")
    shutil.copy(LIBREOFFICE / "indicateurs-fr.csv", folder / "export.csv")
    report = validate_survey([folder], REF)
    written = annotate_report(report, tmp_path / "annotes")
    # The .ods is complete and consistent: no problem, no copy. The CSV has two warnings.
    assert sorted(path.name for path in written) == [
        "avec-macros.annote.xlsx",
        "export.annote.xlsx",
    ]
    for path in written:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
        assert not any("vbaProject" in name for name in names)
        assert load_workbook(path).sheetnames[0] == "Problèmes"


def test_member_text_never_becomes_a_formula(tmp_path: Path) -> None:
    source = _faulty(tmp_path)
    report = validate_survey([source], REF)
    (copy,) = annotate_report(report, tmp_path / "annotes")
    with zipfile.ZipFile(copy) as archive:
        summary_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"HYPERLINK" in summary_xml  # the member's text is quoted in the summary…
    assert b"<f>" not in summary_xml  # …as text, never as a live formula
    book = load_workbook(copy)
    typed = [
        cell
        for row in book["Problèmes"].iter_rows()
        for cell in row
        if cell.value == '=HYPERLINK("http://exemple.invalid","clic")'
    ]
    assert len(typed) == 1  # the « Trouvé » column quotes it…
    assert typed[0].data_type == "s"  # …as text


def test_cli_annotates_into_a_non_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _faulty(tmp_path)
    folder = tmp_path / "annotes"
    folder.mkdir()
    (folder / "autre.txt").write_text("à garder", encoding="utf-8")
    assert main(["verifier", str(source), "-r", "ess-socle", "--annoter", str(folder)]) == 1
    assert "Copies annotées à renvoyer aux membres : 1 fichier(s)" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == ["autre.txt", "retour.annote.xlsx"]
    assert main(["verifier", str(source), "-r", "ess-socle", "--annoter", str(folder)]) == 1


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("Le Fil d'Ariane", "Le Fil d'Ariane"),
        ("../../etc/passwd", "etc - passwd"),
        ("a/b\\c", "a - b - c"),
        ("nom\x00caché\n", "nomcaché"),
        ("...", "fichier"),
        ("Énergies Partagées", "Énergies Partagées"),
    ],
)
def test_safe_stems_keep_accents_and_drop_paths(text: str, stem: str) -> None:
    assert safe_stem(text) == stem
    assert annotated_name("sud/Le Fil.ods") == "sud - Le Fil.annote.xlsx"


def test_the_problem_list_csv_holds_member_text_as_text(tmp_path: Path) -> None:
    """A member typed ``=HYPERLINK(…)``: the CSV list of problems carries it as inert text."""
    import csv

    ref = us.load_indicator_set("ess-socle")
    path = tmp_path / "retour.xlsx"
    write_template(ref, path, today=dt.date(2026, 1, 15))
    number = next(i for i in ref.indicators if i.answer.type == "nombre" and i.level != "repondant")
    hostile = '=HYPERLINK("http://exemple.invalid/x","Cliquez")'
    fill(path, {"org.code_adherent": "A001"})
    book = load_workbook(path)
    sheet = book["Indicateurs"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == number.id)
    cell = sheet.cell(row, 5)
    cell.value = hostile
    cell.data_type = "s"  # typed as text (Excel's quote prefix), not as a formula
    book.save(path)
    output = tmp_path / "problemes.csv"
    code = main(["verifier", str(path), "-r", "ess-socle", "--problemes", str(output)])
    assert code == 1
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with output.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    bad = [row for row in rows if row["indicateur"] == number.id]
    assert [row["code"] for row in bad] == ["type-invalide"]
    assert bad[0]["trouve"] == "'" + hostile  # quoted: a spreadsheet shows it, never runs it
    assert bad[0]["cellule"].startswith("E")
    assert bad[0]["organisation"] == "A001"
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
