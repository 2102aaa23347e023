"""``utilite-sociale evaluer``: COINr's files as they are, member files, options and outputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

import utilite_sociale as us
from tests.scoring.coinr import read_csv, reference_dir
from tests.scoring.test_coinr_parity import VARIANTS
from tests.survey.filling import fill, typical_filling
from utilite_sociale.cli import main
from utilite_sociale.survey import write_template

FLAGS = {
    "normalisation": "--normalisation",
    "agregation": "--agregation",
    "imputation": "--imputation",
    "traitement": "--traitement",
    "denomination": "--denomination",
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_cli_reproduces_every_coinr_variant(variant: str, tmp_path: Path) -> None:
    folder = reference_dir()
    output = tmp_path / "scores.csv"
    options = [part for key, value in VARIANTS[variant].items() for part in (FLAGS[key], value)]
    code = main(
        [
            "evaluer",
            str(folder / "iData.csv"),
            "-r",
            str(folder / "iMeta.csv"),
            "-o",
            str(output),
            *options,
        ]
    )
    assert code == 0
    expected = read_csv(f"reference_{variant}.csv")
    found = pd.read_csv(output, keep_default_na=False, na_values=[""])
    assert list(found.columns) == list(expected.columns)
    assert found["uCode"].tolist() == expected["uCode"].tolist()
    columns = [c for c in expected.columns if c not in {"uCode", "Rank"}]
    np.testing.assert_allclose(
        found[columns].to_numpy(float),
        expected[columns].to_numpy(float),
        rtol=1e-9,
        atol=1e-9,
        equal_nan=True,
    )
    assert found["Rank"].tolist() == expected["Rank"].tolist()


def test_variant_a_is_the_default_of_an_imeta_referentiel(tmp_path: Path) -> None:
    """The two files as they are, no option: COINr's variant a, byte layout included."""
    folder = reference_dir()
    output = tmp_path / "out.csv"
    command = ["evaluer", str(folder / "iData.csv"), "-r", str(folder / "iMeta.csv")]
    assert main([*command, "-o", str(output)]) == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    expected = (folder / "reference_minmax_amean.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == expected[0]
    assert len(lines) == len(expected)
    first, reference = lines[1].split(","), expected[1].split(",")
    assert first[0] == reference[0]  # uCode
    assert first[-1] == reference[-1]  # rank


def test_option_errors_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = reference_dir()
    base = ["evaluer", str(folder / "iData.csv"), "-r", str(folder / "iMeta.csv")]
    assert main([*base, "--agregation", "amean,gmean"]) == 2
    assert "3 étapes d'agrégation" in capsys.readouterr().err
    assert main([*base, "--agregation", "gmean"]) == 2
    assert "moyenne géométrique refuse les valeurs nulles" in capsys.readouterr().err
    assert main([*base, "--imputation", "moyenne-groupe:Region"]) == 2
    assert "EurAsia_group" in capsys.readouterr().err
    assert main([*base, "--normalisation", "minmax:100,0"]) == 2
    assert main([*base, "-o", str(tmp_path / "x.pdf")]) == 2


def _members(folder: Path, count: int) -> us.IndicatorSet:
    ref = us.load_indicator_set("ess-socle")
    for index in range(count):
        path = folder / f"membre-{index}.xlsx"
        write_template(ref, path, today=dt.date(2026, 1, 15), period="2025")
        cells, _ = typical_filling(ref)
        fill(path, {**cells, "org.code_adherent": f"A{index:03d}", "org.departement": "34"})
    return ref


def test_member_files_give_a_results_workbook_with_french_sheets(tmp_path: Path) -> None:
    folder = tmp_path / "retours"
    folder.mkdir()
    _members(folder, 3)
    (folder / "casse.xlsx").write_bytes(b"pas un classeur")
    output = tmp_path / "resultats.xlsx"
    code = main(["evaluer", str(folder), "-r", "ess-socle", "-o", str(output)])
    assert code == 1  # the broken file is reported; the results are still written
    book = load_workbook(output)
    assert book.sheetnames[:4] == ["Scores", "Dimensions", "Couverture", "Indicateurs"]
    assert "Lentille loi-2019" in book.sheetnames
    assert "Méthodes" in book.sheetnames
    assert "Problèmes" in book.sheetnames
    scores = book["Scores"]
    assert [c.value for c in scores[1]][:3] == ["Organisation", "Période", "Score global"]
    assert [c.value for c in scores[2]][:3] == ["organisation", "periode", "global"]
    keys = [scores.cell(row=r, column=1).value for r in range(3, scores.max_row + 1)]
    assert keys == ["A000", "A001", "A002"]
    rows = list(book["Problèmes"].iter_rows(min_row=2, values_only=True))
    assert [row[6] for row in rows if row[5] == "erreur"] == ["fichier-illisible"]


def test_json_output_equals_the_library_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "retours"
    folder.mkdir()
    ref = _members(folder, 2)
    assert main(["evaluer", str(folder), "-r", "ess-socle", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    result = us.score(folder, ref)
    assert printed["organisations"][0]["global"] == pytest.approx(
        float(result.scores.wide()["global"].iloc[0]), rel=0, abs=0
    )
    assert printed["methodes"]["Référentiel"] == "ess-socle 1.0.0"
