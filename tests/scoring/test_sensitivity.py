"""Monte Carlo over weights and methods: reproducible, collapsing without noise, refusing
alternatives that cannot run (Handbook step 7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import utilite_sociale as us
from tests.scoring.coinr import read_csv, reference_dir
from tests.scoring.test_golden import DATA, REF
from utilite_sociale.scoring.sensitivity import DEFAULT_SEED, run_sensitivity


@pytest.fixture(scope="module")
def asem() -> us.Scores:
    ref = us.load_indicator_set(reference_dir() / "iMeta.csv")
    return us.score_campaign(us.campaign_from_table(read_csv("iData.csv"), ref), ref)


def test_zero_noise_collapses_to_the_nominal_score(asem: us.Scores) -> None:
    result = run_sensitivity(asem, draws=20, noise=0.0)
    np.testing.assert_allclose(result.scores, np.broadcast_to(asem.overall, (20, 51)), rtol=1e-12)
    intervals = result.intervals()
    assert (intervals["rang_p05"] == intervals["rang"]).all()
    assert (intervals["rang_p95"] == intervals["rang"]).all()


def test_intervals_contain_the_nominal_rank_and_are_reproducible(asem: us.Scores) -> None:
    first = run_sensitivity(asem, draws=400)
    again = run_sensitivity(asem, draws=400)
    other = run_sensitivity(asem, draws=400, seed=DEFAULT_SEED + 1)
    assert np.array_equal(first.scores, again.scores)
    assert not np.array_equal(first.scores, other.scores)
    intervals = first.intervals()
    assert (intervals["rang_p05"] <= intervals["rang"]).all()
    assert (intervals["rang"] <= intervals["rang_p95"]).all()
    assert (intervals["score_p05"] <= intervals["score_p95"]).all()
    # Every draw's parameters are kept: one weight per child of each step, summing to 1
    # within each group.
    assert [w.shape for w in first.weights] == [(400, 49), (400, 8), (400, 2)]
    step = asem.tree.steps[0]
    sums = first.weights[0] @ step.membership
    np.testing.assert_allclose(sums, 1.0)
    factors = first.weights[0] / (
        step.weights.sum(axis=1) / (step.weights @ step.membership.T).sum(axis=1)
    )
    assert factors.min() > 0


def test_the_ranks_of_a_draw_are_its_scores_ranks(asem: us.Scores) -> None:
    result = run_sensitivity(asem, draws=5)
    for draw in range(5):
        expected = pd.Series(result.scores[draw]).rank(ascending=False, method="min")
        assert result.ranks[draw].tolist() == expected.tolist()


def test_alternatives_are_drawn_only_when_listed_and_refused_when_they_cannot_run(
    asem: us.Scores,
) -> None:
    plain = run_sensitivity(asem, draws=50)
    assert set(plain.normalisation.tolist()) == {0}
    assert set(plain.aggregation.tolist()) == {0}
    mixed = run_sensitivity(asem, draws=200, aggregations=("min",))
    assert set(mixed.aggregation.tolist()) == {0, 1}
    with pytest.raises(us.UsageError, match="seules bornes, minmax et cible"):
        run_sensitivity(asem, draws=10, normalisations=("zscore",))
    with pytest.raises(us.UsageError, match="moyenne géométrique refuse"):
        run_sensitivity(asem, draws=10, aggregations=("gmean",))


def test_dirichlet_draws_stay_around_the_nominal_weights() -> None:
    scores = us.score_campaign(us.campaign_from_table(DATA, REF), REF)
    result = run_sensitivity(scores, draws=300, dirichlet=200.0)
    mean = result.weights[1].mean(axis=0)
    np.testing.assert_allclose(mean, [2 / 3, 1 / 3], atol=0.02)
    assert result.intervals()["facteur_principal"].tolist()[0] == "poids"


def test_evaluer_writes_the_intervals(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    from utilite_sociale.cli import main

    folder = reference_dir()
    output = Path(str(tmp_path)) / "scores.csv"
    command = ["evaluer", str(folder / "iData.csv"), "-r", str(folder / "iMeta.csv")]
    assert main([*command, "-o", str(output), "--sensibilite", "100"]) == 0
    frame = pd.read_csv(output)
    assert list(frame.columns[-4:]) == ["score_p05", "score_p95", "rang_p05", "rang_p95"]
    assert (frame["rang_p05"] <= frame["Rank"]).all()
    assert main([*command, "--sensibilite", "0"]) == 2
