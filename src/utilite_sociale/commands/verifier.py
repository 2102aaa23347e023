"""``utilite-sociale verifier``: check returned files, one summary line each, then details."""

from __future__ import annotations

import sys
from pathlib import Path

from .._render import console, print_issues, print_json
from ..errors import UsageError
from ..framework import load_indicator_set

__all__ = ["run_verifier"]


def run_verifier(
    files: list[Path],
    *,
    referentiel: str,
    as_json: bool,
    annotate: Path | None = None,
    mapping: Path | None = None,
    problems_csv: Path | None = None,
) -> int:
    """Run the command; return 0 when no file has an error, 1 otherwise."""
    from ..survey.validation import collect_files, issues_of, status_line, validate_survey

    missing = [str(path) for path in files if not path.exists()]
    if missing:
        raise UsageError("Fichier introuvable : " + ", ".join(missing))
    if not collect_files(files):
        raise UsageError("Aucun fichier à vérifier (.xlsx, .xlsm, .ods, .xls ou .csv).")
    ref = load_indicator_set(referentiel)
    if problems_csv is not None and problems_csv.suffix.lower() != ".csv":
        raise UsageError(f"--problemes : le fichier doit finir par .csv ({problems_csv.name}).")
    report = validate_survey(files, ref, mapping=mapping)
    if problems_csv is not None:
        report.write_csv(problems_csv)
    written: list[Path] = []
    if annotate is not None:
        if annotate.exists() and not annotate.is_dir():
            raise UsageError(f"--annoter : {annotate} existe et n'est pas un dossier.")
        from ..survey.annotate import annotate_report

        written = annotate_report(report, annotate)
    if as_json:
        print_json(report.to_dict())
        return 0 if report.valid else 1
    out = console()
    from rich.markup import escape

    for result in report.files:
        line = escape(status_line(result))
        style = {"rejete": "bold red", "erreurs": "red", "avertissements": "yellow"}.get(
            result.status, "green"
        )
        out.print(f"[{style}]{line}[/]")
    out.print(f"Total : {escape(report.summary())}.")
    details = issues_of(report.files)
    if details:
        out.print("")
        out.print("Détails :")
        print_issues(details, stream=sys.stdout, keep_order=True)
    if report.valid and not details:
        out.print("[bold green]Aucune erreur.[/]")
    if annotate is not None:
        out.print(
            f"Copies annotées à renvoyer aux membres : {len(written)} fichier(s) dans "
            f"{escape(str(annotate))}"
        )
    if problems_csv is not None:
        out.print(f"Liste des problèmes : {escape(str(problems_csv))}")
    return 0 if report.valid else 1
