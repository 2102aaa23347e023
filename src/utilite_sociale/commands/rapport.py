"""``utilite-sociale rapport``: the member's PDF report."""

from __future__ import annotations

from pathlib import Path

from .._render import console, print_issues
from ..errors import UsageError
from ..framework import load_indicator_set

__all__ = ["run_rapport"]


def run_rapport(file: Path, *, referentiel: str, output: Path, campaign: Path | None = None) -> int:
    """Run the command; return 0 when the file has no error, 1 otherwise (report written)."""
    from ..report.member import MemberReport, write_member_report
    from ..scoring.campaign import campaign_from_members
    from ..scoring.engine import score_campaign
    from ..survey.validation import accepted_file

    if output.suffix.lower() != ".pdf":
        raise UsageError(f"-o : le rapport doit finir par .pdf ({output.name}).")
    if not file.is_file():
        raise UsageError(f"Fichier introuvable : {file}")
    if campaign is not None and not campaign.is_file():
        raise UsageError(f"--campagne : fichier introuvable : {campaign}")
    ref = load_indicator_set(referentiel)
    result = accepted_file(file, ref, making="rapport")
    member = result.member
    assert member is not None
    scores = score_campaign(campaign_from_members([member], ref), ref)
    name = member.identity.get("org.nom")
    history: list[tuple[str, float]] = []
    medians: dict[str, float] = {}
    if campaign is not None:
        from ..report.results_workbook import campaign_history, campaign_medians

        medians = campaign_medians(campaign, period=member.period)
        history = campaign_history(campaign, member.key)
    write_member_report(
        MemberReport(
            scores=scores,
            key=member.key,
            period=member.period,
            name=str(name) if name else None,
            medians=medians,
            issues=result.issues,
            history=history,
        ),
        output,
    )
    out = console()
    if result.errors:
        out.print("Le fichier a des erreurs (les réponses rejetées comptent comme manquantes) :")
        print_issues(result.errors)
    out.print(f"Rapport écrit : {output}")
    return 1 if result.errors else 0
