"""SMIC amounts and ESUS pay-cap references, checked value by value against legal.md §3."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from utilite_sociale.reference import (
    AnnualReference,
    Certainty,
    annual_smic_reference,
    legal_working_time,
    pay_cap_rule,
    pay_caps,
    smic_in_force,
    smic_revaluations,
)

D = Decimal

# legal.md §3, table « Effective date | Gross hourly € | Gross monthly € (35 h) ».
SMIC_TABLE = [
    ("2015-01-01", "9.61", "1457.52"),
    ("2016-01-01", "9.67", "1466.62"),
    ("2017-01-01", "9.76", "1480.27"),
    ("2018-01-01", "9.88", "1498.47"),
    ("2019-01-01", "10.03", "1521.22"),
    ("2020-01-01", "10.15", "1539.42"),
    ("2021-01-01", "10.25", "1554.58"),
    ("2021-10-01", "10.48", "1589.47"),
    ("2022-01-01", "10.57", "1603.12"),
    ("2022-05-01", "10.85", "1645.58"),
    ("2022-08-01", "11.07", "1678.95"),
    ("2023-01-01", "11.27", "1709.28"),
    ("2023-05-01", "11.52", "1747.20"),
    ("2024-01-01", "11.65", "1766.92"),
    ("2024-11-01", "11.88", "1801.80"),
    ("2025-01-01", "11.88", "1801.80"),
    ("2026-01-01", "12.02", "1823.03"),
]

# legal.md §3.1, table « Year | Annual SMIC € | 7 × | 10 × ».
CAPS_TABLE = [
    (2015, "17490.24", "122431.68", "174902.40"),
    (2016, "17599.44", "123196.08", "175994.40"),
    (2017, "17763.24", "124342.68", "177632.40"),
    (2018, "17981.64", "125871.48", "179816.40"),
    (2019, "18254.64", "127782.48", "182546.40"),
    (2020, "18473.04", "129311.28", "184730.40"),
    (2021, "18759.63", "131317.41", "187596.30"),
    (2022, "19743.97", "138207.79", "197439.70"),
    (2023, "20814.72", "145703.04", "208147.20"),
    (2024, "21272.80", "148909.60", "212728.00"),
    (2025, "21621.60", "151351.20", "216216.00"),
    (2026, "21876.36", "153134.52", "218763.60"),
]


def _year(year: int) -> AnnualReference:
    return annual_smic_reference(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


def test_table_has_every_revaluation() -> None:
    rows = smic_revaluations()
    assert [row.start.isoformat() for row in rows] == [start for start, _, _ in SMIC_TABLE]
    assert len(rows) == 17


@pytest.mark.parametrize(("start", "hourly", "monthly"), SMIC_TABLE)
def test_smic_row(start: str, hourly: str, monthly: str) -> None:
    row = smic_in_force(dt.date.fromisoformat(start))
    assert row.start == dt.date.fromisoformat(start)
    assert row.hourly == D(hourly)
    assert isinstance(row.hourly, Decimal)
    assert row.monthly == D(monthly)
    assert str(row.monthly) == monthly  # quantized to the cent
    assert row.published_monthly == row.monthly
    assert row.certainty in set(Certainty)
    assert row.sources


def test_monthly_uses_exact_hours_not_151_67() -> None:
    """11.65 × 35 × 52 / 12 = 1 766.916… → 1 766.92, while 11.65 × 151.67 = 1 766.96."""
    row = smic_in_force(dt.date(2024, 6, 1))
    assert row.monthly == D("1766.92")
    assert (row.hourly * D("151.67")).quantize(D("0.01")) == D("1766.96")
    time = legal_working_time()
    assert time.weekly_hours == D("35")
    assert time.weeks_per_year == D("52")
    assert time.months_per_year == 12
    assert time.certainty is Certainty.RECONSTRUCTED


def test_periods_are_contiguous() -> None:
    rows = smic_revaluations()
    for previous, following in itertools.pairwise(rows):
        assert previous.end == following.start - dt.timedelta(days=1)
    assert rows[-1].end is None


def test_2025_unchanged_row() -> None:
    row = smic_in_force(dt.date(2025, 6, 30))
    assert row.start == dt.date(2025, 1, 1)
    assert row.hourly == smic_in_force(dt.date(2024, 12, 31)).hourly
    assert row.certainty is Certainty.SECONDARY


def test_smic_before_2015_is_refused() -> None:
    with pytest.raises(LookupError, match="Aucun montant du SMIC"):
        smic_in_force(dt.date(2014, 12, 31))


@pytest.mark.parametrize(("year", "annual", "seven", "ten"), CAPS_TABLE)
def test_caps_table(year: int, annual: str, seven: str, ten: str) -> None:
    reference = _year(year)
    assert reference.month_count == 12
    assert reference.smic_amount == D(annual)
    assert reference.rounded() == D(annual)
    assert reference.amount == D(annual)
    assert reference.uses_branch_minimum is False
    assert reference.starts_on_first_of_month is True
    caps = pay_caps(reference)
    assert caps.mean_cap == D(seven)
    assert caps.top_cap == D(ten)
    assert caps.mean_multiplier == D("7")
    assert caps.top_multiplier == D("10")


def test_non_calendar_year() -> None:
    """Financial year 2022-07-01 → 2023-06-30 (12 months, convention « mensuel »).

    Jul 2022: 1 645.58
    Aug–Dec 2022: 1 678.95 × 5 = 8 394.75
    Jan–Apr 2023: 1 709.28 × 4 = 6 837.12
    May–Jun 2023: 1 747.20 × 2 = 3 494.40
    Total = 1 645.58 + 8 394.75 + 6 837.12 + 3 494.40 = 20 371.85
    """
    reference = annual_smic_reference(start=dt.date(2022, 7, 1), end=dt.date(2023, 6, 30))
    assert reference.month_count == 12
    assert reference.smic_amount == D("20371.85")
    assert reference.months[0] == (dt.date(2022, 7, 1), D("1645.58"))
    assert reference.months[-1] == (dt.date(2023, 6, 1), D("1747.20"))
    caps = pay_caps(reference)
    assert caps.mean_cap == D("142602.95")
    assert caps.top_cap == D("203718.50")


def test_eighteen_month_year() -> None:
    """Financial year 2022-01-01 → 2023-06-30 (18 months), annualised × 12 ÷ 18.

    Jan–Apr 2022: 1 603.12 × 4 = 6 412.48
    May–Jul 2022: 1 645.58 × 3 = 4 936.74
    Aug–Dec 2022: 1 678.95 × 5 = 8 394.75
    Jan–Apr 2023: 1 709.28 × 4 = 6 837.12
    May–Jun 2023: 1 747.20 × 2 = 3 494.40
    Sum = 30 075.49 ; × 12 ÷ 18 = 20 050.326… → 20 050.33 for display.
    """
    reference = annual_smic_reference(start=dt.date(2022, 1, 1), end=dt.date(2023, 6, 30))
    assert reference.month_count == 18
    assert sum(amount for _, amount in reference.months) == D("30075.49")
    assert reference.smic_amount == D("30075.49") * 12 / 18
    assert reference.rounded() == D("20050.33")


def test_six_month_year() -> None:
    """Financial year 2024-07-01 → 2024-12-31 (6 months).

    Jul–Oct 2024: 1 766.92 × 4 = 7 067.68 ; Nov–Dec 2024: 1 801.80 × 2 = 3 603.60
    Sum = 10 671.28 ; × 12 ÷ 6 = 21 342.56
    """
    reference = annual_smic_reference(start=dt.date(2024, 7, 1), end=dt.date(2024, 12, 31))
    assert reference.month_count == 6
    assert reference.smic_amount == D("21342.56")


def test_year_starting_on_the_15th() -> None:
    """Financial year 2023-03-15 → 2024-03-14: the month-starts within it are Apr 2023–Mar 2024.

    Apr 2023: 1 709.28 ; May–Dec 2023: 1 747.20 × 8 = 13 977.60 ;
    Jan–Mar 2024: 1 766.92 × 3 = 5 300.76 ; total = 20 987.64
    """
    reference = annual_smic_reference(start=dt.date(2023, 3, 15), end=dt.date(2024, 3, 14))
    assert reference.starts_on_first_of_month is False
    assert reference.month_count == 12
    assert reference.months[0][0] == dt.date(2023, 4, 1)
    assert reference.months[-1][0] == dt.date(2024, 3, 1)
    assert reference.smic_amount == D("20987.64")


def test_convention_fin() -> None:
    """« fin »: SMIC in force at year end × 12 (legal.md: 2024 → 21 621.60)."""
    reference = annual_smic_reference(
        start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), convention="fin"
    )
    assert reference.convention == "fin"
    assert reference.smic_amount == D("21621.60")
    assert all(amount == D("1801.80") for _, amount in reference.months)
    off_calendar = annual_smic_reference(
        start=dt.date(2022, 7, 1), end=dt.date(2023, 6, 30), convention="fin"
    )
    assert off_calendar.smic_amount == D("1747.20") * 12


def test_branch_minimum_above_smic() -> None:
    reference = annual_smic_reference(
        start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), branch_minimum=D("25000")
    )
    assert reference.smic_amount == D("21272.80")
    assert reference.amount == D("25000")
    assert reference.uses_branch_minimum is True
    caps = pay_caps(reference)
    assert caps.mean_cap == D("175000")
    assert caps.top_cap == D("250000")


def test_branch_minimum_below_smic() -> None:
    reference = annual_smic_reference(
        start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), branch_minimum=D("20000")
    )
    assert reference.amount == D("21272.80")
    assert reference.branch_minimum == D("20000")
    assert reference.uses_branch_minimum is False


@pytest.mark.parametrize(
    ("start", "end", "match"),
    [
        (dt.date(2024, 12, 31), dt.date(2024, 1, 1), "antérieure"),
        (dt.date(2022, 1, 1), dt.date(2024, 1, 1), "dépasse"),
        (dt.date(2014, 7, 1), dt.date(2015, 6, 30), "Aucun SMIC connu"),
        (dt.date(2024, 3, 15), dt.date(2024, 3, 20), "aucun premier jour de mois"),
    ],
)
def test_invalid_years(start: dt.date, end: dt.date, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        annual_smic_reference(start=start, end=end)


def test_twenty_four_months_is_accepted() -> None:
    reference = annual_smic_reference(start=dt.date(2022, 1, 1), end=dt.date(2023, 12, 31))
    assert reference.month_count == 24


def test_negative_branch_minimum_and_unknown_convention() -> None:
    with pytest.raises(ValueError, match="négatif"):
        annual_smic_reference(
            start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), branch_minimum=D("-1")
        )
    with pytest.raises(ValueError, match="Convention inconnue"):
        annual_smic_reference(
            start=dt.date(2024, 1, 1),
            end=dt.date(2024, 12, 31),
            convention="milieu",  # type: ignore[arg-type]
        )


def test_pay_caps_with_explicit_rule() -> None:
    rule = pay_cap_rule(dt.date(2016, 1, 1))
    caps = pay_caps(_year(2016), rule=rule)
    assert caps.rule is rule
    assert caps.mean_cap == D("123196.08")  # 2016 amounts used in practice (esus-instruction §4)
    assert caps.top_cap == D("175994.40")


_DATES = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))


@given(_DATES)
def test_smic_in_force_contains_date(day: dt.date) -> None:
    row = smic_in_force(day)
    assert row.start <= day
    assert row.end is None or day <= row.end


@given(
    st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2028, 1, 1)),
    st.integers(min_value=1, max_value=23),
)
def test_annual_reference_properties(start: dt.date, length_months: int) -> None:
    first = start.replace(day=1)
    year, month = divmod(first.month - 1 + length_months, 12)
    end = dt.date(first.year + year, month + 1, 1) - dt.timedelta(days=1)
    reference = annual_smic_reference(start=first, end=end)
    assert reference.month_count == length_months
    total = sum((amount for _, amount in reference.months), D(0))
    if length_months == 12:
        assert reference.smic_amount == total
    else:
        assert abs(reference.smic_amount * length_months - total * 12) < D("1e-15")
    lowest = min(amount for _, amount in reference.months) * 12
    highest = max(amount for _, amount in reference.months) * 12
    assert lowest - D("0.000001") <= reference.smic_amount <= highest + D("0.000001")
    caps = pay_caps(reference)
    assert caps.top_cap > caps.mean_cap > reference.amount
