"""Shared reportlab pieces of the ESUS dossier: statuses, check sections, tables, documents.

Every PDF of the dossier is built here the same way: A4, DejaVu fonts embedded, a footer
naming the organisation and the page, ``invariant=1`` (no creation date or random id: the
same inputs give the same bytes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..report._pdf import build_pdf
from ..report.member import NBSP, _escape, _styles

if TYPE_CHECKING:
    from ..esus import CheckResult, EsusAssessment, Table

__all__ = [
    "STATUS_COLOURS",
    "build_pdf",
    "check_flowables",
    "esus_table",
    "paragraph",
    "rows_table",
    "status_cell",
    "styles",
]

#: Background of each status in tables (light, so that black text stays readable).
STATUS_COLOURS = {
    "conforme": "#D8F0E3",
    "non conforme": "#F9D5CC",
    "à vérifier": "#FCEBC4",
    "à compléter": "#DDE7F5",
    "non applicable": "#EEEEEE",
}


def styles() -> dict[str, Any]:
    """The report styles, plus a smaller cell style for wide tables."""
    from reportlab.lib.styles import ParagraphStyle

    from ..report.fonts import BODY, BOLD

    base = _styles()
    base["cell-small"] = ParagraphStyle("cell-small", fontName=BODY, fontSize=7.5, leading=9.2)
    base["head-small"] = ParagraphStyle("head-small", fontName=BOLD, fontSize=7.5, leading=9.2)
    base["status"] = ParagraphStyle("status", fontName=BOLD, fontSize=9, leading=11)
    return base


def paragraph(text: str, style: Any) -> Any:
    """A paragraph of plain text (escaped)."""
    from reportlab.platypus import Paragraph

    return Paragraph(_escape(text), style)


def status_cell(status: str, style: Any) -> Any:
    """The status as a coloured cell content."""
    return paragraph(status, style)


def rows_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    sheet: dict[str, Any],
    *,
    small: bool = False,
    status_column: int | None = None,
) -> Any:
    """A table with a header row; text cells wrapped; a status column coloured if given."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    cell = sheet["cell-small" if small else "cell"]
    head = sheet["head-small"] if small else cell
    data = [
        [
            paragraph(str(value), head if index == 0 else cell) if isinstance(value, str) else value
            for value in row
        ]
        for index, row in enumerate(rows)
    ]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    commands: list[Any] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E7EB")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CBD2D9")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if status_column is not None:
        for index, row in enumerate(rows[1:], start=1):
            colour = STATUS_COLOURS.get(str(row[status_column]))
            if colour:
                commands.append(
                    ("BACKGROUND", (status_column, index), (status_column, index), colour)
                )
    table.setStyle(TableStyle(commands))
    return table


#: Relative column widths by unit (amounts need room, line numbers little).
_WEIGHTS = {
    "nombre": 0.7,
    "euros": 1.45,
    "pourcentage": 1.0,
    "quotite": 0.85,
    "mois": 1.0,
    "date": 1.25,
    "oui-non": 0.85,
    "texte": 1.2,
}


def esus_table(table: Table, sheet: dict[str, Any], *, width: float) -> list[Any]:
    """A table of a check (title, columns, rows as French text, note)."""
    from reportlab.platypus import KeepTogether, Spacer

    columns = table.columns
    texts = [list(row) for row in table.text_rows()]
    # Wide enough for the longest word of the header (never broken inside a word).
    weights = [
        2.6
        if column.key in {"libelle", "motif", "intitule", "activite"}
        else max(_WEIGHTS.get(column.unit, 1.0), max(map(len, column.label.split())) / 6)
        for column in columns
    ]
    total = sum(weights)
    widths = [width * w / total for w in weights]
    status = next(
        (i for i, column in enumerate(columns) if column.key in {"statut", "status"}), None
    )
    result = [
        paragraph(table.title, sheet["h2"]),
        rows_table(
            [[column.label for column in columns], *texts],
            widths,
            sheet,
            small=len(columns) > 5,
            status_column=status,
        ),
    ]
    if table.note:
        result.append(paragraph(table.note, sheet["small"]))
    result.append(Spacer(1, 4))
    return [KeepTogether(result)] if len(texts) <= 15 else result


