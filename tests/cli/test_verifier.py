"""``utilite-sociale verifier``: one line per file, then details; exit 0 or 1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import utilite_sociale as us
from tests.survey.filling import fill, typical_filling
from utilite_sociale.cli import main
from utilite_sociale.survey import write_template
from utilite_sociale.survey.validation import validate_survey

IDENTITY = {"org.code_adherent": "A042", "org.nom": "Le Fil d'Ariane", "org.periode": "2025"}


def _filled(folder: Path, ref_id: str, name: str = "retour.xlsx") -> Path:
    ref = us.load_indicator_set(ref_id)
    path = folder / name
    write_template(ref, path, today=dt.date(2026, 1, 15))
    cells, _ = typical_filling(ref)
    fill(path, {**cells, **IDENTITY})
    return path


@pytest.mark.parametrize("ref_id", us.builtin_indicator_set_ids())
def test_a_complete_template_of_every_builtin_verifies(
    ref_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _filled(tmp_path, ref_id)
    assert main(["verifier", str(path), "-r", ref_id]) == 0
    out = capsys.readouterr().out
    assert "✓ retour.xlsx — A042 (2025) : aucune erreur" in out
    assert "Aucune erreur." in out


def test_errors_exit_1_with_summary_then_details(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _filled(tmp_path, "ess-socle", "a-bon.xlsx")
    bad = _filled(tmp_path, "ess-socle", "b-faux.xlsx")
    fill(bad, {"ES-CTX-ETP": "beaucoup", "ES-FRA-03": None})
    empty = tmp_path / "c-vide.xlsx"
    empty.write_bytes(b"")
    code = main(["verifier", str(tmp_path), "-r", "ess-socle"])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("✓ a-bon.xlsx")
    assert lines[1].startswith("✗ b-faux.xlsx — A042 (2025) : 2 erreurs")
    assert lines[2].startswith("⊘ c-vide.xlsx : rejeté")
    assert lines[3].startswith("Total : 3 fichiers lus : 1 valide, 1 avec erreurs, 1 rejeté")
    assert "Détails :" in out
    assert "b-faux.xlsx Indicateurs!E2 › ES-CTX-ETP (type-invalide)" in out
    assert "(reponse-manquante)" in out
    assert good.exists()


def test_json_equals_the_library_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _filled(tmp_path, "ess-socle")
    fill(path, {"ES-EMP-01": 150})
    assert main(["verifier", str(path), "-r", "ess-socle", "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    report = validate_survey([path], us.load_indicator_set("ess-socle"))
    assert printed == json.loads(json.dumps(report.to_dict()))
    assert printed["fichiers"][0]["problemes"][0]["code"] == "hors-limites"
    assert printed["totaux"]["reponses_rejetees"] == 1


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verifier", str(tmp_path / "absent.xlsx"), "-r", "ess-socle"]) == 2
    assert "Fichier introuvable" in capsys.readouterr().err
    assert main(["verifier", str(tmp_path), "-r", "ess-socle"]) == 2
    assert "Aucun fichier à vérifier" in capsys.readouterr().err


def test_raise_for_errors_is_opt_in(tmp_path: Path) -> None:
    from utilite_sociale.survey.validation import SurveyDataError

    path = _filled(tmp_path, "ess-socle")
    fill(path, {"ES-CTX-ETP": "beaucoup"})
    report = validate_survey([path], us.load_indicator_set("ess-socle"))
    assert not report.valid
    with pytest.raises(SurveyDataError) as caught:
        report.raise_for_errors()
    assert caught.value.report is report
    assert "1 fichier lu" in str(caught.value)
