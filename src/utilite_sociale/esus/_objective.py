"""L3332-17-1 I 1°: the main objective of social utility, in its dated versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

from ..framework.models import Fragility
from ..reference import (
    LegalCriterion,
    MainObjectiveRule,
    article2_version,
    esus_text_label,
    main_objective_rule,
)
from ._common import basis, condition_basis, join_fr, quoted, statute_article
from .inputs import CriterionEvidence, EsusInputs, statutes_cell
from .results import CheckResult, Column, Figure, LegalBasis, Reading, Status, Table

__all__ = ["ObjectiveEvaluation", "check_objective", "evaluate_objective"]

_TITLE = "Objectif principal d'utilité sociale"
_FRAGILITY_LABELS = {
    "economique": "économique",
    "sociale": "sociale",
    "situation-personnelle": "situation personnelle",
    "sante": "santé",
}
_ALL_FRAGILITIES = frozenset(get_args(Fragility))


@dataclass(frozen=True, slots=True)
class CriterionRow:
    """How one art. 2 criterion counts: ``counted`` is ``None`` when undetermined."""

    criterion: LegalCriterion
    evidence: CriterionEvidence | None
    counted: bool | None
    why: str


@dataclass(frozen=True, slots=True)
class ObjectiveEvaluation:
    """The art. 2 criteria evidenced, under one set of retained fragility kinds."""

    rule: MainObjectiveRule
    fragilities: tuple[str, ...]
    rows: tuple[CriterionRow, ...]
    other_version: tuple[str, ...]

    @property
    def has_evidence(self) -> bool:
        """Whether a score was given for at least one criterion of the version."""
        return any(row.evidence is not None and row.evidence.score is not None for row in self.rows)

    @property
    def qualifies(self) -> bool | None:
        """``True`` if a criterion counts, ``None`` if undetermined, ``False`` otherwise."""
        if any(row.counted for row in self.rows):
            return True
        if any(row.counted is None for row in self.rows):
            return None
        return False

    @property
    def counted(self) -> tuple[CriterionRow, ...]:
        """The criteria that count."""
        return tuple(row for row in self.rows if row.counted)


def _kinds(kinds: tuple[str, ...] | set[str] | frozenset[str]) -> str:
    return join_fr([quoted(_FRAGILITY_LABELS.get(kind, kind)) for kind in sorted(kinds)])


def evaluate_objective(
    inputs: EsusInputs, on: dt.date, *, plein_droit: bool
) -> ObjectiveEvaluation:
    """Which art. 2 criteria count for L3332-17-1 I 1° at ``on``.

    Parameters
    ----------
    inputs
        The inputs (their :attr:`EsusInputs.objective`).
    on
        Request date: selects the version of L3332-17-1 and of art. 2.
    plein_droit
        Retain the fragility kinds of a « de plein droit » applicant that proves social
        utility (RUP associations and foundations) instead of those of an application
        « sous conditions ».
    """
    rule = main_objective_rule(on)
    version = article2_version(rule.article2_version)
    ids = {criterion.id for criterion in version.criteria}
    evidence = {item.criterion: item for item in inputs.objective if item.criterion in ids}
    other = tuple(item.criterion for item in inputs.objective if item.criterion not in ids)
    fragilities = rule.fragilities_plein_droit if plein_droit else rule.fragilities_under_conditions
    restricted = bool(_ALL_FRAGILITIES - set(fragilities))
    subordinate = {item.criterion: item for item in rule.subordinate_criteria}
    rows: list[CriterionRow] = []
    for criterion in version.criteria:
        item = evidence.get(criterion.id)
        if item is None or item.score is None:
            rows.append(CriterionRow(criterion, item, False, "aucun score"))
            continue
        if criterion.id == rule.fragility_criterion and restricted:
            rows.append(_fragility_row(criterion, item, fragilities))
        elif criterion.id in subordinate:
            sub = subordinate[criterion.id]
            admitted = dict(sub.links)
            shown = [admitted[link] for link in item.links if link in admitted]
            if shown:
                rows.append(CriterionRow(criterion, item, True, join_fr(shown)))
            else:
                rows.append(
                    CriterionRow(
                        criterion,
                        item,
                        False,
                        "ne compte qu'avec un lien ou un impact : "
                        + " ; ".join(label for _, label in sub.links)
                        + " (aucun n'est démontré)",
                    )
                )
        else:
            rows.append(CriterionRow(criterion, item, True, "score renseigné"))
    return ObjectiveEvaluation(
        rule=rule, fragilities=tuple(fragilities), rows=tuple(rows), other_version=other
    )


def _fragility_row(
    criterion: LegalCriterion, item: CriterionEvidence, fragilities: tuple[str, ...]
) -> CriterionRow:
    scored = [indicator for indicator in item.indicators if indicator.score is not None]
    if not scored:
        return CriterionRow(
            criterion,
            item,
            None,
            "les indicateurs du critère ne sont pas fournis : le type de fragilité est inconnu",
        )
    retained = sorted({kind for i in scored for kind in i.fragility if kind in fragilities})
    if retained:
        count = sum(1 for i in scored if set(i.fragility) & set(fragilities))
        plural = "s" if count > 1 else ""
        return CriterionRow(
            criterion,
            item,
            True,
            f"fragilité {_kinds(set(retained))} : {count} indicateur{plural} renseigné{plural}",
        )
    excluded = {kind for i in scored for kind in i.fragility}
    if excluded:
        return CriterionRow(
            criterion,
            item,
            False,
            f"fragilité {_kinds(excluded)} seulement, alors que "
            + (
                f"seules les fragilités {_kinds(set(fragilities))} sont retenues"
                if len(fragilities) > 1
                else f"seule la fragilité {_kinds(set(fragilities))} est retenue"
            )
            + " pour cette demande",
        )
    return CriterionRow(
        criterion,
        item,
        None,
        "les indicateurs ne précisent pas le type de fragilité (champ « fragilité » du "
        "référentiel)",
    )


def _tables(evaluation: ObjectiveEvaluation) -> tuple[Table, ...]:
    counted_text = {True: "oui", False: "non", None: "à vérifier"}
    criteria = Table(
        id="criteres",
        title=f"Critères de l'article 2 de la loi ESS (version {evaluation.rule.article2_version})",
        columns=(
            Column(key="numero", label="Critère", unit="texte"),
            Column(key="libelle", label="Intitulé", unit="texte"),
            Column(key="score", label="Score (sur 100)", unit="nombre"),
            Column(key="couverture", label="Couverture", unit="quotite"),
            Column(key="retenu", label="Retenu", unit="texte"),
            Column(key="motif", label="Motif", unit="texte"),
        ),
        rows=tuple(
            (
                row.criterion.number,
                row.criterion.short_label,
                row.evidence.score if row.evidence else None,
                row.evidence.coverage if row.evidence else None,
                counted_text[row.counted],
                row.why,
            )
            for row in evaluation.rows
        ),
    )
    indicator_rows = tuple(
        (
            row.criterion.number,
            indicator.id,
            indicator.label,
            indicator.score,
            ", ".join(_FRAGILITY_LABELS.get(kind, kind) for kind in indicator.fragility) or None,
        )
        for row in evaluation.rows
        if row.evidence is not None
        for indicator in row.evidence.indicators
    )
    if not indicator_rows:
        return (criteria,)
    indicators = Table(
        id="indicateurs",
        title="Indicateurs rattachés aux critères",
        columns=(
            Column(key="critere", label="Critère", unit="texte"),
            Column(key="id", label="Indicateur", unit="texte"),
            Column(key="libelle", label="Intitulé", unit="texte"),
            Column(key="score", label="Score (sur 100)", unit="nombre"),
            Column(key="fragilite", label="Fragilité", unit="texte"),
        ),
        rows=indicator_rows,
    )
    return (criteria, indicators)


def _legal(evaluation: ObjectiveEvaluation, on: dt.date) -> tuple[LegalBasis, ...]:
    _, condition = condition_basis("objectif", on)
    version = article2_version(evaluation.rule.article2_version)
    label = esus_text_label("article_2_loi_ess")
    return (
        condition,
        *tuple(
            basis(
                article=f"{label}, {criterion.number}",
                version=version.id,
                start=version.start,
                end=version.end,
                act=version.act,
                certainty=criterion.certainty,
                sources=criterion.sources,
                text=criterion.text,
                text_is_verbatim=criterion.text_is_verbatim,
                note=criterion.note,
            )
            for criterion in version.criteria
        ),
    )


def _status(evaluation: ObjectiveEvaluation, article: str | None) -> Status:
    if not evaluation.has_evidence:
        return Status.A_COMPLETER
    qualifies = evaluation.qualifies
    if qualifies is False:
        return Status.NON_CONFORME
    if qualifies is None or not article:
        return Status.A_VERIFIER
    return Status.CONFORME


def check_objective(
    inputs: EsusInputs,
    on: dt.date,
    *,
    evaluation: ObjectiveEvaluation,
    applicant: str,
    alternative: tuple[ObjectiveEvaluation, str] | None = None,
) -> CheckResult:
    """The main-objective check from an evaluation of the evidence.

    Parameters
    ----------
    inputs, on
        Inputs and request date.
    evaluation
        The evaluation the status follows.
    applicant
        French description of the applicant's case (« demande sous conditions »…).
    alternative
        Another evaluation shown as a reading, with its French label.
    """
    article = inputs.statutes.social_object_article
    status = _status(evaluation, article)
    rule = evaluation.rule
    article_cell = statutes_cell("article_objet_social")
    missing = () if article else (article_cell,)
    version_text = f"article 2 de la loi ESS (version {rule.article2_version})"
    counted = evaluation.counted
    statute_text = (
        f"objet social à {statute_article(article)} des statuts"
        if article
        else "article des statuts fixant l'objet social non cité"
    )
    if status is Status.A_COMPLETER:
        reason = (
            f"aucun score par critère de l'{version_text} n'est fourni pour étayer l'objectif "
            f"({statute_text})."
        )
        remedy = (
            "Renseignez les indicateurs du référentiel (feuille « Indicateurs ») pour obtenir "
            "les scores par critère"
            + ("" if article else ", et citez l'article des statuts fixant l'objet social")
            + "."
        )
    elif status is Status.NON_CONFORME:
        whys = " ; ".join(
            f"{row.criterion.number} : {row.why}" for row in evaluation.rows if row.evidence
        )
        reason = f"aucun critère de l'{version_text} retenu pour une {applicant} ({whys})."
        remedy = _remedy(rule, evaluation)
    elif status is Status.A_VERIFIER:
        if counted:
            reason = f"{_counted_text(counted, rule.article2_version)}, mais {statute_text}."
            remedy = "Citez l'article des statuts qui énonce l'objectif d'utilité sociale."
        else:
            whys = " ; ".join(
                f"{row.criterion.number} : {row.why}"
                for row in evaluation.rows
                if row.counted is None
            )
            reason = f"objectif à vérifier ({whys}) ; {statute_text}."
            remedy = (
                "Précisez dans le référentiel le type de fragilité de chaque indicateur du "
                "critère, ou fournissez ses indicateurs."
            )
    else:
        reason = f"{_counted_text(counted, rule.article2_version)} ; {statute_text}."
        remedy = None
    figures = (
        *tuple(
            Figure(
                key=f"score-{row.criterion.id}",
                label=f"Score du critère {row.criterion.number} ({row.criterion.short_label})",
                value=row.evidence.score if row.evidence else None,
                unit="nombre",
            )
            for row in evaluation.rows
        ),
        Figure(
            key="article-objet-social",
            label="Article de l'objet social",
            value=article,
            unit="texte",
        ),
        Figure(
            key="version-article-2",
            label="Version de l'article 2",
            value=rule.article2_version,
            unit="texte",
        ),
        Figure(
            key="version-l3332-17-1",
            label="Version de l'article L3332-17-1",
            value=rule.version,
            unit="texte",
        ),
        Figure(key="cas", label="Cas de la demande", value=applicant, unit="texte"),
    )
    notes = [
        f"Fragilités retenues pour le critère {rule.fragility_criterion} : "
        f"{_kinds(set(evaluation.fragilities))}."
    ]
    if evaluation.other_version:
        notes.append(
            "Scores fournis pour des critères d'une autre version de l'article 2 ("
            + ", ".join(evaluation.other_version)
            + ") : non utilisés (aucune transposition d'une version à l'autre)."
        )
    if rule.note:
        notes.append(rule.note)
    readings: tuple[Reading, ...] = ()
    if alternative is not None:
        other, label = alternative
        other_status = _status(other, article)
        readings = (
            Reading(
                id="retenue",
                label=f"{applicant[:1].upper()}{applicant[1:]}",
                status=status,
                explanation=f"fragilités retenues : {_kinds(set(evaluation.fragilities))}.",
                used=True,
            ),
            Reading(
                id="alternative",
                label=label,
                status=other_status,
                explanation=f"fragilités retenues : {_kinds(set(other.fragilities))}.",
                used=False,
            ),
        )
    return CheckResult(
        id="objectif",
        title=_TITLE,
        status=status,
        reason=reason,
        legal=_legal(evaluation, on),
        figures=figures,
        tables=_tables(evaluation),
        missing=missing,
        readings=readings,
        remedy=remedy,
        notes=tuple(notes),
    )


def _counted_text(counted: tuple[CriterionRow, ...], version: str) -> str:
    numbers = join_fr([row.criterion.number for row in counted])
    if len(counted) > 1:
        return (
            f"les critères {numbers} de l'article 2 de la loi ESS (version {version}) sont "
            "étayés par les scores"
        )
    return (
        f"le critère {numbers} de l'article 2 de la loi ESS (version {version}) est étayé par "
        "les scores"
    )


def _remedy(rule: MainObjectiveRule, evaluation: ObjectiveEvaluation) -> str:
    parts = [
        f"Montrer un soutien à des personnes en situation de fragilité "
        f"{_kinds(set(evaluation.fragilities))}"
    ]
    for sub in rule.subordinate_criteria:
        parts.append(
            f"ou un objectif du critère {sub.criterion} avec "
            + " ou ".join(label for _, label in sub.links)
        )
    return " ; ".join(parts) + ", ou un autre critère de l'article 2 (indicateurs renseignés)."
