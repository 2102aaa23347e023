"""Render the legal reference data as a French Markdown page (``docs/reference-juridique.md``).

The page is generated from the data files, so what a reader checks is exactly what the
library computes with: run ``python -m utilite_sociale._legal_doc``.
"""

from __future__ import annotations

import datetime as dt

from ._format import format_date, format_euros, format_percent
from .reference import (
    Certainty,
    agrement_duration_rule,
    annual_smic_reference,
    article2_versions,
    crosswalk,
    esus_conditions,
    guide_themes,
    legal_working_time,
    pay_cap_rule,
    pay_caps,
    plein_droit_categories,
    significant_impact_rule,
    smic_revaluations,
)

__all__ = ["reference_markdown"]


def _certainty(value: Certainty) -> str:
    return f"[{value.value}] {value.label}"


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def reference_markdown() -> str:
    """Return the page describing every legal fact the library uses, with its certainty."""
    out: list[str] = [
        "# Référentiel juridique",
        "",
        "Page générée à partir des données du paquet (`src/utilite_sociale/reference/data/`) "
        "par `python -m utilite_sociale._legal_doc` : ne pas la modifier à la main.",
        "",
        "Chaque fait porte son degré de certitude : "
        + " ; ".join(f"**[{c.value}]** {c.label}" for c in Certainty)
        + ". Les rapports ne citent mot pour mot que les textes vérifiés ; les autres sont "
        "présentés comme des paraphrases, avec l'article.",
        "",
        "## Loi ESS, article 2 : les critères d'utilité sociale",
        "",
    ]
    for version in article2_versions():
        end = f" au {format_date(version.end)}" if version.end else " à ce jour"
        out += [
            f"### Version {version.id} — du {format_date(version.start)}{end}",
            "",
            f"Acte : {version.act.title}. Certitude : {_certainty(version.certainty)}.",
            "",
            "| id | critère | texte | mot pour mot | certitude |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| `{c.id}` | {c.number} {_cell(c.short_label)} | {_cell(c.text)} | "
            f"{'oui' if c.text_is_verbatim else 'non (paraphrase)'} | {_certainty(c.certainty)} |"
            for c in version.criteria
        ]
        out.append("")
    out += [
        "### Correspondance entre versions",
        "",
        "Les scores par critère 2014 viennent des correspondances 2014 déclarées par chaque "
        "indicateur, jamais de cette table (DESIGN §4) ; elle sert à la lecture.",
        "",
        "| 2014 | 2019 | note |",
        "|---|---|---|",
    ]
    out += [f"| `{link.source}` | `{link.target}` | {_cell(link.note)} |" for link in crosswalk()]
    out += ["", "## SMIC brut (métropole)", ""]
    working = legal_working_time()
    out += [
        f"| en vigueur le | horaire | mensuel ({working.weekly_hours:f} h) | acte | certitude |",
        "|---|---|---|---|---|",
    ]
    revaluations = smic_revaluations()
    out += [
        f"| {format_date(row.start)} | {format_euros(row.hourly)} | {format_euros(row.monthly)} "
        f"| {_cell(row.act.title)} | {_certainty(row.certainty)} |"
        for row in revaluations
    ]
    rule = pay_cap_rule()
    mean_x = f"{rule.mean_multiplier:f}"
    top_x = f"{rule.top_multiplier:f}"
    out += [
        "",
        "## Plafonds de rémunération ESUS (L3332-17-1 I 3°) par année civile",
        "",
        "Référence annuelle : somme des SMIC mensuels en vigueur le 1er de chaque mois de "
        f"l'exercice (× {working.months_per_year} ÷ nombre de mois si l'exercice ne dure pas "
        f"{working.months_per_year} mois), ou le salaire minimum de branche s'il est supérieur.",
        "",
        f"| année | référence annuelle | moyenne des {rule.mean_top_n} plus hautes ≤ "
        f"{mean_x} × | plus haute ≤ {top_x} × |",
        "|---|---|---|---|",
    ]
    years = sorted({row.start.year for row in revaluations})
    for year in years:
        reference = annual_smic_reference(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
        caps = pay_caps(reference)
        out.append(
            f"| {year} | {format_euros(reference.amount)} | {format_euros(caps.mean_cap)} | "
            f"{format_euros(caps.top_cap)} |"
        )
    impact = significant_impact_rule()
    duration = agrement_duration_rule()
    out += [
        "",
        "## Agrément ESUS",
        "",
        f"- Impact significatif (R3332-21-1) : charges d'exploitation des activités d'utilité "
        f"sociale ≥ {format_percent(impact.threshold * 100, 0)} des charges d'exploitation sur "
        f"les {impact.years} derniers exercices clos (tous les exercices clos si l'entreprise a "
        f"moins de {impact.young_company_age_years} ans). Certitude : "
        f"{_certainty(impact.certainty)}.",
        f"- Durée (R3332-21-3) : {duration.standard_years} ans ; {duration.young_company_years} "
        f"ans si l'entreprise a moins de {duration.young_company_age_years} ans. Autorité : "
        f"{_cell(duration.authority)}.",
        "",
        "### Conditions de L3332-17-1 I",
        "",
        "| id | version | en vigueur | condition | dans les statuts | certitude |",
        "|---|---|---|---|---|---|",
    ]
    for version in article2_versions():
        for condition in esus_conditions(version=version.id):
            end = f" au {format_date(condition.end)}" if condition.end else ""
            out.append(
                f"| `{condition.id}` | {condition.version} | du {format_date(condition.start)}"
                f"{end} | {condition.number} {_cell(condition.text)} | "
                f"{'oui' if condition.in_statutes_required else 'non'} | "
                f"{_certainty(condition.certainty)} |"
            )
    latest = max(row.start for row in revaluations)
    out += [
        "",
        f"### Entreprises agréées de plein droit (L3332-17-1 II), au {format_date(latest)}",
        "",
        "| n° | catégorie | depuis | certitude |",
        "|---|---|---|---|",
    ]
    out += [
        f"| {cat.number} | {_cell(cat.label)} | {format_date(cat.since)} | "
        f"{_certainty(cat.certainty)} |"
        for cat in plein_droit_categories(on=latest)
    ]
    out += [
        "",
        f"## Guide des bonnes pratiques de l'ESS (art. 3) : les {len(guide_themes())} thèmes",
        "",
        "| id | n° | thème | thème de la loi | certitude |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| `{theme.id}` | {theme.number} | {_cell(theme.label)} | "
        f"{f'{theme.legal_theme}°' if theme.legal_theme else 'ajouté par le CSESS'} | "
        f"{_certainty(theme.certainty)} |"
        for theme in guide_themes()
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(reference_markdown(), end="")
