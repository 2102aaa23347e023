"""Typed inputs of the ESUS checks, and how to build them from a member workbook.

Everything the checks need is in :class:`EsusInputs`: the organisation's identity, one
:class:`FinancialYear` per closed financial year (operating charges split by activity, the
best-paid people, the optional profitability figures), the branch minimum wage, whether
securities are listed, the :class:`Statutes` and, for the main objective, the scores per
art. 2 criterion (:class:`CriterionEvidence`). Every amount is a :class:`~decimal.Decimal`;
a share (FTE share, TMO rate) is a fraction of one (``Decimal("0.8")`` for 80 %).

Inputs are built either from a member workbook (:func:`esus_inputs_from_member`) or directly
in Python with keyword arguments::

    from datetime import date
    from decimal import Decimal
    from utilite_sociale.esus import EsusInputs, FinancialYear, PaidPerson, Activity

    inputs = EsusInputs(
        name="Association Exemple",
        legal_form="association",
        creation_date=date(2001, 3, 1),
        years=(
            FinancialYear(
                closing_year=2024,
                start=date(2024, 1, 1),
                end=date(2024, 12, 31),
                total_operating_charges=Decimal("100000"),
                activities=(
                    Activity(label="Accueil", charges=Decimal("80000"), social_utility=True),
                    Activity(label="Location", charges=Decimal("20000"), social_utility=False),
                ),
                paid_people=(
                    PaidPerson(gross_annual=Decimal("42000"), fte_share=Decimal("1"),
                               months_present=Decimal("12")),
                ),
            ),
        ),
        listed_securities=False,
    )

A missing value is ``None``: the checks then say « à compléter » and name the workbook cell
that holds it (:func:`year_cell`, :func:`activity_cell`, :func:`pay_cell`…), whether the inputs
came from a workbook or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Literal

from ..survey.layout import ESUS_ACTIVITY_ROWS, ESUS_PAY_ROWS

if TYPE_CHECKING:
    from ..survey.reader import MemberFile

__all__ = [
    "COMMERCIAL_COMPANY",
    "Activity",
    "CriterionEvidence",
    "EsusInputs",
    "FinancialYear",
    "IndicatorEvidence",
    "PaidPerson",
    "ProfitabilityFigures",
    "Role",
    "Statutes",
    "activity_cell",
    "common_cell",
    "esus_inputs_from_member",
    "identity_cell",
    "pay_cell",
    "statutes_cell",
    "year_cell",
]

#: Code of the legal form « société commerciale de l'ESS » in the workbook.
COMMERCIAL_COMPANY = "societe-commerciale-ess"

Role = Literal["salarie", "dirigeant", "salarie-dirigeant"]
_ROLES: tuple[Role, ...] = ("salarie", "dirigeant", "salarie-dirigeant")

_HUNDRED = Decimal(100)


# --- cell ids (the workbook's reserved ids, DESIGN §5) -------------------------------------


def year_cell(year: int, name: str) -> str:
    """Id of a per-year cell: ``year_cell(2024, "fin")`` → ``"esus.2024.fin"``.

    Parameters
    ----------
    year : int
        Closing year of the financial year.
    name : str
        ``debut``, ``fin``, ``approuve``, ``charges_exploitation_totales``, ``dividendes``,
        ``remuneration_concours_non_bancaires``, ``capitaux_propres`` or
        ``concours_non_bancaires``.

    Returns
    -------
    str
        The reserved id.
    """
    return f"esus.{year}.{name}"


def activity_cell(year: int, line: int, name: str) -> str:
    """Id of an activity cell: ``activity_cell(2024, 2, "charges")``.

    Parameters
    ----------
    year : int
        Closing year of the financial year.
    line : int
        Activity line, from 1.
    name : str
        ``libelle``, ``charges``, ``utilite_sociale`` or ``cle_repartition``.

    Returns
    -------
    str
        E.g. ``"esus.2024.activite.2.charges"``.
    """
    return f"esus.{year}.activite.{line}.{name}"


def pay_cell(year: int, rank: int, name: str) -> str:
    """Id of a pay cell: ``pay_cell(2024, 1, "brut_annuel")``.

    Parameters
    ----------
    year : int
        Closing year of the financial year.
    rank : int
        Row of the person, from 1.
    name : str
        ``fonction``, ``brut_annuel``, ``avantages_nature``, ``quotite`` or ``mois``.

    Returns
    -------
    str
        E.g. ``"esus.2024.remuneration.1.brut_annuel"``.
    """
    return f"esus.{year}.remuneration.{rank}.{name}"


def common_cell(name: str) -> str:
    """Id of a common cell: ``minimum_branche``, ``titres_cotes`` or ``taux_tmo``.

    Parameters
    ----------
    name : str
        Name of the cell.

    Returns
    -------
    str
        E.g. ``"esus.titres_cotes"``.
    """
    return f"esus.{name}"


def statutes_cell(name: str) -> str:
    """Id of a ``Statuts`` cell: ``statutes_cell("article_objet_social")``.

    Parameters
    ----------
    name : str
        ``article_objet_social``, ``article_gouvernance``, ``article_affectation_fonds``,
        ``article_affectation_reserves``, ``article_remuneration``,
        ``categorie_plein_droit``, ``preuve_plein_droit`` or ``date_demande``.

    Returns
    -------
    str
        E.g. ``"esus.statuts.article_objet_social"``.
    """
    return f"esus.statuts.{name}"


def identity_cell(name: str) -> str:
    """Id of an identity cell of the ``Organisation`` sheet: ``identity_cell("date_creation")``.

    Parameters
    ----------
    name : str
        ``nom``, ``forme_juridique``, ``date_creation``, ``departement``…

    Returns
    -------
    str
        E.g. ``"org.date_creation"``.
    """
    return f"org.{name}"


# --- inputs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    """One activity line of a financial year (split of the operating charges).

    Parameters
    ----------
    label : str or None
        Name of the activity (or establishment).
    charges : Decimal or None
        Its operating charges in euros, shared charges allocated included.
    social_utility : bool or None
        Whether it takes part in the search for social utility (art. 2 of the ESS law).
    allocation_key : str or None
        Key used to allocate the shared charges (« au prorata des heures »…).
    line : int or None
        Line in the workbook (1 to 6); ``None`` means its position in
        :attr:`FinancialYear.activities`, from 1.
    """

    label: str | None = None
    charges: Decimal | None = None
    social_utility: bool | None = None
    allocation_key: str | None = None
    line: int | None = None

    @property
    def is_blank(self) -> bool:
        """Whether nothing was given for this line."""
        return (
            self.label is None
            and self.charges is None
            and self.social_utility is None
            and self.allocation_key is None
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class PaidPerson:
    """One of the best-paid people of a financial year (no name).

    Parameters
    ----------
    role : {"salarie", "dirigeant", "salarie-dirigeant"} or None
        Employee, manager, or both.
    gross_annual : Decimal or None
        Gross amount paid for the financial year, bonuses included, in euros. ``0`` on the
        first row says that nobody was paid.
    benefits_in_kind : Decimal or None
        Annual benefits in kind, in euros, kept apart.
    fte_share : Decimal or None
        Working-time share as a fraction of full time (``Decimal("0.8")`` for 80 %).
    months_present : Decimal or None
        Months of presence in the financial year.
    rank : int or None
        Row in the workbook (1 to 5); ``None`` means its position in
        :attr:`FinancialYear.paid_people`, from 1.
    """

    role: Role | None = None
    gross_annual: Decimal | None = None
    benefits_in_kind: Decimal | None = None
    fte_share: Decimal | None = None
    months_present: Decimal | None = None
    rank: int | None = None

    @property
    def is_blank(self) -> bool:
        """Whether nothing was given for this row."""
        return (
            self.role is None
            and self.gross_annual is None
            and self.benefits_in_kind is None
            and self.fte_share is None
            and self.months_present is None
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfitabilityFigures:
    """Figures of the profitability route of R3332-21-1 (2°) for one financial year.

    Parameters
    ----------
    dividends : Decimal or None
        Dividends paid for the financial year.
    financing_remuneration : Decimal or None
        Remuneration of the non-bank financial contributions (« concours financiers non
        bancaires »).
    equity : Decimal or None
        Equity (« capitaux propres ») at closing.
    financing : Decimal or None
        Non-bank financial contributions at closing.
    """

    dividends: Decimal | None = None
    financing_remuneration: Decimal | None = None
    equity: Decimal | None = None
    financing: Decimal | None = None

    @property
    def is_blank(self) -> bool:
        """Whether none of the four figures was given."""
        return (
            self.dividends is None
            and self.financing_remuneration is None
            and self.equity is None
            and self.financing is None
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class FinancialYear:
    """One closed financial year.

    Parameters
    ----------
    closing_year : int
        Year of its closing date: the ``AAAA`` of the ``esus.<AAAA>.…`` cell ids.
    start, end : datetime.date or None
        First and last day (inclusive).
    approved : bool or None
        Whether the accounts were approved by the general meeting.
    total_operating_charges : Decimal or None
        Total operating charges of the income statement, in euros.
    activities : tuple of Activity
        Split of the operating charges by activity.
    paid_people : tuple of PaidPerson
        The best-paid people (the checks keep the best paid by full-time figure).
    profitability : ProfitabilityFigures or None
        Figures of the profitability route, if the organisation asks for it.
    """

    closing_year: int
    start: dt.date | None = None
    end: dt.date | None = None
    approved: bool | None = None
    total_operating_charges: Decimal | None = None
    activities: tuple[Activity, ...] = ()
    paid_people: tuple[PaidPerson, ...] = ()
    profitability: ProfitabilityFigures | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Statutes:
    """What the statutes say (article numbers) and the « de plein droit » claim.

    Parameters
    ----------
    social_object_article : str or None
        Article of the statutes stating the social object (the social-utility objective).
    governance_article : str or None
        Article organising the democratic governance.
    development_fund_article : str or None
        Sociétés commerciales: article allocating the share of profits to the « fonds de
        développement ».
    reserves_article : str or None
        Sociétés commerciales: article allocating the share of profits to the *report
        bénéficiaire* and mandatory reserves.
    pay_policy_article : str or None
        Article restating the pay caps (required in the statutes by the 2014 version).
    plein_droit_category : str or None
        Id of the « de plein droit » category claimed (:func:`~utilite_sociale.reference.
        plein_droit_categories`), e.g. ``"esat"``.
    plein_droit_proof : str or None
        The document proving membership of that category.
    request_date : datetime.date or None
        Date of the application as typed in the workbook (informative: the checks use the
        ``on`` date given to :func:`~utilite_sociale.esus.run_checks`).
    """

    social_object_article: str | None = None
    governance_article: str | None = None
    development_fund_article: str | None = None
    reserves_article: str | None = None
    pay_policy_article: str | None = None
    plein_droit_category: str | None = None
    plein_droit_proof: str | None = None
    request_date: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorEvidence:
    """An indicator behind a criterion score.

    Parameters
    ----------
    id : str
        Indicator id in the référentiel.
    label : str
        Its French label.
    score : Decimal or None
        Its normalised score (0 to 100), ``None`` when not answered.
    fragility : tuple of str
        Kinds of fragility it evidences (``economique``, ``sociale``,
        ``situation-personnelle``, ``sante``), as declared in the référentiel.
    share : Decimal or None
        Its share in the criterion (the lens mapping), when known.
    """

    id: str
    label: str
    score: Decimal | None = None
    fragility: tuple[str, ...] = ()
    share: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionEvidence:
    """Score of the organisation on one art. 2 criterion, with the indicators behind it.

    Parameters
    ----------
    criterion : str
        Id of the criterion (``ess2019-1`` … ``ess2019-4``, ``ess2014-1`` … ``ess2014-3``);
        only the criteria of the version in force at the request date are used.
    score : Decimal or None
        The criterion's score (0 to 100), ``None`` when it could not be computed.
    coverage : Decimal or None
        Answered share of the criterion's weight (0 to 1), when known.
    indicators : tuple of IndicatorEvidence
        The indicators mapped to the criterion.
    links : tuple of str
        For a criterion that counts only through a link or an impact (``ess2019-4``:
        ``publics-vulnerables``, ``solidarites-territoriales``, ``education-citoyennete``;
        ``ess2014-3``: ``objectif-1``, ``objectif-2``), the links shown.
    """

    criterion: str
    score: Decimal | None = None
    coverage: Decimal | None = None
    indicators: tuple[IndicatorEvidence, ...] = ()
    links: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EsusInputs:
    """Everything the ESUS checks read.

    Parameters
    ----------
    name : str or None
        Name of the organisation.
    legal_form : str or None
        Code of the legal form, as in the workbook: ``association``, ``fondation``,
        ``fonds-dotation``, ``cooperative``, ``mutuelle``, ``societe-assurance-mutuelle``,
        ``societe-commerciale-ess`` or ``autre``.
    creation_date : datetime.date or None
        Creation date (the agrément lasts less for a young company).
    departement : str or None
        Département of the registered office (the competent préfet).
    years : tuple of FinancialYear
        Closed financial years, in any order.
    branch_minimum : Decimal or None
        Annual gross full-time branch minimum wage, in euros.
    listed_securities : bool or None
        Whether equity securities are admitted to trading on a market.
    statutes : Statutes
        Article numbers and the « de plein droit » claim.
    objective : tuple of CriterionEvidence
        Scores per art. 2 criterion (of either version); empty when not computed.
    tmo_rate : Decimal or None
        Average yield of private-company bonds (TMO) typed by the user, as a fraction
        (``Decimal("0.035")`` for 3,5 %), for the profitability route.
    source : str or None
        Where the inputs come from (file name), for messages.
    """

    name: str | None = None
    legal_form: str | None = None
    creation_date: dt.date | None = None
    departement: str | None = None
    years: tuple[FinancialYear, ...] = ()
    branch_minimum: Decimal | None = None
    listed_securities: bool | None = None
    statutes: Statutes = field(default_factory=Statutes)
    objective: tuple[CriterionEvidence, ...] = ()
    tmo_rate: Decimal | None = None
    source: str | None = None

    def year(self, closing_year: int) -> FinancialYear | None:
        """The financial year closing in ``closing_year``, if given.

        Parameters
        ----------
        closing_year : int
            Year of the closing date.

        Returns
        -------
        FinancialYear or None
            The first year given with that closing year.
        """
        for item in self.years:
            if item.closing_year == closing_year:
                return item
        return None


# --- from a member workbook ----------------------------------------------------------------


def _decimal(value: float | str | None) -> Decimal | None:
    """A parsed number as Decimal.

    The reader gives floats in their shortest round-trip form, so ``Decimal(str(x))`` is the
    number typed (``1234.56`` → ``Decimal("1234.56")``) for anything under 16 digits.
    """
    if value is None or isinstance(value, str):
        if isinstance(value, str):
            try:
                return Decimal(value.replace(",", ".").replace(" ", ""))
            except InvalidOperation:
                return None
        return None
    return Decimal(str(value))


def _text(value: float | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else str(value)
    else:
        text = value.strip()
    return text or None


def _date(value: float | str | None) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _bool(value: float | str | None) -> bool | None:
    if isinstance(value, float):
        return value == 1.0
    return None


def _role(value: float | str | None) -> Role | None:
    for role in _ROLES:
        if value == role:
            return role
    return None


def _percent_share(value: float | str | None) -> Decimal | None:
    number = _decimal(value)
    return None if number is None else number / _HUNDRED


def _year_of(values: Mapping[str, float | str], year: int) -> FinancialYear:
    def get(name: str) -> float | str | None:
        return values.get(year_cell(year, name))

    activities = tuple(
        Activity(
            label=_text(values.get(activity_cell(year, line, "libelle"))),
            charges=_decimal(values.get(activity_cell(year, line, "charges"))),
            social_utility=_bool(values.get(activity_cell(year, line, "utilite_sociale"))),
            allocation_key=_text(values.get(activity_cell(year, line, "cle_repartition"))),
            line=line,
        )
        for line in range(1, _rows(values, year, "activite", ESUS_ACTIVITY_ROWS) + 1)
    )
    people = tuple(
        PaidPerson(
            role=_role(values.get(pay_cell(year, rank, "fonction"))),
            gross_annual=_decimal(values.get(pay_cell(year, rank, "brut_annuel"))),
            benefits_in_kind=_decimal(values.get(pay_cell(year, rank, "avantages_nature"))),
            fte_share=_percent_share(values.get(pay_cell(year, rank, "quotite"))),
            months_present=_decimal(values.get(pay_cell(year, rank, "mois"))),
            rank=rank,
        )
        for rank in range(1, _rows(values, year, "remuneration", ESUS_PAY_ROWS) + 1)
    )
    profitability = ProfitabilityFigures(
        dividends=_decimal(get("dividendes")),
        financing_remuneration=_decimal(get("remuneration_concours_non_bancaires")),
        equity=_decimal(get("capitaux_propres")),
        financing=_decimal(get("concours_non_bancaires")),
    )
    return FinancialYear(
        closing_year=year,
        start=_date(get("debut")),
        end=_date(get("fin")),
        approved=_bool(get("approuve")),
        total_operating_charges=_decimal(get("charges_exploitation_totales")),
        activities=tuple(item for item in activities if not item.is_blank),
        paid_people=tuple(item for item in people if not item.is_blank),
        profitability=None if profitability.is_blank else profitability,
    )


def _rows(values: Mapping[str, float | str], year: int, block: str, default: int) -> int:
    """Number of rows of a repeated block: the template's, or more if the file has more."""
    prefix = f"esus.{year}.{block}."
    highest = default
    for key in values:
        if key.startswith(prefix):
            number = key[len(prefix) :].split(".", 1)[0]
            if number.isdigit():
                highest = max(highest, int(number))
    return highest


