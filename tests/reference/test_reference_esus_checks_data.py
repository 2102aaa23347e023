"""Reference data added for the ESUS checks: main objective, check → condition, file types."""

from __future__ import annotations

import datetime as dt

import pytest

from utilite_sociale.reference import (
    application_file_types,
    esus_condition_for_check,
    esus_text_label,
    main_objective_rule,
    significant_impact_rule,
)

BEFORE_PACTE = dt.date(2018, 6, 30)
AFTER_PACTE = dt.date(2020, 6, 30)


def test_main_objective_rule_versions() -> None:
    before, after = main_objective_rule(BEFORE_PACTE), main_objective_rule(AFTER_PACTE)
    assert (before.version, before.article2_version) == ("2014", "2014")
    assert (after.version, after.article2_version) == ("2019", "2019")
    assert "sante" in before.fragilities_under_conditions
    assert after.fragilities_under_conditions == ("economique", "sociale")
    assert "sante" in after.fragilities_plein_droit
    assert before.fragility_criterion == "ess2014-1"
    assert after.fragility_criterion == "ess2019-1"
    assert [s.criterion for s in after.subordinate_criteria] == ["ess2019-4"]
    assert [key for key, _ in after.subordinate_criteria[0].links] == [
        "publics-vulnerables",
        "solidarites-territoriales",
        "education-citoyennete",
    ]
    assert [s.criterion for s in before.subordinate_criteria] == ["ess2014-3"]
    assert after.end is None
    assert before.end is not None
    assert after.start == before.end + dt.timedelta(days=1)
    assert main_objective_rule().version == "2019"


def test_condition_for_check() -> None:
    assert esus_condition_for_check("remuneration", AFTER_PACTE).id == "esus2019-3"
    assert esus_condition_for_check("objectif", BEFORE_PACTE).id == "esus2014-1"
    assert esus_condition_for_check("statuts", AFTER_PACTE).number == "5°"
    with pytest.raises(LookupError, match="Vérification ESUS inconnue"):
        esus_condition_for_check("inconnue", AFTER_PACTE)


def test_file_types() -> None:
    types = {t.id: (t.plein_droit, t.commercial_company) for t in application_file_types()}
    assert types == {
        "A1": (True, False),
        "A2": (True, True),
        "B1": (False, False),
        "B2": (False, True),
    }


def test_text_labels_and_profitability_margin() -> None:
    assert "R3332-21-1" in esus_text_label("article_r3332_21_1")
    with pytest.raises(LookupError):
        esus_text_label("inconnu")
    rule = significant_impact_rule(AFTER_PACTE)
    assert rule.profitability_margin > 0
    assert rule.profitability_margin < 1
