"""Reading at speed: ``python benchmarks/reading.py [--lignes N]``.

1. 300 small member workbooks (a filled ``ess-socle`` template), read by
   ``read_member_file`` and by ``pandas.read_excel(sheet_name=None)`` (openpyxl engine).
2. A respondent sheet of N rows × 60 columns (100 000 by default) of Likert labels, saved as
   Excel saves it (shared strings), read by the library — the grid alone, then end to end
   with every answer parsed — and by ``pandas.read_excel`` (its default openpyxl engine).
Each measure runs in a fresh subprocess, which reports its time and peak memory growth
(VmHWM, the peak resident size of that process image). Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]

_CHILD = r"""
import json, sys, time
from pathlib import Path
def peak_kb():
    # Peak resident memory of this process image (VmHWM: unlike ru_maxrss, not inherited
    # from the parent that spawned it).
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
kind, target = sys.argv[1], Path(sys.argv[2])
before = peak_kb()
start = time.perf_counter()
cells = 0
if kind == "bibliotheque-classeurs":
    import utilite_sociale as us
    from utilite_sociale.survey import read_member_file
    ref = us.load_indicator_set("ess-socle")
    for path in sorted(target.glob("*.xlsx")):
        cells += read_member_file(path, ref).cells_read
elif kind == "pandas-classeurs":
    import pandas as pd
    for path in sorted(target.glob("*.xlsx")):
        frames = pd.read_excel(path, sheet_name=None, header=None)
        cells += sum(frame.size for frame in frames.values())
elif kind == "bibliotheque-grande-feuille":
    from utilite_sociale.survey.grid import read_grids
    _, grids = read_grids(target)
    cells = sum(grid.height * grid.width for grid in grids)
elif kind == "bibliotheque-reponses":
    import utilite_sociale as us
    from utilite_sociale.survey import read_member_file
    items = [
        {"id": f"Q{i:02d}", "label": f"Q{i}", "question": f"« Affirmation {i} »",
         "dimension": "d", "answer": {"type": "likert", "scale": "accord-5"},
         "level": "repondant",
         "mappings": {"loi-2019": {"ess2019-1": 1}, "loi-2014": {"ess2014-1": 1}}}
        for i in range(60)
    ]
    ref = us.IndicatorSet.from_data({"id": "banc", "title": "Banc", "version": "1",
        "subject": "adherent", "dimensions": [{"id": "d", "label": "D"}],
        "indicators": items})
    cells = read_member_file(target, ref).cells_used
elif kind == "pandas-grande-feuille":
    import pandas as pd
    cells = int(pd.read_excel(target, header=None).size)
elif kind == "hostile":
    import utilite_sociale as us
    from utilite_sociale._safety import ReadLimits
    from utilite_sociale.errors import InputFileError
    from utilite_sociale.survey import read_member_file
    ref = us.load_indicator_set("ess-socle")
    try:
        member = read_member_file(target, ref, limits=ReadLimits(max_rows=1000))
        cells = member.rows_read
    except InputFileError:
        cells = 0
