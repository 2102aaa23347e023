"""Small helpers shared by every workbook writer and reader (openpyxl)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill

__all__ = [
    "HEADER_FILL",
    "HEADER_FONT",
    "fit_row_height",
    "normalise_label",
    "parse_french_number",
    "safe_text",
    "write_value",
]

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Neutralise formula injection for CSV output: prefix risky text with an apostrophe."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def write_value(cell: Cell, value: Any, *, wrap: bool = False) -> None:
    """Write a value into a cell; text is always stored as text, never as a formula.

    openpyxl turns a string starting with ``=`` into a formula: text is therefore stored with
    an explicit string type and Excel's « quote prefix » flag, so that ``=HYPERLINK(…)`` typed
    in a référentiel is shown, never evaluated, and reads back unchanged.
    """
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    cell.alignment = WRAP if wrap else TOP


def estimated_lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (an estimate)."""
    usable = max(width - 1, 4)
    return sum(max(1, -(-len(line) // int(usable))) for line in text.split("\n"))


def fit_row_height(sheet: Any, row: int, cells: list[tuple[Any, float]]) -> None:
    """Set a row's height so that its wrapped texts show whole (spreadsheets don't on open).

    Parameters
    ----------
    sheet
        The openpyxl worksheet.
    row
        1-based row number.
    cells
        ``(value, column width)`` of the row's wrapped cells.
    """
    lines = max(
        (estimated_lines(value, width) for value, width in cells if isinstance(value, str)),
        default=1,
    )
    if lines > 1:
        sheet.row_dimensions[row].height = min(15 * lines, 300)


def normalise_label(text: Any) -> str:
    """Lower-case, accent-free, single-spaced form of a header or enumerated value."""
    raw = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(char for char in raw if not unicodedata.combining(char))
    stripped = stripped.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", stripped).strip().lower()


_NUMBER = re.compile(r"^[+-−]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def parse_french_number(value: Any) -> float | None:
    """Read a number typed as text the French way (``1 234,5``, ``12,5 %`` is not handled).

    Returns
    -------
    float or None
        ``None`` when the text is not a number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    for space in (" ", "\u00a0", "\u202f"):
        text = text.replace(space, "")
    text = text.replace("−", "-")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))
