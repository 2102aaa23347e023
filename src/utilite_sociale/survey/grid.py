"""Read the cells of a returned file into plain grids: ``.xlsx``/``.xlsm``, ``.ods``, ``.csv``.

A grid is the list of rows of one sheet (values only, formulas as their cached values) plus
the set of cells whose number format is a percentage (``.xlsx`` only: Excel stores « 45 % »
as 0.45). Readers never evaluate formulas, never run or keep macros, and refuse zip bombs,
encrypted or oversized files with a French message.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._safety import DEFAULT_LIMITS, ReadLimits, check_zip_archive
from ..errors import InputFileError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["WORKBOOK_FORMATS", "Column", "Grid", "encode_values", "read_grids"]

WORKBOOK_FORMATS = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsm",
    ".ods": "ods",
    ".xls": "xls",
    ".csv": "csv",
}
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PERCENT_FORMAT = re.compile(r'%(?=(?:[^"]*"[^"]*")*[^"]*$)')


@dataclass
class Column:
    """One column, dictionary-encoded: the value of row ``r`` is ``uniques[codes[r]]``.

    A code of ``-1`` is a blank cell. Respondents give the same few answers again and again,
    so a column of 100 000 answers costs 4 bytes a cell plus its few distinct values.
    """

    codes: NDArray[np.int32]
    uniques: list[Any]


@dataclass
class Grid:
    """The cells of one sheet, 0-based, and the percent-formatted cells.

    A small sheet keeps its rows (``rows[r][c]``); a large one (thousands of respondents) is
    kept by dictionary-encoded columns (``encoded``), ``rows`` then holding only its first
    rows, where headers are looked for.
    """

    name: str
    rows: list[list[Any]] = field(default_factory=list)
    percent: set[tuple[int, int]] = field(default_factory=set)
    #: Cells holding a formula that was never calculated (no cached value): read as blank.
    uncalculated: set[tuple[int, int]] = field(default_factory=set)
    truncated: bool = False
    encoded: list[Column] | None = None

    @property
    def height(self) -> int:
        """The number of rows."""
        if self.encoded is not None:
            return len(self.encoded[0].codes) if self.encoded else 0
        return len(self.rows)

    @property
    def width(self) -> int:
        """The number of columns."""
        if self.encoded is not None:
            return len(self.encoded)
        return max((len(row) for row in self.rows), default=0)

    def value(self, row: int, column: int) -> Any:
        """The value at 0-based ``(row, column)``, ``None`` outside the grid."""
        if self.encoded is not None:
            if column < len(self.encoded) and row < self.height:
                code = int(self.encoded[column].codes[row])
                return None if code < 0 else self.encoded[column].uniques[code]
            return None
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return None

    def row_values(self, row: int) -> list[Any]:
        """The values of one row."""
        if self.encoded is None:
            return self.rows[row] if row < len(self.rows) else []
        return [self.value(row, column) for column in range(self.width)]

    def column(self, column: int, *, start: int = 0) -> Column:
        """Column ``column`` from row ``start`` down, dictionary-encoded."""
        import numpy as np

        if self.encoded is not None:
            if column >= len(self.encoded):
                return Column(np.full(max(self.height - start, 0), -1, np.int32), [])
            found = self.encoded[column]
            return Column(found.codes[start:], found.uniques)
        return encode_values([self.value(row, column) for row in range(start, self.height)])


def encode_values(values: Sequence[Any]) -> Column:
    """Dictionary-encode a sequence of cell values (``None`` is blank)."""
    import numpy as np

    index: dict[Any, int] = {}
    uniques: list[Any] = []
    codes = np.empty(len(values), np.int32)
    for position, value in enumerate(values):
        if value is None:
            codes[position] = -1
            continue
        key = (type(value), value)
        code = index.get(key)
        if code is None:
            code = index[key] = len(uniques)
            uniques.append(value)
        codes[position] = code
    return Column(codes, uniques)


def read_grids(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS) -> tuple[str, list[Grid]]:
    """Read every sheet of a member file.

    Parameters
    ----------
    path
        ``.xlsx``, ``.xlsm``, ``.ods``, ``.xls`` or ``.csv`` file.
    limits
        Size limits (archive, rows, columns, CSV bytes); what is beyond is not read.

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
            "acceptés : .xlsx, .xlsm, .ods, .xls, .csv."
        )
    if not path.is_file():
        raise InputFileError(f"Fichier introuvable : {path}")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path.name} est vide (0 octet).")
    if kind == "csv":
        return kind, [_read_csv(path, limits)]
    try:
        return kind, _read_workbook(path, kind, limits)
    except (InputFileError, MemoryError):
        raise
    except Exception as exc:
        from defusedxml import DefusedXmlException

        if isinstance(exc, DefusedXmlException):
            raise InputFileError(
                f"{path.name} est refusé : il contient des déclarations XML (entités, DTD) "
                "qu'un classeur n'a pas à contenir (risque d'expansion)."
            ) from None
        raise InputFileError(
            f"{path.name} n'est pas un classeur lisible ({type(exc).__name__}) : ouvrez-le et "
            "réenregistrez-le au format .xlsx."
        ) from None


