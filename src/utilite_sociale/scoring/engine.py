"""The scoring pipeline: denomination → imputation → treatment → normalisation → aggregation.

Pure: no file is read or written here. Same inputs, same outputs, bit for bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..errors import UsageError
from .aggregate import aggregate_lens, aggregate_tree
from .model import build_tree
from .normalise import normalise, resolve_methods
from .options import ScoringOptions, parse_aggregation

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..framework.models import IndicatorSet
    from .campaign import Campaign
    from .results import Scores

__all__ = ["score_campaign"]

#: Fewer respondents than this: the aggregate is shown « effectif insuffisant » (DESIGN §4).
MIN_RESPONDENTS = 5


def score_campaign(
    campaign: Campaign,
    indicator_set: IndicatorSet,
    *,
    options: ScoringOptions | None = None,
    min_respondents: int = MIN_RESPONDENTS,
) -> Scores:
    """Score every organisation of a campaign.

    Parameters
    ----------
    campaign
        The organisations' values (:func:`campaign_from_members`, :func:`campaign_from_table`).
    indicator_set
        The référentiel: tree, weights, normalisations, lenses.
    options
        Method choices (DESIGN §6); by default the référentiel's own.
    min_respondents
        Respondent-level aggregates over fewer respondents are flagged « effectif
        insuffisant » and not shown (they still count in the aggregates).

    Returns
    -------
    Scores
        Normalised indicators, every aggregate with its coverage, lens scores, flags.

    Raises
    ------
    UsageError
        An option that cannot apply (unknown group column, aggregation list of the wrong
        length, geometric mean meeting a value ≤ 0…).
    """
    from .results import Scores

    options = options or ScoringOptions()
    ref = indicator_set
    tree = build_tree(ref)
    steps = len(tree.steps)
    if options.aggregation is not None:
        methods = parse_aggregation(",".join(options.aggregation), steps=steps)
    else:
        methods = tuple(ref.aggregation_steps)
    if len(methods) != steps:
        raise UsageError(
            f"Le référentiel déclare {len(methods)} méthodes d'agrégation pour {steps} étapes."
        )
    indicators = [ref.indicator(indicator_id) for indicator_id in tree.indicators]
    normalisations = resolve_methods(ref, indicators, options.normalisation)
    raw = _numeric(campaign, ref, tree.indicators)
    observed = ~np.isnan(raw)
    denominate = options.denomination if options.denomination is not None else ref.denomination
    if denominate:
        raw = _denominate(raw, campaign, ref, tree.indicators)
        observed &= ~np.isnan(raw)
    blocks = period_blocks(campaign.periods)
    imputed = np.zeros(raw.shape, bool)
    if options.imputation.method != "aucune":
        from .impute import impute

        raw, imputed = impute(raw, campaign, options.imputation, blocks)
    treatment = None
    if options.treatment.method == "winsor":
        from .treat import treat_outliers

        numeric = np.array([method.name != "scores" for method in normalisations], bool)
        treated = raw.copy()
        details = []
        for rows in blocks:
            result = treat_outliers(raw[np.ix_(rows, numeric)], winmax=options.treatment.winmax)
            treated[np.ix_(rows, numeric)] = result.values
            details.append(result)
        raw, treatment = treated, details
    scale = (ref.scale.min, ref.scale.max)
    normalised = normalise(raw, normalisations, scale=scale, blocks=blocks)
    min_coverage = options.min_coverage if options.min_coverage is not None else ref.min_coverage
    levels = aggregate_tree(normalised, observed, tree, methods, min_coverage=min_coverage)
    lenses = {
        lens.lens: aggregate_lens(normalised, observed, tree, lens, min_coverage=min_coverage)
        for lens in tree.lenses
    }
    counts = np.full(raw.shape, np.nan)
    for column, indicator_id in enumerate(tree.indicators):
        if indicator_id in campaign.respondents.columns:
            counts[:, column] = campaign.respondents[indicator_id].to_numpy(dtype=np.float64)
    return Scores(
        campaign=campaign,
        indicator_set=ref,
        tree=tree,
        options=options,
        aggregation=tuple(methods),
        normalisations=tuple(normalisations),
        min_coverage=min_coverage,
        denominated=bool(denominate),
        raw=raw,
        normalised=normalised,
        observed=observed,
        imputed=imputed,
        respondent_counts=counts,
        min_respondents=min_respondents,
        levels=tuple(levels),
        lenses=lenses,
        treatment=tuple(treatment) if treatment else None,
    )


def _numeric(campaign: Campaign, ref: IndicatorSet, ids: tuple[str, ...]) -> NDArray[np.float64]:
    """Rows × scored indicators as floats; a choice is replaced by its score."""
    import pandas as pd

    out = np.full((len(campaign), len(ids)), np.nan)
    for column, indicator_id in enumerate(ids):
        if indicator_id not in campaign.values.columns:
            continue
        series = campaign.values[indicator_id]
        indicator = ref.indicator(indicator_id)
        if indicator.answer.type == "choix":
            spec = indicator.effective_normalisation()
            scores = {str(k): float(v) for k, v in ((spec.scores if spec else None) or {}).items()}
            out[:, column] = [
                scores.get(str(value), np.nan) if value is not None else np.nan
                for value in series.tolist()
            ]
        else:
            out[:, column] = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64)
    return out


def _denominate(
    raw: NDArray[np.float64], campaign: Campaign, ref: IndicatorSet, ids: tuple[str, ...]
) -> NDArray[np.float64]:
    """Divide each indicator that names a denominator by it (0 or missing → missing)."""
    import pandas as pd

    out = raw.copy()
    for column, indicator_id in enumerate(ids):
        denominator = ref.indicator(indicator_id).denominator
        if not denominator:
            continue
        if denominator in campaign.values.columns:
            source = campaign.values[denominator]
        elif denominator in campaign.groups.columns:
            source = campaign.groups[denominator]
        else:
            out[:, column] = np.nan
            continue
        divisor = pd.to_numeric(source, errors="coerce").to_numpy(dtype=np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[:, column] = np.where(divisor != 0, raw[:, column] / divisor, np.nan)
    return out


def period_blocks(periods: list[str | None]) -> list[NDArray[np.int64]]:
    """Row indices of each period (observed methods compare members of the same period)."""
    order: dict[str | None, list[int]] = {}
    for row, period in enumerate(periods):
        order.setdefault(period, []).append(row)
    return [np.asarray(rows, dtype=np.int64) for rows in order.values()]
