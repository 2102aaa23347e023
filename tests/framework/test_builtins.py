"""Every built-in référentiel is valid, complete and documented (DESIGN §3, issue 2 §4)."""

from __future__ import annotations

from collections import Counter

import pytest

import utilite_sociale as us
from utilite_sociale.framework import validate_builtin

BUILTINS = us.builtin_indicator_set_ids()


def test_ess_socle_is_shipped() -> None:
    assert "ess-socle" in BUILTINS


@pytest.mark.parametrize("ref_id", BUILTINS)
def test_builtin_is_valid_without_warning(ref_id: str) -> None:
    report = validate_builtin(ref_id)
    assert report.valid, [issue.describe() for issue in report.issues]
    assert report.warnings == []


@pytest.mark.parametrize("ref_id", BUILTINS)
def test_every_indicator_is_documented(ref_id: str) -> None:
    ref = us.load_indicator_set(ref_id)
    assert ref.id == ref_id
    cited = {source.id for source in ref.sources}
    assert cited, "a built-in référentiel lists its sources"
    for indicator in ref.indicators:
        assert indicator.question.endswith(("?", "»")), indicator.id
        assert indicator.evidence, indicator.id
        assert indicator.rationale, indicator.id
        if indicator.answer.type in {"nombre", "montant", "effectif"}:
            assert indicator.answer.unit, indicator.id
        if indicator.is_scored:
            assert indicator.effective_normalisation() is not None, indicator.id
            assert indicator.weight > 0, indicator.id


def test_ess_socle_covers_every_2019_condition_with_its_2014_mapping() -> None:
    ref = us.load_indicator_set("ess-socle")
    scored = ref.scored_indicators
    assert len(scored) >= 30
    per_2019: Counter[str] = Counter()
    for indicator in scored:
        assert indicator.mappings.get("loi-2019"), indicator.id
        assert indicator.mappings.get("loi-2014"), indicator.id
        per_2019.update(indicator.mappings["loi-2019"])
    assert set(per_2019) == {"ess2019-1", "ess2019-2", "ess2019-3", "ess2019-4"}
    assert min(per_2019.values()) >= 4
    assert ref.covered_groups("guide") == list(ref.lens_groups("guide"))


def test_ess_socle_mixes_organisation_figures_and_respondent_likert_items() -> None:
    ref = us.load_indicator_set("ess-socle")
    respondent = ref.respondent_indicators
    assert len(respondent) >= 6
    assert all(indicator.answer.type == "likert" for indicator in respondent)
    types = {indicator.answer.type for indicator in ref.scored_indicators}
    assert {"effectif", "pourcentage", "oui-non", "choix", "likert", "nombre"} <= types
    denominators = {i.denominator for i in ref.indicators if i.denominator}
    assert {"ES-CTX-ETP", "ES-CTX-BUDGET", "ES-CTX-BENEF"} <= denominators
    assert any(indicator.direction == "decroissant" for indicator in ref.scored_indicators)
    assert any(indicator.targets for indicator in ref.scored_indicators)
    # Only economic or social fragility counts for ESUS: the two kinds are told apart.
    fragility = {i.id: set(i.fragility) for i in ref.indicators if i.fragility}
    assert any(kinds <= {"economique", "sociale"} for kinds in fragility.values())
    assert any(kinds & {"situation-personnelle", "sante"} for kinds in fragility.values())
