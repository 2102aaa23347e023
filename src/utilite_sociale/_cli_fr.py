"""French for what Typer/click print on their own: help headings, usage and usage errors.

Typer vendors click without its gettext hooks, so the few English strings it prints are
replaced here: usage line, help option, section titles, and usage-error messages. The CLI
uses click's plain help formatter (``rich_markup_mode=None``): rich's help renderer costs
about 0.1 s of imports, and ``--help`` must start fast.
"""

from __future__ import annotations

import re
from typing import Any

from typer import core as typer_core

__all__ = ["FrenchCommand", "FrenchGroup", "translate_usage_error"]

HELP_TEXT = "Afficher cette aide et quitter."
_PLAIN = {
    "Arguments": "Arguments\u00a0",
    "Options": "Options\u00a0",
    "Commands": "Commandes\u00a0",
    "required": "obligatoire",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "(dynamic)": "(dynamique)",
    "Aborted!": "Interrompu.",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : « {name} ».",
}


def _french_gettext(message: str) -> str:
    return _PLAIN.get(message, message)


# typer.core looks its gettext function up at call time: give it the French one.
typer_core._ = _french_gettext  # type: ignore[attr-defined]


def _argument_type(self: Any, ctx: Any) -> str:
    """No Python type (« <list[Path]> ») after an argument whose metavar already says it."""
    if self.metavar is not None:
        return ""
    return str(_plain_argument_type(self, ctx))


_plain_argument_type = typer_core.TyperArgument.display_type_rich
typer_core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]


class _FrenchMixin:
    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Utilisation : ")


class FrenchCommand(_FrenchMixin, typer_core.TyperCommand):
    """A Typer command whose help and usage are in French."""


class FrenchGroup(_FrenchMixin, typer_core.TyperGroup):
    """A Typer group whose help and usage are in French."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [
            "COMMANDE [ARGUMENTS]..." if piece == "COMMAND [ARGS]..." else piece for piece in pieces
        ]


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing option '([^']+)'(?: / '([^']+)')?\.?$"), "option"),
    (re.compile(r"^Missing argument '([^']+)'\.?$"), "argument"),
    (re.compile(r"^No such option: (\S+?)(?:\s+Did you mean (\S+?)\?)?$", re.S), "no-option"),
    (re.compile(r"^No such option: (\S+)\s+\(Possible options: (.+)\)$", re.S), "no-option-list"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), "extra"),
    (re.compile(r"^No such command '([^']+)'\.?$"), "command"),
    (re.compile(r"^Missing command\.?$"), "missing-command"),
    (re.compile(r"^Option '([^']+)' requires an argument\.?$"), "needs-value"),
    (re.compile(r"^Option '([^']+)' requires (\d+) arguments\.?$"), "needs-values"),
    (re.compile(r"^Invalid value for '([^']+)': (.*)$", re.S), "invalid"),
    (re.compile(r"^Invalid value: (.*)$", re.S), "invalid-bare"),
    (re.compile(r"^Option '([^']+)' does not take a value\.?$"), "no-value"),
]
_VALUE_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^'(.*)' is not a valid integer(?: range)?\.?$"), "« {0} » n'est pas un entier."),
    (re.compile(r"^'(.*)' is not a valid float(?: range)?\.?$"), "« {0} » n'est pas un nombre."),
    (re.compile(r"^'(.*)' is not a valid boolean\.?$"), "« {0} » n'est pas oui/non."),
    (re.compile(r"^'(.*)' is not one of (.*)\.?$"), "« {0} » n'est pas l'une des valeurs {1}."),
    (re.compile(r"^'(.*)' is not (?:a valid|one of).*$"), "« {0} » n'est pas une valeur valide."),
    (re.compile(r"^Path '(.*)' does not exist\.?$"), "le chemin « {0} » n'existe pas."),
    (re.compile(r"^File '(.*)' does not exist\.?$"), "le fichier « {0} » n'existe pas."),
    (re.compile(r"^Directory '(.*)' does not exist\.?$"), "le dossier « {0} » n'existe pas."),
]


def _value_detail(detail: str) -> str:
    detail = detail.strip()
    for pattern, template in _VALUE_DETAILS:
        match = pattern.match(detail)
        if match:
            return template.format(*match.groups())
    return "valeur non valide."


def translate_usage_error(message: str) -> str:
    """Return the French version of a click/Typer usage-error message.

    Parameters
    ----------
    message
        The English message (``exc.format_message()``).

    Returns
    -------
    str
        A French sentence; unknown messages become a generic French sentence rather than
        leaking English.
    """
    text = message.strip()
    if text.startswith(("Commande inconnue", "Commande manquante")):
        return text
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groups()
        if kind == "option":
            names = " / ".join(name for name in groups if name)
            return f"Option obligatoire manquante : {names}."
        if kind == "argument":
            return f"Argument obligatoire manquant : {groups[0]}."
        if kind == "no-option":
            hint = f" Vouliez-vous dire {groups[1]} ?" if groups[1] else ""
            return f"Option inconnue : {groups[0]}.{hint}"
        if kind == "no-option-list":
            return f"Option inconnue : {groups[0]}. Options proches : {groups[1]}."
        if kind == "extra":
            return f"Argument en trop : {groups[0]}."
        if kind == "command":
            return f"Commande inconnue : « {groups[0]} »."
        if kind == "missing-command":
            return "Commande manquante."
        if kind == "needs-value":
            return f"L'option {groups[0]} attend une valeur."
        if kind == "needs-values":
            return f"L'option {groups[0]} attend {groups[1]} valeurs."
        if kind == "invalid":
            return f"Valeur invalide pour {groups[0]} : {_value_detail(groups[1])}"
        if kind == "invalid-bare":
            return f"Valeur invalide : {_value_detail(groups[0])}"
        if kind == "no-value":
            return f"L'option {groups[0]} ne prend pas de valeur."
    return "Commande ou options incorrectes."
