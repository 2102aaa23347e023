"""``utilite-sociale dossier-esus``: the ESUS evidence pack of one organisation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .._render import console
from ..errors import UsageError

__all__ = ["run_dossier_esus"]


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--date : « {text} » n'est pas une date AAAA-MM-JJ (par exemple 2025-06-01)."
        ) from None


def run_dossier_esus(
    file: Path, *, referentiel: str, output: Path, date: str | None, overwrite: bool
) -> int:
    """Run the command; return 0 once the dossier is written, whatever the statuses."""
    from rich.markup import escape

    from ..dossier import write_esus_dossier

    dossier = write_esus_dossier(
        file, referentiel=referentiel, output=output, date=_date(date), overwrite=overwrite
    )
    assessment = dossier.assessment
    out = console()
    out.print(
        f"Dossier ESUS de {escape(assessment.organisation or file.stem)} "
        f"(demande du {assessment.request_date.strftime('%d/%m/%Y')}) : "
        f"{escape(assessment.summary)}."
    )
    for check in assessment.checks:
        out.print(f"  {escape(check.status.value):<15} {escape(check.title)}")
    if assessment.missing:
        out.print(
            f"À compléter dans le classeur ({len(assessment.missing)} cellule(s)) : "
            + escape(", ".join(assessment.missing[:12]))
            + (" …" if len(assessment.missing) > 12 else "")
        )
    out.print(f"Dossier : {escape(str(output / 'dossier-esus.pdf'))}")
    out.print(f"Pièces : {escape(str(output / 'pieces'))}")
    out.print(f"Archive à déposer : {escape(str(dossier.archive))}")
    return 0
