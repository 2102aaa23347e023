"""Scoring at speed: ``python benchmarks/scoring.py [--lignes N] [--tirages D]``.

1. The reference computation, fixed: 1 000 000 respondent rows × 60 Likert indicators →
   means for 500 organisations → goalpost normalisation (1–5 → 0–100) → weighted means to 6
   dimensions and the global score. Measured in the same run, each in a fresh process:
   the library (``campaign_from_respondents`` + ``score_campaign``), pandas ``groupby``,
   numpy (``bincount``), polars lazy (``pip install '.[bench]'``), and a row-wise pandas
   ``apply`` timed on 20 000 rows and extrapolated.
2. Monte Carlo: D draws (10 000 by default) of the weights × 500 organisations × 60
   indicators (``run_sensitivity``).
3. Peak memory growth of the library's run against the size of the input table.
Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ORGANISATIONS = 500
INDICATORS = 60
DIMENSIONS = 6

_CHILD = r"""
import json, sys, time
from pathlib import Path
import numpy as np
def status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0
def peak_kb():
    return status_kb("VmHWM")
def resident_kb():
    # Reset the peak to the current size (Linux: writing 5 to clear_refs), then read it.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return status_kb("VmRSS")
kind, data, n_ind, n_dim = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
loaded = np.load(data)
codes, answers = loaded["codes"], loaded["answers"]
ids = [f"Q{i:02d}" for i in range(n_ind)]
per = n_ind // n_dim
weights = np.arange(1, n_ind + 1, dtype=float) % 3 + 1.0
dimension_weights = np.arange(1, n_dim + 1, dtype=float)
import pandas as pd
if kind in ("bibliotheque", "monte-carlo"):
    import utilite_sociale as us
    ref = us.IndicatorSet.from_data({
        "id": "banc", "title": "Banc", "version": "1", "subject": "adherent",
        "min_coverage": 0,
        "dimensions": [{"id": f"d{d}", "label": f"D{d}", "weight": float(dimension_weights[d])}
                       for d in range(n_dim)],
        "indicators": [{"id": ids[i], "label": ids[i], "question": "?",
                        "dimension": f"d{i // per}", "weight": float(weights[i]),
                        "answer": {"type": "likert", "scale": "accord-5"},
                        "level": "repondant", "respondent_aggregation": "moyenne"}
                       for i in range(n_ind)]})
frame = pd.DataFrame(answers, columns=ids)
frame.insert(0, "organisation", codes.astype(str))
del answers
before = resident_kb()
start = time.perf_counter()
result = None
if kind == "bibliotheque":
    campaign = us.campaign_from_respondents(frame, ref)
    scores = us.score_campaign(campaign, ref)
    result = np.sort(scores.overall)
elif kind == "monte-carlo":
    campaign = us.campaign_from_respondents(frame, ref)
    scores = us.score_campaign(campaign, ref)
    start = time.perf_counter()
    before = resident_kb()
    drawn = us.run_sensitivity(scores, draws=int(sys.argv[5]))
    result = np.sort(scores.overall)
else:
    member = np.repeat(np.arange(n_dim), per)
    def finish(means):
        normalised = (means - 1.0) / 4.0 * 100.0
        dims = np.stack([
            (normalised[:, member == d] * weights[member == d]).sum(axis=1)
            / weights[member == d].sum() for d in range(n_dim)], axis=1)
        return np.sort(dims @ dimension_weights / dimension_weights.sum())
    if kind == "pandas-groupby":
        means = frame.groupby("organisation", sort=True)[ids].mean().to_numpy()
        result = finish(means)
    elif kind == "numpy-bincount":
        key, index = np.unique(frame["organisation"].to_numpy(), return_inverse=True)
        values = frame[ids].to_numpy()
        counts = np.bincount(index, minlength=key.size)
        sums = np.stack([np.bincount(index, weights=values[:, j], minlength=key.size)
                         for j in range(n_ind)], axis=1)
        result = finish(sums / counts[:, None])
    elif kind == "polars-lazy":
        import polars as pl
        lazy = pl.from_pandas(frame).lazy()
        means = (lazy.group_by("organisation").agg([pl.col(c).mean() for c in ids])
                 .sort("organisation").collect())
        result = finish(means.select(ids).to_numpy())
    elif kind == "pandas-apply":
        rows = 20_000
        part = frame.head(rows)
        normalised = part.apply(lambda row: (row[ids].astype(float) - 1.0) / 4.0 * 100.0, axis=1)
        normalised.insert(0, "organisation", part["organisation"])
        means = normalised.groupby("organisation")[ids].mean().to_numpy()
        dims = np.stack([means[:, member == d].mean(axis=1) for d in range(n_dim)], axis=1)
        result = dims.mean(axis=1)
