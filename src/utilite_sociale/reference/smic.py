"""SMIC (salaire minimum de croissance, métropole) and the annual reference of the ESUS caps.

The hourly amounts, their acts, the legal weekly duration and the mensualisation factors are
read from ``data/smic.yaml``. The monthly amount is always computed as
``hourly × weekly hours × weeks per year ÷ months per year``, rounded to the cent (half up):
never with a rounded number of monthly hours.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any, Literal

from utilite_sociale.reference._data import (
    Certainty,
    LegalAct,
    Source,
    _act,
    _as_date,
    _as_decimal,
    _as_int,
    _as_optional_str,
    _certainty,
    _format_date,
    _load,
    _sources,
)
from utilite_sociale.reference._dated import row_in_force
from utilite_sociale.reference.esus import PayCapRule, pay_cap_rule

__all__ = [
    "AnnualReference",
    "LegalWorkingTime",
    "PayCaps",
    "SmicRevaluation",
    "annual_smic_reference",
    "legal_working_time",
    "pay_caps",
    "smic_in_force",
    "smic_revaluations",
]

_FILE = "smic.yaml"
_CENT = Decimal("0.01")

Convention = Literal["mensuel", "fin"]
_CONVENTIONS: tuple[Convention, ...] = ("mensuel", "fin")


def _raw() -> Any:
    return _load(_FILE)


@dataclass(frozen=True, slots=True)
class LegalWorkingTime:
    """Legal full-time duration and mensualisation factors used for the monthly SMIC.

    Parameters
    ----------
    weekly_hours : Decimal
        Legal weekly working time of a full-time employee.
    weeks_per_year : Decimal
        Weeks per year used for mensualisation.
    months_per_year : int
        Months per year used for mensualisation and annualisation.
    act : LegalAct
        Legal basis of the weekly duration.
    certainty : Certainty
        How sure the legal basis is.
    sources : tuple of Source
        Where it was read.
    note : str or None
        French remark.
    """

    weekly_hours: Decimal
    weeks_per_year: Decimal
    months_per_year: int
    act: LegalAct
    certainty: Certainty
    sources: tuple[Source, ...]
    note: str | None = None

    @property
    def monthly_hours(self) -> Decimal:
        """Monthly hours, unrounded (``weekly_hours × weeks_per_year ÷ months_per_year``)."""
        return self.weekly_hours * self.weeks_per_year / Decimal(self.months_per_year)


@cache
def legal_working_time() -> LegalWorkingTime:
    """Return the legal weekly duration and the mensualisation factors.

    Returns
    -------
    LegalWorkingTime
        Weekly hours, weeks per year and months per year, with their legal basis.
    """
    duration = _raw()["duree_legale"]
    mensualisation = _raw()["mensualisation"]
    return LegalWorkingTime(
        weekly_hours=_as_decimal(duration["heures_par_semaine"]),
        weeks_per_year=_as_decimal(mensualisation["semaines_par_an"]),
        months_per_year=_as_int(mensualisation["mois_par_an"]),
        act=_act(duration["acte"]),
        certainty=_certainty(duration["certitude"]),
        sources=_sources(duration["sources"]) + _sources(mensualisation["sources"]),
        note=" ".join(
            text
            for text in (
                _as_optional_str(duration.get("note")),
                _as_optional_str(mensualisation.get("note")),
            )
            if text
        )
        or None,
    )


@dataclass(frozen=True, slots=True)
class SmicRevaluation:
    """A SMIC amount and the period it is in force.

    Parameters
    ----------
    start : datetime.date
        First day in force.
    hourly : Decimal
        Gross hourly SMIC, in euros.
    act : LegalAct
        Act that set the amount.
    certainty : Certainty
        How sure the amount is.
    sources : tuple of Source
        Where it was read.
    end : datetime.date or None
        Last day in force (the day before the next row), ``None`` for the latest row.
    published_monthly : Decimal or None
        Gross monthly amount as published (checked against :attr:`monthly` by the tests).
    note : str or None
        French remark.
    """

    start: datetime.date
    hourly: Decimal
    act: LegalAct
    certainty: Certainty
    sources: tuple[Source, ...]
    end: datetime.date | None = None
    published_monthly: Decimal | None = None
    note: str | None = None

    @property
    def monthly(self) -> Decimal:
        """Gross monthly SMIC for the legal full-time duration, rounded to the cent.

        Returns
        -------
        Decimal
            ``hourly × weekly hours × weeks per year ÷ months per year``, rounded half up
            to the cent.
        """
        time = legal_working_time()
        amount = self.hourly * time.weekly_hours * time.weeks_per_year
        return (amount / Decimal(time.months_per_year)).quantize(_CENT, rounding=ROUND_HALF_UP)


@cache
def smic_revaluations() -> tuple[SmicRevaluation, ...]:
    """All SMIC amounts known, oldest first.

    Returns
    -------
    tuple of SmicRevaluation
        One row per revaluation date (including unchanged years); each row ends the day
        before the next one starts.
    """
    rows: list[Any] = sorted(_raw()["revalorisations"], key=lambda item: _as_date(item["debut"]))
    starts = [_as_date(item["debut"]) for item in rows]
    ends: list[datetime.date | None] = [
        following - datetime.timedelta(days=1) for following in starts[1:]
    ]
    ends.append(None)
    return tuple(
        SmicRevaluation(
            start=start,
            hourly=_as_decimal(item["horaire"]),
            act=_act(item["acte"]),
            certainty=_certainty(item["certitude"]),
            sources=_sources(item["sources"]),
            end=end,
            published_monthly=_as_decimal(item["mensuel_publie"]),
            note=_as_optional_str(item.get("note")),
        )
        for item, start, end in zip(rows, starts, ends, strict=True)
    )


def smic_in_force(on: datetime.date) -> SmicRevaluation:
    """Return the SMIC in force on a date.

    Parameters
    ----------
    on : datetime.date
        Date of interest.

    Returns
    -------
    SmicRevaluation
        The row in force.

    Raises
    ------
    LookupError
        If ``on`` is before the first known amount.
    """
    rows = smic_revaluations()
    first = rows[0].start
    if on < first:
        msg = (
            f"Aucun montant du SMIC n'est connu pour le {_format_date(on)} : les données "
            f"commencent le {_format_date(first)}."
        )
        raise LookupError(msg)
    return row_in_force(rows, on, what="SMIC")


# --- annual reference of the ESUS pay caps --------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnnualReference:
    """Annual full-time reference pay of a financial year (base of the ESUS pay caps).

    Parameters
    ----------
    start : datetime.date
        First day of the financial year.
    end : datetime.date
        Last day of the financial year (inclusive).
    convention : {"mensuel", "fin"}
        ``"mensuel"``: monthly SMIC in force on the 1st of each month of the year;
        ``"fin"``: monthly SMIC in force on ``end`` for every month.
    months : tuple of (datetime.date, Decimal)
        First days of the months of the year and the monthly amount used for each.
    month_count : int
        Number of those months.
    smic_amount : Decimal
        Annual SMIC reference, full precision (annualised when the year is not 12 months).
    branch_minimum : Decimal or None
        Annual branch minimum wage given by the user, if any.
    amount : Decimal
        ``max(smic_amount, branch_minimum)``.
    uses_branch_minimum : bool
        Whether the branch minimum is higher than the SMIC reference.
    starts_on_first_of_month : bool
        Whether ``start`` is the 1st of a month (otherwise the reading is uncertain).
    """

    start: datetime.date
    end: datetime.date
    convention: Convention
    months: tuple[tuple[datetime.date, Decimal], ...]
    month_count: int
    smic_amount: Decimal
    branch_minimum: Decimal | None
    amount: Decimal
    uses_branch_minimum: bool
    starts_on_first_of_month: bool

    def rounded(self) -> Decimal:
        """Return :attr:`amount` rounded half up to the cent, for display.

        Returns
        -------
        Decimal
            The rounded amount.
        """
        return self.amount.quantize(_CENT, rounding=ROUND_HALF_UP)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day ``months`` later, clipped to the last day of the target month."""
    months_per_year = legal_working_time().months_per_year
    index = day.year * months_per_year + (day.month - 1) + months
    year, month_index = divmod(index, months_per_year)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def _month_starts(start: datetime.date, end: datetime.date) -> tuple[datetime.date, ...]:
    """First days of months falling within ``[start, end]``."""
    first = start.replace(day=1)
    if first < start:
        first = _add_months(first, 1)
    result: list[datetime.date] = []
    current = first
    while current <= end:
        result.append(current)
        current = _add_months(current, 1)
    return tuple(result)


