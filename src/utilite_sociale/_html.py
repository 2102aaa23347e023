"""Small, escaped HTML for the rich display of results in Jupyter (``_repr_html_``).

Every text goes through :func:`html.escape`: organisation names, file names and answers come
from member files and are untrusted. Only the styles written here (never text from data) go
into ``style`` attributes. Numbers are written the French way (:mod:`utilite_sociale._format`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from ._format import format_number

__all__ = [
    "ROW_LIMIT",
    "Cell",
    "block",
    "count",
    "more_rows",
    "paragraph",
    "score_cell",
    "table",
    "text",
]

#: Rows shown in a table before « … et N autres lignes ».
ROW_LIMIT = 20
_MISSING = "—"
_TABLE_STYLE = "border-collapse: collapse; margin: 0.3em 0 0.8em 0;"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its text (escaped when written) and how to show it.

    Parameters
    ----------
    value : str
        Text of the cell, unescaped.
    title : str or None, default None
        Tooltip, unescaped.
    numeric : bool, default False
        Right-align (figures).
    style : str or None, default None
        Extra CSS written by the library (colours of a status); never text from data.
    """

    value: str
    title: str | None = None
    numeric: bool = False
    style: str | None = None


def text(value: object) -> str:
    """Escape a value for HTML text or an attribute.

    Parameters
    ----------
    value : object
        Any value; ``str(value)`` is escaped.

    Returns
    -------
    str
        The escaped text (``<``, ``>``, ``&``, ``"`` and ``'`` replaced).
    """
    return escape(str(value), quote=True)


def count(number: int, singular: str, plural: str) -> str:
    """A count with its noun: ``"1 fichier"``, ``"1 234 fichiers"``.

    Parameters
    ----------
    number : int
        The count.
    singular, plural : str
        The noun (French: singular for 0 and 1).

    Returns
    -------
    str
        The unescaped text.
    """
    return f"{format_number(number, 0)} {singular if number <= 1 else plural}"


def score_cell(value: float, decimals: int = 1, *, missing_title: str | None = None) -> Cell:
    """A right-aligned score, ``"—"`` when it is missing (NaN).

    Parameters
    ----------
    value : float
        The score.
    decimals : int, default 1
        Digits after the decimal comma.
    missing_title : str or None, default None
        Tooltip of a missing score (why it is missing).

    Returns
    -------
    Cell
        The cell.
    """
    number = float(value)
    if math.isnan(number):
        return Cell(_MISSING, title=missing_title, numeric=True)
    return Cell(format_number(number, decimals), numeric=True)


def _cell(item: Cell | str, tag: str) -> str:
    cell = item if isinstance(item, Cell) else Cell(item)
    # Jupyter right-aligns every cell by default: text is aligned left explicitly.
    style = "text-align: right;" if cell.numeric else "text-align: left;"
    style += " vertical-align: top;"
    if cell.style:
        style += cell.style
    title = f' title="{text(cell.title)}"' if cell.title else ""
    return f'<{tag} style="{style}"{title}>{text(cell.value)}</{tag}>'


def table(
    headers: Sequence[Cell | str],
    rows: Iterable[Sequence[Cell | str]],
    *,
    caption: str | None = None,
) -> str:
    """An HTML table with escaped cells.

    Parameters
    ----------
    headers : sequence of Cell or str
        Column headers.
    rows : iterable of sequences of Cell or str
        The rows, each as long as ``headers``.
    caption : str or None, default None
        Caption above the table, unescaped.

    Returns
    -------
    str
        The ``<table>`` element.
    """
    parts = [f'<table style="{_TABLE_STYLE}">']
    if caption:
        parts.append(f'<caption style="text-align: left;">{text(caption)}</caption>')
    parts.append("<thead><tr>" + "".join(_cell(h, "th") for h in headers) + "</tr></thead>")
    parts.append("<tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(_cell(item, "td") for item in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def paragraph(value: str, *, muted: bool = False) -> str:
    """A paragraph of escaped text.

    Parameters
    ----------
    value : str
        The text, unescaped.
    muted : bool, default False
        Grey and smaller (a hint on how to get more).

    Returns
    -------
    str
        The ``<p>`` element.
    """
    style = ' style="color: #595959; font-size: 0.9em;"' if muted else ""
    return f"<p{style}>{text(value)}</p>"


def more_rows(
    hidden: int, hint: str, *, singular: str = "autre ligne", plural: str = "autres lignes"
) -> str:
    """The line under a cut table: how many rows are hidden and how to see them.

    Parameters
    ----------
    hidden : int
        Rows left out (nothing is written when 0).
    hint : str
        How to get them all, unescaped (``scores.wide()``…).
    singular, plural : str, default "autre ligne", "autres lignes"
        What the rows are.

    Returns
    -------
    str
        A muted paragraph, or ``""``.
    """
    if hidden <= 0:
        return ""
    noun = count(hidden, singular, plural)
    return paragraph(f"… et {noun} ({hint}).", muted=True)


def block(title: str, *parts: str) -> str:
    """The whole display: a bold title over parts already in HTML.

    Parameters
    ----------
    title : str
        Title, unescaped.
    *parts : str
        HTML fragments made by this module (empty ones are skipped).

    Returns
    -------
    str
        A ``<div>``.
    """
    body = "".join(part for part in parts if part)
    return f'<div class="utilite-sociale"><p><strong>{text(title)}</strong></p>{body}</div>'
