"""``utilite-sociale campagne``: one run over a folder of returned files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import utilite_sociale as us
from tests.survey.filling import fill, typical_filling
from utilite_sociale.cli import main
from utilite_sociale.survey import write_template


def _valid(path: Path, code: str) -> None:
    ref = us.load_indicator_set("ess-socle")
    write_template(ref, path, today=dt.date(2026, 1, 15), period="2025")
    cells, _ = typical_filling(ref)
    fill(path, {**cells, "org.code_adherent": code, "org.departement": "34"})


def test_a_campaign_with_a_corrupt_file_and_another_referentiel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "retours"
    (folder / "sous-dossier").mkdir(parents=True)
    _valid(folder / "sous-dossier" / "A012.xlsx", "A012")
    (folder / "casse.xlsx").write_bytes(b"ceci n'est pas un classeur")
    other = us.load_indicator_set("bonnes-pratiques-ess")
    write_template(other, folder / "autre.xlsx", today=dt.date(2026, 1, 15), period="2025")
    fill(folder / "autre.xlsx", {"org.code_adherent": "A099"})
    output = tmp_path / "sortie"
    assert main(["campagne", str(folder), "-r", "ess-socle", "-o", str(output)]) == 1
    printed = capsys.readouterr().out
    assert "Fichiers lus : 3 = 1 évalué(s) + 2 rejeté(s)." in printed  # read = scored + rejected
    assert "casse.xlsx" in printed
    assert "autre.xlsx" in printed
    reports = sorted(p.name for p in (output / "rapports").iterdir())
    assert reports == ["rapport-a012-2025.pdf"]
    member = output / "rapports" / "rapport-a012-2025.pdf"
    text = "".join(page.extract_text() for page in PdfReader(member).pages)
    assert "Médiane de la campagne" in text  # the campaign's medians reach member reports
    assert b"ASCII85Decode" not in member.read_bytes()  # binary streams: smaller, faster
    assert len(PdfReader(output / "rapport-campagne.pdf").pages) >= 4
    book = load_workbook(output / "resultats-campagne.xlsx")
    keys = [row[0] for row in book["Scores"].iter_rows(min_row=3, values_only=True)]
    assert keys == ["A012"]
    comparisons = list(book["Comparaisons"].iter_rows(min_row=3, values_only=True))
    assert {row[0] for row in comparisons} == {"A012"}
    assert {row[4] for row in comparisons} == {"campagne", "département"}
    problems = [
        (row[0], row[6])
        for row in book["Problèmes"].iter_rows(min_row=2, values_only=True)
        if row[5] == "erreur"
    ]
    assert ("casse.xlsx", "fichier-illisible") in problems
    assert ("autre.xlsx", "autre-referentiel") in problems
    # A non-empty output folder needs --ecraser.
    assert main(["campagne", str(folder), "-r", "ess-socle", "-o", str(output)]) == 2
    command = ["campagne", str(folder), "-r", "ess-socle", "-o", str(output), "--ecraser"]
    assert main(command) == 1


def test_a_large_campaign_is_shown_by_departement_and_law_criteria() -> None:
    import io

    import numpy as np
    import pandas as pd

    from utilite_sociale.report.campaign import MAX_HEATMAP_MEMBERS, build_campaign_report
    from utilite_sociale.survey.validation import SurveyReport

    ref = us.load_indicator_set("ess-socle")
    count = MAX_HEATMAP_MEMBERS + 5
    draw = np.random.default_rng(3)
    numeric = [i for i in ref.indicators if i.answer.type in {"pourcentage", "oui-non"}]
    frame = pd.DataFrame(
        {
            "organisation": [f"M{i:03d}" for i in range(count)],
            "departement": ["34"] * (count - 2) + ["48"] * 2,
            **{
                i.id: draw.uniform(0, 100 if i.answer.type == "pourcentage" else 1, count).round()
                for i in numeric
            },
        }
    )
    scores = us.score_campaign(us.campaign_from_table(frame, ref), ref)
    pdf = build_campaign_report(scores, SurveyReport(ref.id, ref.version), generated=None)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Départements × dimensions" in text
    assert "Membres × dimensions" not in text  # 45 rows would not be readable
    # the heat map's rows (in the picture): one per département, small ones left blank
    from utilite_sociale.report.campaign import _by_departement

    medians, _, _ = _by_departement(scores, scores.levels[-2], {})
    assert list(medians.index) == [f"34 ({count - 2} membres)", "48 (2 membres)"]
    assert medians.iloc[1].isna().all()
    assert medians.iloc[0].notna().any()
    assert "Critères d'utilité sociale" in text  # the law's criteria, distribution and table
    assert "1er quartile" in text
