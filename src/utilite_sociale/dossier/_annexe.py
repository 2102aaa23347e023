"""``annexe.xlsx``: every figure and table of the checks as numbers an officer can recompute.

Amounts stay numbers (euros formatted), ratios stay fractions shown as percentages, text is
stored as text (never as a formula, whatever it starts with), dates as dates. The workbook's
own dates are the request date: the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..esus import CellValue, EsusAssessment, Unit

__all__ = ["build_annexe"]

_FORMATS: dict[str, str] = {
    "euros": '#,##0.00 "€"',
    "pourcentage": "0.00%",
    "quotite": "0%",
    "date": "DD/MM/YYYY",
}


def _write(cell: Any, value: CellValue, unit: Unit) -> None:
    from .._spreadsheet import write_value

    if value is None:
        return
    if isinstance(value, bool):
        write_value(cell, "oui" if value else "non")
    elif isinstance(value, Decimal | int):
        cell.value = float(value) if isinstance(value, Decimal) else value
        if unit in _FORMATS:
            cell.number_format = _FORMATS[unit]
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = _FORMATS["date"]
    else:
        write_value(cell, str(value), wrap=len(str(value)) > 40)


def _header(sheet: Any, row: int, labels: list[str], widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    from .._spreadsheet import HEADER_FILL, HEADER_FONT, write_value

    for column, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = sheet.cell(row=row, column=column)
        write_value(cell, label, wrap=True)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(
            sheet.column_dimensions[letter].width or 0, width
        )


def _title(book: Any, wanted: str) -> str:
    title = "".join(ch for ch in wanted if ch not in "[]:*?/\\")[:31]
    number = 2
    while title in book.sheetnames:
        suffix = f" ({number})"
        title = wanted[: 31 - len(suffix)] + suffix
        number += 1
    return title


def build_annexe(assessment: EsusAssessment) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook

    from .._frozen import frozen_workbook
    from .._spreadsheet import write_value

    book = Workbook()
    summary: Any = book.active
    assert summary is not None
    summary.title = "Synthèse"
    _header(
        summary,
        1,
        ["Condition", "Code", "Statut", "Motif", "Pour la remplir", "Cellules à renseigner"],
        [34, 14, 14, 70, 50, 40],
    )
    for row, check in enumerate(assessment.checks, start=2):
        for column, value in enumerate(
            [
                check.title,
                check.id,
                check.status.value,
                check.reason,
                check.remedy or "",
                ", ".join(check.missing),
            ],
            start=1,
        ):
            write_value(summary.cell(row=row, column=column), value, wrap=column in {1, 4, 5, 6})
    summary.freeze_panes = "A2"
    figures = book.create_sheet("Chiffres")
    _header(
        figures, 1, ["Condition", "Chiffre", "Exercice", "Valeur", "Unité"], [28, 50, 10, 22, 14]
    )
    row = 2
    for check in assessment.checks:
        for figure in check.figures:
            write_value(figures.cell(row=row, column=1), check.title)
            write_value(figures.cell(row=row, column=2), figure.label, wrap=True)
            if figure.year is not None:
                figures.cell(row=row, column=3, value=figure.year)
            _write(figures.cell(row=row, column=4), figure.value, figure.unit)
            write_value(figures.cell(row=row, column=5), figure.unit)
            row += 1
    figures.freeze_panes = "A2"
    for check in assessment.checks:
        for table in check.tables:
            sheet = book.create_sheet(_title(book, table.title))
            write_value(sheet.cell(row=1, column=1), f"{check.title} — {table.title}")
            _header(
                sheet,
                2,
                [column.label for column in table.columns],
                [max(12, min(40, len(column.label) + 4)) for column in table.columns],
            )
            for offset, values in enumerate(table.rows, start=3):
                for index, (item, spec) in enumerate(
                    zip(values, table.columns, strict=True), start=1
                ):
                    _write(sheet.cell(row=offset, column=index), item, spec.unit)
            if table.note:
                write_value(sheet.cell(row=len(table.rows) + 4, column=1), table.note)
            sheet.freeze_panes = "A3"
    readings = book.create_sheet("Lectures")
    _header(
        readings,
        1,
        ["Condition", "Lecture", "Statut", "Retenue", "Explication"],
        [28, 50, 14, 10, 70],
    )
    row = 2
    for check in assessment.checks:
        for reading in check.readings:
            for column, value in enumerate(
                [
                    check.title,
                    reading.label,
                    reading.status.value,
                    "oui" if reading.used else "non",
                    reading.explanation,
                ],
                start=1,
            ):
                write_value(readings.cell(row=row, column=column), value, wrap=column in {2, 5})
            row += 1
    texts = book.create_sheet("Textes")
    _header(texts, 1, ["Texte", "Version", "Certitude", "Sources"], [60, 30, 20, 80])
    for row, basis in enumerate(assessment.law_versions, start=2):
        for column, value in enumerate(
            [
                basis.article,
                basis.version_label,
                str(basis.certainty.value),
                "\n".join(basis.sources),
            ],
            start=1,
        ):
            write_value(texts.cell(row=row, column=column), value, wrap=True)
    buffer = io.BytesIO()
    book.save(buffer)
    moment = dt.datetime.combine(assessment.request_date, dt.time())
    return frozen_workbook(buffer.getvalue(), created=moment, modified=moment)
