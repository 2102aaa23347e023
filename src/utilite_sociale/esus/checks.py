"""The ESUS checks (DESIGN §7): pure functions over :class:`~.inputs.EsusInputs`.

:func:`run_checks` runs every check at a request date and returns an
:class:`~.results.EsusAssessment`: the checks in a fixed order (``ess``, ``objectif``,
``impact``, ``remuneration``, ``titres``, ``plein-droit``, ``statuts``, ``duree``), each
with its status, figures, tables, legal bases and readings, plus the agrément duration, the
competent authority, the law versions used and the overall picture. Every legal number and
date comes from the reference data (:mod:`utilite_sociale.reference`).
"""

from __future__ import annotations

import datetime as dt

from .._format import format_date
from ..reference import (
    ApplicationFileType,
    agrement_duration_rule,
    agrement_duration_years,
    application_documents,
    application_file_types,
    article2_in_force,
    ess_by_legal_form,
    main_objective_rule,
    pay_cap_rule,
    significant_impact_rule,
)
from ._common import condition_basis, select_years
from ._ess import check_ess
from ._impact import check_impact
from ._objective import check_objective, evaluate_objective
from ._other import check_duration, check_securities, check_statutes
from ._pay import check_pay
from ._plein_droit import check_plein_droit
from .inputs import COMMERCIAL_COMPANY, EsusInputs
from .results import CHECK_IDS, CheckResult, EsusAssessment, LegalBasis, Status

__all__ = ["CheckResult", "EsusAssessment", "Status", "run_checks"]


def _require_rules(on: dt.date) -> None:
    try:
        for lookup in (
            article2_in_force,
            main_objective_rule,
            significant_impact_rule,
            pay_cap_rule,
            agrement_duration_rule,
        ):
            lookup(on)
    except LookupError as error:
        msg = (
            f"Les règles de l'agrément ESUS ne sont pas toutes en vigueur le {format_date(on)} : "
            f"{error}"
        )
        raise ValueError(msg) from error


def run_checks(inputs: EsusInputs, *, on: dt.date) -> EsusAssessment:
    """Run every ESUS check at a request date.

    Parameters
    ----------
    inputs : EsusInputs
        What the organisation declared (see :func:`~.inputs.esus_inputs_from_member`).
    on : datetime.date
        Request date: it selects the law versions, the SMIC, the closed financial years
        and the company's age. (:attr:`Statutes.request_date` is informative; a note says
        when it differs.)

    Returns
    -------
    EsusAssessment
        The checks in a fixed order and the overall picture. Missing inputs give
        « à compléter » with the cell ids; nothing raises for incomplete data.

    Raises
    ------
    ValueError
        If ``on`` is before the ESUS rules came into force (no rule to apply).

    Examples
    --------
    >>> from datetime import date
    >>> from utilite_sociale.esus import EsusInputs, run_checks
    >>> result = run_checks(EsusInputs(legal_form="association"), on=date(2025, 6, 1))
    >>> result.check("ess").status.value
    'conforme'
    >>> result.check("impact").status.value
    'à compléter'
    """
    _require_rules(on)
    selection = select_years(inputs, on)
    ess = check_ess(inputs, on)
    strict = evaluate_objective(inputs, on, plein_droit=False)
    full = evaluate_objective(inputs, on, plein_droit=True)
    state = check_plein_droit(inputs, on, ess=ess, full_objective=full)
    category = state.category
    established = state.established is True
    if established and category is not None and not category.requires_article2_proof:
        _, condition = condition_basis("objectif", on)
        objective = CheckResult(
            id="objectif",
            title="Objectif principal d'utilité sociale",
            status=Status.NON_APPLICABLE,
            reason=(
                f"bénéficiaire de plein droit (catégorie {category.number}) : l'objectif "
                "d'utilité sociale n'a pas à être démontré."
            ),
            legal=(condition,),
        )
    elif established:
        objective = check_objective(
            inputs,
            on,
            evaluation=full,
            applicant="demande de plein droit (association ou fondation reconnue d'utilité "
            "publique)",
        )
    elif category is not None and category.requires_article2_proof:
        objective = check_objective(
            inputs,
            on,
            evaluation=strict,
            applicant="demande sous conditions",
            alternative=(
                full,
                "Bénéficiaire de plein droit (association ou fondation reconnue d'utilité "
                "publique : article 2 tout entier)",
            ),
        )
    else:
        objective = check_objective(
            inputs, on, evaluation=strict, applicant="demande sous conditions"
        )
    checks = {
        "ess": ess,
        "objectif": objective,
        "impact": check_impact(inputs, on, selection, applies=not established),
        "remuneration": check_pay(inputs, on, selection, plein_droit=established),
        "titres": check_securities(inputs, on, plein_droit=established),
        "plein-droit": state.result,
        "statuts": check_statutes(inputs, on, plein_droit=established),
        "duree": check_duration(inputs, on),
    }
    ordered = tuple(checks[check_id] for check_id in CHECK_IDS)
    rule = agrement_duration_rule(on)
    duration: int | None = None
    if inputs.creation_date is not None and inputs.creation_date <= on:
        duration = agrement_duration_years(creation_date=inputs.creation_date, request_date=on)
    notes: list[str] = []
    typed = inputs.statutes.request_date
    if typed is not None and typed != on:
        notes.append(
            f"La date de demande saisie dans le classeur ({format_date(typed)}) diffère de la "
            f"date retenue pour les vérifications ({format_date(on)})."
        )
    if state.established is None and category is not None:
        notes.append(
            "Le bénéfice de plein droit n'est pas encore établi : les conditions de l'agrément "
            "sous conditions sont vérifiées en attendant."
        )
    return EsusAssessment(
        organisation=inputs.name,
        request_date=on,
        checks=ordered,
        status=Status.worst([item.status for item in ordered]),
        plein_droit=state.established,
        plein_droit_category=category,
        file_type=_file_type(inputs, established),
        agrement_years=duration,
        authority=rule.authority,
        departement=inputs.departement,
        closing_years=selection.closing_years,
        young_company=selection.young,
        law_versions=_law_versions(ordered),
        documents=application_documents(plein_droit=established),
        missing=tuple(dict.fromkeys(cell for item in ordered for cell in item.missing)),
        notes=tuple(notes),
    )


def _file_type(inputs: EsusInputs, plein_droit: bool) -> ApplicationFileType | None:
    form = inputs.legal_form
    if form == COMMERCIAL_COMPANY:
        commercial = True
    elif form in ess_by_legal_form():
        commercial = False
    else:
        return None
    for item in application_file_types():
        if item.plein_droit == plein_droit and item.commercial_company == commercial:
            return item
    return None


def _law_versions(checks: tuple[CheckResult, ...]) -> tuple[LegalBasis, ...]:
    seen: dict[tuple[str, str], LegalBasis] = {}
    for item in checks:
        for legal in item.legal:
            seen.setdefault((legal.article, legal.version), legal)
    return tuple(seen.values())