def check_flowables(
    check: CheckResult,
    sheet: dict[str, Any],
    *,
    width: float,
    tables: Callable[[Table], bool] = lambda table: True,
    charts: Sequence[Any] = (),
    sources: bool = False,
) -> list[Any]:
    """The evidence of one check: status, reason, figures, tables, readings, law, remedy."""
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, Spacer

    items: list[Any] = [
        KeepTogether(
            [
                paragraph(check.title, sheet["h1"]),
                rows_table(
                    [["Statut", "Motif"], [check.status.value, check.reason]],
                    [3.2 * cm, width - 3.2 * cm],
                    sheet,
                    status_column=0,
                ),
                Spacer(1, 6),
                *charts,
            ]
        ),
    ]
    if check.remedy:
        items.append(paragraph(f"Pour remplir la condition{NBSP}: {check.remedy}", sheet["body"]))
    if check.missing:
        items.append(
            paragraph(
                "Cellules à renseigner dans le classeur (colonne « id »)"
                + f"{NBSP}: "
                + ", ".join(check.missing)
                + ".",
                sheet["body"],
            )
        )
    # Figures of each financial year are in the check's tables (and all in the annex).
    figures = [
        f
        for f in check.figures
        if f.year is None and (f.unit != "texte" or len(str(f.value or "")) < 90)
    ]
    if figures:
        rows = [["Chiffre", "Valeur"], *[[f.label, f.text] for f in figures]]
        items.append(
            KeepTogether(
                [
                    paragraph("Chiffres", sheet["h2"]),
                    rows_table(rows, [width * 0.62, width * 0.38], sheet),
                ]
            )
        )
    for table in check.tables:
        if tables(table):
            items += esus_table(table, sheet, width=width)
    if check.readings:
        rows = [["Lecture", "Statut", "Retenue", "Explication"]]
        rows += [
            [r.label, r.status.value, "oui" if r.used else "non", r.explanation]
            for r in check.readings
        ]
        items.append(paragraph("Lectures possibles de la règle", sheet["h2"]))
        items.append(
            rows_table(
                rows,
                [width * 0.32, width * 0.15, width * 0.1, width * 0.43],
                sheet,
                small=True,
                status_column=1,
            )
        )
    for note in check.notes:
        items.append(paragraph(note, sheet["small"]))
    if check.legal:
        texts: list[Any] = [paragraph("Textes appliqués", sheet["h2"])]
        for basis in check.legal:
            texts.append(paragraph(f"• {basis.citation}", sheet["cell-small"]))
            for source in basis.sources[:2] if sources else ():
                texts.append(paragraph(f"  Source{NBSP}: {source}", sheet["cell-small"]))
        items.append(KeepTogether(texts[:3]))
        items += texts[3:]
    items.append(Spacer(1, 8))
    return items


def date_text(day: dt.date) -> str:
    """« 1er juin 2025 »."""
    from .._format import format_date

    return format_date(day)


def header_lines(assessment: EsusAssessment) -> list[tuple[str, str]]:
    """Identity lines shown on covers."""
    lines = [
        ("Organisation", assessment.organisation or "non renseignée"),
        ("Date de la demande", date_text(assessment.request_date)),
    ]
    if assessment.departement:
        lines.append(("Département du siège", assessment.departement))
    return lines


def legal_form_label(code: str | None) -> str:
    """The French label of a legal form code of the workbook (« association » → its label)."""
    from ..survey.layout import LEGAL_FORMS

    if not code:
        return "non renseignée"
    return dict(LEGAL_FORMS).get(code, code)
