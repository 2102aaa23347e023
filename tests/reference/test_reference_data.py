"""Integrity of the YAML reference data and of the public API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from importlib.resources import files
from typing import Any

import pytest
import yaml

import utilite_sociale.reference as reference
from utilite_sociale.reference import (
    Certainty,
    Source,
    _data,
    application_documents,
    article1_conditions,
    article2_versions,
    commercial_company_thresholds,
    crosswalk,
    ess,
    ess_legal_forms,
    esus,
    esus_conditions,
    guide,
    guide_adoption,
    guide_application_dates,
    guide_obligations,
    guide_themes,
    legal_criteria,
    legal_working_time,
    pay_cap_rule,
    plein_droit_categories,
    plein_droit_conditions,
    significant_impact_rule,
    smic,
    smic_revaluations,
)

ALLOWED = {"V", "V-EN", "P", "M", "?"}
DATA_DIR = files("utilite_sociale.reference") / "data"
DATA_FILES = sorted(item.name for item in DATA_DIR.iterdir() if item.name.endswith(".yaml"))


def _document(name: str) -> Any:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _rows(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping that is an element of a list (a data row), except source entries."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"sources", "sources_communes"}:
                continue
            yield from _rows(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict):
                yield f"{path}[{index}]", item
            yield from _rows(item, f"{path}[{index}]")


def _certified(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping that carries a ``certitude`` key."""
    if isinstance(node, dict):
        if "certitude" in node:
            yield path, node
        for key, value in node.items():
            yield from _certified(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _certified(item, f"{path}[{index}]")


def _check_sources(where: str, sources: Any) -> None:
    assert isinstance(sources, list), f"{where}: sources manquantes"
    assert sources, f"{where}: aucune source"
    for source in sources:
        url = source if isinstance(source, str) else source["url"]
        assert url.startswith(("http://", "https://")), f"{where}: URL invalide {url!r}"


def test_data_files_exist() -> None:
    assert DATA_FILES == ["actes.yaml", "ess.yaml", "esus.yaml", "guide.yaml", "smic.yaml"]


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_row_has_certainty_and_sources(name: str) -> None:
    document = _document(name)
    rows = list(_rows(document, name))
    certified = list(_certified(document, name))
    assert rows or certified
    for where, row in rows:
        assert row.get("certitude") in ALLOWED, f"{where}: certitude {row.get('certitude')!r}"
        _check_sources(where, row.get("sources"))
    for where, row in certified:
        assert row["certitude"] in ALLOWED, f"{where}: certitude {row['certitude']!r}"
        _check_sources(where, row.get("sources"))


def test_every_act_has_certainty_and_sources() -> None:
    for key, act in _document("actes.yaml")["actes"].items():
        assert act["certitude"] in ALLOWED, key
        _check_sources(key, act["sources"])


@pytest.mark.parametrize("name", DATA_FILES)
def test_numbers_are_quoted_strings(name: str) -> None:
    """Amounts and rates are written as strings in YAML, so that no float is ever created."""

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{path}[{index}]")
        else:
            assert not isinstance(node, float), f"{path}: nombre flottant {node!r}"

    walk(_document(name), name)


def _all_rows() -> list[Any]:
    rows: list[Any] = []
    rows += list(article2_versions()) + list(legal_criteria()) + list(crosswalk())
    rows += [*list(article1_conditions()), commercial_company_thresholds()]
    rows += list(ess_legal_forms())
    rows += list(esus_conditions(version="2014")) + list(esus_conditions(version="2019"))
    rows += list(plein_droit_categories())
    rows += [plein_droit_conditions(dt.date(2018, 1, 1)), plein_droit_conditions()]
    rows += [significant_impact_rule(), pay_cap_rule()]
    rows += list(application_documents(plein_droit=False))
    rows += list(application_documents(plein_droit=True))
    rows += [*list(smic_revaluations()), legal_working_time()]
    rows += list(guide_themes()) + list(guide_application_dates())
    rows += [guide_adoption(), guide_obligations()]
    return rows


def test_every_loaded_row_has_certainty_and_sources() -> None:
    for row in _all_rows():
        assert isinstance(row.certainty, Certainty), row
        assert row.sources, row
        assert all(isinstance(source, Source) for source in row.sources)
        assert all(source.url.startswith("http") for source in row.sources)
        act = getattr(row, "act", None)
        if act is not None:
            assert isinstance(act.certainty, Certainty)
            assert act.sources


def test_rows_are_frozen() -> None:
    row = smic_revaluations()[0]
    with pytest.raises(AttributeError):
        row.hourly = Decimal("0")  # type: ignore[misc]


def test_certainty_labels() -> None:
    assert {c.value for c in Certainty} == ALLOWED
    assert Certainty("V").label == "vérifié"
    assert Certainty("V-EN").label == "vérifié (traduction anglaise)"
    assert Certainty("P").label == "source secondaire"
    assert Certainty("M").label == "reconstitué, non vérifié"
    assert Certainty("?").label == "incertain"
    assert [c for c in Certainty if c.is_verbatim] == [Certainty.VERIFIED]


def test_loader_is_cached() -> None:
    assert _data._load("smic.yaml") is _data._load("smic.yaml")


def test_decimal_loader_refuses_floats() -> None:
    with pytest.raises(TypeError, match="chaîne"):
        _data._as_decimal(0.5)
    assert _data._as_decimal("0.50") == Decimal("0.50")


def test_unknown_act() -> None:
    with pytest.raises(LookupError, match="Acte juridique inconnu"):
        _data._act("decret-inexistant")


def test_public_api_is_sorted_and_complete() -> None:
    names = reference.__all__
    assert names == sorted(names)
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(reference, name), name
    exported = set(names)
    for module in (_data, ess, esus, smic, guide):
        assert set(module.__all__) <= exported, module.__name__
    for name in (
        "Certainty",
        "Source",
        "LegalAct",
        "LegalCriterion",
        "Article2Version",
        "CrosswalkLink",
        "Article1Condition",
        "CommercialCompanyThresholds",
        "LegalForm",
        "EsusCondition",
        "PleinDroitCategory",
        "SignificantImpactRule",
        "PayCapRule",
        "AgrementDurationRule",
        "ApplicationDocument",
        "SmicRevaluation",
        "AnnualReference",
        "PayCaps",
        "GuideTheme",
        "article2_versions",
        "article2_version",
        "article2_in_force",
        "legal_criterion",
        "legal_criteria",
        "crosswalk",
        "crosswalk_targets",
        "article1_conditions",
        "commercial_company_thresholds",
        "ess_by_legal_form",
        "esus_conditions",
        "plein_droit_categories",
        "significant_impact_rule",
        "pay_cap_rule",
        "agrement_duration_rule",
        "agrement_duration_years",
        "application_documents",
        "smic_revaluations",
        "smic_in_force",
        "annual_smic_reference",
        "pay_caps",
        "guide_themes",
        "guide_theme",
    ):
        assert name in exported, name
