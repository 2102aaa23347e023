"""What people do to the workbook (DESIGN §5), and what the reader still understands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

import utilite_sociale as us
from utilite_sociale.errors import InputFileError
from utilite_sociale.survey import write_template
from utilite_sociale.survey.reader import read_member_file

REF = us.load_indicator_set("ess-socle")


def _messy(path: Path) -> None:
    """A workbook rebuilt by hand: title rows, reordered, renamed and extra columns."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Mes réponses 2025"  # renamed sheet: found by its content
    sheet.append(["Auto-évaluation de l'association Le Fil d'Ariane"])
    sheet.append([])
    sheet.append(["Notes", "Votre réponse", "Identifiant", "Question"])  # reordered, renamed
    rows = [
        ("ES-CTX-ETP", "3,5"),  # French decimal typed as text
        ("ES-CTX-BUDGET", "1 234,5"),  # thousands with a space
        ("ES-CTX-BENEF", "1\u202f200"),  # narrow no-break space
        ("ES-EMP-01", "45 %"),  # percentage typed with its sign
        ("ES-EMP-06", 0.12),  # a fraction: read as 12 % with a warning
        ("ES-DUR-06", "oui"),  # yes/no in lower case
        ("ES-FRA-04", "tout a fait d’accord"),  # wrong scale for this item: rejected
        ("ES-LIE-05", "souvent"),  # Likert label of frequence-5, in lower case
        ("ES-FRA-03", "nc"),  # « no answer » mark
        ("ES-GOU-05", "peut-être"),  # not yes/no: rejected
        ("ZZ-INCONNU", "12"),  # unknown id: reported
    ]
    for item_id, answer in rows:
        sheet.append(["", answer, item_id, "…"])
    organisation = book.create_sheet("Identité")
    organisation.append(["id", "Réponse"])
    organisation.append(["org.siren", "123 456 782"])
    organisation.append(["org.periode", "2024/2025"])
    book.save(path)


def test_a_rebuilt_workbook_is_read_by_header_and_content(tmp_path: Path) -> None:
    path = tmp_path / "le-fil-d-ariane.xlsx"
    _messy(path)
    member = read_member_file(path, REF)
    values = {
        item: value if value is not None else text for item, _, value, text, _, _ in member.answers
    }
    assert values == {
        "ES-CTX-ETP": 3.5,
        "ES-CTX-BUDGET": 1234.5,
        "ES-CTX-BENEF": 1200.0,
        "ES-EMP-01": 45.0,
        "ES-EMP-06": 12.0,
        "ES-DUR-06": 1.0,
        "ES-LIE-05": 4.0,
    }
    errors = sorted(
        (issue.code, issue.indicator or issue.found) for issue in member.issues if issue.is_error
    )
    assert errors == sorted(
        [
            ("id-inconnu", "ZZ-INCONNU"),
            ("hors-liste", "ES-FRA-04"),
            ("hors-liste", "ES-GOU-05"),
        ]
    )
    warnings = [issue for issue in member.issues if not issue.is_error]
    assert any(
        issue.code == "valeur-ajustee" and issue.indicator == "ES-EMP-06" for issue in warnings
    )
    # Cells are located in the sheet as the member named it.
    located = {
        issue.indicator: f"{issue.sheet}!{issue.cell}" for issue in member.issues if issue.indicator
    }
    assert located["ES-GOU-05"] == "Mes réponses 2025!B13"
    assert member.key == "123456782"
    assert member.key_source == "siren"
    assert member.period == "2024-2025"
    assert member.cells_read == member.cells_used + member.cells_rejected == 12


