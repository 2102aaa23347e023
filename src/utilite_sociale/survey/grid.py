"""Read the cells of a returned file into plain grids: ``.xlsx``/``.xlsm``, ``.ods``, ``.csv``.

A grid is the list of rows of one sheet (values only, formulas as their cached values) plus
the set of cells whose number format is a percentage (``.xlsx`` only: Excel stores « 45 % »
as 0.45). Readers never evaluate formulas, never run or keep macros, and refuse zip bombs,
encrypted or oversized files with a French message.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._safety import MAX_ROWS, check_zip_archive
from ..errors import InputFileError

__all__ = ["MAX_COLUMNS", "WORKBOOK_FORMATS", "Grid", "read_grids"]

#: Most columns read from one sheet.
MAX_COLUMNS = 300
#: Largest CSV accepted, in bytes.
MAX_CSV_BYTES = 50 * 1024 * 1024
WORKBOOK_FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsm", ".ods": "ods", ".csv": "csv"}
_PERCENT_FORMAT = re.compile(r'%(?=(?:[^"]*"[^"]*")*[^"]*$)')


@dataclass
class Grid:
    """The cells of one sheet: ``rows[r][c]`` (0-based), and the percent-formatted cells."""

    name: str
    rows: list[list[Any]] = field(default_factory=list)
    percent: set[tuple[int, int]] = field(default_factory=set)
    truncated: bool = False

    def value(self, row: int, column: int) -> Any:
        """The value at 0-based ``(row, column)``, ``None`` outside the grid."""
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return None


def read_grids(path: Path) -> tuple[str, list[Grid]]:
    """Read every sheet of a member file.

    Parameters
    ----------
    path
        ``.xlsx``, ``.xlsm``, ``.ods`` or ``.csv`` file.

    Returns
    -------
    format, grids
        The file format (``"xlsx"``…) and one grid per sheet, in file order.

    Raises
    ------
    InputFileError
        Unreadable, encrypted, empty, oversized or unsupported file (French message).
    """
    suffix = path.suffix.lower()
    kind = WORKBOOK_FORMATS.get(suffix)
    if kind is None:
        raise InputFileError(
            f"{path.name} : format non pris en charge ({suffix or 'sans extension'}). Formats "
            "acceptés : .xlsx, .xlsm, .ods, .csv."
        )
    if not path.is_file():
        raise InputFileError(f"Fichier introuvable : {path}")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path.name} est vide (0 octet).")
    if kind == "csv":
        return kind, [_read_csv(path)]
    check_zip_archive(path)
    if kind == "ods":
        return kind, _read_calamine(path)
    return kind, _read_openpyxl(path)


def _read_openpyxl(path: Path) -> list[Grid]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds of errors on broken files
        raise InputFileError(
            f"{path.name} n'est pas un classeur lisible ({type(exc).__name__}) : ouvrez-le et "
            "réenregistrez-le au format .xlsx."
        ) from None
    grids: list[Grid] = []
    try:
        for sheet in workbook.worksheets:
            grid = Grid(sheet.title)
            for row_index, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS)):
                if row_index >= MAX_ROWS:
                    grid.truncated = True
                    break
                values: list[Any] = []
                for column_index, cell in enumerate(row):
                    value = getattr(cell, "value", None)
                    values.append(value)
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        number_format = getattr(cell, "number_format", None) or ""
                        if _PERCENT_FORMAT.search(number_format):
                            grid.percent.add((row_index, column_index))
                grid.rows.append(values)
            grids.append(grid)
    finally:
        workbook.close()
    return grids


def _read_calamine(path: Path) -> list[Grid]:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise InputFileError(
            f"{path.name} n'est pas un classeur lisible ({type(exc).__name__}) : ouvrez-le et "
            "réenregistrez-le."
        ) from None
    grids: list[Grid] = []
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        grid = Grid(name)
        for row_index, row in enumerate(sheet.iter_rows()):
            if row_index >= MAX_ROWS:
                grid.truncated = True
                break
            grid.rows.append([None if value == "" else value for value in row[:MAX_COLUMNS]])
        grids.append(grid)
    return grids


def _read_csv(path: Path) -> Grid:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise InputFileError(
            f"{path.name} est trop volumineux ({size // (1024 * 1024)} Mo ; maximum "
            f"{MAX_CSV_BYTES // (1024 * 1024)} Mo)."
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(";,\t", key=sample.count)
    grid = Grid(path.stem)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row_index, row in enumerate(reader):
        if row_index >= MAX_ROWS:
            grid.truncated = True
            break
        grid.rows.append([value if value.strip() else None for value in row[:MAX_COLUMNS]])
    return grid
