"""From a generated template, filled by id like a person would, to the ESUS checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from tests.survey.filling import fill
from utilite_sociale.esus import Status, esus_inputs_from_member, run_checks
from utilite_sociale.survey import write_template
from utilite_sociale.survey.layout import SHEET_ESUS
from utilite_sociale.survey.validation import validate_survey

REF = us.load_indicator_set("ess-socle")
TODAY = dt.date(2025, 1, 15)
ON = dt.date(2025, 6, 1)
D = Decimal


def _year_cells(year: int) -> dict[str, Any]:
    prefix = f"esus.{year}"
    return {
        f"{prefix}.debut": dt.datetime(year, 1, 1),
        f"{prefix}.fin": dt.datetime(year, 12, 31),
        f"{prefix}.approuve": "Oui",
        f"{prefix}.charges_exploitation_totales": 100000,
        f"{prefix}.activite.1.libelle": "Accompagnement social",
        f"{prefix}.activite.1.charges": "70 000",
        f"{prefix}.activite.1.utilite_sociale": "Oui",
        f"{prefix}.activite.1.cle_repartition": "Au prorata des heures",
        f"{prefix}.activite.2.libelle": "Location de salles",
        f"{prefix}.activite.2.charges": 30000,
        f"{prefix}.activite.2.utilite_sociale": "Non",
        f"{prefix}.remuneration.1.fonction": "Salarié",
        f"{prefix}.remuneration.1.brut_annuel": "48 000,50",
        f"{prefix}.remuneration.1.avantages_nature": 1200,
        f"{prefix}.remuneration.1.quotite": "80 %",
        f"{prefix}.remuneration.1.mois": 12,
        f"{prefix}.remuneration.2.fonction": "Dirigeant",
        f"{prefix}.remuneration.2.brut_annuel": 30000,
        f"{prefix}.remuneration.2.quotite": 100,
        f"{prefix}.remuneration.2.mois": 6,
    }


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("esus") / "A042.xlsx"
    write_template(REF, path, esus=True, period="2024", today=TODAY)
    cells: dict[str, Any] = {
        "org.code_adherent": "A042",
        "org.nom": "Le Fil d'Ariane",
        "org.forme_juridique": "Association (loi 1901 ou droit local d'Alsace-Moselle)",
        "org.date_creation": dt.datetime(2001, 3, 1),
        "org.departement": "31",
        "org.periode": "2024",
        "esus.titres_cotes": "Non",
        "esus.taux_tmo": "3,5",
        "esus.2024.dividendes": 0,
        "esus.2024.remuneration_concours_non_bancaires": "1 500",
        "esus.2024.capitaux_propres": 90000,
        "esus.2024.concours_non_bancaires": 10000,
        "esus.statuts.article_objet_social": "Article 2",
        "esus.statuts.article_gouvernance": "Article 9",
        "esus.statuts.date_demande": dt.datetime(2025, 6, 1),
    }
    for year in (2022, 2023, 2024):
        cells.update(_year_cells(year))
    fill(path, cells)
    return path


def _ids(path: Path) -> set[str]:
    sheet = load_workbook(path)[SHEET_ESUS]
    return {row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value}


def test_the_template_has_the_profitability_and_pay_clause_fields(filled: Path) -> None:
    ids = _ids(filled)
    for year in (2022, 2023, 2024):
        assert {
            f"esus.{year}.dividendes",
            f"esus.{year}.remuneration_concours_non_bancaires",
            f"esus.{year}.capitaux_propres",
            f"esus.{year}.concours_non_bancaires",
        } <= ids
    assert {"esus.taux_tmo", "esus.statuts.article_remuneration"} <= ids


def test_inputs_from_the_workbook(filled: Path) -> None:
    report = validate_survey([filled], REF)
    (result,) = report.files
    assert not [issue for issue in result.issues if (issue.indicator or "").startswith("esus.")]
    member = us.read_member_file(filled, REF)
    inputs = esus_inputs_from_member(member)
    assert inputs.name == "Le Fil d'Ariane"
    assert inputs.legal_form == "association"
    assert inputs.creation_date == dt.date(2001, 3, 1)
    assert inputs.departement == "31"
    assert inputs.listed_securities is False
    assert inputs.tmo_rate == D("0.035")
    assert inputs.statutes.social_object_article == "Article 2"
    assert inputs.statutes.request_date == ON
    assert [item.closing_year for item in inputs.years] == [2022, 2023, 2024]
    year = inputs.years[-1]
    assert (year.start, year.end, year.approved) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
        True,
    )
    assert year.total_operating_charges == D("100000")
    assert [a.charges for a in year.activities] == [D("70000"), D("30000")]
    assert [a.social_utility for a in year.activities] == [True, False]
    assert year.activities[0].allocation_key == "Au prorata des heures"
    first, second = year.paid_people
    assert first.role == "salarie"
    assert second.role == "dirigeant"
    assert first.gross_annual == D("48000.5")
    assert first.benefits_in_kind == D("1200")
    assert first.fte_share == D("0.8")
    assert second.months_present == D("6")
    assert year.profitability is not None
    assert year.profitability.financing_remuneration == D("1500")
    assert inputs.years[0].profitability is None
    assert inputs.objective == ()
    override = esus_inputs_from_member(member, request_date=dt.date(2025, 7, 1))
    assert override.statutes.request_date == dt.date(2025, 7, 1)


def test_checks_from_the_workbook(filled: Path) -> None:
    member = us.read_member_file(filled, REF)
    result = run_checks(esus_inputs_from_member(member), on=ON)
    statuses = {check.id: check.status for check in result.checks}
    assert statuses == {
        "ess": Status.CONFORME,
        "objectif": Status.A_COMPLETER,  # scores come from the scoring, not the sheet
        "impact": Status.CONFORME,
        "remuneration": Status.CONFORME,
        "titres": Status.CONFORME,
        "plein-droit": Status.NON_APPLICABLE,
        "statuts": Status.CONFORME,
        "duree": Status.CONFORME,
    }
    impact = result.check("impact")
    assert impact.figure("ratio-cumul").value == D("0.7")
    pay = result.check("remuneration")
    # 48 000,50 ÷ 0,8 = 60 000,625 ; 30 000 × 12 ÷ 6 = 60 000 ; mean over 2 people.
    assert pay.figure("plus-haute", 2024).value == D("60000.625")
    assert pay.figure("moyenne", 2024).value == D("60000.3125")
    assert pay.figure("nombre-retenu", 2024).value == 2
    assert pay.figure("plus-haute-avec-avantages", 2024).value == D("61500.625")
    assert result.agrement_years == 5
    assert result.file_type is not None
    assert result.file_type.id == "B1"
    assert result.organisation == "Le Fil d'Ariane"


def test_missing_cells_are_named_by_their_workbook_ids(filled: Path, tmp_path: Path) -> None:
    path = tmp_path / "incomplet.xlsx"
    path.write_bytes(filled.read_bytes())
    fill(
        path,
        {
            "esus.2022.charges_exploitation_totales": None,
            "esus.2023.remuneration.1.quotite": None,
            "esus.titres_cotes": None,
        },
    )
    member = us.read_member_file(path, REF)
    result = run_checks(esus_inputs_from_member(member), on=ON)
    assert result.check("impact").status is Status.A_COMPLETER
    assert result.check("impact").missing == ("esus.2022.charges_exploitation_totales",)
    assert result.check("remuneration").missing == ("esus.2023.remuneration.1.quotite",)
    assert result.check("titres").missing == ("esus.titres_cotes",)
    assert set(result.missing) - {"esus.statuts.article_objet_social"} <= _ids(path)


def test_objective_evidence_from_the_scores(filled: Path, tmp_path: Path) -> None:
    from tests.survey.filling import typical_filling
    from utilite_sociale.esus import objective_evidence

    path = tmp_path / "A042.xlsx"
    path.write_bytes(filled.read_bytes())
    cells, _ = typical_filling(REF)
    fill(path, cells)
    evaluation = us.score([path], REF)
    evidence = objective_evidence(evaluation.scores, "A042")
    criteria = [item.criterion for item in evidence]
    assert criteria == [
        "ess2014-1",
        "ess2014-2",
        "ess2014-3",
        "ess2019-1",
        "ess2019-2",
        "ess2019-3",
        "ess2019-4",
    ]
    by_id = {item.criterion: item for item in evidence}
    fragility = by_id["ess2019-1"]
    assert fragility.score is not None
    assert 0 <= fragility.score <= 100
    assert any("economique" in i.fragility for i in fragility.indicators)
    assert all(i.share is not None and i.share > 0 for i in fragility.indicators)
    # 4° shows its links through indicators also mapped to 1° and 3° in ess-socle.
    assert set(by_id["ess2019-4"].links) >= {"publics-vulnerables", "education-citoyennete"}
    assert by_id["ess2019-2"].links == ()
    with pytest.raises(KeyError, match="absente des scores"):
        objective_evidence(evaluation.scores, "inconnue")
    member = us.read_member_file(path, REF)
    inputs = esus_inputs_from_member(member)
    result = run_checks(dataclasses.replace(inputs, objective=evidence), on=ON)
    objective = result.check("objectif")
    assert objective.status is Status.CONFORME
    assert objective.figure("score-ess2019-1").value == fragility.score
    assert objective.table("indicateurs").rows
