"""Dated lookups shared by the reference modules.

A row is *in force* on a date when ``row.start <= date`` and (``row.end is None`` or
``date <= row.end``): both bounds are inclusive, as in openfisca-france's dated parameters.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Protocol, TypeVar

from utilite_sociale.reference._data import _format_date

__all__ = ["Dated", "current_rows", "is_in_force", "latest_row", "row_in_force", "rows_in_force"]


class Dated(Protocol):
    """Anything with an inclusive validity period."""

    @property
    def start(self) -> datetime.date:
        """First day in force."""
        ...

    @property
    def end(self) -> datetime.date | None:
        """Last day in force, or ``None`` when still in force."""
        ...


T = TypeVar("T", bound=Dated)


def is_in_force(row: Dated, on: datetime.date) -> bool:
    """Tell whether ``row`` is in force on ``on``.

    Parameters
    ----------
    row : Dated
        A row with ``start`` and ``end`` (inclusive, ``None`` for open-ended).
    on : datetime.date
        Date of interest.

    Returns
    -------
    bool
        ``start <= on`` and (``end is None`` or ``on <= end``).
    """
    return row.start <= on and (row.end is None or on <= row.end)


def rows_in_force(rows: Iterable[T], on: datetime.date) -> tuple[T, ...]:
    """Keep the rows in force on a date, in their original order.

    Parameters
    ----------
    rows : iterable of Dated
        Candidate rows.
    on : datetime.date
        Date of interest.

    Returns
    -------
    tuple of Dated
        The rows in force on ``on`` (possibly empty).
    """
    return tuple(row for row in rows if is_in_force(row, on))


def row_in_force(rows: Iterable[T], on: datetime.date, *, what: str) -> T:
    """Return the single row in force on a date.

    Parameters
    ----------
    rows : iterable of Dated
        Candidate rows, with non-overlapping periods.
    on : datetime.date
        Date of interest.
    what : str
        French name of the data, used in error messages.

    Returns
    -------
    Dated
        The row in force on ``on``.

    Raises
    ------
    LookupError
        If no row (or more than one row) is in force on ``on``.
    """
    candidates = tuple(rows)
    found = rows_in_force(candidates, on)
    if len(found) == 1:
        return found[0]
    if found:
        msg = (
            f"Données incohérentes : plusieurs lignes « {what} » en vigueur le {_format_date(on)}."
        )
        raise LookupError(msg)
    if candidates:
        first = min(row.start for row in candidates)
        detail = f" (première date connue : {_format_date(first)})" if on < first else ""
    else:
        detail = ""
    msg = f"Aucune donnée « {what} » n'est en vigueur le {_format_date(on)}{detail}."
    raise LookupError(msg)


def current_rows(rows: Iterable[T]) -> tuple[T, ...]:
    """Keep the rows still in force (no end date).

    Parameters
    ----------
    rows : iterable of Dated
        Candidate rows.

    Returns
    -------
    tuple of Dated
        Rows whose ``end`` is ``None``.
    """
    return tuple(row for row in rows if row.end is None)


def latest_row(rows: Iterable[T], *, what: str) -> T:
    """Return the most recent row still in force (no end date, latest start).

    Parameters
    ----------
    rows : iterable of Dated
        Candidate rows.
    what : str
        French name of the data, used in error messages.

    Returns
    -------
    Dated
        The current row.

    Raises
    ------
    LookupError
        If no row is open-ended.
    """
    open_rows = current_rows(rows)
    if not open_rows:
        msg = f"Aucune donnée « {what} » n'est en vigueur actuellement."
        raise LookupError(msg)
    return max(open_rows, key=lambda row: row.start)