elapsed = time.perf_counter() - start
after = peak_kb()
print(json.dumps({"secondes": elapsed, "memoire_ko": after - before,
                  "premier": float(result[0]) if result is not None and len(result) else None}))
"""


def _measure(kind: str, data: Path, *extra: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(data), str(INDICATORS), str(DIMENSIONS), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"erreur": 1.0, "message": last}  # type: ignore[dict-item]
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    """Build the respondent table, measure each way in a fresh process, print the figures."""
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lignes", type=int, default=1_000_000)
    parser.add_argument("--tirages", type=int, default=10_000)
    args = parser.parse_args()
    rng = np.random.default_rng(2014)
    codes = rng.integers(0, ORGANISATIONS, args.lignes)
    answers = rng.integers(1, 6, (args.lignes, INDICATORS)).astype(np.float64)
    answers[rng.random(answers.shape) < 0.05] = np.nan  # 5 % of questions left blank
    input_mb = answers.nbytes / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "repondants.npz"
        np.savez(data, codes=codes, answers=answers)
        del answers
        print(
            f"{args.lignes} réponses × {INDICATORS} indicateurs → {ORGANISATIONS} organisations "
            f"→ {DIMENSIONS} dimensions → score global (tableau d'entrée : {input_mb:.0f} Mo)"
        )
        results: dict[str, dict[str, float]] = {}
        for kind, label in (
            ("bibliotheque", "bibliothèque (campaign_from_respondents + score)"),
            ("pandas-groupby", "pandas groupby"),
            ("numpy-bincount", "numpy bincount"),
            ("polars-lazy", "polars lazy"),
            ("pandas-apply", "pandas apply ligne à ligne (20 000 lignes)"),
        ):
            figures = _measure(kind, data)
            results[kind] = figures
            if "erreur" in figures:
                print(f"  {label:<52} indisponible ({figures['message']})")  # type: ignore[str-bytes-safe]
                continue
            print(
                f"  {label:<52} {figures['secondes']:8.3f} s   mémoire "
                f"+{figures['memoire_ko'] / 1024:7.1f} Mo"
            )
        ours = results["bibliotheque"]["secondes"]
        comparators = [
            results[k]["secondes"]
            for k in ("pandas-groupby", "numpy-bincount", "polars-lazy")
            if "erreur" not in results[k]
        ]
        if comparators:
            print(f"  → {ours / min(comparators):.2f} × le temps du plus rapide des comparateurs")
        if "erreur" not in results["pandas-apply"]:
            extrapolated = results["pandas-apply"]["secondes"] * args.lignes / 20_000
            print(
                f"  → apply extrapolé à {args.lignes} lignes : {extrapolated:.0f} s, soit "
                f"{extrapolated / ours:.0f} × plus lent que la bibliothèque"
            )
        growth = results["bibliotheque"]["memoire_ko"] / 1024
        print(
            f"  → mémoire de la bibliothèque : +{growth:.0f} Mo, "
            f"{growth * 1.048576 / input_mb:.2f} × le tableau d'entrée"
        )
        carlo = _measure("monte-carlo", data, str(args.tirages))
        print(
            f"Monte Carlo : {args.tirages} tirages × {ORGANISATIONS} organisations × "
            f"{INDICATORS} indicateurs : {carlo['secondes']:.2f} s, mémoire "
            f"+{carlo['memoire_ko'] / 1024:.0f} Mo"
        )


if __name__ == "__main__":
    main()
