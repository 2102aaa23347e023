"""``utilite-sociale campagne``: every member's report, annotated copies, campaign results."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from .._render import console
from ..errors import UsageError
from ..framework import load_indicator_set

__all__ = ["run_campagne"]


def _report_task(task: tuple[Any, str]) -> str:
    """Write one member report (run in a worker process)."""
    from ..report.member import write_member_report

    report, path = task
    write_member_report(report, path)
    return path


def run_campagne(folder: Path, *, referentiel: str, output: Path, overwrite: bool) -> int:
    """Run the command; return 0 when every file is valid, 1 otherwise (outputs written)."""
    from rich.markup import escape

    from .._paths import safe_filename
    from ..report.campaign import write_campaign_report
    from ..report.member import MemberReport
    from ..scoring.api import read_campaign
    from ..scoring.engine import score_campaign
    from ..scoring.workbook import write_results
    from ..survey.annotate import annotate_report
    from ..survey.validation import collect_files, status_line

    if not folder.is_dir():
        raise UsageError(f"{folder} n'est pas un dossier de fichiers renvoyés.")
    if not collect_files([folder]):
        raise UsageError(f"Aucun fichier à évaluer dans {folder} (.xlsx, .ods, .csv…).")
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        if not overwrite:
            raise UsageError(
                f"Le dossier de sortie {output} n'est pas vide : ajoutez --ecraser pour le "
                "remplacer."
            )
        if output.is_dir():
            shutil.rmtree(output)
        else:
            output.unlink()
    ref = load_indicator_set(referentiel)
    campaign, report = read_campaign([folder], ref)
    assert report is not None
    scores = score_campaign(campaign, ref)
    output.mkdir(parents=True, exist_ok=True)
    annotated = annotate_report(report, output / "a-renvoyer")
    write_results(scores, output / "resultats-campagne.xlsx", report=report)
    write_campaign_report(scores, report, output / "rapport-campagne.pdf")
    members = [r for r in report.files if r.member is not None and r.status != "rejete"]
    tasks = []
    used: set[str] = set()
    for result in members:
        member = result.member
        assert member is not None
        stem = safe_filename(f"{member.key}-{member.period or 'periode-inconnue'}")
        while stem in used:
            stem += "-bis"
        used.add(stem)
        name = member.identity.get("org.nom")
        tasks.append(
            (
                MemberReport(
                    scores=scores,
                    key=member.key,
                    period=member.period,
                    name=str(name) if name else None,
                    issues=result.issues,
                ),
                str(output / "rapports" / f"rapport-{stem}.pdf"),
            )
        )
    _write_reports(tasks)
    out = console()
    for result in report.files:
        out.print(escape(status_line(result)))
    counts = report.counts()
    scored = counts["fichiers_lus"] - counts["fichiers_rejetes"]
    out.print(
        f"Fichiers lus : {counts['fichiers_lus']} = {scored} évalué(s) + "
        f"{counts['fichiers_rejetes']} rejeté(s)."
    )
    out.print(f"Rapports des membres : {len(tasks)} dans {escape(str(output / 'rapports'))}")
    out.print(f"Copies annotées à renvoyer : {len(annotated)}")
    out.print(f"Résultats : {escape(str(output / 'resultats-campagne.xlsx'))}")
    out.print(f"Rapport de campagne : {escape(str(output / 'rapport-campagne.pdf'))}")
    return 0 if report.valid else 1


def _write_reports(tasks: list[tuple[Any, str]]) -> None:
    """Member reports on both cores when there are enough of them, with a progress bar."""
    import sys

    if not tasks:
        return
    Path(tasks[0][1]).parent.mkdir(parents=True, exist_ok=True)
    show = sys.stdout.isatty()
    if len(tasks) < 8:
        for task in tasks:
            _report_task(task)
        return
    from concurrent.futures import ProcessPoolExecutor

    from rich.progress import Progress

    with ProcessPoolExecutor(max_workers=2) as pool, Progress(disable=not show) as progress:
        bar = progress.add_task("Rapports des membres", total=len(tasks))
        for _ in pool.map(_report_task, tasks, chunksize=4):
            progress.advance(bar)