def esus_inputs_from_member(
    member: MemberFile, *, request_date: dt.date | None = None
) -> EsusInputs:
    """Build the inputs of the ESUS checks from a member workbook read by the library.

    Parameters
    ----------
    member : MemberFile
        A file read by :func:`~utilite_sociale.read_member_file` (its ``Organisation`` and
        ``Finances ESUS`` answers).
    request_date : datetime.date or None, default None
        Date of the application; overrides ``esus.statuts.date_demande``.

    Returns
    -------
    EsusInputs
        One :class:`FinancialYear` per closing year that has at least one answer in
        ``Finances ESUS``; cells left blank or rejected by the reader are ``None`` (the checks
        name them). :attr:`EsusInputs.objective` is empty: scores come from the scoring
        (:func:`~utilite_sociale.esus.objective_evidence`).

    Examples
    --------
    >>> member = us.read_member_file("retour.xlsx", ref)  # doctest: +SKIP
    >>> inputs = esus_inputs_from_member(member)  # doctest: +SKIP
    """
    values = member.esus
    identity = member.identity
    years = sorted(
        {
            int(key.split(".")[1])
            for key in values
            if key.count(".") >= 2 and key.split(".")[1].isdigit()
        }
    )
    statutes = Statutes(
        social_object_article=_text(values.get(statutes_cell("article_objet_social"))),
        governance_article=_text(values.get(statutes_cell("article_gouvernance"))),
        development_fund_article=_text(values.get(statutes_cell("article_affectation_fonds"))),
        reserves_article=_text(values.get(statutes_cell("article_affectation_reserves"))),
        pay_policy_article=_text(values.get(statutes_cell("article_remuneration"))),
        plein_droit_category=_text(values.get(statutes_cell("categorie_plein_droit"))),
        plein_droit_proof=_text(values.get(statutes_cell("preuve_plein_droit"))),
        request_date=request_date or _date(values.get(statutes_cell("date_demande"))),
    )
    tmo = _decimal(values.get(common_cell("taux_tmo")))
    return EsusInputs(
        name=_text(identity.get(identity_cell("nom"))),
        legal_form=_text(identity.get(identity_cell("forme_juridique"))),
        creation_date=_date(identity.get(identity_cell("date_creation"))),
        departement=_text(identity.get(identity_cell("departement"))),
        years=tuple(_year_of(values, year) for year in years),
        branch_minimum=_decimal(values.get(common_cell("minimum_branche"))),
        listed_securities=_bool(values.get(common_cell("titres_cotes"))),
        statutes=statutes,
        tmo_rate=None if tmo is None else tmo / _HUNDRED,
        source=member.file,
    )