def annual_smic_reference(
    *,
    start: datetime.date,
    end: datetime.date,
    convention: Convention = "mensuel",
    branch_minimum: Decimal | None = None,
) -> AnnualReference:
    """Annual full-time reference pay for any financial year.

    Parameters
    ----------
    start : datetime.date
        First day of the financial year.
    end : datetime.date
        Last day of the financial year (inclusive).
    convention : {"mensuel", "fin"}, default "mensuel"
        ``"mensuel"``: sum of the monthly SMIC in force on the 1st of each month whose 1st
        day falls within ``[start, end]``; ``"fin"``: monthly SMIC in force on ``end``
        × months per year.
    branch_minimum : Decimal or None, default None
        Annual branch minimum wage (full time); used instead of the SMIC when higher.

    Returns
    -------
    AnnualReference
        The reference, kept at full precision (see :meth:`AnnualReference.rounded`).

    Raises
    ------
    ValueError
        If ``end`` is before ``start``, the year is too long, it contains no 1st of a month
        (convention ``"mensuel"``), no SMIC is known for a month used, the convention is
        unknown or the branch minimum is negative.

    Notes
    -----
    With the ``"mensuel"`` convention and a year of ``n`` months,
    ``smic_amount = Σ monthly SMIC × 12 ÷ n`` when ``n`` is not 12 (12 being the months per
    year of the data), and the plain sum otherwise, which is exact to the cent.
    """
    if convention not in _CONVENTIONS:
        valid = ", ".join(f"« {item} »" for item in _CONVENTIONS)
        msg = f"Convention inconnue : « {convention} ». Conventions valides : {valid}."
        raise ValueError(msg)
    if end < start:
        msg = (
            f"La fin de l'exercice ({_format_date(end)}) est antérieure à son début "
            f"({_format_date(start)})."
        )
        raise ValueError(msg)
    max_months = _as_int(_raw()["reference_annuelle"]["duree_max_exercice_mois"])
    if end >= _add_months(start, max_months):
        msg = (
            f"L'exercice du {_format_date(start)} au {_format_date(end)} dépasse "
            f"{max_months} mois : vérifiez ses dates."
        )
        raise ValueError(msg)
    if branch_minimum is not None and branch_minimum < 0:
        msg = f"Le salaire minimum de branche ne peut pas être négatif (reçu : {branch_minimum})."
        raise ValueError(msg)

    months_per_year = legal_working_time().months_per_year
    month_starts = _month_starts(start, end)

    def monthly_on(day: datetime.date) -> Decimal:
        try:
            return smic_in_force(day).monthly
        except LookupError as error:
            msg = f"Aucun SMIC connu pour le mois commençant le {_format_date(day)} : {error}"
            raise ValueError(msg) from error

    if convention == "fin":
        final = monthly_on(end)
        months = tuple((day, final) for day in month_starts)
        smic_amount = final * months_per_year
    else:
        if not month_starts:
            msg = (
                f"L'exercice du {_format_date(start)} au {_format_date(end)} ne contient "
                "aucun premier jour de mois."
            )
            raise ValueError(msg)
        months = tuple((day, monthly_on(day)) for day in month_starts)
        total = sum((amount for _, amount in months), Decimal(0))
        count = len(months)
        smic_amount = total if count == months_per_year else total * months_per_year / count

    uses_branch = branch_minimum is not None and branch_minimum > smic_amount
    amount = branch_minimum if uses_branch and branch_minimum is not None else smic_amount
    return AnnualReference(
        start=start,
        end=end,
        convention=convention,
        months=months,
        month_count=len(months),
        smic_amount=smic_amount,
        branch_minimum=branch_minimum,
        amount=amount,
        uses_branch_minimum=uses_branch,
        starts_on_first_of_month=start.day == 1,
    )


