"""Import a COINr-style ``iMeta`` table as a référentiel.

COINr (the JRC's R package for composite indicators) describes a framework in one table:
``Level``, ``iCode``, ``iName``, ``Direction``, ``Weight``, ``Unit``, ``Target``,
``Denominator``, ``Parent``, ``Type``. Indicators (level 1) become indicators of a leaf
dimension, aggregates of intermediate levels become dimensions, the top aggregate names the
global score, denominators become context figures. The defaults follow COINr (DESIGN §6):
observed min–max on [0, 100], arithmetic mean, no denomination unless asked, coverage 0.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputFileError

if TYPE_CHECKING:
    from .models import IndicatorSet

__all__ = ["IMETA_COLUMNS", "indicator_set_from_imeta", "is_imeta"]

IMETA_COLUMNS = ("Level", "iCode", "Parent", "Type")


def is_imeta(path: Path) -> bool:
    """Whether a CSV file's header is that of a COINr ``iMeta`` table."""
    try:
        with path.open(encoding="utf-8-sig") as stream:
            header = stream.readline()
    except (OSError, UnicodeDecodeError):
        return False
    names = {name.strip().strip('"') for name in header.split(",")}
    return set(IMETA_COLUMNS) <= names


def indicator_set_from_imeta(path: str | Path) -> IndicatorSet:
    """Read a COINr ``iMeta`` CSV into a référentiel.

    Parameters
    ----------
    path
        The ``iMeta`` table (UTF-8 CSV, one header row, COINr's columns).

    Returns
    -------
    IndicatorSet

    Raises
    ------
    InputFileError
        Missing columns, no indicator, no top aggregate.
    IndicatorSetError
        The framework is not a valid tree (every problem listed).
    """
    import pandas as pd

    from .models import IndicatorSet

    file_path = Path(path)
    try:
        table = pd.read_csv(file_path, dtype=str, keep_default_na=False, na_values=[""])
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{file_path.name} : tableau iMeta illisible ({exc}).") from None
    missing = [column for column in IMETA_COLUMNS if column not in table.columns]
    if missing:
        raise InputFileError(
            f"{file_path.name} : colonnes iMeta manquantes : {', '.join(missing)}."
        )
    rows = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    levels = [int(float(row["Level"])) for row in rows if row.get("Level")]
    if not levels:
        raise InputFileError(f"{file_path.name} : aucune ligne de niveau (colonne « Level »).")
    top = max(levels)
    overall = next(
        (str(row["iCode"]) for row in rows if row.get("Level") and int(float(row["Level"])) == top),
        "Index",
    )
    dimensions: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    for row in rows:
        kind = (row.get("Type") or "").strip()
        code = str(row["iCode"]).strip()
        name = (row.get("iName") or code).strip()
        level = int(float(row["Level"])) if row.get("Level") else None
        weight = float(row["Weight"]) if row.get("Weight") else 1.0
        parent = (row.get("Parent") or "").strip() or None
        if kind == "Aggregate" and level is not None and 1 < level < top:
            dimensions.append(
                {
                    "id": code,
                    "label": name,
                    "parent": None if parent == overall else parent,
                    "weight": weight,
                }
            )
        elif kind == "Indicator" or level == 1:
            indicator: dict[str, Any] = {
                "id": code,
                "label": name,
                "question": name,
                "dimension": parent,
                "answer": {"type": "nombre", "unit": row.get("Unit")},
                "direction": "decroissant"
                if row.get("Direction") and float(row["Direction"]) < 0
                else "croissant",
                "weight": weight,
                "normalisation": {"method": "minmax", "range": [0, 100]},
                "required": False,
            }
            if row.get("Denominator"):
                indicator["denominator"] = str(row["Denominator"]).strip()
            if row.get("Target"):
                indicator["targets"] = [{"value": float(row["Target"])}]
            indicators.append(indicator)
        elif kind == "Denominator":
            indicators.append(
                {
                    "id": code,
                    "label": name,
                    "question": name,
                    "answer": {"type": "nombre", "unit": row.get("Unit")},
                    "scored": False,
                    "required": False,
                }
            )
    data = {
        "id": _slug(file_path.stem),
        "title": f"Cadre COINr importé de {file_path.name}",
        "version": "1",
        "subject": "adherent",
        "aggregation": "amean",
        "min_coverage": 0.0,
        "overall": overall,
        "denomination": False,
        "dimensions": dimensions,
        "indicators": indicators,
    }
    return IndicatorSet.from_data(data, file=file_path.name)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "imeta"