def _read_workbook(path: Path, kind: str, limits: ReadLimits) -> list[Grid]:
    if kind == "xls":  # Excel 97-2003: an OLE container, read by calamine (no macro run)
        return _read_calamine(path, limits)
    check_zip_archive(path, limits)
    if kind == "ods":
        grids = _read_calamine(path, limits)
        percent = _ods_percent_cells(path, limits)
        for grid in grids:
            grid.percent = percent.get(grid.name, set())
        return grids
    # Values with calamine (fast, cached formula values only); cell formats with openpyxl,
    # on the small sheets only (answers, not thousands of respondent rows). Large sheets are
    # read by columns into Arrow (fastexcel) and kept dictionary-encoded.
    parts = _xlsx_sheet_parts(path)
    large = {name for name, (_, size) in parts.items() if size > LARGE_SHEET_BYTES}
    grids = _read_calamine(path, limits, large=large)
    _xlsx_formats(path, grids, limits)
    small_parts = [part for name, (part, _) in parts.items() if name not in large]
    if _has_formulas(path, small_parts if parts else None):
        _mark_uncalculated(path, grids, limits)
    return grids


#: Sheets up to this many rows have their cell formats read (percentages typed as « 45 % »).
FORMAT_SCAN_ROWS = 2_000


def _xlsx_formats(path: Path, grids: list[Grid], limits: ReadLimits) -> None:
    """Mark the numeric cells whose format is a percentage, on the small sheets."""
    from openpyxl import load_workbook

    small = {
        grid.name: grid
        for grid in grids
        if grid.encoded is None and len(grid.rows) <= FORMAT_SCAN_ROWS
    }
    if not small or not _styles_have_percent(path):
        return
    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_vba=False)
    except Exception:
        return
    try:
        for sheet in workbook.worksheets:
            grid = small.get(sheet.title)
            if grid is None:
                continue
            for row_index, row in enumerate(sheet.iter_rows(max_col=limits.max_columns)):
                for column_index, cell in enumerate(row):
                    value = getattr(cell, "value", None)
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        number_format = getattr(cell, "number_format", None) or ""
                        if _PERCENT_FORMAT.search(number_format):
                            grid.percent.add((row_index, column_index))
    finally:
        workbook.close()


#: Excel's built-in percentage formats (0% and 0.00%).
_BUILTIN_PERCENT_FORMATS = {9, 10}
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _styles_have_percent(path: Path) -> bool:
    """Whether any cell style of the workbook uses a percentage number format."""
    import zipfile

    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(path) as archive:
        try:
            root = fromstring(archive.read("xl/styles.xml"))
        except KeyError:
            return False
    percent_ids = set(_BUILTIN_PERCENT_FORMATS)
    for number_format in root.iter(f"{_MAIN}numFmt"):
        code = number_format.get("formatCode", "")
        if _PERCENT_FORMAT.search(code):
            percent_ids.add(int(number_format.get("numFmtId", "-1")))
    cell_styles = root.find(f"{_MAIN}cellXfs")
    if cell_styles is None:
        return False
    return any(
        int(style.get("numFmtId", "0")) in percent_ids for style in cell_styles.iter(f"{_MAIN}xf")
    )


def _has_formulas(path: Path, parts: Sequence[str] | None) -> bool:
    """Whether a worksheet part holds a formula (a cheap scan of its XML).

    Only the parts named are scanned (the small sheets); ``None`` scans every worksheet.
    """
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = (
            parts
            if parts is not None
            else [
                name
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            ]
        )
        for name in names:
            if name in archive.NameToInfo:
                with archive.open(name) as part:
                    while chunk := part.read(1 << 20):
                        if b"<f>" in chunk or b"<f " in chunk:
                            return True
    return False


def _mark_uncalculated(path: Path, grids: list[Grid], limits: ReadLimits) -> None:
    """Find formulas without a cached value: the second read sees formulas, not values."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=False, keep_vba=False)
    try:
        for grid, sheet in zip(grids, workbook.worksheets, strict=False):
            if grid.encoded is not None:
                continue  # a large sheet: its formulas are read as their cached values only
            for row_index, row in enumerate(sheet.iter_rows(max_col=limits.max_columns)):
                if row_index >= limits.max_rows:
                    break
                for column_index, cell in enumerate(row):
                    formula = getattr(cell, "value", None)
                    if (
                        isinstance(formula, str)
                        and formula.startswith("=")
                        and getattr(cell, "data_type", "") == "f"
                        and grid.value(row_index, column_index) is None
                    ):
                        grid.uncalculated.add((row_index, column_index))
    finally:
        workbook.close()


#: A worksheet part larger than this (uncompressed XML) is read by columns.
LARGE_SHEET_BYTES = 4 * 1024 * 1024
#: Rows of a large sheet kept as rows, where headers are looked for.
HEAD_ROWS = 30
_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _xlsx_sheet_parts(path: Path) -> dict[str, tuple[str, int]]:
    """Each worksheet's XML part and its uncompressed size, by sheet name."""
    import posixpath
    import zipfile

    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(path) as archive:
        try:
            workbook = fromstring(archive.read("xl/workbook.xml"))
            relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return {}
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for relation in relations.iter(f"{_PACKAGE_RELS}Relationship")
    }
    found: dict[str, tuple[str, int]] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_RELS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        part = posixpath.normpath(part)
        found[sheet.get("name", "")] = (part, sizes.get(part, 0))
    return found


