"""Regenerate the LibreOffice fixtures: ``python tests/survey/data/libreoffice/make_fixtures.py``.

For each built-in référentiel: a template filled through the ids (``filled.xlsx``), the same
file re-saved by LibreOffice Calc as ``.ods`` and ``.xlsx``, and its ``Indicateurs`` sheet
exported by LibreOffice in a French locale as a ``;``-separated cp1252 CSV; ``expected.json``
holds what must be read back. Needs ``soffice`` (Debian: libreoffice-calc-nogui).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))

from tests.survey.filling import fill, typical_filling  # noqa: E402

import utilite_sociale as us  # noqa: E402
from utilite_sociale.survey import write_template  # noqa: E402

IDENTITY = {
    "org.code_adherent": "A042",
    "org.nom": "Le Fil d'Ariane",
    "org.siren": 123456782,
    "org.rna": "W123000456",
    "org.forme_juridique": "Association (loi 1901 ou droit local d'Alsace-Moselle)",
    "org.departement": "12",
    "org.secteur": "Personnes âgées isolées",
    "org.periode": "2025",
    "org.etp": 3,
    "org.budget": 152300.5,
}
IDENTITY_EXPECTED = {
    **{key: str(value) for key, value in IDENTITY.items()},
    "org.forme_juridique": "association",
    "org.etp": 3.0,
    "org.budget": 152300.5,
}
CSV_FILTER = "csv:Text - txt - csv (StarCalc):59,34,1,1,,1036,false,true,true,false,false,3"
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
</oor:items>
"""


def soffice(profile: Path, target: str, source: Path, outdir: Path) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def main() -> None:
    if shutil.which("soffice") is None:
        raise SystemExit("soffice introuvable : apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profil"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
        for ref_id in us.builtin_indicator_set_ids():
            ref = us.load_indicator_set(ref_id)
            folder = HERE / ref_id
            folder.mkdir(exist_ok=True)
            filled = folder / "filled.xlsx"
            write_template(ref, filled, today=dt.date(2026, 1, 15), period="2025")
            cells, expected = typical_filling(ref)
            fill(filled, {**cells, **IDENTITY})
            work = Path(tmp) / ref_id
            work.mkdir()
            soffice(profile, "ods", filled, work)
            shutil.copy(work / "filled.ods", folder / "resaved.ods")
            soffice(profile, "xlsx", folder / "resaved.ods", work)
            shutil.copy(work / "resaved.xlsx", folder / "resaved.xlsx")
            soffice(profile, CSV_FILTER, filled, work)
            shutil.copy(work / "filled-Indicateurs.csv", folder / "indicateurs-fr.csv")
            (folder / "expected.json").write_text(
                json.dumps(
                    {"answers": expected, "identity": IDENTITY_EXPECTED},
                    ensure_ascii=False,
                    indent=1,
                ),
                encoding="utf-8",
            )
            print(f"{ref_id} : fixtures écrites")


if __name__ == "__main__":
    main()
