"""Read back a results workbook (``evaluer -o resultats.xlsx``): campaign medians by code."""

from __future__ import annotations

import math
import os
import statistics
from pathlib import Path

from ..errors import UsageError

__all__ = ["campaign_history", "campaign_medians"]

_SKIP = {"Scores", "Couverture", "Contributions", "Sensibilité", "Méthodes", "Problèmes"}


def campaign_medians(
    path: str | os.PathLike[str], *, period: str | None = None
) -> dict[str, float]:
    """Median of every score column of a results workbook, by code (second header row).

    With ``period``, only the rows of that period count (a campaign may hold several).

    Raises
    ------
    UsageError
        The file is not a results workbook of ``evaluer``.
    """
    from openpyxl import load_workbook

    file_path = Path(path)
    if not file_path.is_file():
        raise UsageError(f"--campagne : fichier introuvable : {file_path}")
    try:
        book = load_workbook(file_path, read_only=True, data_only=True)
    except Exception:
        raise UsageError(
            f"--campagne : {file_path.name} n'est pas un classeur de résultats lisible."
        ) from None
    medians: dict[str, float] = {}
    try:
        if "Dimensions" not in book.sheetnames:
            raise UsageError(
                f"--campagne : {file_path.name} n'a pas de feuille « Dimensions » : donnez le "
                "classeur écrit par « utilite-sociale evaluer … -o resultats.xlsx »."
            )
        for name in book.sheetnames:
            if name in _SKIP:
                continue
            rows = list(book[name].iter_rows(values_only=True))
            if len(rows) < 3:
                continue
            codes = rows[1]
            kept = [
                row
                for row in rows[2:]
                if period is None or len(row) < 2 or row[1] in (None, "") or str(row[1]) == period
            ]
            for column, code in enumerate(codes[2:], start=2):
                values: list[float] = []
                for row in kept:
                    cell = row[column] if column < len(row) else None
                    number = isinstance(cell, int | float) and not isinstance(cell, bool)
                    if number and not math.isnan(float(cell)):  # type: ignore[arg-type]
                        values.append(float(cell))  # type: ignore[arg-type]
                if code and values:
                    medians[str(code)] = statistics.median(values)
    finally:
        book.close()
    return medians


def campaign_history(path: str | os.PathLike[str], key: str) -> list[tuple[str, float]]:
    """The global scores of one organisation in every period of a results workbook.

    Read from its « Scores » sheet (columns: organisation, période, score global), sorted by
    period; empty when the organisation or the sheet is absent.
    """
    from openpyxl import load_workbook

    book = load_workbook(Path(path), read_only=True, data_only=True)
    try:
        if "Scores" not in book.sheetnames:
            return []
        rows = list(book["Scores"].iter_rows(values_only=True))
    finally:
        book.close()
    found: list[tuple[str, float]] = []
    for row in rows[2:]:
        if len(row) < 3 or row[0] is None or str(row[0]) != key or row[1] in (None, ""):
            continue
        value = row[2]
        if isinstance(value, int | float) and not isinstance(value, bool):
            found.append((str(row[1]), float(value)))
    return sorted(found)
