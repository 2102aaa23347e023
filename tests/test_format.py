"""French number formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from utilite_sociale._format import (
    NBSP,
    THOUSANDS,
    format_date,
    format_euros,
    format_number,
    format_percent,
)


def plain(text: str) -> str:
    return text.replace(THOUSANDS, " ").replace(NBSP, " ")


def test_examples() -> None:
    assert plain(format_euros(Decimal("148909.6"))) == "148 909,60 €"
    assert plain(format_euros(1234.56)) == "1 234,56 €"
    assert plain(format_percent(12.5)) == "12,5 %"
    assert plain(format_number(Decimal("-4210"), 0)) == "−4 210"
    assert format_number(999, 0) == "999"
    assert plain(format_number(Decimal("1000000.005"))) == "1 000 000,01"


def test_truncation_never_reaches_a_threshold() -> None:
    assert plain(format_percent(Decimal("65.9999"), 2, truncate=True)) == "65,99 %"
    assert plain(format_percent(Decimal("65.9999"), 2)) == "66,00 %"


def test_dates() -> None:
    assert format_date(dt.date(2026, 1, 1)) == "1er janvier 2026"
    assert format_date(dt.date(2019, 5, 24)) == "24 mai 2019"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_round_trip(value: Decimal) -> None:
    text = format_number(value)
    back = Decimal(text.replace(THOUSANDS, "").replace(",", ".").replace("−", "-"))
    assert back == value
