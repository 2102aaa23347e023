"""Annotated copies (``verifier --annoter DOSSIER``): the file a federation sends back.

For each file with problems, ``<nom>.annote.xlsx``: always ``.xlsx`` without macros, even from
``.ods``, ``.xls``, ``.csv`` or ``.xlsm``; a first sheet « Problèmes » lists every problem with
a link to its cell; each faulty cell is highlighted and carries a comment with the French
message and how to fix it.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from .._atomic import atomic_write_bytes
from ..errors import ERROR, Issue
from .grid import read_grids
from .validation import FileResult, SurveyReport

__all__ = ["ANNOTATED_SUFFIX", "annotate_report", "annotated_name", "safe_stem"]

ANNOTATED_SUFFIX = ".annote.xlsx"
SUMMARY_SHEET = "Problèmes"
_ERROR_FILL = "F8CBAD"
_WARNING_FILL = "FFE699"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_stem(text: str, *, default: str = "fichier") -> str:
    """A file-name stem from user text: accents kept; separators, ``..`` and controls removed."""
    cleaned = unicodedata.normalize("NFC", text)
    cleaned = _CONTROL.sub("", cleaned)
    cleaned = re.sub(r'[\\/:*?"<>|]+', " - ", cleaned)
    cleaned = re.sub(r"\.{2,}", ".", cleaned).strip(" .-")
    cleaned = re.sub(r"\s+", " ", cleaned)[:120].strip(" .-")
    return cleaned or default


def annotated_name(shown: str) -> str:
    """``retours/sud/Le Fil.ods`` → ``sud - Le Fil.annote.xlsx`` (relative to the folder read)."""
    stem = Path(shown).with_suffix("").as_posix()
    return safe_stem(stem.replace("/", " - ")) + ANNOTATED_SUFFIX


def annotate_report(report: SurveyReport, folder: str | os.PathLike[str]) -> list[Path]:
    """Write an annotated copy of every file that has a problem and could be read.

    Parameters
    ----------
    report
        The result of :func:`validate_survey`.
    folder
        Destination (created if needed; existing ``*.annote.xlsx`` of the same names are
        replaced, other files are left alone).

    Returns
    -------
    list of pathlib.Path
        The copies written, in the report's order.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for result in report.files:
        if not result.issues or result.member is None:
            continue  # nothing to say, or nothing could be read (the report says why)
        data = annotated_copy(result, report.indicator_set_id)
        written.append(atomic_write_bytes(target / annotated_name(result.file), data))
    return written


def annotated_copy(result: FileResult, indicator_set_id: str) -> bytes:
    """The annotated workbook of one file, as ``.xlsx`` bytes."""
    workbook = _load_as_xlsx(Path(result.path))
    by_cell: dict[tuple[str, str], list[Issue]] = defaultdict(list)
    for issue in result.issues:
        if issue.sheet and issue.cell and issue.sheet in workbook.sheetnames:
            by_cell[(issue.sheet, issue.cell)].append(issue)
    _mark_cells(workbook, by_cell)
    _summary(workbook, result, indicator_set_id)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _load_as_xlsx(path: Path) -> Any:
    """The member's workbook as an openpyxl workbook: itself if ``.xlsx``, else rebuilt."""
    from openpyxl import Workbook, load_workbook

    from .._spreadsheet import write_value

    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        # keep_vba=False: macros are dropped, the copy is a plain .xlsx.
        return load_workbook(path, keep_vba=False, keep_links=False)
    _, grids = read_grids(path)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for grid in grids:
        sheet = workbook.create_sheet(grid.name[:31] or "Feuille")
        if grid.name.startswith("_"):
            sheet.sheet_state = "hidden"  # _meta, _listes stay out of the member's way
        for row_index in range(1, grid.height + 1):
            for column_index, value in enumerate(grid.row_values(row_index - 1), start=1):
                if value is not None:
                    write_value(sheet.cell(row=row_index, column=column_index), value)
    return workbook


def _mark_cells(workbook: Any, by_cell: dict[tuple[str, str], list[Issue]]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for (sheet_name, coordinate), issues in by_cell.items():
        cell = workbook[sheet_name][coordinate]
        is_error = any(issue.severity == ERROR for issue in issues)
        cell.fill = PatternFill("solid", fgColor=_ERROR_FILL if is_error else _WARNING_FILL)
        text = "\n\n".join(
            f"{'Erreur' if issue.severity == ERROR else 'Avertissement'} : {issue.message}"
            + (f"\n→ {issue.fix}" if issue.fix else "")
            for issue in issues
        )
        comment = Comment(text, "utilite-sociale")
        comment.width = 360
        comment.height = min(60 + 18 * text.count("\n") + len(text) // 3, 400)
        cell.comment = comment


def _summary(workbook: Any, result: FileResult, indicator_set_id: str) -> None:
    from openpyxl.styles import Font, PatternFill

    from .._spreadsheet import HEADER_FILL, HEADER_FONT, WRAP, fit_row_height, write_value
    from .validation import status_line

    if SUMMARY_SHEET in workbook.sheetnames:
        del workbook[SUMMARY_SHEET]
    sheet = workbook.create_sheet(SUMMARY_SHEET, 0)
    workbook.active = 0
    for other in workbook.worksheets[1:]:
        other.sheet_view.tabSelected = False
    counts = result.counts()
    lines = [
        f"Vérification de « {result.file} » (référentiel « {indicator_set_id} »)",
        status_line(result),
        f"Réponses lues : {counts['reponses_lues']} ; utilisées : "
        f"{counts['reponses_utilisees']} ; rejetées : {counts['reponses_rejetees']}.",
        "Les cellules à corriger sont surlignées (rouge : erreur, orange : avertissement) et "
        "portent un commentaire. Corrigez-les dans votre fichier d'origine, puis renvoyez-le.",
    ]
    for row, text in enumerate(lines, start=1):
        write_value(sheet.cell(row=row, column=1), text)
    sheet["A1"].font = Font(bold=True, size=14)
    headers = [
        "Gravité",
        "Feuille",
        "Cellule",
        "Indicateur",
        "Problème",
        "Comment corriger",
        "Trouvé",
    ]
    widths = [14, 18, 10, 22, 70, 60, 24]
    header_row = len(lines) + 2
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=header_row, column=column)
        write_value(cell, text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    ordered = sorted(result.issues, key=lambda issue: issue.severity != ERROR)
    for row, issue in enumerate(ordered, start=header_row + 1):
        values = [
            "erreur" if issue.severity == ERROR else "avertissement",
            issue.sheet,
            issue.cell,
            issue.indicator,
            issue.message,
            issue.fix,
            issue.found,
        ]
        for column, value in enumerate(values, start=1):
            write_value(sheet.cell(row=row, column=column), value, wrap=column in {5, 6})
        if issue.sheet and issue.cell and issue.sheet in workbook.sheetnames:
            link = sheet.cell(row=row, column=3)
            link.hyperlink = f"#'{issue.sheet}'!{issue.cell}"
            link.font = Font(color="0563C1", underline="single")
        colour = _ERROR_FILL if issue.severity == ERROR else _WARNING_FILL
        sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor=colour)
        fit_row_height(sheet, row, [(issue.message, widths[4]), (issue.fix, widths[5])])
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1).coordinate
    for row in range(2, len(lines) + 1):
        sheet.cell(row=row, column=1).alignment = WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.row_dimensions[row].height = 30
