"""``utilite-sociale demo``: the whole pipeline on the bundled example campaign."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from utilite_sociale.cli import main


def test_the_demo_writes_every_output_and_exits_0(tmp_path: Path) -> None:
    output = tmp_path / "demo"
    assert main(["demo", "-o", str(output)]) == 0
    assert (output / "LISEZ-MOI.md").is_file()
    assert len(list((output / "modeles-2025").glob("*.xlsx"))) == 12
    problems = (output / "verification" / "problemes.csv").read_text(encoding="utf-8-sig")
    assert "OCC-010" in problems or "occ-010" in problems  # a member with errors, on purpose
    campaign = output / "campagne"
    reports = sorted(p.name for p in (campaign / "rapports").glob("*.pdf"))
    assert len(reports) == 23  # 12 members × 2 years, one file rejected on purpose
    assert "rapport-occ-001-2024.pdf" in reports
    assert list((campaign / "a-renvoyer").glob("*.annote.xlsx"))
    periods = {
        row[1]
        for row in load_workbook(campaign / "resultats-campagne.xlsx")["Scores"].iter_rows(
            min_row=3, values_only=True
        )
    }
    assert periods == {"2023", "2024"}
    dossier = output / "dossier-esus-occ-001"
    manifest = json.loads((dossier / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["statut"] == "conforme"
    assert list(dossier.glob("dossier-esus-*.zip"))
    # A second run needs --ecraser (and the first outputs stay as they are).
    assert main(["demo", "-o", str(output)]) == 2
    assert (output / "LISEZ-MOI.md").is_file()
