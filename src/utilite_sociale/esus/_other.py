"""Listed securities (4°), statutory conditions (5°), agrément duration and authority."""

from __future__ import annotations

import datetime as dt

from .._format import format_date
from ..reference import (
    agrement_duration_rule,
    agrement_duration_years,
    esus_condition_for_check,
    esus_text_label,
    plein_droit_conditions,
)
from ._common import add_years, basis, condition_basis, join_fr, statute_article
from .inputs import COMMERCIAL_COMPANY, EsusInputs, common_cell, identity_cell, statutes_cell
from .results import CheckResult, Column, Figure, Status, Table

__all__ = ["check_duration", "check_securities", "check_statutes"]


def check_securities(inputs: EsusInputs, on: dt.date, *, plein_droit: bool) -> CheckResult:
    """L3332-17-1 I 4°: equity securities not admitted to trading on a market."""
    title = "Titres de capital non cotés"
    condition, legal = condition_basis("titres", on)
    if plein_droit and condition.number not in plein_droit_conditions(on).condition_numbers:
        return CheckResult(
            id="titres",
            title=title,
            status=Status.NON_APPLICABLE,
            reason="bénéficiaire de plein droit : condition non applicable à la date de la "
            "demande.",
            legal=(legal,),
        )
    figure = Figure(
        key="titres-cotes",
        label="Titres de capital admis aux négociations",
        value=inputs.listed_securities,
        unit="oui-non",
    )
    notes = (
        "Pièce à joindre : attestation du dirigeant que les titres de capital ne sont pas cotés.",
    )
    if inputs.listed_securities is None:
        return CheckResult(
            id="titres",
            title=title,
            status=Status.A_COMPLETER,
            reason="la question des titres de capital cotés n'a pas de réponse.",
            legal=(legal,),
            figures=(figure,),
            missing=(common_cell("titres_cotes"),),
            remedy="Répondez « Non » si aucun titre de capital n'est coté (toujours le cas "
            "d'une association ou d'une fondation).",
            notes=notes,
        )
    if inputs.listed_securities:
        return CheckResult(
            id="titres",
            title=title,
            status=Status.NON_CONFORME,
            reason="des titres de capital de l'organisation sont admis aux négociations sur "
            "un marché d'instruments financiers.",
            legal=(legal,),
            figures=(figure,),
            remedy="L'agrément exige que les titres de capital ne soient pas cotés ; vérifiez "
            "la réponse (un marché géré par une société de gestion de portefeuille est exclu "
            "depuis la loi PACTE).",
            notes=notes,
        )
    return CheckResult(
        id="titres",
        title=title,
        status=Status.CONFORME,
        reason="aucun titre de capital de l'organisation n'est admis aux négociations sur un "
        "marché d'instruments financiers.",
        legal=(legal,),
        figures=(figure,),
        notes=notes,
    )