elapsed = time.perf_counter() - start
after = peak_kb()
print(json.dumps({"secondes": elapsed, "memoire_ko": after - before, "cellules": cells}))
"""


def _measure(kind: str, target: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def _small_workbooks(folder: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.survey.filling import fill, typical_filling

    import utilite_sociale as us
    from utilite_sociale.survey import write_template

    ref = us.load_indicator_set("ess-socle")
    first = folder / "membre-000.xlsx"
    write_template(ref, first, today=dt.date(2026, 1, 15), period="2025")
    cells, _ = typical_filling(ref)
    fill(first, {**cells, "org.code_adherent": "A000"})
    for index in range(1, count):
        shutil.copy(first, folder / f"membre-{index:03d}.xlsx")


def _big_sheet(path: Path, rows: int, columns: int = 60) -> None:
    """A respondent sheet as Excel saves it: shared strings, one ``<c>`` per cell."""
    import zipfile
    from xml.sax.saxutils import escape

    labels = [
        "Pas du tout d'accord",
        "Plutôt pas d'accord",
        "Ni d'accord ni pas d'accord",
        "Plutôt d'accord",
        "Tout à fait d'accord",
    ]
    headers = ["repondant", *(f"Q{index:02d}" for index in range(columns))]
    strings = labels + headers
    index = {text: position for position, text in enumerate(strings)}
    letters = [_letter(column) for column in range(columns + 1)]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            f'"{office}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{office}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{office}.sharedStrings+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relations}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" '
            f'xmlns:r="{relations}"><sheets><sheet name="Réponses" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relations}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{relations}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}">'
            + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
            + "</sst>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
                f'<dimension ref="A1:{letters[-1]}{rows + 1}"/><sheetData>'
                '<row r="1">'.encode()
                + "".join(
                    f'<c r="{letters[c]}1" t="s"><v>{index[h]}</v></c>'
                    for c, h in enumerate(headers)
                ).encode()
                + b"</row>"
            )
            chunk: list[str] = []
            for row in range(rows):
                number = row + 2
                chunk.append(
                    f'<row r="{number}"><c r="A{number}"><v>{row + 1}</v></c>'
                    + "".join(
                        f'<c r="{letters[c + 1]}{number}" t="s"><v>{(row + c) % 5}</v></c>'
                        for c in range(columns)
                    )
                    + "</row>"
                )
                if len(chunk) == 1000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())


def _letter(column: int) -> str:
    letters = ""
    number = column + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _line(label: str, figures: dict[str, float]) -> str:
    per_cell = figures["memoire_ko"] * 1024 / max(figures["cellules"], 1)
    return (
        f"{label:<48} {figures['secondes']:8.2f} s   "
        f"mémoire +{figures['memoire_ko'] / 1024:7.1f} Mo"
        f"   ({per_cell:5.0f} octets/cellule, {int(figures['cellules'])} cellules)"
    )


def main() -> None:
    """Build the files, measure each reader in a fresh process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lignes", type=int, default=100_000)
    parser.add_argument("--classeurs", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "retours"
        folder.mkdir()
        _small_workbooks(folder, args.classeurs)
        ours = _measure("bibliotheque-classeurs", folder)
        theirs = _measure("pandas-classeurs", folder)
        print(_line(f"{args.classeurs} classeurs : read_member_file", ours))
        print(_line(f"{args.classeurs} classeurs : pandas.read_excel", theirs))
        print(f"  → {theirs['secondes'] / ours['secondes']:.1f} × plus rapide")
        big = Path(tmp) / "grande-feuille.xlsx"
        _big_sheet(big, args.lignes)
        ours = _measure("bibliotheque-grande-feuille", big)
        theirs = _measure("pandas-grande-feuille", big)
        print(_line(f"feuille {args.lignes} × 60 : read_grids (grille seule)", ours))
        print(_line(f"feuille {args.lignes} × 60 : pandas.read_excel", theirs))
        print(f"  → {theirs['secondes'] / ours['secondes']:.1f} × plus rapide")
        member = _measure("bibliotheque-reponses", big)
        print(_line(f"feuille {args.lignes} × 60 : read_member_file (réponses lues)", member))
        print(
            f"  → lecture complète {theirs['secondes'] / member['secondes']:.1f} × plus rapide "
            "que pandas.read_excel (qui ne lit que la grille)"
        )
        print("Fichiers hostiles (refus ou lecture bornée) :")
        for label, path in _hostile_files(Path(tmp)):
            figures = _measure("hostile", path)
            print(
                f"  {label:<46} {figures['secondes']:6.2f} s   mémoire "
                f"+{figures['memoire_ko'] / 1024:6.1f} Mo"
            )


def _hostile_files(folder: Path) -> list[tuple[str, Path]]:
    import zipfile

    bomb = folder / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (1024 * 1024 * 1024))
    rows = folder / "un-million-de-lignes.csv"
    with rows.open("w", encoding="utf-8") as stream:
        stream.write("id;Réponse\n")
        stream.writelines(f"ZZ-{index};{index}\n" for index in range(1_000_000))
    empty = folder / "vide.xlsx"
    empty.write_bytes(b"")
    fake = folder / "faux.xlsx"
    fake.write_bytes(b"%PDF-1.7 ceci n'est pas un classeur")
    return [
        ("bombe de décompression (1 Go déclaré)", bomb),
        ("CSV d'un million de lignes (limite 1 000)", rows),
        ("fichier vide", empty),
        ("PDF renommé en .xlsx", fake),
    ]


if __name__ == "__main__":
    main()
