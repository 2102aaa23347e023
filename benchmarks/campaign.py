"""A federation's campaign at speed: ``python benchmarks/campaign.py [--membres N]``.

Writes N member workbooks (300 by default) of the ``uriopss-occitanie-2018-2022`` référentiel,
filled with varied answers, then runs ``utilite-sociale campagne`` on the folder end to end
(every file read, validated, scored; every member report written with its charts; the
campaign workbook and PDF) in a fresh process, on every core the command uses. Then, in one
process, the cost of one member report split into read / score / charts / PDF.
Figures only: nothing is asserted (timings never belong in tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REFERENTIEL = "uriopss-occitanie-2018-2022"
DEPARTEMENTS = ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82")
SECTEURS = ("Personnes âgées", "Handicap", "Enfance", "Insertion", "Santé")


def _answer(indicator: Any, ref: Any, draw: Any) -> Any:
    """A value a member could type for this indicator (organisation level)."""
    answer = indicator.answer
    kind = answer.type
    if indicator.level == "repondant":  # the organisation's own aggregate of its survey
        if indicator.aggregation == "part-favorable":
            return round(float(draw.uniform(20, 100)))
        size = len(ref.scale_labels(answer.scale)) if answer.scale else 5
        return round(float(draw.uniform(1, size)), 1)
    if kind == "likert":
        labels = ref.scale_labels(answer.scale or "")
        return labels[int(draw.integers(len(labels)))]
    if kind == "oui-non":
        return "Oui" if draw.random() < 0.6 else "Non"
    if kind == "choix":
        return answer.choices[int(draw.integers(len(answer.choices)))].label
    low = answer.min if answer.min is not None else 0.0
    high = answer.max if answer.max is not None else (100.0 if kind == "pourcentage" else 500.0)
    value = float(draw.uniform(low, high))
    return round(value) if kind == "effectif" else round(value, 1)


def write_members(folder: Path, count: int, *, seed: int = 2026) -> None:
    """Write ``count`` filled workbooks into ``folder`` (not timed)."""
    import numpy as np
    from openpyxl import load_workbook

    import utilite_sociale as us
    from utilite_sociale.survey import write_template

    ref = us.load_indicator_set(REFERENTIEL)
    template = folder / "modele.xlsx"
    write_template(ref, template, today=dt.date(2026, 1, 15), period="2025")
    book = load_workbook(template)
    cells: dict[str, Any] = {}
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        if "id" not in header or "Réponse" not in header:
            continue
        id_column, answer_column = header.index("id") + 1, header.index("Réponse") + 1
        for row in range(2, sheet.max_row + 1):
            item_id = sheet.cell(row=row, column=id_column).value
            if item_id:
                cells[str(item_id)] = sheet.cell(row=row, column=answer_column)
    template.unlink()
    draw = np.random.default_rng(seed)
    for number in range(count):
        values: dict[str, Any] = {
            "org.code_adherent": f"OCC-{number:03d}",
            "org.nom": f"Association exemple n° {number}",
            "org.departement": DEPARTEMENTS[number % len(DEPARTEMENTS)],
            "org.secteur": SECTEURS[number % len(SECTEURS)],
            "org.etp": round(float(draw.uniform(1, 120)), 1),
        }
        for indicator in ref.indicators:
            if indicator.id in cells and (indicator.required or draw.random() > 0.08):
                values[indicator.id] = _answer(indicator, ref, draw)
        for indicator in ref.indicators:  # a part never above its total
            total = values.get(indicator.denominator or "")
            if indicator.id in values and indicator.answer.type == "effectif" and total:
                values[indicator.id] = round(total * float(draw.uniform(0.1, 1)))
        if number % 10 == 3:  # one file in ten with a mistake to send back
            values[ref.indicators[-1].id] = "voir le rapport d'activité"
        for item_id, cell in cells.items():
            cell.value = values.get(item_id)
        cells["org.periode"].value = "2025"
        book.save(folder / f"membre-{number:03d}.xlsx")


_CHILD = r"""
import json, sys, time, os
from pathlib import Path
start = time.perf_counter()
from utilite_sociale.cli import main
code = main(["campagne", sys.argv[1], "-r", sys.argv[2], "-o", sys.argv[3], "--ecraser"])
print(json.dumps({"secondes": time.perf_counter() - start, "code": code}))
"""


def _split(folder: Path) -> dict[str, float]:
    """One member report's cost, by stage, after a warm-up (one process)."""
    import io

    import utilite_sociale as us
    from utilite_sociale.report import _raster as raster
    from utilite_sociale.report import member as member_report
    from utilite_sociale.scoring.api import read_campaign
    from utilite_sociale.scoring.engine import score_campaign
    from utilite_sociale.survey import read_member_file

    ref = us.load_indicator_set(REFERENTIEL)
    paths = sorted(folder.glob("*.xlsx"))[:20]
    start = time.perf_counter()
    for path in paths:
        read_member_file(path, ref)
    read = (time.perf_counter() - start) / len(paths)
    campaign, _ = read_campaign(paths, ref)
    start = time.perf_counter()
    scores = score_campaign(campaign, ref)
    score = (time.perf_counter() - start) / len(paths)
    medians = member_report.campaign_medians_of(scores)
    reports = [
        member_report.MemberReport(scores=scores, key=key, period=period, medians=medians[period])
        for key, period in zip(campaign.keys, campaign.periods, strict=True)
    ]
    member_report.build_member_report(reports[0])  # warm-up: imports, fonts
    charts = 0.0
    originals = {name: getattr(raster, name) for name in ("blitted_chart", "chart_flowable")}

    def timed(original: Any) -> Any:
        def chart(*args: Any, **kwargs: Any) -> Any:
            nonlocal charts
            begin = time.perf_counter()
            result = original(*args, **kwargs)
            charts += time.perf_counter() - begin
            return result

        return chart

    for name, original in originals.items():
        setattr(raster, name, timed(original))
    start = time.perf_counter()
    for item in reports:
        io.BytesIO(member_report.build_member_report(item))
    total = (time.perf_counter() - start) / len(reports)
    for name, original in originals.items():
        setattr(raster, name, original)
    charts /= len(reports)
    return {"lecture": read, "calcul": score, "graphiques": charts, "pdf": total - charts}


