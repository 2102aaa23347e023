"""``utilite-sociale evaluer``: score member files or a consolidated table."""

from __future__ import annotations

import sys
from pathlib import Path

from .._render import console, print_issues, print_json
from ..errors import UsageError
from ..framework import load_indicator_set

__all__ = ["run_evaluer"]


def run_evaluer(
    sources: list[Path],
    *,
    referentiel: str,
    output: Path | None,
    as_json: bool,
    normalisation: str | None,
    aggregation: str | None,
    imputation: str,
    treatment: str,
    denomination: str | None,
    min_coverage: float | None,
    mapping: Path | None = None,
    sensitivity: int | None = None,
) -> int:
    """Run the command; return 0 when every input is valid, 1 otherwise."""
    from ..scoring.api import score

    if output is not None and output.suffix.lower() not in {".csv", ".xlsx"}:
        raise UsageError(f"-o : le fichier de résultats doit finir par .csv ou .xlsx ({output}).")
    if output is not None and output.is_dir():
        raise UsageError(f"-o : {output} est un dossier ; donnez un nom de fichier .csv ou .xlsx.")
    if denomination is not None and denomination not in {"oui", "non"}:
        raise UsageError(f"--denomination : « {denomination} » ; valeurs possibles : oui, non.")
    ref = load_indicator_set(referentiel)
    evaluation = score(
        sources,
        ref,
        normalisation=normalisation,
        aggregation=aggregation,
        imputation=imputation,
        treatment=treatment,
        denomination=None if denomination is None else denomination == "oui",
        min_coverage=min_coverage,
        mapping=mapping,
        sensitivity=sensitivity,
    )
    scores = evaluation.scores
    if output is not None:
        if output.suffix.lower() == ".csv":
            scores.to_csv(output, sensitivity=evaluation.sensitivity)
        else:
            from ..scoring.workbook import write_results

            write_results(
                scores, output, report=evaluation.report, sensitivity=evaluation.sensitivity
            )
    code = 0 if evaluation.valid else 1
    if as_json:
        data = scores.to_dict()
        if evaluation.sensitivity is not None:
            intervals = evaluation.sensitivity.intervals()
            data["sensibilite"] = {
                "tirages": evaluation.sensitivity.draws,
                "graine": evaluation.sensitivity.seed,
                "intervalles": [
                    {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                    for row in intervals.to_dict(orient="records")
                ],
            }
        if evaluation.report is not None:
            data["verification"] = evaluation.report.to_dict()
        print_json(data)
        return code
    _print_summary(scores)
    if evaluation.report is not None:
        from rich.markup import escape

        from ..survey.validation import issues_of

        out = console()
        out.print(f"Fichiers : {escape(evaluation.report.summary())}.")
        errors = [i for i in issues_of(evaluation.report.files) if i.is_error]
        if errors:
            out.print("Problèmes (les réponses rejetées comptent comme manquantes) :")
            print_issues(errors, stream=sys.stdout, keep_order=True)
    if output is not None:
        console().print(f"Résultats écrits : {output}")
    return code


def _print_summary(scores: object) -> None:
    import math

    from rich.markup import escape
    from rich.table import Table

    from .._format import format_number, format_percent
    from ..scoring.results import Scores

    assert isinstance(scores, Scores)
    campaign = scores.campaign
    overall = scores.overall
    ranks = scores.ranks()
    coverage = scores.levels[-1].coverage[:, 0]
    table = Table(title=f"Scores — {escape(scores.indicator_set.title)}", title_justify="left")
    table.add_column("Organisation")
    table.add_column("Période")
    overall_code = scores.tree.overall
    title = "Score global" if overall_code == "global" else f"Score global ({escape(overall_code)})"
    table.add_column(title, justify="right")
    table.add_column("Rang", justify="right")
    table.add_column("Couverture", justify="right")
    order = sorted(
        range(len(campaign)), key=lambda r: (campaign.keys[r], campaign.periods[r] or "")
    )
    for row in order:
        value = overall[row]
        table.add_row(
            escape(campaign.keys[row]),
            escape(campaign.periods[row] or "—"),
            "—" if math.isnan(value) else format_number(value, 1),
            "—" if math.isnan(ranks[row]) else str(int(ranks[row])),
            format_percent(100 * coverage[row], 0),
        )
    console().print(table)
