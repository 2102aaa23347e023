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
            # The seeds quote the 2014 criteria: every indicator is read in both versions.
            assert indicator.mappings.get("loi-2019"), indicator.id
            assert indicator.mappings.get("loi-2014"), indicator.id


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


def test_the_five_builtins_and_their_subjects() -> None:
    subjects = {ref_id: us.load_indicator_set(ref_id).subject for ref_id in BUILTINS}
    assert subjects == {
        "bonnes-pratiques-ess": "adherent",
        "ess-socle": "adherent",
        "reso-occitanie-2020-2024": "adherent",
        "reso-occitanie-2020-2024-plan": "federation",
        "uriopss-occitanie-2018-2022": "adherent",
    }


def test_guide_self_assessment_has_three_indicators_per_theme() -> None:
    ref = us.load_indicator_set("bonnes-pratiques-ess")
    per_theme: Counter[str] = Counter()
    for indicator in ref.scored_indicators:
        per_theme.update(indicator.mappings.get("guide", {}))
    assert set(per_theme) == set(ref.lens_groups("guide"))
    assert min(per_theme.values()) >= 3


def test_seed_referentiels_read_the_seed_axes() -> None:
    uriopss = us.load_indicator_set("uriopss-occitanie-2018-2022")
    assert {"4.1", "4.2", "4.3", "4.4"} <= set(uriopss.lens_groups("orientations"))
    assert uriopss.covered_groups("orientations") == ["4.1", "4.2", "4.3", "4.4"]
    reso = us.load_indicator_set("reso-occitanie-2020-2024")
    assert len(reso.lens_groups("valeurs")) == 4
    assert len(reso.covered_groups("valeurs")) == 4
    # Health fragility is told apart from the economic or social fragility ESUS counts.
    kinds = {kind for indicator in reso.indicators for kind in indicator.fragility}
    assert {"sante", "economique"} <= kinds


def test_federation_plan_tracks_each_horizon_with_deadlines() -> None:
    import datetime as dt

    plan = us.load_indicator_set("reso-occitanie-2020-2024-plan")
    deadlines = Counter(
        target.deadline for indicator in plan.scored_indicators for target in indicator.targets
    )
    assert set(deadlines) == {dt.date(2021, 6, 30), dt.date(2022, 6, 30), dt.date(2024, 6, 30)}
    assert all(count >= 5 for count in deadlines.values())
    assert plan.respondent_indicators == []
