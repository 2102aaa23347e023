"""Shared pieces of the ESUS checks: exact arithmetic, French text, legal bases, years."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

from .._format import format_date, format_euros, format_number, format_percent
from ..reference import (
    Certainty,
    EsusCondition,
    LegalAct,
    Source,
    esus_condition_for_check,
    esus_text_label,
    significant_impact_rule,
)
from .inputs import EsusInputs, FinancialYear
from .results import LegalBasis

__all__: list[str] = []

_WIDE = Context(prec=60)
_STORE = Context(prec=28)
_STORE_DOWN = Context(prec=28, rounding=ROUND_DOWN)
_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


# --- exact arithmetic --------------------------------------------------------------------


def exact(value: Decimal | int) -> Fraction:
    """The exact rational value of a Decimal (no rounding anywhere)."""
    return Fraction(value)


def stored(value: Fraction, *, down: bool = False) -> Decimal:
    """A Fraction as a Decimal of 28 significant digits (toward zero with ``down``).

    Ratios are stored with ``down=True`` so that a ratio just under a threshold is never
    stored as reaching it.
    """
    context = _STORE_DOWN if down else _STORE
    return context.divide(Decimal(value.numerator), Decimal(value.denominator))


def _wide(value: Fraction) -> Decimal:
    return _WIDE.divide(Decimal(value.numerator), Decimal(value.denominator))


def euros(value: Fraction | Decimal) -> str:
    """``1 234,56 €``, rounded half up to the cent from the exact value."""
    number = _wide(value) if isinstance(value, Fraction) else value
    return format_euros(number.quantize(_CENT, rounding=ROUND_HALF_UP))


def excess_euros(value: Fraction) -> str:
    """An excess over a cap: ``4 210,00 €``; under one cent, « moins de 0,01 € »."""
    number = _wide(value)
    if 0 < number < Decimal("0.005"):
        return f"moins de {format_euros(_CENT)}"
    return euros(value)


def percent(value: Fraction | Decimal) -> str:
    """A fraction of one as a percentage truncated to 2 decimals: 0,659999 → ``65,99 %``."""
    number = _wide(value) if isinstance(value, Fraction) else value
    return format_percent(number * _HUNDRED, 2, truncate=True)


def multiple(value: Decimal) -> str:
    """A multiplier: ``7``, ``10``, ``1,5``."""
    if value == value.to_integral_value():
        return format_number(value, 0)
    return format_number(value, 2).rstrip("0").rstrip(",")


def months_text(value: Decimal) -> str:
    """``12 mois``, ``6,5 mois``."""
    return f"{multiple(value)}\u00a0mois"


def join_fr(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def quoted(text: str) -> str:
    """« text » with no-break spaces."""
    return f"«\u00a0{text}\u00a0»"


def statute_article(text: str) -> str:
    """« l'article 2 » for « Article 2 » or « art. 2 » as typed, else « l'article « X » »."""
    import re

    match = re.fullmatch(r"(?i)\s*(?:l['’]\s*)?art(?:icle|\.)?\s*(\S.*?)\s*", text)
    if match and re.match(r"\d", match[1]):
        return f"l'article\u00a0{match[1]}"
    return f"l'article {quoted(text.strip())}"


def year_label(year: FinancialYear | int, *, with_article: bool = True) -> str:
    """« l'exercice 2024 », or « l'exercice clos le 30 juin 2024 » when not a calendar year."""
    if isinstance(year, FinancialYear):
        calendar_year = (
            year.start is not None
            and year.end is not None
            and (year.start.month, year.start.day) == (1, 1)
            and (year.end.month, year.end.day) == (12, 31)
            and year.start.year == year.end.year
        )
        if year.end is not None and not calendar_year:
            text = f"exercice clos le {format_date(year.end)}"
        else:
            text = f"exercice {year.closing_year}"
    else:
        text = f"exercice {year}"
    return f"l'{text}" if with_article else text


# --- legal bases -------------------------------------------------------------------------


def _urls(sources: tuple[Source, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(source.url for source in sources))


def condition_basis(check: str, on: dt.date) -> tuple[EsusCondition, LegalBasis]:
    """The condition of L3332-17-1 I a check verifies, and its legal basis."""
    condition = esus_condition_for_check(check, on)
    basis = LegalBasis(
        article=f"{esus_text_label('article_l3332_17_1')}, I, {condition.number}",
        version=condition.version,
        start=condition.start,
        end=condition.end,
        act=condition.act.title,
        certainty=condition.certainty,
        sources=_urls(condition.sources),
        text=condition.text,
        text_is_verbatim=condition.text_is_verbatim,
        note=condition.note,
    )
    return condition, basis


def basis(
    *,
    article: str,
    version: str,
    start: dt.date,
    end: dt.date | None,
    act: LegalAct,
    certainty: Certainty,
    sources: tuple[Source, ...],
    text: str | None = None,
    text_is_verbatim: bool = False,
    note: str | None = None,
) -> LegalBasis:
    """A :class:`LegalBasis` from reference rows."""
    return LegalBasis(
        article=article,
        version=version,
        start=start,
        end=end,
        act=act.title,
        certainty=certainty,
        sources=_urls(sources + act.sources),
        text=text,
        text_is_verbatim=text_is_verbatim,
        note=note,
    )


# --- dates and financial years -----------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day ``years`` later; 29 February becomes the last day of February."""
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def _closing_on(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class YearSelection:
    """The financial years examined at a request date (R3332-21-1: last closed years).

    Attributes
    ----------
    closing_years
        Closing years examined, oldest first (possibly empty for a company with no closed
        year yet).
    young
        Whether the company is younger than the « young company » age (all closed years are
        examined), ``None`` without a creation date.
    required
        Number of years examined for a company that is not young.
    excluded
        Years given but not examined, with the French reason.
    notes
        French remarks on the selection.
    """

    closing_years: tuple[int, ...]
    young: bool | None
    required: int
    excluded: tuple[tuple[int, str], ...]
    notes: tuple[str, ...]


def select_years(inputs: EsusInputs, on: dt.date) -> YearSelection:
    """The last closed financial years at ``on`` (all of them for a young company).

    The closing day of the month is taken from the latest year whose end date is given
    (31 December otherwise); a year is closed when its end is before the request date.
    """
    rule = significant_impact_rule(on)
    dated = sorted(
        (item for item in inputs.years if item.end is not None),
        key=lambda item: item.closing_year,
    )
    month, day = (dated[-1].end.month, dated[-1].end.day) if dated and dated[-1].end else (12, 31)
    last_closing = _closing_on(on.year, month, day)
    if last_closing >= on:
        last_closing = _closing_on(on.year - 1, month, day)
    last = last_closing.year
    for item in dated:
        if item.end is not None and item.end < on:
            last = max(last, item.closing_year)
    notes: list[str] = []
    young: bool | None = None
    if inputs.creation_date is not None:
        young = on < add_years(inputs.creation_date, rule.young_company_age_years)
    if young:
        assert inputs.creation_date is not None
        creation = inputs.creation_date
        closes_same_year = _closing_on(creation.year, month, day) >= creation
        first = creation.year if closes_same_year else creation.year + 1
        years = tuple(range(first, last + 1))
        notes.append(
            f"Entreprise créée le {format_date(creation)}, depuis moins de "
            f"{rule.young_company_age_years} ans à la date de la demande : tous ses exercices "
            "clos sont examinés."
        )
    else:
        years = tuple(range(last - rule.years + 1, last + 1))
        if young is None:
            notes.append(
                "Date de création inconnue : les "
                f"{rule.years} derniers exercices clos sont examinés (tous les exercices clos "
                "si l'entreprise a moins de "
                f"{rule.young_company_age_years} ans)."
            )
    excluded: list[tuple[int, str]] = []
    for item in sorted(inputs.years, key=lambda item: item.closing_year):
        if item.closing_year in years:
            continue
        if item.closing_year > last or (item.end is not None and item.end >= on):
            why = f"{year_label(item)} n'est pas clos à la date de la demande"
        else:
            why = f"{year_label(item)} précède les exercices examinés"
        excluded.append((item.closing_year, why))
    return YearSelection(
        closing_years=years,
        young=young,
        required=rule.years,
        excluded=tuple(excluded),
        notes=tuple(notes),
    )