@dataclass(frozen=True, slots=True)
class PayCaps:
    """ESUS pay caps (L3332-17-1 I 3°) for one financial year.

    Parameters
    ----------
    reference : AnnualReference
        Annual reference pay used.
    mean_cap : Decimal
        Cap on the mean pay of the best-paid people (unrounded).
    top_cap : Decimal
        Cap on the pay of the single best-paid person (unrounded).
    mean_multiplier : Decimal
        Multiplier applied for ``mean_cap``.
    top_multiplier : Decimal
        Multiplier applied for ``top_cap``.
    rule : PayCapRule or None
        Rule used.
    """

    reference: AnnualReference
    mean_cap: Decimal
    top_cap: Decimal
    mean_multiplier: Decimal
    top_multiplier: Decimal
    rule: PayCapRule | None = None


def pay_caps(reference: AnnualReference, *, rule: PayCapRule | None = None) -> PayCaps:
    """Compute the ESUS pay caps of a financial year.

    Parameters
    ----------
    reference : AnnualReference
        Result of :func:`annual_smic_reference`.
    rule : PayCapRule or None, default None
        Rule to apply; by default the rule in force at the end of the financial year.

    Returns
    -------
    PayCaps
        ``mean_cap = mean_multiplier × reference.amount`` and
        ``top_cap = top_multiplier × reference.amount``, unrounded.
    """
    used = rule if rule is not None else pay_cap_rule(reference.end)
    return PayCaps(
        reference=reference,
        mean_cap=used.mean_multiplier * reference.amount,
        top_cap=used.top_multiplier * reference.amount,
        mean_multiplier=used.mean_multiplier,
        top_multiplier=used.top_multiplier,
        rule=used,
    )
