"""The ``utilite-sociale`` command line: French everywhere, exit codes per DESIGN §6."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import utilite_sociale as us
from utilite_sociale import cli
from utilite_sociale.cli import main

FAULTY = Path(__file__).parents[1] / "framework" / "data" / "erreurs.yaml"
ENGLISH = ("Usage:", "Error", "Missing option", "Show this message and exit", "Try ")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_french(text: str) -> None:
    for english in ENGLISH:
        assert english not in text, f"{english!r} in {text!r}"


def test_json_lists_builtins_equal_to_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "referentiels", "--json")
    assert code == 0
    entries = json.loads(out)
    assert isinstance(entries, list)
    by_id = {entry["id"]: entry for entry in entries}
    assert "ess-socle" in by_id
    expected = us.summarise_indicator_set(us.load_indicator_set("ess-socle"))
    assert by_id["ess-socle"] == expected
    assert expected["criteres_2019"] == ["ess2019-1", "ess2019-2", "ess2019-3", "ess2019-4"]
    assert expected["criteres_2014"] == ["ess2014-1", "ess2014-2", "ess2014-3"]


def test_listing_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "referentiels")
    assert code == 0
    assert "ess-socle" in out
    assert "adhérent" in out


def test_builtin_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "referentiels", "ess-socle")
    assert code == 0
    assert "valide" in out
    assert "1°, 2°, 3°, 4°" in out


def test_invalid_file_lists_every_problem_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "referentiels", str(FAULTY))
    assert code == 1
    assert "Traceback" not in out + err
    assert "11 erreurs" in out
    for line in (6, 12, 13, 21, 23, 24, 27, 29, 34, 40, 46):
        assert f"erreurs.yaml, ligne {line} " in out
    assert "› I3 › answer.type" in out


def test_invalid_file_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "referentiels", str(FAULTY), "--json")
    assert code == 1
    (entry,) = json.loads(out)
    report = us.validate_indicator_set(FAULTY)
    assert entry["valide"] is False
    assert entry["problemes"] == [issue.to_dict() for issue in report.issues]


def test_export_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mon-referentiel.yaml"
    code, out, _ = run(capsys, "referentiels", "ess-socle", "--exporter", str(target))
    assert code == 0
    assert us.load_indicator_set(target) == us.load_indicator_set("ess-socle")
    code, out, _ = run(capsys, "referentiels", str(target))
    assert code == 0
    assert "mon-referentiel.yaml : valide" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["referentiels", "ess-socle", "--exporter", "x.csv"],
            "Format d'export non pris en charge",
        ),
        (["referentiels", "--exporter", "x.yaml"], "exactement un référentiel"),
        (["referentiels", "inconnu"], "Référentiel « inconnu » inconnu"),
        (["referentiels", "absent.yaml"], "Fichier introuvable"),
        (["referentiels", "--jsn"], "Option inconnue : --jsn"),
        (["referentiels", "--exporter"], "L'option --exporter attend une valeur"),
        (["commande-inconnue"], "Commande inconnue : « commande-inconnue »"),
    ],
)
def test_usage_errors_exit_2_in_french(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err
    assert_french(out + err)


@pytest.mark.parametrize("args", [["--help"], ["referentiels", "--help"], ["-h"], []])
def test_help_is_french(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 0
    assert "Utilisation : utilite-sociale" in out
    assert "Afficher cette aide et quitter." in out
    assert_french(out + err)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"utilite-sociale {us.__version__}")


def test_internal_error_exit_3_without_traceback_unless_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import utilite_sociale.commands.referentiels as command

    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(command, "run_referentiels", boom)
    code, _, err = run(capsys, "referentiels")
    assert code == 3
    assert "erreur interne" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "referentiels", "--debug")
    assert code == 3
    assert "Traceback" in err
    assert "panne simulée" in err


def test_entry_point_runs_and_help_imports_nothing_heavy() -> None:
    """``--help`` must not import pydantic, PyYAML or the library's engine (fast start)."""
    script = (
        "import sys\n"
        "from utilite_sociale.cli import main\n"
        "code = main(['--help'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'pydantic', 'yaml'}"
        " or m.startswith('utilite_sociale.framework'))\n"
        "print('HEAVY', heavy, code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("HEAVY [] 0")
    assert cli.EXIT_USAGE == 2


@pytest.mark.parametrize(
    ("english", "french"),
    [
        (
            "Missing option '--referentiel' / '-r'.",
            "Option obligatoire manquante : --referentiel / -r.",
        ),
        ("Missing argument 'FICHIER...'.", "Argument obligatoire manquant : FICHIER...."),
        (
            "No such option: --jsn Did you mean --json?",
            "Option inconnue : --jsn. Vouliez-vous dire --json ?",
        ),
        ("Got unexpected extra argument (x)", "Argument en trop : x."),
        (
            "Invalid value for '--seuil': 'abc' is not a valid float.",
            "Valeur invalide pour --seuil : « abc » n'est pas un nombre.",
        ),
        ("Option '--date' requires an argument.", "L'option --date attend une valeur."),
        ("Something nobody anticipated", "Commande ou options incorrectes."),
    ],
)
def test_usage_error_translation(english: str, french: str) -> None:
    from utilite_sociale._cli_fr import translate_usage_error

    assert translate_usage_error(english) == french