def main() -> None:
    """Write the campaign, run it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--membres", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="banc-campagne-"))
    try:
        folder = work / "retours"
        folder.mkdir()
        start = time.perf_counter()
        write_members(folder, args.membres)
        elapsed = time.perf_counter() - start
        print(f"{args.membres} classeurs écrits en {elapsed:.1f} s (non compté)")
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(folder), REFERENTIEL, str(work / "sortie")],
            capture_output=True,
            text=True,
            check=False,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        reports = list((work / "sortie" / "rapports").glob("*.pdf"))
        charts = sum(_count_images(path) for path in reports[:10]) / max(1, min(10, len(reports)))
        total = figures["secondes"]
        print(
            f"campagne de bout en bout : {total:.1f} s pour {len(reports)} rapports "
            f"({charts:.0f} graphiques chacun), code de sortie {figures['code']} — "
            f"objectif ≤ 60 s : {'OK' if total <= 60 else 'DÉPASSÉ'}"
        )
        print(f"soit {total / max(1, len(reports)):.3f} s par membre sur 2 cœurs")
        split = _split(folder)
        print("coût d'un membre (un cœur, après échauffement) :")
        for stage, seconds in split.items():
            print(f"  {stage:<11} {seconds * 1000:7.1f} ms")
        print(f"  {'total':<11} {sum(split.values()) * 1000:7.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _count_images(path: Path) -> int:
    from pypdf import PdfReader

    return sum(len(page.images) for page in PdfReader(path).pages)


if __name__ == "__main__":
    main()
