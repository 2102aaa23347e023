"""ESS law, articles 1 and 2 (legal.md §1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from utilite_sociale.reference import (
    Certainty,
    article1_conditions,
    article2_in_force,
    article2_version,
    article2_versions,
    commercial_company_thresholds,
    crosswalk,
    crosswalk_targets,
    ess_by_legal_form,
    ess_legal_forms,
    legal_criteria,
    legal_criterion,
    legal_form,
)


def test_versions_and_boundaries() -> None:
    assert [v.id for v in article2_versions()] == ["2014", "2019"]
    assert article2_in_force(dt.date(2019, 5, 23)).id == "2014"
    assert article2_in_force(dt.date(2019, 5, 24)).id == "2019"
    assert article2_in_force(dt.date(2014, 8, 2)).id == "2014"
    assert article2_in_force(dt.date(2030, 1, 1)).id == "2019"
    v2014, v2019 = article2_versions()
    assert v2014.end == dt.date(2019, 5, 23)
    assert v2019.start == dt.date(2019, 5, 24)
    assert v2019.end is None
    assert v2014.certainty is Certainty.RECONSTRUCTED  # entry into force reconstructed
    assert v2014.act.date == dt.date(2014, 7, 31)
    assert v2019.act.date == dt.date(2019, 5, 22)
    assert "trois conditions" in v2014.intro
    assert "quatre conditions" in v2019.intro
    assert v2019.note is not None
    assert "105" in v2019.note
    assert "115" in v2019.note


def test_before_the_law_raises_french_lookup_error() -> None:
    with pytest.raises(LookupError, match="pas encore en vigueur"):
        article2_in_force(dt.date(2014, 8, 1))


def test_unknown_version_lists_valid_ids() -> None:
    with pytest.raises(LookupError, match="« 2014 », « 2019 »"):
        article2_version("2021")


def test_criteria_counts_and_ids() -> None:
    assert [c.id for c in legal_criteria("2014")] == ["ess2014-1", "ess2014-2", "ess2014-3"]
    assert [c.id for c in legal_criteria("2019")] == [
        "ess2019-1",
        "ess2019-2",
        "ess2019-3",
        "ess2019-4",
    ]
    assert len(legal_criteria()) == 7
    assert [c.number for c in legal_criteria("2019")] == ["1°", "2°", "3°", "4°"]
    assert all(c.version == "2019" for c in legal_criteria("2019"))


def test_short_labels() -> None:
    labels = {c.id: c.short_label for c in legal_criteria("2019")}
    assert labels == {
        "ess2019-1": "Soutien aux personnes en situation de fragilité",
        "ess2019-2": "Lien social et cohésion territoriale",
        "ess2019-3": "Éducation à la citoyenneté et réduction des inégalités",
        "ess2019-4": "Développement durable, transition énergétique, culture, "
        "solidarité internationale",
    }


@pytest.mark.parametrize("criterion_id", ["ess2019-2", "ess2019-3"])
def test_reconstructed_criteria_are_flagged(criterion_id: str) -> None:
    criterion = legal_criterion(criterion_id)
    assert criterion.text_is_verbatim is False
    assert criterion.certainty in {Certainty.RECONSTRUCTED, Certainty.SECONDARY}
    assert not criterion.certainty.is_verbatim
    assert criterion.note is not None
    assert "Paraphrase" in criterion.note


def test_2014_criteria_are_verbatim() -> None:
    for criterion in legal_criteria("2014"):
        assert criterion.text_is_verbatim is True
        assert criterion.certainty is Certainty.VERIFIED
    assert "à l'un des objectifs mentionnés aux 1° et 2°" in legal_criterion("ess2014-3").text


def test_unknown_criterion() -> None:
    with pytest.raises(LookupError, match="Critère inconnu"):
        legal_criterion("ess2019-5")


def test_crosswalk_both_directions() -> None:
    assert crosswalk_targets("ess2014-1") == ("ess2019-1",)
    assert crosswalk_targets("ess2014-2") == ("ess2019-1", "ess2019-2", "ess2019-3")
    assert crosswalk_targets("ess2014-3") == ("ess2019-4",)
    assert crosswalk_targets("ess2019-1") == ("ess2014-1", "ess2014-2")
    assert crosswalk_targets("ess2019-2") == ("ess2014-2",)
    assert crosswalk_targets("ess2019-3") == ("ess2014-2",)
    assert crosswalk_targets("ess2019-4") == ("ess2014-3",)
    ids = {c.id for c in legal_criteria()}
    for link in crosswalk():
        assert link.source in ids
        assert link.target in ids
        assert link.source.startswith("ess2014")
        assert link.target.startswith("ess2019")
    note = next(link.note for link in crosswalk() if link.source == "ess2014-3")
    assert "publics vulnérables" in note
    assert "1° ou du 2°" in note
    with pytest.raises(LookupError):
        crosswalk_targets("ess2030-1")


def test_article1_conditions() -> None:
    ids = [c.id for c in article1_conditions()]
    assert ids[:4] == ["art1-i-1", "art1-i-2", "art1-i-3a", "art1-i-3b"]
    assert "art1-ii-2c-fonds-developpement" in ids
    assert "art1-ii-2c-report-beneficiaire" in ids
    assert (
        article1_conditions()[0].text
        == "Un but poursuivi autre que le seul partage des bénéfices ;"
    )


def test_commercial_company_thresholds() -> None:
    thresholds = commercial_company_thresholds()
    assert thresholds.development_fund_share == Decimal("0.20")
    assert thresholds.development_fund_cap_share_of_capital == Decimal("0.20")
    assert thresholds.retained_profit_share == Decimal("0.50")
    assert thresholds.act.date == dt.date(2015, 8, 3)
    assert thresholds.certainty is Certainty.VERIFIED
    assert isinstance(thresholds.retained_profit_share, Decimal)


def test_legal_forms() -> None:
    assert ess_by_legal_form() == (
        "cooperative",
        "mutuelle",
        "societe-assurance-mutuelle",
        "fondation",
        "association",
    )
    assert "Moselle" in legal_form("association").label
    assert legal_form("cooperative").label == "Coopérative"
    assert len(ess_legal_forms()) == 5
    with pytest.raises(LookupError, match="Forme juridique inconnue"):
        legal_form("sarl")