def _read_encoded(path: Path, name: str, limits: ReadLimits) -> Grid:
    """Read a large sheet by columns (fastexcel → Arrow), dictionary-encoded."""
    import fastexcel
    import numpy as np
    import pyarrow.compute as pc

    # Arrow columns start at the first used column: note where each one sits in the sheet.
    positions: list[int] = []

    def use(info: Any) -> bool:
        if info.absolute_index >= limits.max_columns:
            return False
        positions.append(info.absolute_index)
        return True

    # One row more than the limit tells whether the sheet goes beyond it.
    batch = fastexcel.read_excel(str(path)).load_sheet(
        name,
        header_row=None,
        skip_rows=0,
        n_rows=limits.max_rows + 1,
        dtypes="string",
        use_columns=use,
        eager=True,
    )
    height = min(batch.num_rows, limits.max_rows)
    grid = Grid(name, truncated=batch.num_rows > limits.max_rows)
    columns: list[Column] = []
    for position, array in zip(positions, batch.columns, strict=True):
        while len(columns) < position:
            columns.append(Column(np.full(height, -1, np.int32), []))
        array = array.slice(0, height)
        encoded = pc.dictionary_encode(array)
        codes = encoded.indices.fill_null(-1).to_numpy().astype(np.int32)
        uniques: list[Any] = encoded.dictionary.to_pylist()
        for position, value in enumerate(uniques):
            if value == "":
                codes[codes == position] = -1
        columns.append(Column(codes, uniques))
    grid.encoded = columns
    grid.rows = [grid.row_values(row) for row in range(min(HEAD_ROWS, height))]
    return grid


def _read_calamine(path: Path, limits: ReadLimits, *, large: set[str] | None = None) -> list[Grid]:
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
        if large and name in large:
            grids.append(_read_encoded(path, name, limits))
            continue
        sheet = workbook.get_sheet_by_name(name)
        grid = Grid(name)
        if sheet.end is not None and sheet.end[0] >= limits.max_rows:
            grid.truncated = True
        # From cell A1 (not from the first used cell), so that cell references are right.
        rows = sheet.to_python(skip_empty_area=False, nrows=limits.max_rows)
        grid.rows = [
            [None if value == "" else value for value in row[: limits.max_columns]] for row in rows
        ]
        grids.append(grid)
    return grids


def _ods_percent_cells(path: Path, limits: ReadLimits) -> dict[str, set[tuple[int, int]]]:
    """Cells of an ``.ods`` whose value type is a percentage (« 45 % » is stored as 0.45)."""
    import zipfile

    from defusedxml.ElementTree import iterparse

    found: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        sheet: set[tuple[int, int]] = set()
        row = column = 0
        repeat_rows = 1
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    sheet = found.setdefault(element.get(f"{_TABLE}name", ""), set())
                    row = 0
                elif tag == f"{_TABLE}table-row":
                    column = 0
                    repeat_rows = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                continue
            if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                if element.get(f"{_OFFICE}value-type") == "percentage" and row < limits.max_rows:
                    for offset in range(min(repeat, limits.max_columns)):
                        sheet.add((row, column + offset))
                column += repeat
                element.clear()
            elif tag == f"{_TABLE}table-row":
                row += repeat_rows
                element.clear()
    return found


def _read_csv(path: Path, limits: ReadLimits) -> Grid:
    size = path.stat().st_size
    if size > limits.max_csv_bytes:
        error = InputFileError(
            f"{path.name} est trop volumineux pour un fichier de réponses ({size} octets ; "
            f"maximum {limits.max_csv_bytes} octets) : il n'est pas lu."
        )
        error.counters = {"octets": size, "octets_lus": 0}
        raise error
    # The encoding is decided on the first block; the rest is streamed, so that reading stops
    # at the row limit without loading the whole file.
    with path.open("rb") as stream:
        head = stream.read(_CSV_SNIFF_BYTES)
    encoding = _csv_encoding(head)
    sample = head.decode(encoding, errors="replace")[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(";,\t", key=sample.count)
    grid = Grid(path.stem)
    with path.open(encoding=encoding, errors="replace", newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)
        for row_index, row in enumerate(reader):
            if row_index >= limits.max_rows:
                grid.truncated = True
                break
            grid.rows.append(
                [value if value.strip() else None for value in row[: limits.max_columns]]
            )
    return grid


_CSV_SNIFF_BYTES = 256 * 1024


def _csv_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the first block decodes as such, else Windows-1252."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the block is not a decoding error.
        if exc.start < len(head) - 3:
            return "cp1252"
    return "utf-8"
