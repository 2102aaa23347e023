"""French number formatting: ``1 234,56 €``, ``12,5 %``, ``21 272,80``.

Thousands are separated by a narrow no-break space (U+202F) and units are preceded by a
no-break space (U+00A0), so that a figure never breaks across lines.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

__all__ = ["format_date", "format_euros", "format_number", "format_percent"]

THOUSANDS = "\u202f"
NBSP = "\u00a0"
_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def format_number(
    value: Decimal | float | int, decimals: int = 2, *, truncate: bool = False
) -> str:
    """Format a number the French way.

    Parameters
    ----------
    value
        The number.
    decimals
        Digits after the decimal comma (kept even when zero, e.g. ``21 272,80``).
    truncate
        Cut the extra digits instead of rounding half up (for ratios compared with a
        threshold: a ratio just under it must never be shown as reaching it).

    Returns
    -------
    str
        E.g. ``"1 234,56"`` with a narrow no-break space between thousands.
    """
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_DOWN if truncate else ROUND_HALF_UP)
    sign = "−" if rounded < 0 else ""
    digits = f"{abs(rounded):f}"
    whole, _, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = THOUSANDS.join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_euros(value: Decimal | float | int, decimals: int = 2) -> str:
    """Format an amount: ``"148 909,60 €"``."""
    return f"{format_number(value, decimals)}{NBSP}€"


def format_percent(
    value: Decimal | float | int, decimals: int = 1, *, truncate: bool = False
) -> str:
    """Format a value already in percent: ``12.5`` → ``"12,5 %"``."""
    return f"{format_number(value, decimals, truncate=truncate)}{NBSP}%"


def format_date(value: dt.date) -> str:
    """Format a date in words: ``"1er janvier 2026"``, ``"24 mai 2019"``."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"
