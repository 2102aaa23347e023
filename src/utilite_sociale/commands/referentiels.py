"""``utilite-sociale referentiels``: list, validate and export référentiels."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .._render import console, print_issues, print_json
from ..errors import UsageError
from ..framework import (
    IndicatorSetReport,
    builtin_indicator_set_ids,
    indicator_set_json_schema,
    is_path_like,
    save_indicator_set,
    validate_builtin,
    validate_indicator_set,
)
from ..framework.io import INDICATOR_SET_SUFFIXES
from ..framework.summary import summarise_indicator_set

__all__ = ["run_referentiels"]

_SUBJECTS = {"adherent": "adhérent", "federation": "fédération"}
_EXPORT_SUFFIXES = (".yaml", ".yml", ".xlsx")


def _report(source: str) -> IndicatorSetReport:
    if is_path_like(source):
        path = Path(source)
        if path.suffix.lower() not in INDICATOR_SET_SUFFIXES:
            raise UsageError(
                f"Format de référentiel non pris en charge : « {path.name} ». Formats "
                "acceptés : .yaml, .yml, .xlsx."
            )
        return validate_indicator_set(path)
    return validate_builtin(source)


def run_referentiels(
    sources: list[str], *, as_json: bool, exporter: Path | None, schema: bool
) -> int:
    """Run the command; return the exit code (0 valid, 1 invalid)."""
    if schema:
        print_json(indicator_set_json_schema())
        return 0
    if exporter is not None:
        return _export(sources, exporter)
    listing = not sources
    reports = [_report(source) for source in (sources or builtin_indicator_set_ids())]
    if as_json:
        print_json([_json_entry(report, listing=listing) for report in reports])
    elif listing:
        _print_listing(reports)
    else:
        for report in reports:
            _print_validation(report)
    return 0 if all(report.valid for report in reports) else 1


def _json_entry(report: IndicatorSetReport, *, listing: bool) -> dict[str, Any]:
    ref = report.indicator_set
    entry: dict[str, Any] = summarise_indicator_set(ref) if ref else {"id": None}
    if not listing or not report.valid:
        entry.update(report.to_dict())
        entry["id"] = ref.id if ref else entry.get("id")
    return entry


def _criteria(numbers: list[str]) -> str:
    return ", ".join(item.split("-")[-1] + "°" for item in numbers) or "—"


def _print_listing(reports: list[IndicatorSetReport]) -> None:
    from rich.table import Table

    table = Table(title="Référentiels fournis", title_justify="left")
    for header in ("id", "sujet", "version", "dim.", "indicateurs", "art. 2 2019", "art. 2 2014"):
        table.add_column(header, no_wrap=True)
    for report in reports:
        ref = report.indicator_set
        if ref is None:
            table.add_row(
                report.file or "?", "[red]invalide[/]", *([""] * (len(table.columns) - 2))
            )
            continue
        summary = summarise_indicator_set(ref)
        table.add_row(
            ref.id,
            _SUBJECTS[ref.subject],
            ref.version,
            str(summary["dimensions"]),
            f"{summary['indicateurs_notes']} (dont {summary['indicateurs_repondant']} rép.)",
            _criteria(summary["criteres_2019"]),
            _criteria(summary["criteres_2014"]),
        )
    out = console()
    out.print(table)
    for report in reports:
        ref = report.indicator_set
        if ref is not None:
            law = "" if ref.legal_version == "auto" else f" (loi ESS, version {ref.legal_version})"
            out.print(f"  {ref.id} : {ref.title}{law}")
    out.print(
        "Détail d'un référentiel : utilite-sociale referentiels ID ; "
        "pour l'adapter : utilite-sociale referentiels ID --exporter fichier.yaml (ou .xlsx)"
    )
    for report in reports:
        if not report.valid:
            print_issues(report.issues, stream=sys.stdout)


def _print_validation(report: IndicatorSetReport) -> None:
    from rich.markup import escape

    out = console()
    ref = report.indicator_set
    name = escape(report.file or (ref.id if ref else "?"))
    if ref is None or not report.valid:
        count = len(report.errors)
        out.print(
            f"[bold red]✗ {name} : invalide[/] — {count} erreur{'s' if count > 1 else ''}, "
            f"{len(report.warnings)} avertissement{'s' if len(report.warnings) > 1 else ''}"
        )
        print_issues(report.issues, stream=sys.stdout)
        return
    summary = summarise_indicator_set(ref)
    out.print(f"[bold green]✓ {name} : valide[/] — « {escape(ref.title)} », version {ref.version}")
    out.print(
        f"  {summary['dimensions']} dimensions, {summary['indicateurs_notes']} indicateurs notés "
        f"(dont {summary['indicateurs_repondant']} renseignés par les répondants), "
        f"{summary['indicateurs_contexte']} de contexte ; sujet : {_SUBJECTS[ref.subject]}"
    )
    out.print(
        f"  Critères de l'art. 2 couverts — version 2019 : {_criteria(summary['criteres_2019'])} ;"
        f" version 2014 : {_criteria(summary['criteres_2014'])}"
    )
    if report.warnings:
        print_issues(report.warnings, stream=sys.stdout)


def _export(sources: list[str], destination: Path) -> int:
    if len(sources) != 1:
        raise UsageError(
            "--exporter demande exactement un référentiel (un identifiant ou un chemin)."
        )
    if destination.suffix.lower() not in _EXPORT_SUFFIXES:
        raise UsageError(
            f"Format d'export non pris en charge : « {destination.name} ». Formats acceptés : "
            ".yaml, .yml, .xlsx."
        )
    if not destination.parent.exists():
        raise UsageError(f"Le dossier de destination {destination.parent} n'existe pas.")
    report = _report(sources[0])
    ref = report.raise_for_errors()
    save_indicator_set(ref, destination)
    console().print(f"Référentiel « {ref.id} » version {ref.version} exporté vers {destination}")
    return 0
