"""Performance figures of utilite_sociale: ``python benchmarks/run.py``.

Prints the start-up time of ``utilite-sociale --help`` (goal ≤ 0.3 s), of the built-in
listing, and the time to load and validate the built-in référentiels.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _command(*args: str) -> Callable[[], object]:
    executable = shutil.which("utilite-sociale")
    base = [executable] if executable else [sys.executable, "-m", "utilite_sociale.cli"]

    def run() -> object:
        return subprocess.run([*base, *args], capture_output=True, check=False)

    return run


def _report(label: str, times: list[float], goal: float | None = None) -> None:
    median = statistics.median(times)
    line = f"{label:<45} médiane {median * 1000:7.1f} ms  (min {min(times) * 1000:.1f} ms)"
    if goal is not None:
        line += f"  objectif ≤ {goal * 1000:.0f} ms : {'OK' if median <= goal else 'DÉPASSÉ'}"
    print(line)


def main() -> None:
    """Run every benchmark and print the figures."""
    _report("utilite-sociale --help", _timed(_command("--help"), 15), goal=0.3)
    _report("utilite-sociale referentiels --json", _timed(_command("referentiels", "--json"), 5))

    from utilite_sociale.framework import builtin_indicator_set_ids, validate_indicator_set
    from utilite_sociale.framework.registry import _builtin_files

    for ref_id in builtin_indicator_set_ids():
        entry = _builtin_files()[ref_id]
        times = _timed(lambda path=str(entry): validate_indicator_set(path), 20)
        _report(f"lecture + validation de {ref_id}", times)
    _member_files()


def _member_files() -> None:
    """Template writing and member-file reading, per file (the campaign's unit cost)."""
    import datetime as dt
    import tempfile
    from pathlib import Path

    import utilite_sociale as us
    from utilite_sociale.survey import read_member_file, write_template

    ref = us.load_indicator_set("ess-socle")
    fixtures = Path(__file__).parents[1] / "tests" / "survey" / "data" / "libreoffice" / "ess-socle"
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "modele.xlsx"
        times = _timed(
            lambda: write_template(ref, target, esus=True, today=dt.date(2026, 1, 15)), 10
        )
        _report("écriture d'un classeur (ess-socle, --esus)", times)
    for name in ("filled.xlsx", "resaved.ods", "indicateurs-fr.csv"):
        path = fixtures / name
        _report(f"lecture d'un retour {name}", _timed(lambda p=path: read_member_file(p, ref), 20))


if __name__ == "__main__":
    main()
