"""French messages for pydantic validation errors, built from their ``type``.

pydantic's own (English) ``msg`` is never shown: every error type we may meet has a French
template here, and unknown types fall back to a generic French sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["french_message"]

_TYPE_NAMES = {
    "string": "un texte",
    "int": "un nombre entier",
    "float": "un nombre",
    "bool": "oui/non (true ou false)",
    "date": "une date AAAA-MM-JJ",
    "list": "une liste",
    "dict": "un dictionnaire (clé: valeur)",
    "model": "un bloc de champs (clé: valeur)",
    "tuple": "une liste de deux valeurs",
}

_PATTERN_HINTS = {
    r"^[a-z0-9][a-z0-9\-]*$": "minuscules sans accent, chiffres et tirets (ex. « ess-socle »)",
    r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$": (
        "lettres sans accent, chiffres, « . », « _ » et « - » (ex. « ES-FRA-01 »)"
    ),
}


def _expected_list(expected: str) -> str:
    """Turn pydantic's ``"'a', 'b' or 'c'"`` into ``« a », « b » ou « c »``."""
    items = re.findall(r"'([^']*)'", expected)
    if not items:
        return expected
    quoted = [f"« {item} »" for item in items]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "un bloc de champs"
    if isinstance(value, list):
        return "une liste"
    text = str(value)
    return f"« {text[:60]}{'…' if len(text) > 60 else ''} »"


def french_message(error: Mapping[str, Any]) -> tuple[str, str | None]:
    """Return a French ``(message, fix)`` for one entry of ``ValidationError.errors()``.

    Parameters
    ----------
    error
        A pydantic error dictionary (``type``, ``loc``, ``input``, ``ctx``).
    """
    kind: str = error.get("type", "")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "Champ obligatoire manquant.", "Ajoutez ce champ."
    if kind == "extra_forbidden":
        return (
            "Champ inconnu.",
            "Vérifiez l'orthographe du nom du champ (voir docs/format-referentiel.md) ou "
            "supprimez-le.",
        )
    if kind == "literal_error":
        return (
            f"Valeur {_shown(value)} non reconnue.",
            f"Valeurs possibles : {_expected_list(str(ctx.get('expected', '')))}.",
        )
    if kind == "enum":
        return (
            f"Valeur {_shown(value)} non reconnue.",
            f"Valeurs possibles : {_expected_list(str(ctx.get('expected', '')))}.",
        )
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern", "")), "le format attendu")
        return f"Identifiant {_shown(value)} invalide.", f"Utilisez {hint}."
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        symbol = {
            "greater_than_equal": "≥",
            "greater_than": ">",
            "less_than_equal": "≤",
            "less_than": "<",
        }[kind]
        limit = next(iter(ctx.values()), "")
        return (
            f"Valeur {_shown(value)} hors limites.",
            f"Indiquez une valeur {symbol} {str(limit).replace('.', ',')}.",
        )
    if kind in {"too_short", "string_too_short"}:
        minimum = ctx.get("min_length", 1)
        if kind == "string_too_short":
            return "Texte vide.", "Écrivez un texte."
        return (
            f"Il faut au moins {minimum} élément{'s' if int(minimum) > 1 else ''}.",
            "Complétez la liste.",
        )
    if kind in {"too_long", "string_too_long"}:
        maximum = ctx.get("max_length", "")
        return (
            f"Trop long : au plus {maximum} élément(s) ou caractère(s).",
            "Raccourcissez-le.",
        )
    if kind in {"value_error", "assertion_error"}:
        reason = str(ctx.get("error", "valeur invalide"))
        return reason, None
    if kind.startswith("date"):
        return f"Date {_shown(value)} invalide.", "Écrivez la date sous la forme AAAA-MM-JJ."
    if kind in {"int_from_float"}:
        return f"Nombre entier attendu, trouvé {_shown(value)}.", "Supprimez la partie décimale."
    if kind in {"finite_number"}:
        return "Nombre fini attendu.", "Indiquez un nombre."
    for prefix, name in _TYPE_NAMES.items():
        if kind.startswith(f"{prefix}_") or kind == f"{prefix}_type":
            return f"Il faut {name}, pas {_shown(value)}.", None
    if kind in {"model_attributes_type", "dict_type", "mapping_type"}:
        return f"Il faut un bloc de champs (clé: valeur), pas {_shown(value)}.", None
    if kind.startswith("union"):
        return f"Valeur {_shown(value)} d'un type inattendu.", None
    return f"Valeur {_shown(value)} invalide.", None
