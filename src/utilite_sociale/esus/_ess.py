"""ESS membership (loi ESS art. 1): by legal form, or a commercial company's clauses."""

from __future__ import annotations

import datetime as dt

from ..reference import (
    Article1Condition,
    article1_conditions,
    article2_version,
    commercial_company_thresholds,
    ess_legal_forms,
    esus_text_label,
)
from ..survey.layout import LEGAL_FORMS
from ._common import basis, join_fr, quoted
from .inputs import COMMERCIAL_COMPANY, EsusInputs, Statutes, identity_cell, statutes_cell
from .results import CheckResult, Column, Figure, LegalBasis, Status, Table, format_value

__all__ = ["check_ess", "statutory_clauses"]

_TITLE = "Appartenance à l'économie sociale et solidaire"
#: Forms that are neither ESS by form nor commercial companies (art. 1 II lists both).
_NOT_ESS = frozenset({"fonds-dotation"})


def _form_label(code: str, *, short: bool = False) -> str:
    labels = dict(LEGAL_FORMS)
    if short and code in labels:
        return labels[code]
    for form in ess_legal_forms():
        if form.id == code:
            return form.label
    return labels.get(code, code)


def _article1(condition_id: str) -> Article1Condition:
    for condition in article1_conditions():
        if condition.id == condition_id:
            return condition
    raise LookupError(condition_id)  # pragma: no cover - reference data integrity


Clause = tuple[Article1Condition, str, str, str | None]


def statutory_clauses(statutes: Statutes) -> tuple[Clause, ...]:
    """The art. 1 clauses a commercial company's statutes must hold, with the article cited.

    Returns
    -------
    tuple of (condition, requirement, cell id, article)
        ``article`` is ``None`` when not cited.
    """
    thresholds = commercial_company_thresholds()
    fund = format_value(thresholds.development_fund_share, "quotite")
    cap = format_value(thresholds.development_fund_cap_share_of_capital, "quotite")
    retained = format_value(thresholds.retained_profit_share, "quotite")
    return (
        (
            _article1("art1-ii-2b"),
            "objet social recherchant une utilité sociale au sens de l'article 2",
            statutes_cell("article_objet_social"),
            statutes.social_object_article,
        ),
        (
            _article1("art1-i-2"),
            "gouvernance démocratique définie et organisée par les statuts",
            statutes_cell("article_gouvernance"),
            statutes.governance_article,
        ),
        (
            _article1("art1-ii-2c-fonds-developpement"),
            f"au moins {fund} des bénéfices affectés au fonds de développement, tant que les "
            f"réserves n'atteignent pas {cap} du capital social",
            statutes_cell("article_affectation_fonds"),
            statutes.development_fund_article,
        ),
        (
            _article1("art1-ii-2c-report-beneficiaire"),
            f"au moins {retained} des bénéfices affectés au report bénéficiaire et aux "
            "réserves obligatoires",
            statutes_cell("article_affectation_reserves"),
            statutes.reserves_article,
        ),
    )


def check_ess(inputs: EsusInputs, on: dt.date) -> CheckResult:
    """Art. 1 of the ESS law: ESS by legal form, or a commercial company's clauses."""
    law = article2_version("2014")
    label_art1 = esus_text_label("article_1_loi_ess")
    code = inputs.legal_form
    if code is None:
        return CheckResult(
            id="ess",
            title=_TITLE,
            status=Status.A_COMPLETER,
            reason="la forme juridique de l'organisation n'est pas renseignée.",
            missing=(identity_cell("forme_juridique"),),
            remedy="Indiquez la forme juridique (feuille « Organisation »).",
        )
    figure = Figure(key="forme-juridique", label="Forme juridique", value=code, unit="texte")
    for form in ess_legal_forms():
        if form.id == code:
            return CheckResult(
                id="ess",
                title=_TITLE,
                status=Status.CONFORME,
                reason=(
                    f"forme juridique {quoted(_form_label(code, short=True))} : entreprise de "
                    "l'économie sociale et solidaire par sa forme (article 1er, II, 1°, de la "
                    "loi ESS)."
                ),
                legal=(
                    basis(
                        article=f"{label_art1}, II, 1°",
                        version=law.id,
                        start=law.start,
                        end=None,
                        act=law.act,
                        certainty=form.certainty,
                        sources=form.sources,
                    ),
                ),
                figures=(figure,),
                notes=(
                    "Les services instructeurs procèdent à une vérification matérielle des "
                    "statuts.",
                ),
            )
    if code == COMMERCIAL_COMPANY:
        return _commercial(inputs, figure)
    label = _form_label(code)
    if code in _NOT_ESS:
        return CheckResult(
            id="ess",
            title=_TITLE,
            status=Status.NON_CONFORME,
            reason=(
                f"{quoted(label)} n'est ni une forme juridique de l'ESS (coopérative, mutuelle, "
                "fondation, association) ni une société commerciale de l'ESS (article 1er, II, "
                "de la loi ESS)."
            ),
            legal=_article1_bases(law.id, law.start),
            figures=(figure,),
            remedy=(
                "Seules les formes de l'article 1er, II, de la loi ESS peuvent demander "
                "l'agrément : vérifiez la forme juridique déclarée."
            ),
        )
    return CheckResult(
        id="ess",
        title=_TITLE,
        status=Status.A_VERIFIER,
        reason=(
            f"forme juridique {quoted(label)} : l'appartenance à l'ESS ne se déduit pas de la "
            "forme ; elle doit être établie par les statuts (article 1er de la loi ESS)."
        ),
        legal=_article1_bases(law.id, law.start),
        figures=(figure,),
        missing=(identity_cell("forme_juridique"),),
        remedy=(
            "Précisez la forme juridique ; une société commerciale choisit « Société "
            "commerciale de l'ESS » et cite les articles de ses statuts."
        ),
    )


