"""Loading référentiel files: every problem found at once, located, in French."""

from __future__ import annotations

from pathlib import Path

import pytest

import utilite_sociale as us
from utilite_sociale.errors import IndicatorSetError, InputFileError, UsageError
from utilite_sociale.framework import (
    dump_indicator_set,
    validate_indicator_set,
    validate_indicator_set_data,
)

DATA = Path(__file__).parent / "data"

ENGLISH = ("Field required", "Input should", "Extra inputs", "value is not", "String should")


def test_faulty_file_reports_every_mistake_with_its_line() -> None:
    report = validate_indicator_set(DATA / "erreurs.yaml")
    found = sorted((issue.code, issue.line, issue.indicator) for issue in report.issues)
    assert found == sorted(
        [
            ("agregation-profondeur", 6, None),
            ("poids-negatif", 12, "d2"),
            ("dimension-vide", 13, "d3"),
            ("bornes-inversees", 21, "I1"),
            ("parts-superieures-a-1", 23, "I1"),
            ("id-duplique", 24, "I1"),
            ("dimension-inconnue", 27, "I1"),
            ("cible-hors-echelle", 29, "I1"),
            ("valeur-inconnue", 34, "I3"),
            ("groupe-inconnu", 40, "I4"),
            ("champ-inconnu", 46, "I5"),
        ]
    )
    assert not report.valid
    assert report.indicator_set is None
    assert all(issue.file == "erreurs.yaml" for issue in report.issues)
    for issue in report.issues:
        assert not any(text in issue.message for text in ENGLISH), issue.message


def test_messages_say_what_to_fix() -> None:
    report = validate_indicator_set(DATA / "erreurs.yaml")
    by_code = {issue.code: issue for issue in report.issues}
    assert "nombres" in by_code["valeur-inconnue"].message
    assert "« likert »" in (by_code["valeur-inconnue"].fix or "")
    assert by_code["valeur-inconnue"].field == "answer.type"
    assert "0,7" in by_code["parts-superieures-a-1"].message
    assert "1,3" in by_code["parts-superieures-a-1"].message
    assert "ess2019-4" in (by_code["groupe-inconnu"].fix or "")
    assert by_code["champ-inconnu"].field == "poids"
    assert "150" in by_code["cible-hors-echelle"].message


def test_raise_for_errors_carries_every_issue() -> None:
    with pytest.raises(IndicatorSetError) as caught:
        us.load_indicator_set(DATA / "erreurs.yaml")
    assert len(caught.value.errors) == 11
    assert "erreurs.yaml" in str(caught.value)


def test_yaml_syntax_error_is_located() -> None:
    path = DATA.parent / "tmp_syntax.yaml"
    try:
        path.write_text("id: x\ntitle: a: b\n", encoding="utf-8")
        report = validate_indicator_set(path)
    finally:
        path.unlink()
    assert [(issue.code, issue.line) for issue in report.issues] == [("yaml-invalide", 2)]


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    path = tmp_path / "bombe.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate_indicator_set(path)
    assert [issue.code for issue in report.issues] == ["yaml-invalide"]
    assert "expansion refusée" in report.issues[0].message


def test_python_objects_are_not_constructed(tmp_path: Path) -> None:
    path = tmp_path / "objet.yaml"
    path.write_text("id: !!python/object/apply:os.system ['echo pirate']\n", encoding="utf-8")
    report = validate_indicator_set(path)
    assert report.issues[0].code == "yaml-invalide"


def test_missing_file_and_unknown_id() -> None:
    with pytest.raises(InputFileError, match="introuvable"):
        us.load_indicator_set("absent/ref.yaml")
    with pytest.raises(UsageError, match="ess-socle"):
        us.load_indicator_set("referentiel-inconnu")


def test_not_a_mapping() -> None:
    report = validate_indicator_set_data(["a", "b"], file="liste.yaml")
    assert [issue.code for issue in report.issues] == ["structure-invalide"]


def test_missing_required_fields_are_listed_together() -> None:
    report = validate_indicator_set_data({"id": "x"}, file="vide.yaml")
    missing = sorted(issue.field or "" for issue in report.issues if issue.code == "champ-manquant")
    assert missing == ["dimensions", "indicators", "subject", "title", "version"]


def test_zero_weight_is_a_warning_only() -> None:
    ref = us.load_indicator_set("ess-socle")
    data = ref.model_dump(mode="json", by_alias=True)
    first_scored = next(
        index for index, item in enumerate(ref.indicators) if item.is_scored and item.weight > 0
    )
    data["indicators"][first_scored]["weight"] = 0
    report = validate_indicator_set_data(data)
    assert report.valid
    assert [issue.code for issue in report.warnings] == ["poids-nul"]


def test_yaml_round_trip_is_lossless(tmp_path: Path) -> None:
    ref = us.load_indicator_set("ess-socle")
    path = tmp_path / "copie.yaml"
    us.save_indicator_set(ref, path)
    again = us.load_indicator_set(path)
    assert again == ref
    assert again.content_hash() == ref.content_hash()
    assert dump_indicator_set(again) == dump_indicator_set(ref)


def test_legal_version_follows_the_reference_date() -> None:
    import datetime as dt

    ref = us.load_indicator_set("ess-socle")
    assert ref.legal_version == "auto"
    assert ref.legal_version_on(dt.date(2018, 12, 31)) == "2014"
    assert ref.legal_version_on(dt.date(2019, 5, 23)) == "2014"
    assert ref.legal_version_on(dt.date(2019, 5, 24)) == "2019"
    fixed = ref.model_copy(update={"legal_version": "2014"})
    assert fixed.legal_version_on(dt.date(2025, 1, 1)) == "2014"
