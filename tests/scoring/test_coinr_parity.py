"""COINr parity: the 11 reference variants of ``../shared/reference/coinr-asem``.

Each variant is run through the library with the method options DESIGN §6 names; every
normalised indicator, aggregate and the rank must equal COINr's at rtol 1e-9, rows joined on
``uCode``, NaN positions equal, ranks identical.
"""

from __future__ import annotations

import numpy as np
import pytest

import utilite_sociale as us
from tests.scoring.coinr import read_csv, reference_dir
from utilite_sociale.scoring.campaign import Campaign, campaign_from_table
from utilite_sociale.scoring.engine import score_campaign
from utilite_sociale.scoring.options import (
    ScoringOptions,
    parse_aggregation,
    parse_imputation,
    parse_normalisation,
    parse_treatment,
)

VARIANTS: dict[str, dict[str, str]] = {
    "minmax_amean": {},
    "minmax1to100_gmean": {"normalisation": "minmax:1,100", "agregation": "gmean"},
    "minmax1to100_amean_gmean_gmean": {
        "normalisation": "minmax:1,100",
        "agregation": "amean,gmean,gmean",
    },
    "minmax1to100_amean": {"normalisation": "minmax:1,100"},
    "zscore_amean": {"normalisation": "zscore"},
    "zscore10sd2_amean": {"normalisation": "zscore:10,2"},
    "rank_amean": {"normalisation": "rang"},
    "imputeGDPgroup_minmax_amean": {"imputation": "moyenne-groupe:GDP_group"},
    "treat_minmax_amean": {"traitement": "winsor"},
    "treatwinmax1_minmax_amean": {"traitement": "winsor:1"},
    "example_full_pipeline": {
        "denomination": "oui",
        "imputation": "moyenne-groupe:EurAsia_group",
        "traitement": "winsor",
    },
}


def options_of(choices: dict[str, str]) -> ScoringOptions:
    return ScoringOptions(
        normalisation=parse_normalisation(choices["normalisation"])
        if "normalisation" in choices
        else None,
        aggregation=parse_aggregation(choices["agregation"]) if "agregation" in choices else None,
        imputation=parse_imputation(choices.get("imputation", "aucune")),
        treatment=parse_treatment(choices.get("traitement", "aucun")),
        denomination=choices.get("denomination") == "oui" if "denomination" in choices else None,
    )


@pytest.fixture(scope="module")
def asem() -> tuple[us.IndicatorSet, Campaign]:
    ref = us.load_indicator_set(reference_dir() / "iMeta.csv")
    return ref, campaign_from_table(read_csv("iData.csv"), ref)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_matches_coinr(variant: str, asem: tuple[us.IndicatorSet, Campaign]) -> None:
    ref, campaign = asem
    expected = read_csv(f"reference_{variant}.csv")
    result = score_campaign(campaign, ref, options=options_of(VARIANTS[variant]))
    found = result.wide()
    assert found["uCode"].tolist() == expected["uCode"].tolist()
    columns = [column for column in expected.columns if column not in {"uCode", "Rank"}]
    assert set(columns) <= set(found.columns)
    for column in columns:
        np.testing.assert_allclose(
            found[column].to_numpy(float),
            expected[column].to_numpy(float),
            rtol=1e-9,
            atol=1e-9,
            equal_nan=True,
            err_msg=f"{variant} : {column}",
        )
    assert found["Rank"].astype(int).tolist() == expected["Rank"].astype(int).tolist()


def test_geometric_mean_on_zero_based_scores_is_refused(
    asem: tuple[us.IndicatorSet, Campaign],
) -> None:
    """COINr stops with « Negative or zero values found… »: so must we, never clamp."""
    ref, campaign = asem
    options = ScoringOptions(aggregation=parse_aggregation("gmean"))
    with pytest.raises(us.UsageError, match="moyenne géométrique refuse les valeurs nulles"):
        score_campaign(campaign, ref, options=options)


def test_the_imported_framework_is_coinr_s(asem: tuple[us.IndicatorSet, Campaign]) -> None:
    ref, _ = asem
    assert ref.overall == "Index"
    assert ref.denomination is False
    assert ref.min_coverage == 0.0
    assert len(ref.scored_indicators) == 49
    assert ref.aggregation_steps == ["amean", "amean", "amean"]
    assert {i.id for i in ref.indicators if i.direction == "decroissant"} == {
        "CostImpEx", "Tariff", "TBTs", "PrimEner", "CO2", "MatCon", "Forest", "Poverty",
        "Palma", "FreePress", "TolMin", "PubDebt", "PrivDebt", "NEET",
    }  # fmt: skip
