"""``utilite-sociale modele``: one workbook, or one per member."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from utilite_sociale.cli import main


def test_one_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "auto-evaluation-2025.xlsx"
    code = main(
        [
            "modele",
            "-r",
            "ess-socle",
            "-o",
            str(target),
            "--periode",
            "2025",
            "--date-limite",
            "31/03/2026",
            "--contact",
            "Karim",
            "--esus",
            "--repondants",
        ]
    )
    assert code == 0
    book = load_workbook(target)
    assert {"Finances ESUS", "Réponses"} <= set(book.sheetnames)
    assert "écrit" in capsys.readouterr().out
    # The template, filled with nothing, reads back with no answer and no error.
    member = us.read_member_file(target, us.load_indicator_set("ess-socle"))
    assert member.answers == []
    assert member.period == "2025"


def test_members_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = tmp_path / "membres.csv"
    members.write_bytes(
        "code_adherent;nom;siren;département;forme juridique;couleur\n"
        "A042;Le Fil d'Ariane;123456782;12;"
        "Association (loi 1901 ou droit local d'Alsace-Moselle);bleu\n"
        "B007;Énergies Partagées / Lauragais;;31;cooperative;vert\n"
        ";;;;;\n"
        ";;999;31;;\n".encode("cp1252")
    )
    folder = tmp_path / "envois"
    code = main(
        [
            "modele",
            "-r",
            "ess-socle",
            "--membres",
            str(members),
            "-o",
            str(folder),
            "--periode",
            "2025",
        ]
    )
    out = capsys.readouterr()
    assert code == 1  # the last row has neither code nor name: reported, the others written
    assert sorted(p.name for p in folder.iterdir()) == [
        "a042-le-fil-d-ariane.xlsx",
        "b007-energies-partagees-lauragais.xlsx",
    ]
    assert "membre-sans-identite" in out.err
    assert "couleur" in out.err
    member = us.read_member_file(
        folder / "a042-le-fil-d-ariane.xlsx", us.load_indicator_set("ess-socle")
    )
    assert member.identity["org.nom"] == "Le Fil d'Ariane"
    assert member.identity["org.forme_juridique"] == "association"
    assert (member.key, member.period) == ("A042", "2025")
    sheet = load_workbook(folder / "a042-le-fil-d-ariane.xlsx")["Organisation"]
    name_row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "org.nom")
    assert name_row[2].protection.locked is not False  # pre-filled identity is locked
    # A non-empty folder needs --ecraser.
    assert main(["modele", "-r", "ess-socle", "--membres", str(members), "-o", str(folder)]) == 2
    assert "--ecraser" in capsys.readouterr().err
    assert (
        main(
            ["modele", "-r", "ess-socle", "--membres", str(members), "-o", str(folder), "--ecraser"]
        )
        == 1
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--periode", "25"], "--periode « 25 » invalide"),
        (["--periode", "2024-2026"], "invalide"),
        (["--date-limite", "demain"], "--date-limite « demain » invalide"),
    ],
)
def test_bad_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["modele", "-r", "ess-socle", "-o", str(tmp_path / "x.xlsx"), *args])
    assert code == 2
    assert message in capsys.readouterr().err


def test_missing_option_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["modele", "-o", "x.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "Option obligatoire manquante : -r / --referentiel" in err or "--referentiel" in err
    assert "Missing" not in err