def _article1_bases(version: str, start: dt.date) -> tuple[LegalBasis, ...]:
    law = article2_version("2014")
    label = esus_text_label("article_1_loi_ess")
    return tuple(
        basis(
            article=f"{label}, {condition.number}",
            version=version,
            start=start,
            end=None,
            act=law.act,
            certainty=condition.certainty,
            sources=condition.sources,
            text=condition.text,
            text_is_verbatim=condition.text_is_verbatim,
            note=condition.note,
        )
        for condition in article1_conditions()
        if condition.id.startswith("art1-ii")
    )


def _commercial(inputs: EsusInputs, figure: Figure) -> CheckResult:
    law = article2_version("2014")
    label = esus_text_label("article_1_loi_ess")
    clauses = statutory_clauses(inputs.statutes)
    rows = tuple(
        (
            condition.number,
            requirement,
            article,
            (Status.CONFORME if article else Status.A_VERIFIER).value,
        )
        for condition, requirement, _, article in clauses
    )
    table = Table(
        id="clauses",
        title="Clauses statutaires d'une société commerciale de l'ESS",
        columns=(
            Column(key="reference", label="Loi ESS, art. 1er", unit="texte"),
            Column(key="exigence", label="Exigence", unit="texte"),
            Column(key="article", label="Article des statuts", unit="texte"),
            Column(key="statut", label="Statut", unit="texte"),
        ),
        rows=rows,
    )
    missing = tuple(cell for _, _, cell, article in clauses if not article)
    legal = tuple(
        basis(
            article=f"{label}, {condition.number}",
            version=law.id,
            start=law.start,
            end=None,
            act=law.act,
            certainty=condition.certainty,
            sources=condition.sources,
            text=condition.text,
            text_is_verbatim=condition.text_is_verbatim,
            note=condition.note,
        )
        for condition, _, _, _ in clauses
    )
    thresholds = commercial_company_thresholds()
    figures = (
        figure,
        Figure(
            key="part-fonds-developpement",
            label="Part minimale des bénéfices au fonds de développement",
            value=thresholds.development_fund_share,
            unit="quotite",
        ),
        Figure(
            key="part-report-reserves",
            label="Part minimale des bénéfices au report bénéficiaire et aux réserves",
            value=thresholds.retained_profit_share,
            unit="quotite",
        ),
    )
    notes = (
        "Les statuts doivent aussi prévoir l'interdiction d'amortir le capital et de le "
        "réduire sans pertes, et les réserves impartageables (article 1er, I, 3° b, et II, "
        "2° c) ; la société est immatriculée au RCS avec la mention « entreprise de "
        "l'économie sociale et solidaire ».",
    )
    if missing:
        uncited = [clause for clause in clauses if not clause[3]]
        names = join_fr(
            [f"{condition.number} ({requirement})" for condition, requirement, _, _ in uncited]
        )
        return CheckResult(
            id="ess",
            title=_TITLE,
            status=Status.A_VERIFIER,
            reason=(
                "société commerciale : aucun article des statuts n'est cité pour "
                f"{names} de l'article 1er de la loi ESS."
            ),
            legal=legal,
            figures=figures,
            tables=(table,),
            missing=missing,
            remedy=(
                "Citez le numéro de l'article des statuts qui porte chaque clause (et "
                "surlignez-le dans la copie des statuts jointe)."
            ),
            notes=notes,
        )
    cited = join_fr([f"{article}" for _, _, _, article in clauses if article])
    return CheckResult(
        id="ess",
        title=_TITLE,
        status=Status.CONFORME,
        reason=(
            "société commerciale : les statuts portent les clauses de l'article 1er de la loi "
            f"ESS (articles cités : {cited})."
        ),
        legal=legal,
        figures=figures,
        tables=(table,),
        notes=notes,
    )
