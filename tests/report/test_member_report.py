"""The member's PDF report: pages, French figures, the law version, the campaign medians."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

import utilite_sociale as us
from tests.survey.filling import fill, typical_filling
from utilite_sociale._format import format_number
from utilite_sociale.cli import main
from utilite_sociale.report.results_workbook import campaign_medians
from utilite_sociale.survey import write_template

REF = us.load_indicator_set("ess-socle")
NAME = "Association Vivre Ensemble (fictive)"


def _workbook(path: Path, code: str, *, period: str = "2025") -> Path:
    write_template(REF, path, today=dt.date(2026, 1, 15), period=period)
    cells, _ = typical_filling(REF)
    fill(path, {**cells, "org.code_adherent": code, "org.nom": NAME})
    return path


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())  # lines joined: phrases wrap


def test_the_report_has_its_pages_and_french_figures(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "A012.xlsx", "A012")
    output = tmp_path / "rapport.pdf"
    assert main(["rapport", str(source), "-r", "ess-socle", "-o", str(output)]) == 0
    pages, text = _text(output)
    assert pages >= 5
    assert "Rapport d'utilité sociale" in text
    assert NAME in text
    assert "2025" in text
    scores = us.score(source, REF).scores
    overall = float(scores.overall[0])
    assert f"{format_number(overall, 1)} / 100" in text
    assert "," in format_number(overall, 1)  # decimal comma, as printed
    assert "loi n° 2019-486" in text  # the 2019 version of art. 2 applies to 2025
    assert "Annexe : méthode" in text
    assert "Forces et points de progrès" in text
    assert "Cibles" in text  # ess-socle's targets, with their status at the end of 2025
    assert any(status in text for status in ("atteinte", "en bonne voie", "en retard"))


def test_a_period_before_pacte_cites_the_2014_version(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "A013.xlsx", "A013", period="2017")
    output = tmp_path / "rapport-2017.pdf"
    main(["rapport", str(source), "-r", "ess-socle", "-o", str(output)])
    _, text = _text(output)
    assert "dans sa rédaction initiale" in text
    assert "loi n° 2019-486" not in text


def test_campaign_medians_are_shown(tmp_path: Path) -> None:
    folder = tmp_path / "retours"
    folder.mkdir()
    for index in range(3):
        _workbook(folder / f"A{index:03d}.xlsx", f"A{index:03d}")
    results = tmp_path / "resultats.xlsx"
    assert main(["evaluer", str(folder), "-r", "ess-socle", "-o", str(results)]) == 0
    output = tmp_path / "rapport.pdf"
    code = main(
        [
            "rapport",
            str(folder / "A000.xlsx"),
            "-r",
            "ess-socle",
            "-o",
            str(output),
            "--campagne",
            str(results),
        ]
    )
    assert code == 0
    _, text = _text(output)
    assert "Médiane de la campagne" in text


def test_usage_errors_and_rejected_files(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "A014.xlsx", "A014")
    assert main(["rapport", str(source), "-r", "ess-socle", "-o", str(tmp_path / "r.docx")]) == 2
    broken = tmp_path / "casse.xlsx"
    broken.write_bytes(b"rien")
    output = tmp_path / "r.pdf"
    assert main(["rapport", str(broken), "-r", "ess-socle", "-o", str(output)]) == 1
    assert not output.exists()
    with pytest.raises(us.UsageError):
        campaign_medians(source)  # a member workbook is not a results workbook


def test_history_gives_a_trend_page(tmp_path: Path) -> None:
    folder = tmp_path / "retours"
    folder.mkdir()
    for index in range(3):
        _workbook(folder / f"A{index:03d}-2025.xlsx", f"A{index:03d}")
    _workbook(folder / "A000-2024.xlsx", "A000", period="2024")
    results = tmp_path / "resultats.xlsx"
    assert main(["evaluer", str(folder), "-r", "ess-socle", "-o", str(results)]) == 0
    output = tmp_path / "rapport.pdf"
    source = folder / "A000-2025.xlsx"
    command = ["rapport", str(source), "-r", "ess-socle", "-o", str(output)]
    assert main([*command, "--campagne", str(results)]) == 0
    _, text = _text(output)
    assert "Évolution du score global" in text
    assert "De 2024 à 2025" in text
