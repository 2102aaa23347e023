"""Fill a generated member workbook by id, as a person would, and save it reproducibly.

openpyxl stamps the save time into ``docProps/core.xml`` and into every zip entry: both are
set here to the dates given, so that the same inputs always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from ..survey.layout import (
    ANSWER_HEADER,
    ID_HEADER,
    RESPONDENT_HEADER,
    SHEET_README,
    SHEET_RESPONSES,
)

__all__ = ["FilledWorkbook"]

_COMMENT_HEADER = "Commentaire"


class FilledWorkbook:
    """A member workbook being filled: answer cells found by id, like a program would.

    Parameters
    ----------
    data
        The ``.xlsx`` bytes of a generated template.
    """

    def __init__(self, data: bytes) -> None:
        self.book: Workbook = load_workbook(io.BytesIO(data))
        self.answers: dict[str, Any] = {}
        self.comments: dict[str, Any] = {}
        for sheet in self.book.worksheets:
            header = [cell.value for cell in sheet[1]]
            if ID_HEADER not in header or ANSWER_HEADER not in header:
                continue
            id_column = header.index(ID_HEADER) + 1
            answer_column = header.index(ANSWER_HEADER) + 1
            comment_column = (
                header.index(_COMMENT_HEADER) + 1 if _COMMENT_HEADER in header else None
            )
            for row in range(2, sheet.max_row + 1):
                item = sheet.cell(row=row, column=id_column).value
                if not isinstance(item, str) or not item:
                    continue
                self.answers[item] = sheet.cell(row=row, column=answer_column)
                if comment_column is not None:
                    self.comments[item] = sheet.cell(row=row, column=comment_column)

    def set(self, values: Mapping[str, Any]) -> None:
        """Type each value in the ``Réponse`` cell of its id (``None`` empties the cell)."""
        for item, value in values.items():
            self.answers[item].value = value

    def comment(self, texts: Mapping[str, str]) -> None:
        """Write comments in the ``Commentaire`` column."""
        for item, text in texts.items():
            self.comments[item].value = text

    def where(self, item: str) -> tuple[str, str]:
        """Sheet and coordinate of an id's answer cell."""
        cell = self.answers[item]
        return cell.parent.title, cell.coordinate

    def respondents(self, ids: Sequence[str], rows: Sequence[Sequence[str | None]]) -> None:
        """Fill the ``Réponses`` sheet: one row per respondent, one column per question."""
        sheet = self.book[SHEET_RESPONSES]
        header_row, columns = self._respondent_columns()
        for offset, answers in enumerate(rows, start=1):
            for item, value in zip(ids, answers, strict=True):
                if value is not None:
                    sheet.cell(row=header_row + offset, column=columns[item]).value = value

    def respondent_cell(self, index: int, item: str) -> tuple[str, Any]:
        """Sheet and cell of the ``index``-th respondent's (0-based) answer to ``item``."""
        sheet = self.book[SHEET_RESPONSES]
        header_row, columns = self._respondent_columns()
        return sheet.title, sheet.cell(row=header_row + 1 + index, column=columns[item])

    def _respondent_columns(self) -> tuple[int, dict[str, int]]:
        sheet = self.book[SHEET_RESPONSES]
        for row in range(1, 6):
            values = [cell.value for cell in sheet[row]]
            if RESPONDENT_HEADER in values:
                columns = {
                    str(value): index
                    for index, value in enumerate(values, start=1)
                    if isinstance(value, str) and value != RESPONDENT_HEADER
                }
                return row, columns
        raise KeyError("no respondent header")

    def add_note(self, lines: Sequence[str]) -> None:
        """Add a paragraph at the end of ``Lisez-moi`` (the first line in bold)."""
        sheet = self.book[SHEET_README]
        row = sheet.max_row + 2
        for offset, text in enumerate(lines):
            cell = sheet.cell(row=row + offset, column=1, value=text)
            if offset == 0:
                cell.font = Font(bold=True, size=12)

    def save(
        self,
        *,
        created: dt.datetime,
        modified: dt.datetime,
        author: str,
        editor: str,
        title: str,
        description: str,
    ) -> bytes:
        """The workbook's bytes, dated ``created``/``modified`` whatever the clock says.

        ``author`` made the template (the federation), ``editor`` filled it (the member).
        """
        properties = self.book.properties
        properties.creator = author
        properties.lastModifiedBy = editor
        properties.title = title
        properties.description = description
        properties.created = created
        buffer = io.BytesIO()
        self.book.save(buffer)
        from .._frozen import frozen_workbook

        return frozen_workbook(buffer.getvalue(), created=created, modified=modified)
