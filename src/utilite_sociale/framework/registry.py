"""The built-in référentiels and the resolution of ``-r REF`` (a path or a built-in id)."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import InputFileError, UsageError
from .io import INDICATOR_SET_SUFFIXES, IndicatorSetReport, validate_indicator_set
from .models import IndicatorSet

__all__ = [
    "builtin_indicator_set_ids",
    "is_path_like",
    "load_indicator_set",
    "validate_builtin",
]

_SUFFIXES = (".yaml", ".yml")


def _builtin_folder() -> Traversable:
    """Folder of the built-in référentiels: inside the wheel, else the source checkout's."""
    packaged = resources.files("utilite_sociale") / "_indicators"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "indicators"


def _builtin_files() -> dict[str, Traversable]:
    folder = _builtin_folder()
    if not folder.is_dir():
        return {}
    return {
        entry.name.rsplit(".", 1)[0]: entry
        for entry in sorted(folder.iterdir(), key=lambda item: item.name)
        if entry.name.endswith(_SUFFIXES) and not entry.name.startswith(".")
    }


def builtin_indicator_set_ids() -> list[str]:
    """Ids of the référentiels shipped with the library, sorted."""
    return sorted(_builtin_files())


def is_path_like(value: str | os.PathLike[str]) -> bool:
    """Whether ``-r`` designates a file: it has an extension or a path separator."""
    if isinstance(value, os.PathLike):
        return True
    return "/" in value or os.sep in value or "." in Path(value).name


@cache
def _load_builtin(indicator_set_id: str) -> IndicatorSetReport:
    entry = _builtin_files()[indicator_set_id]
    with resources.as_file(entry) as path:
        return validate_indicator_set(path)


def validate_builtin(indicator_set_id: str) -> IndicatorSetReport:
    """Validate a built-in référentiel and return its report."""
    if indicator_set_id not in _builtin_files():
        raise _unknown(indicator_set_id)
    return _load_builtin(indicator_set_id)


def load_indicator_set(source: str | os.PathLike[str]) -> IndicatorSet:
    """Load a référentiel from a file or a built-in id, and validate it.

    Parameters
    ----------
    source
        A path (``.yaml``/``.yml``, ``.xlsx``, or a COINr-style ``iMeta`` ``.csv``; any
        value with an extension or a path separator is a path) or the id of a built-in
        référentiel such as ``"ess-socle"``.

    Returns
    -------
    IndicatorSet
        The validated référentiel.

    Raises
    ------
    IndicatorSetError
        When the référentiel is invalid; ``.issues`` lists every problem, located.
    InputFileError
        When the file is missing or unreadable, or its format is not supported.
    UsageError
        When ``source`` is neither a path nor a known built-in id.

    Examples
    --------
    >>> import utilite_sociale as us
    >>> ref = us.load_indicator_set("ess-socle")
    >>> ref.subject
    'adherent'
    """
    if not is_path_like(source):
        return validate_builtin(str(source)).raise_for_errors()
    path = Path(source)
    if path.suffix.lower() == ".csv":
        from .coinr import indicator_set_from_imeta, is_imeta

        if not path.is_file():
            raise InputFileError(f"Fichier introuvable : {path}")
        if is_imeta(path):
            return indicator_set_from_imeta(path)
    if path.suffix.lower() not in INDICATOR_SET_SUFFIXES:
        raise InputFileError(
            f"Format de référentiel non pris en charge : « {path.suffix or path.name} ». "
            "Formats acceptés : .yaml, .yml, .xlsx, ou un tableau iMeta de COINr (.csv)."
        )
    return validate_indicator_set(path).raise_for_errors()


def _unknown(indicator_set_id: str) -> UsageError:
    known = ", ".join(builtin_indicator_set_ids()) or "aucun"
    return UsageError(
        f"Référentiel « {indicator_set_id} » inconnu. Référentiels fournis : {known}. "
        "Pour un fichier, donnez son chemin avec l'extension (ex. mon-referentiel.yaml)."
    )
