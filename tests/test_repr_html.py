"""Rich display in Jupyter: small, escaped, French HTML for the main result objects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

import utilite_sociale as us
from utilite_sociale import _html
from utilite_sociale.errors import Issue
from utilite_sociale.survey.validation import FileResult

REF = us.load_indicator_set("ess-socle")
SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def _visible(html: str) -> str:
    """The text a person reads: tags removed, entities and spaces left as written."""
    return re.sub(r"<[^>]+>", " ", html)


def _assert_escaped(html: str) -> None:
    assert "<script" not in html
    assert ESCAPED in html


def _table(rows: int) -> pd.DataFrame:
    """A consolidated table: ``rows`` organisations answering every scored indicator."""
    rng = np.random.default_rng(7)
    data: dict[str, object] = {"organisation": [f"M{n:03d}" for n in range(rows)]}
    data["periode"] = ["2024"] * rows
    for indicator in REF.scored_indicators:
        if indicator.answer.type in {"likert", "choix", "oui-non"}:
            continue
        data[indicator.id] = rng.uniform(0, 100, rows)
    return pd.DataFrame(data)


@pytest.fixture(scope="module")
def scores() -> us.Scores:
    result = us.score(_table(23), REF, min_coverage=0.0)
    names = [SCRIPT] + [f"Association n° {n}" for n in range(1, 23)]
    campaign = dataclasses.replace(result.scores.campaign, names=names)
    return dataclasses.replace(result.scores, campaign=campaign)


def test_scores_show_the_global_score_the_dimensions_and_twenty_rows(scores: us.Scores) -> None:
    html = scores._repr_html_()
    text = _visible(html)
    assert "Score global" in text
    assert "Rang" in text
    assert "Période" in text
    for dimension in REF.children(None):
        assert _html.text(dimension.label) in html
    assert html.count("<tr>") == 1 + 20  # header, then the first 20 rows
    assert "… et 3 autres lignes" in text
    assert "scores.wide()" in text
    _assert_escaped(html)
    # French figures: decimal comma, never a decimal point.
    first = scores.wide().iloc[0]
    shown = f"{first['global']:.1f}".replace(".", ",")
    assert shown in text
    assert not re.search(r">\d+\.\d+<", html)


def test_a_missing_score_is_a_dash_with_its_reason(scores: us.Scores) -> None:
    overall = scores.levels[-1]
    scores_nan = overall.scores.copy()
    scores_nan[0, 0] = np.nan
    insufficient = overall.insufficient.copy()
    insufficient[0, 0] = True
    level = dataclasses.replace(overall, scores=scores_nan, insufficient=insufficient)
    html = dataclasses.replace(scores, levels=(*scores.levels[:-1], level))._repr_html_()
    assert 'title="couverture insuffisante">—<' in html


def test_evaluation_shows_the_verification_then_the_scores(scores: us.Scores) -> None:
    issue = Issue(code="type-invalide", message="valeur illisible", sheet="Indicateurs")
    report = us.SurveyReport(
        "ess-socle", "1.0.0", [FileResult("a.xlsx", "a.xlsx", "erreurs", [issue])]
    )
    html = us.Evaluation(scores, report)._repr_html_()
    text = _visible(html)
    assert text.index("Vérification") < text.index("Score global")
    assert "1 erreur et 0 avertissement" in text
    assert "1 fichier lu" in text
    _assert_escaped(html)
    without = us.Evaluation(scores, None)._repr_html_()
    assert "Vérification" not in without
    assert "Score global" in without


def test_survey_report_shows_counts_and_the_first_problems_located() -> None:
    issues = [
        Issue(
            code="type-invalide",
            message=f"« {SCRIPT} » n'est pas un nombre",
            sheet="Indicateurs",
            cell="E14",
            indicator="ES-LIE-01",
        ),
        *(
            Issue(code="valeur-ajustee", message=f"avertissement {n}", severity="avertissement")
            for n in range(25)
        ),
    ]
    report = us.SurveyReport(
        "ess-socle",
        "1.0.0",
        [
            FileResult(f"{SCRIPT}.xlsx", "x", "erreurs", issues),
            FileResult("vide.xlsx", "y", "rejete", [Issue(code="aucune-reponse", message="vide")]),
        ],
    )
    html = report._repr_html_()
    text = _visible(html)
    assert "Vérification des fichiers" in text
    assert "« ess-socle »" in text
    assert "Indicateurs!E14" in text
    assert "ES-LIE-01" in text
    assert "27 problèmes (2 erreurs)" in text
    assert "… et 7 autres problèmes" in text
    assert "1 avec erreurs, 1 rejeté" in text
    _assert_escaped(html)
    # Errors come first within a file.
    assert text.index(_html.text("n'est pas un nombre")) < text.index("avertissement 0")


def test_a_valid_report_says_so() -> None:
    html = us.SurveyReport(
        "ess-socle", "1.0.0", [FileResult("a.xlsx", "a", "valide")]
    )._repr_html_()
    assert "Aucune erreur" in html
    assert "problème" not in html


def test_french_thousands_in_the_counts() -> None:
    result = FileResult("a.xlsx", "a", "valide")
    report = us.SurveyReport("ess-socle", "1.0.0", [result] * 1234)
    assert "1\u202f234" in report._repr_html_()


def test_esus_assessment_shows_each_check_with_its_status_colour() -> None:
    inputs = us.EsusInputs(
        name=SCRIPT,
        legal_form="association",
        creation_date=dt.date(2010, 3, 1),
        listed_securities=False,
    )
    assessment = us.run_checks(inputs, on=dt.date(2025, 7, 15))
    html = assessment._repr_html_()
    text = _visible(html)
    assert "Agrément ESUS" in text
    assert "15 juillet 2025" in text
    for check in assessment.checks:
        assert _html.text(check.title) in html
        assert _html.text(check.reason) in html
    for status in {check.status for check in assessment.checks}:
        assert re.search(
            rf'style="[^"]*background-color: #[0-9a-f]{{6}};[^"]*">{status.value}<', html
        )
    assert "À compléter dans le classeur" in text
    assert assessment.missing[0] in text
    _assert_escaped(html)


def test_indicator_set_shows_its_dimensions_and_counts() -> None:
    html = REF._repr_html_()
    text = _visible(html)
    assert "Référentiel « ess-socle »" in text
    assert f"Version {REF.version}" in text
    assert f"{len(REF.dimensions)} dimensions" in text
    assert f"{len(REF.indicators)} indicateurs ({len(REF.scored_indicators)} notés" in text
    for dimension in REF.dimensions:
        assert _html.text(dimension.label) in html
    data = REF.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["title"] = SCRIPT
    data["dimensions"][0]["label"] = SCRIPT
    _assert_escaped(us.IndicatorSet.from_data(data)._repr_html_())


def test_attributes_are_escaped_too() -> None:
    html = _html.table([_html.Cell("a", title='" onmouseover="x')], [["b"]])
    assert 'title="&quot; onmouseover=&quot;x"' in html
