"""``utilite-sociale campagne``: one run over a folder of returned files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def test_a_campaign_with_a_corrupt_file_and_another_referentiel(tmp_path: Path) -> None:
    folder = tmp_path / "retours"
    (folder / "sous-dossier").mkdir(parents=True)
    _valid(folder / "sous-dossier" / "A012.xlsx", "A012")
    (folder / "casse.xlsx").write_bytes(b"ceci n'est pas un classeur")
    other = us.load_indicator_set("bonnes-pratiques-ess")
    write_template(other, folder / "autre.xlsx", today=dt.date(2026, 1, 15), period="2025")
    fill(folder / "autre.xlsx", {"org.code_adherent": "A099"})
    output = tmp_path / "sortie"
    assert main(["campagne", str(folder), "-r", "ess-socle", "-o", str(output)]) == 1
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