def test_formulas_give_their_cached_values_and_percent_cells_are_understood(
    tmp_path: Path,
) -> None:
    path = tmp_path / "formules.xlsx"
    write_template(REF, path, today=dt.date(2026, 1, 15))
    book = load_workbook(path)
    sheet = book["Indicateurs"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(row=rows["ES-CTX-ETP"], column=5).value = "=1+2"  # no cached value: blank
    cell = sheet.cell(row=rows["ES-EMP-01"], column=5)
    cell.value = 0.45
    cell.number_format = "0%"  # typed « 45 % » in Excel
    book.save(path)
    member = read_member_file(path, REF)
    assert member.value("ES-CTX-ETP") is None  # a formula is never evaluated
    warned = [issue for issue in member.issues if issue.code == "formule-sans-valeur"]
    assert [issue.indicator for issue in warned] == ["ES-CTX-ETP"]
    assert member.value("ES-EMP-01") == 45.0


def test_xlsm_macros_are_ignored(tmp_path: Path) -> None:
    source = tmp_path / "modele.xlsx"
    write_template(REF, source, today=dt.date(2026, 1, 15))
    macro = tmp_path / "retour.xlsm"
    macro.write_bytes(source.read_bytes())
    member = read_member_file(macro, REF)
    assert member.format == "xlsm"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vide"),
        (b"PK\x03\x04 pas vraiment un zip", "pas un classeur lisible"),
    ],
)
def test_unreadable_files_are_refused_in_french(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "retour.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        read_member_file(path, REF)


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "retour.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(InputFileError, match="format non pris en charge"):
        read_member_file(path, REF)


def test_respondent_sheet(tmp_path: Path) -> None:
    path = tmp_path / "repondants.xlsx"
    write_template(REF, path, respondents=True, today=dt.date(2026, 1, 15))
    book = load_workbook(path)
    sheet = book["Réponses"]
    ids = [cell.value for cell in sheet[2]]
    first = ids.index(REF.respondent_indicators[0].id) + 1
    labels = REF.scale_labels(REF.respondent_indicators[0].answer.scale or "")
    sheet.cell(row=3, column=first).value = labels[-1]
    sheet.cell(row=4, column=first).value = "2"
    sheet.cell(row=5, column=first).value = "sans avis ?"
    book.save(path)
    member = read_member_file(path, REF)
    frame = member.tidy()
    rows = frame[frame["indicateur"] == ids[first - 1]]
    answers = list(zip(rows["repondant"], rows["valeur"], rows["cellule"], strict=True))
    letter = get_column_letter(first)
    assert answers == [("1", float(len(labels)), f"{letter}3"), ("2", 2.0, f"{letter}4")]
    assert member.cells_read == 3
    assert member.cells_used == 2
    assert member.cells_rejected == 1
    assert [issue.code for issue in member.issues if issue.is_error] == ["hors-liste"]


def test_percent_cells_of_an_ods_are_understood(tmp_path: Path) -> None:
    """``percent.ods``: LibreOffice Calc file where « 100 % » and « 45 % » were typed in
    percentage-formatted answer cells (stored as 1 and 0.45 with the percentage value type)."""
    path = Path(__file__).parent / "data" / "percent.ods"
    member = read_member_file(path, REF)
    assert member.value("ES-EMP-01") == 100.0
    assert member.value("ES-EMP-06") == 45.0
    assert member.value("ES-CTX-ETP") == 1.0  # a plain 1 in a plain cell stays 1


def test_old_excel_xls_is_read(tmp_path: Path) -> None:
    """``ancien.xls``: the same answers saved by LibreOffice as Excel 97-2003.

    Cell formats are not read from ``.xls``: 0,45 is still read as 45 % (a fraction, with a
    warning), but « 100 % » (stored as 1) can't be told from a typed 1, read as 1 % with a
    warning asking to check it."""
    member = read_member_file(Path(__file__).parent / "data" / "ancien.xls", REF)
    assert member.format == "xls"
    assert member.value("ES-EMP-06") == 45.0
    assert member.value("ES-EMP-01") == 1.0
    adjusted = {issue.indicator for issue in member.issues if issue.code == "valeur-ajustee"}
    assert {"ES-EMP-01", "ES-EMP-06"} <= adjusted
    assert member.value("ES-CTX-ETP") == 1.0
