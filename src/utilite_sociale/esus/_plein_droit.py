"""L3332-17-1 II: the « de plein droit » categories (shorter file)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .._format import format_date
from ..reference import (
    PleinDroitCategory,
    esus_conditions,
    esus_text_label,
    plein_droit_categories,
    plein_droit_conditions,
)
from ._common import basis, join_fr, quoted
from ._objective import ObjectiveEvaluation
from .inputs import EsusInputs, statutes_cell
from .results import CheckResult, Figure, LegalBasis, Status

__all__ = ["PleinDroitState", "check_plein_droit", "claimed_category"]

_TITLE = "Bénéficiaire de plein droit"


@dataclass(frozen=True, slots=True)
class PleinDroitState:
    """The « de plein droit » route: the category claimed and whether it is established."""

    category: PleinDroitCategory | None
    established: bool | None
    result: CheckResult


def claimed_category(inputs: EsusInputs, on: dt.date) -> PleinDroitCategory | None:
    """The category claimed, listed at ``on`` or today (``None`` if none or unknown)."""
    code = inputs.statutes.plein_droit_category
    if code is None:
        return None
    for category in (*plein_droit_categories(on), *plein_droit_categories()):
        if category.id == code:
            return category
    return None


def _legal(on: dt.date) -> tuple[LegalBasis, ...]:
    rule = plein_droit_conditions(on)
    act = esus_conditions(on)[0].act
    return (
        basis(
            article=f"{esus_text_label('article_l3332_17_1')}, II",
            version=rule.version,
            start=rule.start,
            end=rule.end,
            act=act,
            certainty=rule.certainty,
            sources=rule.sources,
            note=rule.note,
        ),
    )


def check_plein_droit(
    inputs: EsusInputs,
    on: dt.date,
    *,
    ess: CheckResult,
    full_objective: ObjectiveEvaluation,
) -> PleinDroitState:
    """The « de plein droit » check and whether the route is established."""
    code = inputs.statutes.plein_droit_category
    legal = _legal(on)
    conditions = plein_droit_conditions(on)
    still = join_fr(list(conditions.condition_numbers))

    def result(
        status: Status,
        reason: str,
        *,
        category: PleinDroitCategory | None = None,
        established: bool | None,
        missing: tuple[str, ...] = (),
        remedy: str | None = None,
    ) -> PleinDroitState:
        figures = (
            Figure(key="categorie", label="Catégorie déclarée", value=code, unit="texte"),
            Figure(
                key="preuve",
                label="Pièce justificative",
                value=inputs.statutes.plein_droit_proof,
                unit="texte",
            ),
            Figure(
                key="conditions-applicables",
                label="Conditions du I qui restent applicables",
                value=still,
                unit="texte",
            ),
        )
        return PleinDroitState(
            category=category,
            established=established,
            result=CheckResult(
                id="plein-droit",
                title=_TITLE,
                status=status,
                reason=reason,
                legal=legal,
                figures=figures,
                missing=missing,
                remedy=remedy,
                notes=(
                    f"Un bénéficiaire de plein droit reste soumis aux conditions {still} du I "
                    "de l'article L3332-17-1 et doit relever de l'article 1er de la loi ESS.",
                ),
            ),
        )

    if code is None:
        return result(
            Status.NON_APPLICABLE,
            "aucune catégorie « de plein droit » déclarée : l'agrément est demandé sous "
            "conditions.",
            established=False,
        )
    category = claimed_category(inputs, on)
    if category is None:
        return result(
            Status.A_VERIFIER,
            f"catégorie {quoted(code)} inconnue : elle ne figure pas dans la liste du II de "
            "l'article L3332-17-1.",
            established=None,
            missing=(statutes_cell("categorie_plein_droit"),),
            remedy="Choisissez la catégorie dans la liste du classeur.",
        )
    label = f"catégorie {category.number} {quoted(category.label)}"
    in_force = {item.id for item in plein_droit_categories(on)}
    if category.id not in in_force:
        return result(
            Status.NON_CONFORME,
            f"la {label} ne figure pas dans la liste en vigueur le {format_date(on)} "
            f"(liste à partir du {format_date(category.since)}).",
            category=category,
            established=False,
            remedy="Demandez l'agrément sous conditions.",
        )
    if ess.status is Status.NON_CONFORME:
        return result(
            Status.NON_CONFORME,
            f"{label} déclarée, mais l'organisation ne relève pas de l'article 1er de la loi "
            "ESS, exigé des bénéficiaires de plein droit.",
            category=category,
            established=False,
            remedy=ess.remedy,
        )
    proof = inputs.statutes.plein_droit_proof
    if not proof:
        return result(
            Status.A_COMPLETER,
            f"{label} déclarée sans pièce justificative (convention, agrément, décret…).",
            category=category,
            established=None,
            missing=(statutes_cell("preuve_plein_droit"),),
            remedy="Indiquez la pièce qui prouve l'appartenance à la catégorie et joignez-la.",
        )
    if category.requires_article2_proof:
        qualifies = full_objective.qualifies if full_objective.has_evidence else None
        if not full_objective.has_evidence:
            return result(
                Status.A_COMPLETER,
                f"{label} : la reconnaissance d'utilité publique ne suffit pas, l'utilité "
                "sociale au sens de l'article 2 de la loi ESS doit être démontrée, et aucun "
                "score par critère n'est fourni.",
                category=category,
                established=None,
                remedy=(
                    "Renseignez les indicateurs du référentiel pour démontrer l'utilité sociale "
                    "au sens de l'article 2 ; à défaut, l'agrément est instruit sous conditions."
                ),
            )
        if qualifies is False:
            return result(
                Status.NON_CONFORME,
                f"{label} : aucun critère de l'article 2 de la loi ESS n'est démontré, "
                "condition de cette catégorie.",
                category=category,
                established=False,
                remedy="Démontrez l'utilité sociale au sens de l'article 2, ou demandez "
                "l'agrément sous conditions.",
            )
        if qualifies is None:
            return result(
                Status.A_VERIFIER,
                f"{label} : l'utilité sociale au sens de l'article 2 reste à vérifier "
                "(voir l'objectif principal).",
                category=category,
                established=None,
            )
    if ess.status is not Status.CONFORME:
        return result(
            Status.A_VERIFIER,
            f"{label}, pièce {quoted(proof)} : bénéficiaire de plein droit sous réserve de "
            "l'appartenance à l'ESS, encore à établir.",
            category=category,
            established=None,
            remedy=ess.remedy,
        )
    return result(
        Status.CONFORME,
        f"{label}, pièce {quoted(proof)} : bénéficiaire de plein droit (dossier allégé) ; "
        f"restent exigées les conditions {still} du I de l'article L3332-17-1.",
        category=category,
        established=True,
    )
