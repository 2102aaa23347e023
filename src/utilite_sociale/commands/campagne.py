"""``utilite-sociale campagne``: every member's report, annotated copies, campaign results."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._render import console
from ..errors import UsageError
from ..framework import load_indicator_set

if TYPE_CHECKING:
    from ..framework.models import IndicatorSet
    from ..survey.validation import SurveyReport

__all__ = ["CampaignRun", "run_campagne", "run_campaign"]


#: Scores of the campaign in a worker process (sent once, not with every report).
_SCORES: Any = None

#: One report to write: key, period, name, issues, medians, history, path.
Task = tuple[str, "str | None", "str | None", tuple[Any, ...], dict[str, float], list[Any], str]


def _worker_start(scores: Any) -> None:
    """Keep the campaign's scores in the worker process."""
    global _SCORES
    _SCORES = scores


def _report_task(task: Task) -> str:
    """Write one member report (in a worker process, or in this one)."""
    from ..report.member import MemberReport, write_member_report

    key, period, name, issues, medians, history, path = task
    report = MemberReport(
        scores=_SCORES,
        key=key,
        period=period,
        name=name,
        issues=issues,
        medians=medians,
        history=history,
    )
    write_member_report(report, path)
    return path


@dataclass(frozen=True, slots=True)
class CampaignRun:
    """What a campaign run wrote."""

    report: SurveyReport
    reports: int
    annotated: list[Path]
    output: Path


def _prepare_output(output: Path, *, overwrite: bool) -> None:
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


def run_campaign(folders: list[Path], ref: IndicatorSet, output: Path) -> CampaignRun:
    """Read, verify and score every file of ``folders``; write every campaign output."""
    from .._paths import safe_filename
    from ..report.campaign import write_campaign_report
    from ..report.member import campaign_medians_of, history_of
    from ..scoring.api import read_campaign
    from ..scoring.engine import score_campaign
    from ..scoring.workbook import write_results
    from ..survey.annotate import annotate_report

    campaign, report = read_campaign(folders, ref)
    assert report is not None
    scores = score_campaign(campaign, ref)
    output.mkdir(parents=True, exist_ok=True)
    members = [r for r in report.files if r.member is not None and r.status != "rejete"]
    medians = campaign_medians_of(scores)
    tasks: list[Task] = []
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
                member.key,
                member.period,
                str(name) if name else None,
                tuple(result.issues),
                medians.get(member.period, {}),
                history_of(scores, member.key),
                str(output / "rapports" / f"rapport-{stem}.pdf"),
            )
        )

    def campaign_outputs() -> list[Path]:
        """What the federation gets besides the member reports (written meanwhile)."""
        write_results(scores, output / "resultats-campagne.xlsx", report=report, comparisons=True)
        write_campaign_report(scores, report, output / "rapport-campagne.pdf")
        return annotate_report(report, output / "a-renvoyer")

    annotated = _write_reports(scores, tasks, meanwhile=campaign_outputs)
    return CampaignRun(report=report, reports=len(tasks), annotated=annotated, output=output)


def run_campagne(folder: Path, *, referentiel: str, output: Path, overwrite: bool) -> int:
    """Run the command; return 0 when every file is valid, 1 otherwise (outputs written)."""
    from rich.markup import escape

    from ..survey.validation import collect_files, status_line

    if not folder.is_dir():
        raise UsageError(f"{folder} n'est pas un dossier de fichiers renvoyés.")
    if not collect_files([folder]):
        raise UsageError(f"Aucun fichier à évaluer dans {folder} (.xlsx, .ods, .csv…).")
    _prepare_output(output, overwrite=overwrite)
    ref = load_indicator_set(referentiel)
    run = run_campaign([folder], ref, output)
    report = run.report
    out = console()
    for result in report.files:
        out.print(escape(status_line(result)))
    counts = report.counts()
    scored = counts["fichiers_lus"] - counts["fichiers_rejetes"]
    out.print(
        f"Fichiers lus : {counts['fichiers_lus']} = {scored} évalué(s) + "
        f"{counts['fichiers_rejetes']} rejeté(s)."
    )
    out.print(f"Rapports des membres : {run.reports} dans {escape(str(output / 'rapports'))}")
    out.print(f"Copies annotées à renvoyer : {len(run.annotated)}")
    out.print(f"Résultats : {escape(str(output / 'resultats-campagne.xlsx'))}")
    out.print(f"Rapport de campagne : {escape(str(output / 'rapport-campagne.pdf'))}")
    return 0 if report.valid else 1


def _write_reports(
    scores: Any, tasks: list[Task], *, meanwhile: Callable[[], list[Path]]
) -> list[Path]:
    """Member reports on both cores when there are enough of them, with a progress bar;
    ``meanwhile`` runs in this process while the workers write the reports."""
    import sys

    if tasks:
        Path(tasks[0][-1]).parent.mkdir(parents=True, exist_ok=True)
    if len(tasks) < 8:
        _worker_start(scores)
        for task in tasks:
            _report_task(task)
        return meanwhile()
    from concurrent.futures import ProcessPoolExecutor

    from rich.progress import Progress

    with (
        ProcessPoolExecutor(max_workers=2, initializer=_worker_start, initargs=(scores,)) as pool,
        Progress(disable=not sys.stdout.isatty()) as progress,
    ):
        bar = progress.add_task("Rapports des membres", total=len(tasks))
        # Chunks: a worker lays out each chart once and reuses the layout for the chunk.
        results = pool.map(_report_task, tasks, chunksize=max(1, min(16, len(tasks) // 8)))
        done = meanwhile()
        for _ in results:
            progress.advance(bar)
    return done