def check_statutes(inputs: EsusInputs, on: dt.date, *, plein_droit: bool) -> CheckResult:
    """L3332-17-1 I 5°: the conditions that must appear in the statutes, with their article."""
    title = "Conditions inscrites dans les statuts"
    _, legal = condition_basis("statuts", on)
    if plein_droit:
        return CheckResult(
            id="statuts",
            title=title,
            status=Status.NON_APPLICABLE,
            reason="bénéficiaire de plein droit : seules les conditions de l'article "
            "L3332-17-1, II, s'appliquent ; les statuts sont joints au dossier.",
            legal=(legal,),
        )
    statutes = inputs.statutes
    candidates = (
        (
            "objectif",
            "objectif principal d'utilité sociale",
            "article_objet_social",
            statutes.social_object_article,
        ),
        (
            "remuneration",
            "plafonds de rémunération",
            "article_remuneration",
            statutes.pay_policy_article,
        ),
    )
    rows = []
    missing: list[str] = []
    for check, what, cell, article in candidates:
        condition = esus_condition_for_check(check, on)
        if not condition.in_statutes_required:
            continue
        rows.append(
            (
                condition.number,
                what,
                article,
                (Status.CONFORME if article else Status.A_VERIFIER).value,
            )
        )
        if not article:
            missing.append(statutes_cell(cell))
    table = Table(
        id="statuts",
        title="Conditions devant figurer dans les statuts",
        columns=(
            Column(key="condition", label="Condition (L3332-17-1, I)", unit="texte"),
            Column(key="objet", label="Objet", unit="texte"),
            Column(key="article", label="Article des statuts", unit="texte"),
            Column(key="statut", label="Statut", unit="texte"),
        ),
        rows=tuple(rows),
    )
    notes = ["Citez le numéro des articles et surlignez-les dans la copie des statuts jointe."]
    if inputs.legal_form == COMMERCIAL_COMPANY:
        notes.append(
            "Société commerciale : les clauses de l'article 1er de la loi ESS sont examinées "
            "avec l'appartenance à l'ESS."
        )
    if missing:
        uncited = [f"{number} ({what})" for number, what, article, _ in rows if not article]
        return CheckResult(
            id="statuts",
            title=title,
            status=Status.A_VERIFIER,
            reason=f"aucun article des statuts n'est cité pour la condition {join_fr(uncited)} "
            "de l'article L3332-17-1, I, qui doit figurer dans les statuts.",
            legal=(legal,),
            tables=(table,),
            missing=tuple(missing),
            remedy="Citez l'article des statuts qui porte chaque condition.",
            notes=tuple(notes),
        )
    cited = join_fr(
        [f"{number} à {statute_article(str(article))}" for number, _, article, _ in rows]
    )
    return CheckResult(
        id="statuts",
        title=title,
        status=Status.CONFORME,
        reason=f"les statuts portent les conditions exigées ({cited}).",
        legal=(legal,),
        tables=(table,),
        notes=tuple(notes),
    )


def check_duration(inputs: EsusInputs, on: dt.date) -> CheckResult:
    """R3332-21-3: duration of the agrément and competent authority."""
    title = "Durée de l'agrément et autorité compétente"
    rule = agrement_duration_rule(on)
    legal = (
        basis(
            article=f"{esus_text_label('article_r3332_21_3')}, I et III",
            version=rule.version,
            start=rule.start,
            end=rule.end,
            act=rule.act,
            certainty=rule.certainty,
            sources=rule.sources,
            note=rule.note,
        ),
    )
    authority = rule.authority
    figures = [
        Figure(key="autorite", label="Autorité compétente", value=authority, unit="texte"),
        Figure(
            key="departement", label="Département du siège", value=inputs.departement, unit="texte"
        ),
        Figure(
            key="date-creation", label="Date de création", value=inputs.creation_date, unit="date"
        ),
        Figure(key="date-demande", label="Date de la demande", value=on, unit="date"),
        Figure(
            key="silence-vaut-acceptation",
            label="Silence valant acceptation après un dossier complet",
            value=rule.silence_months,
            unit="mois",
        ),
    ]
    general = (
        f"l'agrément dure {rule.standard_years} ans, {rule.young_company_years} ans pour une "
        f"entreprise créée depuis moins de {rule.young_company_age_years} ans"
    )
    if inputs.creation_date is None:
        return CheckResult(
            id="duree",
            title=title,
            status=Status.A_COMPLETER,
            reason=f"date de création non renseignée : {general}.",
            legal=legal,
            figures=tuple(figures),
            missing=(identity_cell("date_creation"),),
            remedy="Indiquez la date de création (feuille « Organisation »).",
        )
    creation = inputs.creation_date
    if creation > on:
        return CheckResult(
            id="duree",
            title=title,
            status=Status.A_VERIFIER,
            reason=f"la date de création ({format_date(creation)}) est postérieure à la date de "
            f"la demande ({format_date(on)}).",
            legal=legal,
            figures=tuple(figures),
            missing=(identity_cell("date_creation"),),
            remedy="Vérifiez la date de création et la date de la demande.",
        )
    years = agrement_duration_years(creation_date=creation, request_date=on)
    figures.append(Figure(key="duree", label="Durée de l'agrément", value=years, unit="annees"))
    young = on < add_years(creation, rule.young_company_age_years)
    age = (
        f"depuis moins de {rule.young_company_age_years} ans"
        if young
        else f"depuis au moins {rule.young_company_age_years} ans"
    )
    return CheckResult(
        id="duree",
        title=title,
        status=Status.CONFORME,
        reason=f"agrément de {years} ans : entreprise créée le {format_date(creation)}, {age} "
        "à la date de la demande.",
        legal=legal,
        figures=tuple(figures),
    )
