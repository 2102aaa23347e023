"""Checks and conversions of the data handed to the charts (no matplotlib here)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from utilite_sociale.errors import UsageError

__all__ = ["check_labels", "check_scale", "floats", "optional_floats"]


def floats(values: Sequence[float | None], name: str, length: int) -> NDArray[np.float64]:
    """Values as floats, ``None`` and NaN both meaning « missing » (NaN).

    Raises
    ------
    UsageError
        Not numbers, or not one value per label.
    """
    if isinstance(values, str):
        raise UsageError(f"« {name} » doit être une suite de nombres, pas un texte.")
    converted: list[float] = []
    for value in values:
        if value is None:
            converted.append(math.nan)
            continue
        try:
            converted.append(float(value))
        except (TypeError, ValueError):
            raise UsageError(f"« {name} » contient une valeur non numérique : {value!r}.") from None
    if len(converted) != length:
        raise UsageError(
            f"« {name} » compte {len(converted)} valeur(s) pour {length} libellé(s) : "
            "il en faut une par libellé (None ou NaN pour une valeur manquante)."
        )
    array = np.array(converted, dtype=np.float64)
    if np.isinf(array).any():
        raise UsageError(f"« {name} » contient une valeur infinie.")
    return array


def optional_floats(
    values: Sequence[float | None] | None, name: str, length: int
) -> NDArray[np.float64] | None:
    """:func:`floats`, or ``None`` when no values are given."""
    return None if values is None else floats(values, name, length)


def check_labels(labels: Sequence[str], *, minimum: int = 1) -> list[str]:
    """The labels as a list of strings, at least ``minimum`` of them."""
    if isinstance(labels, str):
        raise UsageError("Les libellés doivent être une liste de textes, pas un seul texte.")
    names = [str(label) for label in labels]
    if len(names) < minimum:
        raise UsageError(
            f"Ce graphique demande au moins {minimum} libellé(s) ; reçu(s) : {len(names)}."
        )
    return names


def check_scale(scale: tuple[float, float]) -> tuple[float, float]:
    """A finite, increasing scale ``(low, high)``."""
    low, high = (float(bound) for bound in scale)
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise UsageError(f"Échelle invalide : {scale!r} (il faut un minimum inférieur au maximum).")
    return low, high
