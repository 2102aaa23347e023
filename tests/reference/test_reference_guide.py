"""Guide des bonnes pratiques (legal.md §4)."""

from __future__ import annotations

import datetime as dt

import pytest

from utilite_sociale.reference import (
    Certainty,
    guide_adoption,
    guide_application_dates,
    guide_application_for,
    guide_obligations,
    guide_theme,
    guide_themes,
)

THEME_IDS = [
    "guide-gouvernance",
    "guide-concertation",
    "guide-territoire",
    "guide-emploi",
    "guide-usagers",
    "guide-diversite",
    "guide-developpement-durable",
    "guide-ethique",
]


def test_eight_themes() -> None:
    themes = guide_themes()
    assert [t.id for t in themes] == THEME_IDS
    assert [t.number for t in themes] == list(range(1, 9))
    legal = [t for t in themes if t.legal_theme is not None]
    added = [t for t in themes if t.legal_theme is None]
    assert [t.legal_theme for t in legal] == [1, 2, 3, 4, 5, 6]
    assert [t.id for t in added] == ["guide-developpement-durable", "guide-ethique"]
    assert guide_theme("guide-ethique").label == "Éthique et déontologie"


def test_unknown_theme() -> None:
    with pytest.raises(LookupError, match="Thème inconnu"):
        guide_theme("guide-climat")


def test_dates() -> None:
    adoption = guide_adoption()
    assert adoption.first_version == dt.date(2016, 6, 14)
    assert adoption.final_version == dt.date(2017, 2, 7)
    rows = guide_application_dates()
    assert [r.start for r in rows] == [dt.date(2017, 1, 1), dt.date(2018, 1, 1)]
    assert rows[0].certainty is Certainty.UNCERTAIN
    assert rows[1].certainty is Certainty.SECONDARY
    assert guide_application_for(employees=300).start == dt.date(2017, 1, 1)
    assert guide_application_for(employees=250).start == dt.date(2017, 1, 1)
    assert guide_application_for(employees=249).start == dt.date(2018, 1, 1)
    with pytest.raises(ValueError, match="négatif"):
        guide_application_for(employees=-1)


def test_obligations() -> None:
    obligations = guide_obligations()
    assert obligations.employee_threshold == 250
    assert obligations.delay_below_threshold_years == 2
    assert obligations.delay_from_threshold_years == 1
    assert obligations.evaluation_period_years == 3
