"""Survey-tool exports read through a mapping file.

The export files are built by ``tests/survey/exports.py`` from each tool's documentation (or
its export code), not taken from real exports: see each builder's docstring.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import utilite_sociale as us
from utilite_sociale.survey.exports import read_survey_export

from .exports import BUILDERS, ORGANISATION, PERIODE, REFERENTIEL, ExportCase

REF = us.load_indicator_set(REFERENTIEL)


def _values(export: us.SurveyExport) -> dict[tuple[str, str, str], float]:
    found: dict[tuple[str, str, str], float] = {}
    for member in export.members:
        frame = member.tidy()
        for row in frame.itertuples():
            found[(str(row.organisation), str(row.repondant), str(row.indicateur))] = float(
                row.valeur
            )
    return found


@pytest.fixture(params=sorted(BUILDERS))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> ExportCase:
    return BUILDERS[request.param](tmp_path)


def test_every_valid_answer_is_read_with_its_value(case: ExportCase) -> None:
    export = read_survey_export(case.export, REF, mapping=case.mapping)
    assert sorted(member.key for member in export.members) == sorted(case.organisations)
    found = _values(export)
    assert found == pytest.approx(case.expected)
    for member in export.members:
        assert member.period == PERIODE
        assert member.tool is not None
        assert member.cells_read == member.cells_used + member.cells_rejected


def test_the_bad_cell_is_rejected_where_it_is(case: ExportCase) -> None:
    export = read_survey_export(case.export, REF, mapping=case.mapping)
    rejected = sorted(
        (issue.cell, issue.indicator)
        for member in export.members
        for issue in member.issues
        if issue.is_error
    )
    assert rejected == sorted(case.rejected)
    assert sum(member.cells_rejected for member in export.members) == len(case.rejected)


def test_no_personal_column_is_read(case: ExportCase) -> None:
    export = read_survey_export(case.export, REF, mapping=case.mapping)
    for member in export.members:
        frame = member.tidy()
        texts = " ".join(str(v) for v in frame.to_numpy().ravel())
        assert "@" not in texts
        assert "203.0.113" not in texts
        assert "198.51.100" not in texts
        assert set(frame["indicateur"]) <= {i.id for i in REF.respondent_indicators}


def test_google_forms_rows_without_organisation_are_rejected(tmp_path: Path) -> None:
    case = BUILDERS["google-forms"](tmp_path)
    export = read_survey_export(case.export, REF, mapping=case.mapping)
    assert export.unassigned is not None
    issues = [i for i in export.unassigned.issues if i.code == "organisation-manquante"]
    assert [i.cell for i in issues] == ["C6"]
    assert export.unassigned.cells_rejected == export.unassigned.cells_read > 0
    other = [i for m in export.members for i in m.issues if i.code == "option-inconnue"]
    assert other
    assert "Cours de français le mardi" in other[0].message
    ignored = [i for m in export.members for i in m.issues if i.code == "colonnes-ignorees"]
    assert len(ignored) == 1
    assert "disponible" in ignored[0].message
    assert "Horodateur" not in ignored[0].message


def test_validation_of_an_export_reports_per_organisation(tmp_path: Path) -> None:
    case = BUILDERS["kobotoolbox"](tmp_path)
    report = us.validate_survey([case.export], REF, mapping=case.mapping)
    assert [result.file for result in report.files] == [case.export.name]
    assert [result.member.key for result in report.files if result.member] == [ORGANISATION]
    result = report.files[0]
    assert result.status == "erreurs"
    assert [issue.cell for issue in result.errors] == [cell for cell, _ in case.rejected]
    counts = result.counts()
    assert counts["reponses_lues"] == counts["reponses_utilisees"] + counts["reponses_rejetees"]
    assert not math.isnan(float(counts["reponses_lues"]))


def test_a_wrong_mapping_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "correspondance.yaml"
    path.write_text(
        "outil: typeform\n"
        "organisation: A012\n"
        "periode: 2025\n"
        "couleur: bleu\n"
        "colonnes:\n"
        "  - colonne: Q1\n"
        "    indicateur: EQ-ECOUTE\n"
        "    choix: {a: EQ-SERV-ALIM}\n"
        "  - colonne: Q2\n"
        "    indicateur: EQ-ACCUEIL\n",
        encoding="utf-8",
    )
    with pytest.raises(us.UsageError) as caught:
        us.load_export_mapping(path)
    message = str(caught.value)
    assert "correspondance.yaml, ligne 4 : clé « couleur » inconnue" in message
    assert "correspondance.yaml, ligne 6 : donnez soit « indicateur »" in message
    assert "outil « typeform » inconnu" in message


def test_a_mapping_to_organisation_or_unknown_indicators_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "correspondance.yaml"
    path.write_text(
        "organisation: A012\n"
        "colonnes:\n"
        "  - colonne: Budget\n"
        "    indicateur: EQ-BUDGET\n"
        "  - colonne: Services\n"
        "    choix: {Aide: EQ-INCONNU, Accueil: EQ-ACCUEIL}\n",
        encoding="utf-8",
    )
    export = tmp_path / "export.csv"
    export.write_text("Budget;Services\n12;Aide\n", encoding="utf-8")
    with pytest.raises(us.UsageError) as caught:
        read_survey_export(export, REF, mapping=path)
    message = str(caught.value)
    assert "ligne 3 : « EQ-BUDGET » se renseigne pour l'organisation" in message
    assert "« EQ-INCONNU » n'est pas un indicateur du référentiel" in message
    assert "« EQ-ACCUEIL » attend « likert »" in message


def test_a_missing_column_is_reported_and_the_others_still_read(tmp_path: Path) -> None:
    mapping = tmp_path / "correspondance.yaml"
    mapping.write_text(
        "organisation: A012\n"
        "periode: '2025'\n"
        "colonnes:\n"
        "  - colonne: Nombre de visites\n"
        "    indicateur: EQ-VISITES\n"
        "  - colonne: Recommanderiez-vous\n"
        "    indicateur: EQ-RECOMMANDE\n",
        encoding="utf-8",
    )
    export = tmp_path / "export.csv"
    export.write_text("Nombre de visites;Autre question\n3;x\n12,5;y\n;\n", encoding="utf-8")
    result = read_survey_export(export, REF, mapping=mapping)
    member = result.members[0]
    codes = sorted(issue.code for issue in member.issues)
    assert codes == ["colonne-introuvable", "colonnes-ignorees"]
    frame = member.tidy()
    assert frame["valeur"].tolist() == [3.0, 12.5]
    assert frame["cellule"].tolist() == ["A2", "A3"]
    assert frame["repondant"].tolist() == ["1", "2"]


def test_options_in_one_cell() -> None:
    from utilite_sociale.survey.respondents import _split_options

    options = {"aide, conseil": None, "logement": None, "aide": None}
    found, rest = _split_options("Aide, conseil, Logement, Autre : jardin", options, ", ")  # type: ignore[arg-type]
    assert found == {"aide, conseil", "logement"}
    assert rest == ["Autre : jardin"]
    found, rest = _split_options("Aide;Logement;", options, ";")  # type: ignore[arg-type]
    assert found == {"aide", "logement"}
    assert rest == []
    found, rest = _split_options("aide logement", {"aide": None, "logement": None}, " ")  # type: ignore[arg-type]
    assert found == {"aide", "logement"}


def test_verifier_reads_an_export_with_its_mapping(tmp_path: Path) -> None:
    from utilite_sociale.cli import main

    case = BUILDERS["surveymonkey"](tmp_path)
    code = main(
        [
            "verifier",
            str(case.export),
            "-r",
            str(REFERENTIEL),
            "--correspondance",
            str(case.mapping),
        ]
    )
    assert code == 1  # the one bad cell
    broken = tmp_path / "casse.yaml"
    broken.write_text("colonnes: []\n", encoding="utf-8")
    code = main(
        ["verifier", str(case.export), "-r", str(REFERENTIEL), "--correspondance", str(broken)]
    )
    assert code == 2


def test_an_export_is_scored_per_organisation(tmp_path: Path) -> None:
    case = BUILDERS["google-forms"](tmp_path)
    result = us.score(case.export, REF, mapping=case.mapping)
    assert sorted(result.scores.campaign.keys) == ["A012", "A047"]
    values = result.scores.campaign.values.set_index(pd.Index(result.scores.campaign.keys))
    alim = [
        v for (org, _, ind), v in case.expected.items() if org == "A047" and ind == "EQ-SERV-ALIM"
    ]
    assert values.loc["A047", "EQ-SERV-ALIM"] == pytest.approx(100 * sum(alim) / len(alim))
    counts = result.scores.campaign.respondents.set_index(pd.Index(result.scores.campaign.keys))
    assert counts.loc["A047", "EQ-SERV-ALIM"] == len(alim)
    assert not result.valid  # the bad cell and the row without organisation are reported
