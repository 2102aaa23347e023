"""ESS law (loi n° 2014-856 du 31 juillet 2014): article 1 (ESS enterprise) and article 2.

Article 2 defines *utilité sociale* through conditions whose number changed with the loi PACTE
(three conditions in the 2014 version, four since the 2019 version). Both versions are kept,
each with its dates in force, its criteria and a crosswalk between them. All facts are read
from ``data/ess.yaml``.
"""

from __future__ import annotations

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
    _as_optional_date,
    _as_optional_str,
    _as_str,
    _certainty,
    _format_date,
    _label,
    _load,
    _sources,
)
from utilite_sociale.reference._dated import row_in_force

__all__ = [
    "Article1Condition",
    "Article2Version",
    "CommercialCompanyThresholds",
    "CrosswalkLink",
    "LegalCriterion",
    "LegalForm",
    "article1_conditions",
    "article2_in_force",
    "article2_version",
    "article2_versions",
    "commercial_company_thresholds",
    "crosswalk",
    "crosswalk_targets",
    "ess_by_legal_form",
    "ess_legal_forms",
    "legal_criteria",
    "legal_criterion",
    "legal_form",
]

_FILE = "ess.yaml"


def _article2_label() -> str:
    return _label(_FILE, "article2")


# --- article 2 ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LegalCriterion:
    """One condition of article 2 (utilité sociale) in one version of the law.

    Parameters
    ----------
    id : str
        Stable id: ``ess2014-1`` … ``ess2014-3``, ``ess2019-1`` … ``ess2019-4``.
    version : str
        Id of the :class:`Article2Version` it belongs to (``"2014"`` or ``"2019"``).
    number : str
        Number in the article (``"1°"``, ``"2°"``…).
    short_label : str
        Short French label for charts and tables.
    text : str
        Wording of the condition. When ``text_is_verbatim`` is false it is a paraphrase
        or reconstruction and must not be quoted as the official text.
    text_is_verbatim : bool
        Whether ``text`` reproduces the official wording.
    certainty : Certainty
        How sure the wording is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark (paraphrase warning, subordinate condition…).
    """

    id: str
    version: str
    number: str
    short_label: str
    text: str
    text_is_verbatim: bool
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class Article2Version:
    """A version of article 2 with its period in force.

    Parameters
    ----------
    id : str
        ``"2014"`` (original text) or ``"2019"`` (loi PACTE).
    start : datetime.date
        First day in force.
    end : datetime.date or None
        Last day in force, ``None`` if still in force.
    act : LegalAct
        Act that created this version.
    criteria : tuple of LegalCriterion
        Its conditions, in article order.
    intro : str
        Opening sentence of the article.
    certainty : Certainty
        How sure the dates and act of this version are (see ``note``).
    intro_is_verbatim : bool
        Whether ``intro`` reproduces the official wording.
    sources : tuple of Source
        Where this version was read.
    note : str or None
        French remark (entry into force, article number of the amending law…).
    """

    id: str
    start: datetime.date
    end: datetime.date | None
    act: LegalAct
    criteria: tuple[LegalCriterion, ...]
    intro: str
    certainty: Certainty
    intro_is_verbatim: bool
    sources: tuple[Source, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class CrosswalkLink:
    """A correspondence between a 2014 criterion and a 2019 criterion.

    Parameters
    ----------
    source : str
        Id of the 2014 criterion.
    target : str
        Id of the 2019 criterion.
    note : str
        French explanation of what moved or changed.
    certainty : Certainty
        How sure the correspondence is (it is an analysis of both texts).
    sources : tuple of Source
        Texts compared.
    """

    source: str
    target: str
    note: str
    certainty: Certainty = Certainty.RECONSTRUCTED
    sources: tuple[Source, ...] = ()


def _criterion(version_id: str, raw: Any) -> LegalCriterion:
    return LegalCriterion(
        id=_as_str(raw["id"]),
        version=version_id,
        number=_as_str(raw["numero"]),
        short_label=_as_str(raw["libelle_court"]),
        text=_as_str(raw["texte"]),
        text_is_verbatim=_as_bool(raw["texte_verbatim"]),
        certainty=_certainty(raw["certitude"]),
        sources=_sources(raw["sources"]),
        note=_as_optional_str(raw.get("note")),
    )


def _version(raw: Any) -> Article2Version:
    version_id = _as_str(raw["id"])
    return Article2Version(
        id=version_id,
        start=_as_date(raw["debut"]),
        end=_as_optional_date(raw["fin"]),
        act=_act(raw["acte"]),
        criteria=tuple(_criterion(version_id, item) for item in raw["criteres"]),
        intro=_as_str(raw["introduction"]),
        certainty=_certainty(raw["certitude"]),
        intro_is_verbatim=_as_bool(raw["introduction_verbatim"]),
        sources=_sources(raw["sources"]),
        note=_as_optional_str(raw.get("note")),
    )


@cache
def article2_versions() -> tuple[Article2Version, ...]:
    """All versions of article 2, oldest first.

    Returns
    -------
    tuple of Article2Version
        The 2014 version (three conditions) and the 2019 loi PACTE version (four).

    Examples
    --------
    >>> [v.id for v in article2_versions()]
    ['2014', '2019']
    """
    versions = tuple(_version(item) for item in _load(_FILE)["article2"]["versions"])
    return tuple(sorted(versions, key=lambda version: version.start))


def _valid_ids(ids: tuple[str, ...]) -> str:
    return ", ".join(f"« {item} »" for item in ids)


def article2_version(version_id: str) -> Article2Version:
    """Return one version of article 2 by its id.

    Parameters
    ----------
    version_id : str
        ``"2014"`` or ``"2019"``.

    Returns
    -------
    Article2Version
        The requested version.

    Raises
    ------
    LookupError
        If ``version_id`` is unknown (the message lists the valid ids).
    """
    versions = article2_versions()
    for version in versions:
        if version.id == version_id:
            return version
    msg = (
        f"Version inconnue de l'{_article2_label()} : « {version_id} ». "
        f"Versions valides : {_valid_ids(tuple(v.id for v in versions))}."
    )
    raise LookupError(msg)


def article2_in_force(on: datetime.date) -> Article2Version:
    """Return the version of article 2 in force on a date.

    Parameters
    ----------
    on : datetime.date
        Reference date (e.g. the assessment's reference date).

    Returns
    -------
    Article2Version
        The version whose period contains ``on``.

    Raises
    ------
    LookupError
        If ``on`` is before the entry into force of the law.

    Examples
    --------
    >>> import datetime
    >>> article2_in_force(datetime.date.today()).id == article2_versions()[-1].id
    True
    """
    versions = article2_versions()
    first = versions[0]
    if on < first.start:
        msg = (
            f"L'{_article2_label()} n'est pas encore en vigueur le {_format_date(on)} : "
            f"sa première version s'applique à partir du {_format_date(first.start)}."
        )
        raise LookupError(msg)
    return row_in_force(versions, on, what=_article2_label())


def legal_criteria(version_id: str | None = None) -> tuple[LegalCriterion, ...]:
    """Return the criteria of article 2.

    Parameters
    ----------
    version_id : str or None, default None
        ``"2014"`` or ``"2019"``; ``None`` returns the criteria of every version.

    Returns
    -------
    tuple of LegalCriterion
        Criteria in version then article order.

    Raises
    ------
    LookupError
        If ``version_id`` is unknown.
    """
    if version_id is not None:
        return article2_version(version_id).criteria
    return tuple(criterion for version in article2_versions() for criterion in version.criteria)


def legal_criterion(criterion_id: str) -> LegalCriterion:
    """Return one criterion of article 2 by its stable id.

    Parameters
    ----------
    criterion_id : str
        E.g. ``"ess2019-4"``.

    Returns
    -------
    LegalCriterion
        The criterion.

    Raises
    ------
    LookupError
        If the id is unknown (the message lists the valid ids).
    """
    criteria = legal_criteria()
    for criterion in criteria:
        if criterion.id == criterion_id:
            return criterion
    msg = (
        f"Critère inconnu de l'{_article2_label()} : « {criterion_id} ». "
        f"Identifiants valides : {_valid_ids(tuple(c.id for c in criteria))}."
    )
    raise LookupError(msg)


@cache
def crosswalk() -> tuple[CrosswalkLink, ...]:
    """Correspondences between the 2014 and the 2019 criteria of article 2.

    Returns
    -------
    tuple of CrosswalkLink
        One link per (2014 criterion, 2019 criterion) pair.
    """
    return tuple(
        CrosswalkLink(
            source=_as_str(item["source"]),
            target=_as_str(item["cible"]),
            note=_as_str(item["note"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
        )
        for item in _load(_FILE)["article2"]["correspondances_2014_2019"]
    )


def crosswalk_targets(criterion_id: str) -> tuple[str, ...]:
    """Return the criteria of the other version linked to a criterion.

    Parameters
    ----------
    criterion_id : str
        A 2014 id (returns the 2019 ids) or a 2019 id (returns the 2014 ids).

    Returns
    -------
    tuple of str
        Linked ids, without duplicates, in crosswalk order.

    Raises
    ------
    LookupError
        If ``criterion_id`` is not a known criterion.

    Examples
    --------
    >>> crosswalk_targets("ess2019-2")
    ('ess2014-2',)
    """
    legal_criterion(criterion_id)
    found: list[str] = []
    for link in crosswalk():
        if link.source == criterion_id:
            found.append(link.target)
        elif link.target == criterion_id:
            found.append(link.source)
    return tuple(dict.fromkeys(found))


# --- article 1 ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article1Condition:
    """A condition of article 1 (definition of an ESS enterprise).

    Parameters
    ----------
    id : str
        Stable id, e.g. ``art1-i-2`` (I 2°) or ``art1-ii-2c-fonds-developpement``.
    number : str
        Place in the article (``"I 1°"``, ``"II 2° c), premier tiret"``…).
    text : str
        Wording.
    certainty : Certainty
        How sure the wording is.
    sources : tuple of Source
        Where it was read.
    text_is_verbatim : bool
        Whether ``text`` reproduces the official wording.
    note : str or None
        French remark.
    """

    id: str
    number: str
    text: str
    certainty: Certainty
    sources: tuple[Source, ...]
    text_is_verbatim: bool = True
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CommercialCompanyThresholds:
    """Profit-allocation thresholds of ESS sociétés commerciales (art. 1 II 2° c).

    Parameters
    ----------
    development_fund_share : Decimal
        Minimum share of the year's profit (net of prior losses) put into the statutory
        reserve « fonds de développement ».
    development_fund_cap_share_of_capital : Decimal
        The levy stops once total reserves reach this share of the share capital.
    retained_profit_share : Decimal
        Minimum share of the profit put into *report bénéficiaire* and mandatory reserves.
    act : LegalAct
        Order fixing the fractions (arrêté du 3 août 2015).
    certainty : Certainty
        How sure the values are.
    sources : tuple of Source
        Where they were read.
    note : str or None
        French remark.
    """

    development_fund_share: Decimal
    development_fund_cap_share_of_capital: Decimal
    retained_profit_share: Decimal
    act: LegalAct
    certainty: Certainty
    sources: tuple[Source, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class LegalForm:
    """A legal form that makes an organisation part of the ESS by itself (art. 1 II 1°).

    Parameters
    ----------
    id : str
        Stable id (``cooperative``, ``mutuelle``, ``societe-assurance-mutuelle``,
        ``fondation``, ``association``).
    label : str
        French label.
    certainty : Certainty
        How sure the fact is.
    sources : tuple of Source
        Where it was read.
    """

    id: str
    label: str
    certainty: Certainty = Certainty.VERIFIED
    sources: tuple[Source, ...] = ()


@cache
def article1_conditions() -> tuple[Article1Condition, ...]:
    """Conditions of article 1: I 1°, 2°, 3° a) and b), then the II 2° clauses.

    Returns
    -------
    tuple of Article1Condition
        In article order. The II 2° clauses only concern sociétés commerciales.
    """
    return tuple(
        Article1Condition(
            id=_as_str(item["id"]),
            number=_as_str(item["numero"]),
            text=_as_str(item["texte"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            text_is_verbatim=_as_bool(item["texte_verbatim"]),
            note=_as_optional_str(item.get("note")),
        )
        for item in _load(_FILE)["article1"]["conditions"]
    )


@cache
def commercial_company_thresholds() -> CommercialCompanyThresholds:
    """Thresholds of art. 1 II 2° c) for sociétés commerciales (arrêté du 3 août 2015).

    Returns
    -------
    CommercialCompanyThresholds
        Shares as :class:`~decimal.Decimal` fractions of one (never percentages).
    """
    raw = _load(_FILE)["article1"]["seuils_societes_commerciales"]
    return CommercialCompanyThresholds(
        development_fund_share=_as_decimal(raw["part_benefices_fonds_developpement"]),
        development_fund_cap_share_of_capital=_as_decimal(raw["plafond_reserves_part_capital"]),
        retained_profit_share=_as_decimal(raw["part_benefices_report_reserves"]),
        act=_act(raw["acte"]),
        certainty=_certainty(raw["certitude"]),
        sources=_sources(raw["sources"]),
        note=_as_optional_str(raw.get("note")),
    )


@cache
def ess_legal_forms() -> tuple[LegalForm, ...]:
    """Legal forms that are ESS by their form (art. 1 II 1°), with French labels.

    Returns
    -------
    tuple of LegalForm
        Coopérative, mutuelle or union, société d'assurance mutuelle, fondation, association.
    """
    return tuple(
        LegalForm(
            id=_as_str(item["id"]),
            label=_as_str(item["libelle"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
        )
        for item in _load(_FILE)["article1"]["formes_ess_par_statut"]
    )


def ess_by_legal_form() -> tuple[str, ...]:
    """Stable ids of the legal forms that are ESS by their form (art. 1 II 1°).

    Returns
    -------
    tuple of str
        Ids; see :func:`ess_legal_forms` or :func:`legal_form` for the labels.
    """
    return tuple(form.id for form in ess_legal_forms())


def legal_form(form_id: str) -> LegalForm:
    """Return one ESS-by-form legal form by its id.

    Parameters
    ----------
    form_id : str
        E.g. ``"association"``.

    Returns
    -------
    LegalForm
        The legal form.

    Raises
    ------
    LookupError
        If the id is unknown (the message lists the valid ids).
    """
    for form in ess_legal_forms():
        if form.id == form_id:
            return form
    msg = (
        f"Forme juridique inconnue : « {form_id} ». "
        f"Identifiants valides : {_valid_ids(ess_by_legal_form())}."
    )
    raise LookupError(msg)
