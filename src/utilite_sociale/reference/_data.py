"""Shared pieces of the legal reference: certainty tags, sources, legal acts, YAML loading.

The legal facts themselves live in YAML files under ``reference/data/`` (package data). This
module only knows how to read them: every number, date and wording comes from those files.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

__all__ = ["Certainty", "LegalAct", "Source"]

_PACKAGE = "utilite_sociale.reference"
_DATA_DIR = "data"
_ACTS_FILE = "actes.yaml"

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Certainty(StrEnum):
    """How sure a legal fact is, with the tags used in ``legal.md``.

    Attributes
    ----------
    VERIFIED
        ``"V"``: checked in a copy of the cited source (verbatim legal text).
    VERIFIED_EN
        ``"V-EN"``: checked only through an English translation of the official text.
    SECONDARY
        ``"P"``: checked only through secondary sources (federations, press, blogs).
    RECONSTRUCTED
        ``"M"``: reconstructed from memory, not found verbatim in any stored source.
    UNCERTAIN
        ``"?"``: conflicting or missing information.
    """

    VERIFIED = "V"
    VERIFIED_EN = "V-EN"
    SECONDARY = "P"
    RECONSTRUCTED = "M"
    UNCERTAIN = "?"

    @property
    def label(self) -> str:
        """French label of the tag, for reports.

        Returns
        -------
        str
            « vérifié », « vérifié (traduction anglaise) », « source secondaire »,
            « reconstitué, non vérifié » or « incertain ».
        """
        return _CERTAINTY_LABELS[self]

    @property
    def is_verbatim(self) -> bool:
        """Whether a text with this tag may be quoted as the official wording.

        Returns
        -------
        bool
            ``True`` only for :attr:`VERIFIED`.
        """
        return self is Certainty.VERIFIED


_CERTAINTY_LABELS: dict[Certainty, str] = {
    Certainty.VERIFIED: "vérifié",
    Certainty.VERIFIED_EN: "vérifié (traduction anglaise)",
    Certainty.SECONDARY: "source secondaire",
    Certainty.RECONSTRUCTED: "reconstitué, non vérifié",
    Certainty.UNCERTAIN: "incertain",
}


@dataclass(frozen=True, slots=True)
class Source:
    """A public address where a fact was read.

    Parameters
    ----------
    url : str
        Address of the source.
    note : str or None
        What the source says or why it is cited (French), if useful.
    """

    url: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class LegalAct:
    """A legal act (law, decree, order, code article) on which a fact rests.

    Parameters
    ----------
    title : str
        French title; a title in parentheses is descriptive, not the official one.
    date : datetime.date or None
        Signature date of the act, when it has one.
    jorf : str or None
        Publication reference in the *Journal officiel*, when known.
    certainty : Certainty
        How sure the identification of the act is.
    sources : tuple of Source
        Where the act was read or cited.
    """

    title: str
    date: datetime.date | None
    jorf: str | None
    certainty: Certainty
    sources: tuple[Source, ...] = ()


@cache
def _load(name: str) -> Any:
    """Read one YAML data file of the package (cached).

    Parameters
    ----------
    name : str
        File name under ``utilite_sociale/reference/data/``, e.g. ``"smic.yaml"``.

    Returns
    -------
    Any
        The parsed document (``yaml`` safe loader: plain mappings, lists, strings,
        integers and dates only).
    """
    resource = files(_PACKAGE) / _DATA_DIR / name
    text = resource.read_text(encoding="utf-8")
    # _LOADER is yaml.CSafeLoader or yaml.SafeLoader: this is yaml.safe_load, in C when possible.
    return yaml.load(text, Loader=_LOADER)


# --- conversion helpers (private, shared by the loaders) --------------------------------


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        msg = f"Valeur textuelle attendue dans les données de référence, reçu : {value!r}."
        raise TypeError(msg)
    return value


def _as_optional_str(value: Any) -> str | None:
    return None if value is None else _as_str(value)


def _as_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        msg = f"Valeur booléenne attendue dans les données de référence, reçu : {value!r}."
        raise TypeError(msg)
    return value


def _as_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    msg = f"Date attendue dans les données de référence, reçu : {value!r}."
    raise TypeError(msg)


def _as_optional_date(value: Any) -> datetime.date | None:
    return None if value is None else _as_date(value)


def _as_decimal(value: Any) -> Decimal:
    """Convert a data value to Decimal; floats are refused (numbers are quoted in YAML)."""
    if value is None or isinstance(value, (bool, float)):
        msg = (
            "Nombre attendu sous forme de chaîne (entre guillemets) dans les données "
            f"de référence, reçu : {value!r}."
        )
        raise TypeError(msg)
    return Decimal(str(value))


def _as_int(value: Any) -> int:
    if value is None or isinstance(value, (bool, float)):
        msg = f"Entier attendu dans les données de référence, reçu : {value!r}."
        raise TypeError(msg)
    return int(str(value))


def _as_optional_int(value: Any) -> int | None:
    return None if value is None else _as_int(value)


def _certainty(value: Any) -> Certainty:
    return Certainty(_as_str(value))


def _sources(value: Any) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        msg = f"Liste de sources non vide attendue dans les données de référence, reçu : {value!r}."
        raise TypeError(msg)
    result: list[Source] = []
    for item in value:
        if isinstance(item, str):
            result.append(Source(url=item))
        else:
            result.append(Source(url=_as_str(item["url"]), note=_as_optional_str(item.get("note"))))
    return tuple(result)


@cache
def _acts() -> dict[str, LegalAct]:
    raw = _load(_ACTS_FILE)["actes"]
    return {
        key: LegalAct(
            title=_as_str(item["titre"]),
            date=_as_optional_date(item["date"]),
            jorf=_as_optional_str(item["jorf"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
        )
        for key, item in raw.items()
    }


def _act(act_id: Any) -> LegalAct:
    """Return the legal act registered under ``act_id`` in ``actes.yaml``."""
    key = _as_str(act_id)
    try:
        return _acts()[key]
    except KeyError:
        msg = f"Acte juridique inconnu dans les données de référence : « {key} »."
        raise LookupError(msg) from None


def _label(name: str, key: str) -> str:
    """French designation of a legal text, from the ``libelles`` section of a data file."""
    return _as_str(_load(name)["libelles"][key])


def _format_date(value: datetime.date) -> str:
    """Format a date the French way (jj/mm/aaaa)."""
    return f"{value:%d/%m/%Y}"
