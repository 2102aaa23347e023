"""ESUS agrément (legal.md §2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from utilite_sociale.reference import (
    Certainty,
    agrement_duration_rule,
    agrement_duration_years,
    application_documents,
    esus_condition,
    esus_conditions,
    pay_cap_rule,
    plein_droit_categories,
    plein_droit_conditions,
    significant_impact_rule,
)


def test_plein_droit_categories_by_date() -> None:
    assert len(plein_droit_categories(dt.date(2020, 1, 1))) == 15
    assert len(plein_droit_categories(dt.date(2018, 1, 1))) == 14
    assert len(plein_droit_categories(dt.date(2019, 5, 23))) == 14
    assert len(plein_droit_categories(dt.date(2019, 5, 24))) == 15
    assert len(plein_droit_categories()) == 15
    numbers = [c.number for c in plein_droit_categories()]
    assert numbers == list(range(1, 16))
    assert len({c.id for c in plein_droit_categories()}) == 15


def test_rup_category_requires_article2() -> None:
    requiring = [c for c in plein_droit_categories() if c.requires_article2_proof]
    assert [c.number for c in requiring] == [13]
    assert "utilité publique" in requiring[0].label
    last = plein_droit_categories()[-1]
    assert last.number == 15
    assert last.since == dt.date(2019, 5, 24)
    assert last.reference is not None


def test_plein_droit_conditions_by_version() -> None:
    assert plein_droit_conditions(dt.date(2018, 1, 1)).condition_numbers == ("4°",)
    assert plein_droit_conditions(dt.date(2018, 1, 1)).condition_ids == ("esus2014-4",)
    current = plein_droit_conditions()
    assert current.condition_numbers == ("3°", "4°")
    assert current.condition_ids == ("esus2019-3", "esus2019-4")
    assert plein_droit_conditions(dt.date(2019, 5, 24)) == current


def test_significant_impact_rule() -> None:
    rule = significant_impact_rule()
    assert rule.threshold == Decimal("0.66")
    assert isinstance(rule.threshold, Decimal)
    assert rule.years == 3
    assert rule.young_company_age_years == 3
    assert rule.profitability_margin == Decimal("0.05")
    assert rule.profitability_margin_change_limit == Decimal("0.25")
    assert "moins de trois ans" in rule.young_company_rule
    assert rule.act.date == dt.date(2015, 6, 23)
    assert rule.start == dt.date(2015, 7, 1)
    assert rule.note is not None
    assert "points de pourcentage" in rule.note
    assert significant_impact_rule(dt.date(2020, 1, 1)) == rule
    with pytest.raises(LookupError):
        significant_impact_rule(dt.date(2015, 6, 30))


def test_pay_cap_rule() -> None:
    rule = pay_cap_rule()
    assert rule.mean_top_n == 5
    assert rule.mean_multiplier == Decimal("7")
    assert rule.top_multiplier == Decimal("10")
    assert rule.branch_minimum_allowed is True
    assert "sept fois" in rule.text_a
    assert "dix fois" in rule.text_b
    assert rule.certainty is Certainty.VERIFIED
    assert pay_cap_rule(dt.date(2016, 1, 1)) == rule


def test_duration_rule_versions() -> None:
    current = agrement_duration_rule()
    assert current.standard_years == 5
    assert current.young_company_years == 2
    assert current.young_company_age_years == 3
    assert current.silence_months == 2
    assert current.regional_exception_since == dt.date(2025, 1, 1)
    assert "préfet de région" in current.authority
    old = agrement_duration_rule(dt.date(2024, 12, 31))
    assert old.regional_exception_since is None
    assert old.standard_years == 5
    assert agrement_duration_rule(dt.date(2025, 1, 1)) == current


@pytest.mark.parametrize(
    ("creation", "requested", "years"),
    [
        (dt.date(2020, 3, 1), dt.date(2023, 3, 1), 5),  # exactly three years old
        (dt.date(2020, 3, 1), dt.date(2023, 2, 28), 2),  # one day short
        (dt.date(2020, 3, 1), dt.date(2020, 3, 1), 2),  # created the same day
        (dt.date(2010, 1, 1), dt.date(2022, 6, 1), 5),
        (dt.date(2020, 2, 29), dt.date(2023, 2, 28), 5),  # 29 February → 28 February
        (dt.date(2020, 2, 29), dt.date(2023, 2, 27), 2),
        (dt.date(2023, 1, 1), dt.date(2025, 12, 31), 2),  # 2025 version of the article
    ],
)
def test_agrement_duration_years(creation: dt.date, requested: dt.date, years: int) -> None:
    assert agrement_duration_years(creation_date=creation, request_date=requested) == years


def test_agrement_duration_years_errors() -> None:
    with pytest.raises(ValueError, match="antérieure"):
        agrement_duration_years(creation_date=dt.date(2022, 1, 2), request_date=dt.date(2022, 1, 1))
    with pytest.raises(LookupError):
        agrement_duration_years(creation_date=dt.date(2010, 1, 1), request_date=dt.date(2015, 1, 1))


def test_conditions_per_version() -> None:
    v2014 = esus_conditions(version="2014")
    v2019 = esus_conditions(version="2019")
    assert [c.id for c in v2014] == [f"esus2014-{n}" for n in range(1, 6)]
    assert [c.id for c in v2019] == [f"esus2019-{n}" for n in range(1, 6)]
    assert [c.number for c in v2019] == ["1°", "2°", "3°", "4°", "5°"]
    assert esus_conditions() == v2019
    assert esus_conditions(dt.date(2019, 5, 23)) == v2014
    assert esus_conditions(dt.date(2019, 5, 24)) == v2019
    assert esus_conditions(dt.date(2020, 1, 1), version="2014") == ()
    assert [c.id for c in v2014 if c.in_statutes_required] == ["esus2014-1", "esus2014-3"]
    assert [c.id for c in v2019 if c.in_statutes_required] == ["esus2019-1"]
    assert "rentabilité financière" in esus_condition("esus2014-2").text
    assert "rentabilité financière" not in esus_condition("esus2019-2").text
    assert "société de gestion de portefeuille" in esus_condition("esus2019-4").text
    assert "société de gestion de portefeuille" not in esus_condition("esus2014-4").text
    for condition in v2014:
        assert condition.end == dt.date(2019, 5, 23)
    with pytest.raises(LookupError, match="Versions valides"):
        esus_conditions(version="2021")
    with pytest.raises(LookupError):
        esus_conditions(dt.date(2014, 1, 1))
    with pytest.raises(LookupError, match="Condition ESUS inconnue"):
        esus_condition("esus2019-6")


def test_application_documents() -> None:
    standard = application_documents(plein_droit=False)
    plein = application_documents(plein_droit=True)
    assert len(standard) == 6
    assert len(plein) == 3
    assert standard[0].id == "fiche-demande"
    assert {d.id for d in plein} == {"statuts", "justificatif-plein-droit", "attestation-titres"}
    for document in standard + plein:
        assert document.act is not None
        assert document.act.date == dt.date(2015, 8, 5)
