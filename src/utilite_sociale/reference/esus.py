"""ESUS agrément (« entreprise solidaire d'utilité sociale »), code du travail.

Covers L3332-17-1 (conditions I 1° to 5° in their 2014 and loi PACTE versions, the « de plein
droit » categories of II and the pay caps of I 3°), R3332-21-1 (significant impact on the
income statement), R3332-21-3 (duration of the agrément, competent authority) and the
application file of the arrêté du 5 août 2015. All facts are read from ``data/esus.yaml``.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from utilite_sociale.reference._data import (
    Certainty,
    LegalAct,
    Source,
    _act,
    _as_bool,
    _as_date,
    _as_decimal,
    _as_int,
    _as_optional_date,
    _as_optional_str,
    _as_str,
    _certainty,
    _format_date,
    _label,
    _load,
    _sources,
)
from utilite_sociale.reference._dated import latest_row, row_in_force, rows_in_force

__all__ = [
    "AgrementDurationRule",
    "ApplicationDocument",
    "ApplicationFileType",
    "EsusCondition",
    "MainObjectiveRule",
    "PayCapRule",
    "PleinDroitCategory",
    "PleinDroitConditions",
    "SignificantImpactRule",
    "SubordinateCriterion",
    "agrement_duration_rule",
    "agrement_duration_years",
    "application_documents",
    "application_file_types",
    "esus_condition",
    "esus_condition_for_check",
    "esus_conditions",
    "esus_text_label",
    "main_objective_rule",
    "pay_cap_rule",
    "plein_droit_categories",
    "plein_droit_conditions",
    "significant_impact_rule",
]

_FILE = "esus.yaml"


def _raw() -> Any:
    return _load(_FILE)


# --- L3332-17-1 I: conditions --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EsusCondition:
    """A cumulative condition of L3332-17-1 I in one version of the article.

    Parameters
    ----------
    id : str
        Stable id, ``esus2014-1`` … ``esus2014-5``, ``esus2019-1`` … ``esus2019-5``.
    number : str
        ``"1°"`` to ``"5°"``.
    version : str
        ``"2014"`` (loi ESS) or ``"2019"`` (loi PACTE).
    start : datetime.date
        First day in force.
    end : datetime.date or None
        Last day in force, ``None`` if still in force.
    text : str
        Wording (often reconstructed: check ``text_is_verbatim``).
    text_is_verbatim : bool
        Whether ``text`` reproduces the official French wording.
    certainty : Certainty
        How sure the content is.
    sources : tuple of Source
        Where it was read.
    in_statutes_required : bool
        Whether this condition must appear in the company's statutes (5° of the version).
    act : LegalAct
        Act that created this version of the article.
    note : str or None
        French remark.
    """

    id: str
    number: str
    version: str
    start: datetime.date
    end: datetime.date | None
    text: str
    text_is_verbatim: bool
    certainty: Certainty
    sources: tuple[Source, ...]
    in_statutes_required: bool
    act: LegalAct
    note: str | None = None


@dataclass(frozen=True, slots=True)
class _ArticleVersion:
    id: str
    start: datetime.date
    end: datetime.date | None
    act: LegalAct


@cache
def _l3332_17_1_versions() -> tuple[_ArticleVersion, ...]:
    return tuple(
        _ArticleVersion(
            id=_as_str(item["id"]),
            start=_as_date(item["debut"]),
            end=_as_optional_date(item["fin"]),
            act=_act(item["acte"]),
        )
        for item in _raw()["versions_l3332_17_1"]
    )


def _article_version(version_id: str) -> _ArticleVersion:
    versions = _l3332_17_1_versions()
    for version in versions:
        if version.id == version_id:
            return version
    valid = ", ".join(f"« {v.id} »" for v in versions)
    msg = (
        f"Version inconnue de l'article L3332-17-1 : « {version_id} ». Versions valides : {valid}."
    )
    raise LookupError(msg)


@cache
def _all_conditions() -> tuple[EsusCondition, ...]:
    result: list[EsusCondition] = []
    for item in _raw()["conditions"]:
        version = _article_version(_as_str(item["version"]))
        result.append(
            EsusCondition(
                id=_as_str(item["id"]),
                number=_as_str(item["numero"]),
                version=version.id,
                start=version.start,
                end=version.end,
                text=_as_str(item["texte"]),
                text_is_verbatim=_as_bool(item["texte_verbatim"]),
                certainty=_certainty(item["certitude"]),
                sources=_sources(item["sources"]),
                in_statutes_required=_as_bool(item["dans_les_statuts"]),
                act=version.act,
                note=_as_optional_str(item.get("note")),
            )
        )
    return tuple(result)


def esus_conditions(
    on: datetime.date | None = None, version: str | None = None
) -> tuple[EsusCondition, ...]:
    """Return the conditions of L3332-17-1 I.

    Parameters
    ----------
    on : datetime.date or None, default None
        Keep the conditions in force on this date.
    version : str or None, default None
        Keep the conditions of this version (``"2014"`` or ``"2019"``).

    Returns
    -------
    tuple of EsusCondition
        With neither argument, the conditions of the version currently in force. With both,
        the conditions matching both (possibly empty).

    Raises
    ------
    LookupError
        If ``version`` is unknown, or if no version is in force on ``on``.
    """
    if version is not None:
        selected = _article_version(version)
        conditions = tuple(c for c in _all_conditions() if c.version == selected.id)
        return conditions if on is None else rows_in_force(conditions, on)
    what = _label(_FILE, "l3332_17_1")
    current = (
        latest_row(_l3332_17_1_versions(), what=what)
        if on is None
        else row_in_force(_l3332_17_1_versions(), on, what=what)
    )
    return tuple(c for c in _all_conditions() if c.version == current.id)


def esus_condition(condition_id: str) -> EsusCondition:
    """Return one ESUS condition by its stable id.

    Parameters
    ----------
    condition_id : str
        E.g. ``"esus2019-3"``.

    Returns
    -------
    EsusCondition
        The condition.

    Raises
    ------
    LookupError
        If the id is unknown (the message lists the valid ids).
    """
    conditions = _all_conditions()
    for condition in conditions:
        if condition.id == condition_id:
            return condition
    valid = ", ".join(f"« {c.id} »" for c in conditions)
    msg = f"Condition ESUS inconnue : « {condition_id} ». Identifiants valides : {valid}."
    raise LookupError(msg)


# --- L3332-17-1 II: « de plein droit » ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PleinDroitCategory:
    """A category of L3332-17-1 II that is ESUS « de plein droit ».

    Parameters
    ----------
    number : int
        Number in the list (1 to 15).
    id : str
        Stable id.
    label : str
        French label.
    reference : str or None
        Legal reference of the category, when known.
    since : datetime.date
        First day the category is in the list.
    certainty : Certainty
        How sure the fact is.
    requires_article2_proof : bool
        Whether the applicant must also prove social utility under art. 2 of the ESS law
        (associations and foundations *reconnues d'utilité publique*).
    sources : tuple of Source
        Where it was read.
    end : datetime.date or None
        Last day in the list, ``None`` if still listed.
    note : str or None
        French remark.
    """

    number: int
    id: str
    label: str
    reference: str | None
    since: datetime.date
    certainty: Certainty
    requires_article2_proof: bool
    sources: tuple[Source, ...]
    end: datetime.date | None = None
    note: str | None = None

    @property
    def start(self) -> datetime.date:
        """First day in force (alias of ``since``)."""
        return self.since


@dataclass(frozen=True, slots=True)
class PleinDroitConditions:
    """Which conditions of L3332-17-1 I still apply to « de plein droit » applicants.

    Parameters
    ----------
    version : str
        ``"2014"`` or ``"2019"``.
    start : datetime.date
        First day in force.
    end : datetime.date or None
        Last day in force, ``None`` if still in force.
    condition_numbers : tuple of str
        Numbers of the applicable conditions (``"3°"``, ``"4°"``).
    condition_ids : tuple of str
        Matching :class:`EsusCondition` ids.
    certainty : Certainty
        How sure the fact is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark.
    """

    version: str
    start: datetime.date
    end: datetime.date | None
    condition_numbers: tuple[str, ...]
    condition_ids: tuple[str, ...]
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@cache
def _all_categories() -> tuple[PleinDroitCategory, ...]:
    return tuple(
        PleinDroitCategory(
            number=_as_int(item["numero"]),
            id=_as_str(item["id"]),
            label=_as_str(item["libelle"]),
            reference=_as_optional_str(item["reference"]),
            since=_as_date(item["debut"]),
            certainty=_certainty(item["certitude"]),
            requires_article2_proof=_as_bool(item["article2_requis"]),
            sources=_sources(item["sources"]),
            end=_as_optional_date(item.get("fin")),
            note=_as_optional_str(item.get("note")),
        )
        for item in _raw()["categories_plein_droit"]
    )


def plein_droit_categories(on: datetime.date | None = None) -> tuple[PleinDroitCategory, ...]:
    """Return the « de plein droit » categories of L3332-17-1 II.

    Parameters
    ----------
    on : datetime.date or None, default None
        Keep the categories listed on this date; ``None`` gives the current list.

    Returns
    -------
    tuple of PleinDroitCategory
        In list order (15 categories since the loi PACTE, 14 before).
    """
    categories = _all_categories()
    if on is None:
        return tuple(c for c in categories if c.end is None)
    return rows_in_force(categories, on)


@cache
def _all_plein_droit_conditions() -> tuple[PleinDroitConditions, ...]:
    result: list[PleinDroitConditions] = []
    for item in _raw()["plein_droit_conditions"]:
        version = _as_str(item["id"])
        numbers = tuple(_as_str(number) for number in item["conditions"])
        by_number = {c.number: c.id for c in _all_conditions() if c.version == version}
        result.append(
            PleinDroitConditions(
                version=version,
                start=_as_date(item["debut"]),
                end=_as_optional_date(item["fin"]),
                condition_numbers=numbers,
                condition_ids=tuple(by_number[number] for number in numbers),
                certainty=_certainty(item["certitude"]),
                sources=_sources(item["sources"]),
                note=_as_optional_str(item.get("note")),
            )
        )
    return tuple(result)


def plein_droit_conditions(on: datetime.date | None = None) -> PleinDroitConditions:
    """Return which conditions apply to « de plein droit » applicants on a date.

    Parameters
    ----------
    on : datetime.date or None, default None
        Reference date; ``None`` gives the rule currently in force.

    Returns
    -------
    PleinDroitConditions
        Before the loi PACTE only 4° applied; since then 3° (pay caps) and 4°.

    Raises
    ------
    LookupError
        If no rule is in force on ``on``.
    """
    what = _label(_FILE, "plein_droit_conditions")
    rows = _all_plein_droit_conditions()
    return latest_row(rows, what=what) if on is None else row_in_force(rows, on, what=what)


# --- R3332-21-1: significant impact ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignificantImpactRule:
    """R3332-21-1: when the social-utility charge has a significant impact (L3332-17-1 I 2°).

    Parameters
    ----------
    threshold : Decimal
        Minimum share of operating charges linked to social-utility activities.
    years : int
        Number of last closed financial years considered.
    young_company_rule : str
        French wording of the rule for young companies (all closed years are used).
    profitability_margin : Decimal
        Margin added to the average private-bond yield in the alternative profitability
        test; read as percentage points (uncertain, see ``note``).
    act : LegalAct
        Decree that created the rule.
    certainty : Certainty
        How sure the text is.
    sources : tuple of Source
        Where it was read.
    start : datetime.date
        First day in force.
    end : datetime.date or None
        Last day in force, ``None`` if still in force.
    young_company_age_years : int
        A company created less than this many years before the application is « young ».
    profitability_margin_change_limit : Decimal
        The margin may be changed by arrêté within plus or minus this fraction of itself.
    operating_charges_text : str
        Wording of the primary (operating charges) test.
    profitability_text : str
        Wording of the alternative (profitability) test.
    note : str or None
        French remark, including the open questions.
    """

    threshold: Decimal
    years: int
    young_company_rule: str
    profitability_margin: Decimal
    act: LegalAct
    certainty: Certainty
    sources: tuple[Source, ...]
    start: datetime.date
    end: datetime.date | None
    young_company_age_years: int
    profitability_margin_change_limit: Decimal
    operating_charges_text: str
    profitability_text: str
    note: str | None = None


@cache
def _impact_rules() -> tuple[SignificantImpactRule, ...]:
    return tuple(
        SignificantImpactRule(
            threshold=_as_decimal(item["seuil_charges_exploitation"]),
            years=_as_int(item["nombre_exercices"]),
            young_company_rule=_as_str(item["regle_jeune_entreprise"]),
            profitability_margin=_as_decimal(item["majoration_rentabilite"]),
            act=_act(item["acte"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            start=_as_date(item["debut"]),
            end=_as_optional_date(item["fin"]),
            young_company_age_years=_as_int(item["anciennete_jeune_entreprise_annees"]),
            profitability_margin_change_limit=_as_decimal(item["limite_modification_majoration"]),
            operating_charges_text=_as_str(item["texte_charges"]),
            profitability_text=_as_str(item["texte_rentabilite"]),
            note=_as_optional_str(item.get("note")),
        )
        for item in _raw()["impact_significatif"]
    )


def significant_impact_rule(on: datetime.date | None = None) -> SignificantImpactRule:
    """Return the R3332-21-1 rule in force on a date.

    Parameters
    ----------
    on : datetime.date or None, default None
        Reference date; ``None`` gives the rule currently in force.

    Returns
    -------
    SignificantImpactRule
        The rule.

    Raises
    ------
    LookupError
        If no rule is in force on ``on`` (before the 2015 decree).
    """
    what = _label(_FILE, "impact_significatif")
    rules = _impact_rules()
    return latest_row(rules, what=what) if on is None else row_in_force(rules, on, what=what)


# --- L3332-17-1 I 3°: pay caps --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PayCapRule:
    """L3332-17-1 I 3°: caps on the pay of the best-paid employees or managers.

    Parameters
    ----------
    mean_top_n : int
        Number of best-paid people whose mean pay is capped.
    mean_multiplier : Decimal
        Cap on that mean, as a multiple of the annual reference pay.
    top_multiplier : Decimal
        Cap on the single best-paid person, as a multiple of the annual reference pay.
    branch_minimum_allowed : bool
        Whether the branch minimum wage replaces the SMIC when it is higher.
    text_a : str
        Wording of a) (mean cap).
    text_b : str
        Wording of b) (single cap).
    certainty : Certainty
        How sure the wording is.
    sources : tuple of Source
        Where it was read.
    start : datetime.date
        First day in force.
    end : datetime.date or None
        Last day in force, ``None`` if still in force.
    act : LegalAct
        Act that created the rule.
    note : str or None
        French remark (interpretation of the annual reference).
    """

    mean_top_n: int
    mean_multiplier: Decimal
    top_multiplier: Decimal
    branch_minimum_allowed: bool
    text_a: str
    text_b: str
    certainty: Certainty
    sources: tuple[Source, ...]
    start: datetime.date
    end: datetime.date | None
    act: LegalAct
    note: str | None = None


@cache
def _pay_cap_rules() -> tuple[PayCapRule, ...]:
    return tuple(
        PayCapRule(
            mean_top_n=_as_int(item["nombre_mieux_remuneres"]),
            mean_multiplier=_as_decimal(item["multiple_moyenne"]),
            top_multiplier=_as_decimal(item["multiple_plus_haut"]),
            branch_minimum_allowed=_as_bool(item["minimum_de_branche_admis"]),
            text_a=_as_str(item["texte_a"]),
            text_b=_as_str(item["texte_b"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            start=_as_date(item["debut"]),
            end=_as_optional_date(item["fin"]),
            act=_act(item["acte"]),
            note=_as_optional_str(item.get("note")),
        )
        for item in _raw()["plafonds_remuneration"]
    )


def pay_cap_rule(on: datetime.date | None = None) -> PayCapRule:
    """Return the pay-cap rule of L3332-17-1 I 3° in force on a date.

    Parameters
    ----------
    on : datetime.date or None, default None
        Reference date; ``None`` gives the rule currently in force.

    Returns
    -------
    PayCapRule
        The rule.

    Raises
    ------
    LookupError
        If no rule is in force on ``on``.
    """
    what = _label(_FILE, "plafonds_remuneration")
    rules = _pay_cap_rules()
    return latest_row(rules, what=what) if on is None else row_in_force(rules, on, what=what)


# --- R3332-21-3: duration, authority ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgrementDurationRule:
    """R3332-21-3: duration of the agrément, competent authority, tacit acceptance.

    Parameters
    ----------
    standard_years : int
        Duration of the agrément, in years.
    young_company_years : int
        Duration for a company created less than ``young_company_age_years`` before the
        application.
    young_company_age_years : int
        Age (in years, at the application date) below which a company is « young ».
    authority : str
        French description of the competent authority.
    regional_exception_since : datetime.date or None
        Date since which a préfet de région may be competent in some regions.
    silence_months : int
        Months of silence after a complete file that amount to acceptance.
    version : str
        Version id of the article (``"2015"``, ``"2025"``).
    start : datetime.date
        First day in force.
    end : datetime.date or None
        Last day in force, ``None`` if still in force.
    act : LegalAct
        Act (code article version).
    certainty : Certainty
        How sure the text is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark.
    """

    standard_years: int
    young_company_years: int
    young_company_age_years: int
    authority: str
    regional_exception_since: datetime.date | None
    silence_months: int
    version: str
    start: datetime.date
    end: datetime.date | None
    act: LegalAct
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@cache
def _duration_rules() -> tuple[AgrementDurationRule, ...]:
    return tuple(
        AgrementDurationRule(
            standard_years=_as_int(item["duree_annees"]),
            young_company_years=_as_int(item["duree_jeune_entreprise_annees"]),
            young_company_age_years=_as_int(item["anciennete_jeune_entreprise_annees"]),
            authority=_as_str(item["autorite"]),
            regional_exception_since=_as_optional_date(item["exception_regionale_depuis"]),
            silence_months=_as_int(item["silence_vaut_acceptation_mois"]),
            version=_as_str(item["id"]),
            start=_as_date(item["debut"]),
            end=_as_optional_date(item["fin"]),
            act=_act(item["acte"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            note=_as_optional_str(item.get("note")),
        )
        for item in _raw()["duree_agrement"]
    )


def agrement_duration_rule(on: datetime.date | None = None) -> AgrementDurationRule:
    """Return the R3332-21-3 rule in force on a date.

    Parameters
    ----------
    on : datetime.date or None, default None
        Reference date (usually the application date); ``None`` gives the current rule.

    Returns
    -------
    AgrementDurationRule
        The rule.

    Raises
    ------
    LookupError
        If no rule is in force on ``on``.
    """
    what = _label(_FILE, "duree_agrement")
    rules = _duration_rules()
    return latest_row(rules, what=what) if on is None else row_in_force(rules, on, what=what)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    """Same day ``years`` later; 29 February becomes the last day of February."""
    year = day.year + years
    last_day = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last_day))


def agrement_duration_years(*, creation_date: datetime.date, request_date: datetime.date) -> int:
    """Duration of the agrément granted on an application, in years.

    Parameters
    ----------
    creation_date : datetime.date
        Creation date of the company.
    request_date : datetime.date
        Date of the application; the rule in force on that date is used.

    Returns
    -------
    int
        The short duration if the company was created less than the « young company » age
        before ``request_date``, the standard duration otherwise (a company exactly that
        old gets the standard duration).

    Raises
    ------
    ValueError
        If ``request_date`` is before ``creation_date``.
    LookupError
        If no rule is in force on ``request_date``.
    """
    if request_date < creation_date:
        msg = (
            f"La date de demande ({_format_date(request_date)}) est antérieure à la date de "
            f"création de l'entreprise ({_format_date(creation_date)})."
        )
        raise ValueError(msg)
    rule = agrement_duration_rule(request_date)
    if request_date < _add_years(creation_date, rule.young_company_age_years):
        return rule.young_company_years
    return rule.standard_years


# --- arrêté du 5 août 2015: application file ----------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplicationDocument:
    """A piece of the ESUS application file (arrêté du 5 août 2015).

    Parameters
    ----------
    id : str
        Stable id.
    label : str
        French description of the piece.
    certainty : Certainty
        How sure the fact is.
    sources : tuple of Source
        Where it was read.
    act : LegalAct or None
        Order listing the piece.
    """

    id: str
    label: str
    certainty: Certainty
    sources: tuple[Source, ...] = ()
    act: LegalAct | None = None


@cache
def _documents(key: str) -> tuple[ApplicationDocument, ...]:
    raw = _raw()["dossier_demande"]
    act = _act(raw["acte"])
    return tuple(
        ApplicationDocument(
            id=_as_str(item["id"]),
            label=_as_str(item["libelle"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            act=act,
        )
        for item in raw[key]
    )


def application_documents(plein_droit: bool) -> tuple[ApplicationDocument, ...]:
    """Pieces of the ESUS application file.

    Parameters
    ----------
    plein_droit : bool
        ``True`` for a « de plein droit » applicant (statutes, proof of membership of a
        category, securities attestation), ``False`` for the standard file.

    Returns
    -------
    tuple of ApplicationDocument
        In the order of the arrêté.
    """
    return _documents("plein_droit" if plein_droit else "standard")


# --- L3332-17-1 I 1°: main objective, per version ----------------------------------------


@dataclass(frozen=True, slots=True)
class SubordinateCriterion:
    """An art. 2 criterion that counts only through a link or an impact.

    Parameters
    ----------
    criterion : str
        Id of the art. 2 criterion (``ess2014-3``, ``ess2019-4``).
    links : tuple of (str, str)
        Admitted links or impacts: ``(id, French label)``.
    certainty : Certainty
        How sure the fact is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark (often the wording of the condition).
    """

    criterion: str
    links: tuple[tuple[str, str], ...]
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class MainObjectiveRule:
    """Which art. 2 routes count for the main objective of L3332-17-1 I 1°, in one version.

    Parameters
    ----------
    version : str
        Version of L3332-17-1 (``"2014"`` or ``"2019"``).
    start : datetime.date
        First day in force.
    end : datetime.date or None
        Last day in force, ``None`` if still in force.
    article2_version : str
        Version of art. 2 of the ESS law it refers to.
    fragility_criterion : str
        Id of the art. 2 criterion about people in a situation of fragility.
    fragilities_under_conditions : tuple of str
        Kinds of fragility (``Indicator.fragility`` values) that count for that criterion in
        an application « sous conditions ».
    fragilities_plein_droit : tuple of str
        Kinds of fragility that count for a « de plein droit » applicant that must prove
        social utility under art. 2 (associations and foundations *reconnues d'utilité
        publique*).
    subordinate_criteria : tuple of SubordinateCriterion
        Criteria that count only with a link or an impact.
    act : LegalAct
        Act that created this version of L3332-17-1.
    certainty : Certainty
        How sure the rule is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark.
    """

    version: str
    start: datetime.date
    end: datetime.date | None
    article2_version: str
    fragility_criterion: str
    fragilities_under_conditions: tuple[str, ...]
    fragilities_plein_droit: tuple[str, ...]
    subordinate_criteria: tuple[SubordinateCriterion, ...]
    act: LegalAct
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None


@cache
def _main_objective_rules() -> tuple[MainObjectiveRule, ...]:
    result: list[MainObjectiveRule] = []
    for item in _raw()["objectif_principal"]:
        version = _article_version(_as_str(item["version"]))
        result.append(
            MainObjectiveRule(
                version=version.id,
                start=version.start,
                end=version.end,
                article2_version=_as_str(item["article2"]),
                fragility_criterion=_as_str(item["critere_fragilite"]),
                fragilities_under_conditions=tuple(
                    _as_str(kind) for kind in item["fragilites_sous_conditions"]
                ),
                fragilities_plein_droit=tuple(
                    _as_str(kind) for kind in item["fragilites_plein_droit"]
                ),
                subordinate_criteria=tuple(
                    SubordinateCriterion(
                        criterion=_as_str(sub["critere"]),
                        links=tuple(
                            (_as_str(key), _as_str(label)) for key, label in sub["liens"].items()
                        ),
                        certainty=_certainty(sub["certitude"]),
                        sources=_sources(sub["sources"]),
                        note=_as_optional_str(sub.get("note")),
                    )
                    for sub in item["criteres_subordonnes"]
                ),
                act=version.act,
                certainty=_certainty(item["certitude"]),
                sources=_sources(item["sources"]),
                note=_as_optional_str(item.get("note")),
            )
        )
    return tuple(result)


def main_objective_rule(on: datetime.date | None = None) -> MainObjectiveRule:
    """Return the L3332-17-1 I 1° rule (main objective) in force on a date.

    Parameters
    ----------
    on : datetime.date or None, default None
        Reference date (the application date); ``None`` gives the current rule.

    Returns
    -------
    MainObjectiveRule
        Before the loi PACTE every art. 2 (2014) route counts; since then, for an
        application « sous conditions », the fragility route counts only fragility due to
        the economic or social situation.

    Raises
    ------
    LookupError
        If no rule is in force on ``on``.
    """
    what = _label(_FILE, "objectif_principal")
    rules = _main_objective_rules()
    return latest_row(rules, what=what) if on is None else row_in_force(rules, on, what=what)


def esus_condition_for_check(check: str, on: datetime.date) -> EsusCondition:
    """Return the condition of L3332-17-1 I that an ESUS check verifies, on a date.

    Parameters
    ----------
    check : str
        ``"objectif"``, ``"impact"``, ``"remuneration"``, ``"titres"`` or ``"statuts"``.
    on : datetime.date
        Reference date (the application date).

    Returns
    -------
    EsusCondition
        The condition of the version in force on ``on``.

    Raises
    ------
    LookupError
        If the check is unknown or no version is in force on ``on``.
    """
    mapping = _raw()["conditions_par_verification"]
    if check not in mapping:
        valid = ", ".join(f"« {key} »" for key in mapping)
        msg = f"Vérification ESUS inconnue : « {check} ». Valeurs valides : {valid}."
        raise LookupError(msg)
    number = _as_str(mapping[check])
    for condition in esus_conditions(on):
        if condition.number == number:
            return condition
    msg = f"Aucune condition {number} de l'article L3332-17-1 en vigueur le {_format_date(on)}."
    raise LookupError(msg)


def esus_text_label(key: str) -> str:
    """French designation of a legal text used by the ESUS checks.

    Parameters
    ----------
    key : str
        Key of the ``libelles`` section of ``esus.yaml`` (``"article_r3332_21_1"``…).

    Returns
    -------
    str
        E.g. « Code du travail, art. R3332-21-1 ».

    Raises
    ------
    LookupError
        If the key is unknown.
    """
    labels = _raw()["libelles"]
    if key not in labels:
        msg = f"Libellé inconnu dans les données ESUS : « {key} »."
        raise LookupError(msg)
    return _as_str(labels[key])


# --- instruction du 20 septembre 2016: file types -------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplicationFileType:
    """A type of ESUS application file (A1, A2, B1, B2) of the 2016 instruction.

    Parameters
    ----------
    id : str
        ``"A1"``, ``"A2"``, ``"B1"`` or ``"B2"``.
    plein_droit : bool
        ``True`` for a « de plein droit » beneficiary (A), ``False`` for an agrément
        « sous conditions » (B).
    commercial_company : bool
        ``True`` for a société commerciale of the ESS (2), ``False`` for an association,
        cooperative, mutual or foundation (1).
    label : str
        French label.
    certainty : Certainty
        How sure the fact is.
    sources : tuple of Source
        Where it was read.
    """

    id: str
    plein_droit: bool
    commercial_company: bool
    label: str
    certainty: Certainty
    sources: tuple[Source, ...]


@cache
def application_file_types() -> tuple[ApplicationFileType, ...]:
    """The four types of ESUS application file (instruction du 20 septembre 2016).

    Returns
    -------
    tuple of ApplicationFileType
        A1, A2, B1, B2.
    """
    return tuple(
        ApplicationFileType(
            id=_as_str(item["id"]),
            plein_droit=_as_bool(item["plein_droit"]),
            commercial_company=_as_bool(item["societe_commerciale"]),
            label=_as_str(item["libelle"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
        )
        for item in _raw()["types_dossier"]
    )
