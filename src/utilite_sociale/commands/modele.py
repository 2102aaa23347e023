"""``utilite-sociale modele``: the workbook members fill in (one, or one per member)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .._render import console, print_issues
from ..errors import UsageError
from ..framework import load_indicator_set

__all__ = ["parse_deadline", "run_modele"]

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


def _check_period(period: str | None) -> str | None:
    if period is None:
        return None
    match = _PERIOD.match(period.strip())
    if not match or (match.group(2) and int(match.group(2)) != int(match.group(1)) + 1):
        raise UsageError(
            f"--periode « {period} » invalide : écrivez l'année (2025) ou l'exercice (2024-2025)."
        )
    return period.strip()


def parse_deadline(text: str | None) -> dt.date | None:
    """Read ``--date-limite``: ``AAAA-MM-JJ`` or ``JJ/MM/AAAA``."""
    if text is None:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UsageError(f"--date-limite « {text} » invalide : écrivez 2026-03-31 ou 31/03/2026.")


def _prepare_folder(folder: Path, *, overwrite: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} existe et n'est pas un dossier.")
    if folder.is_dir() and any(folder.iterdir()) and not overwrite:
        raise UsageError(
            f"Le dossier {folder} n'est pas vide : ajoutez --ecraser pour y remplacer les "
            "fichiers, ou choisissez un autre dossier."
        )


def run_modele(
    *,
    referentiel: str,
    output: Path,
    esus: bool,
    respondents: bool,
    period: str | None,
    deadline: str | None,
    contact: str | None,
    members: Path | None,
    overwrite: bool,
) -> int:
    """Run the command; return the exit code."""
    options = {
        "esus": esus,
        "respondents": respondents,
        "period": _check_period(period),
        "deadline": parse_deadline(deadline),
        "contact": contact,
    }
    if members is None:
        if output.suffix.lower() != ".xlsx":
            raise UsageError(f"-o doit nommer un fichier .xlsx (reçu : {output.name}).")
        if not output.parent.exists():
            raise UsageError(f"Le dossier {output.parent} n'existe pas.")
        ref = load_indicator_set(referentiel)
        from ..survey import write_template

        write_template(ref, output, **options)
        console().print(f"Classeur « {ref.id} » version {ref.version} écrit : {output}")
        return 0
    if not members.is_file():
        raise UsageError(f"Fichier des membres introuvable : {members}")
    _prepare_folder(output, overwrite=overwrite)
    ref = load_indicator_set(referentiel)
    from ..survey.members import write_member_templates

    result = write_member_templates(ref, members, output, **options)
    console().print(f"{len(result.written)} classeur(s) « {ref.id} » écrit(s) dans {output}")
    if result.issues:
        print_issues(result.issues)
    return 0 if result.valid else 1
