"""Normalisation: every indicator on the référentiel's scale, 100 = best (DESIGN §4).

The formulas are those of ``docs/format-referentiel.md``; the observed methods (``minmax``,
``zscore``, ``rang``) follow COINr exactly: the raw values are multiplied by −1 for a
« lower is better » indicator before the method runs, statistics ignore missing values, the
standard deviation is the sample one, ties take the lowest rank. A missing value stays
missing: normalisation never imputes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

    from ..framework.models import Indicator, IndicatorSet
    from .options import NormalisationOption

__all__ = ["Method", "normalise", "resolve_methods"]

OBSERVED = frozenset({"minmax", "zscore", "rang", "cible-observee"})


@dataclass(frozen=True)
class Method:
    """The normalisation of one indicator, resolved.

    Attributes
    ----------
    name
        ``bornes``, ``minmax``, ``zscore``, ``rang``, ``cible``, ``cible-tolerance``,
        ``cible-observee``, ``paliers``, ``likert``, ``oui-non``, ``scores`` (values already
        scores, e.g. categories mapped before).
    first, second
        Parameters: goalposts (``bornes``, ``cible``: low and target), range (``minmax``),
        mean and sd (``zscore``), target and tolerance (``cible-tolerance``).
    flip
        « Lower is better »: applied once, here.
    points
        ``likert``, ``oui-non``, ``paliers``: the (value, score) pairs.
    """

    name: str
    first: float | None = None
    second: float | None = None
    flip: bool = False
    points: tuple[tuple[float, float], ...] = ()

    def describe(self) -> str:
        """French one-line description for the methods sheet."""
        text = {
            "bornes": "bornes fixes",
            "minmax": "min–max observé",
            "zscore": "z-score",
            "rang": "rang",
            "cible": "distance à la cible",
            "cible-tolerance": "écart à une valeur idéale",
            "cible-observee": "distance à la cible (min observé)",
            "paliers": "paliers",
            "likert": "échelle de Likert",
            "oui-non": "oui / non",
            "scores": "scores par choix",
        }[self.name]
        if self.first is not None and self.second is not None:
            text += f" [{_short(self.first)} ; {_short(self.second)}]"
        if self.flip:
            text += ", sens décroissant"
        return text


def _short(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def resolve_methods(
    indicator_set: IndicatorSet,
    indicators: Sequence[Indicator],
    option: NormalisationOption | None,
) -> list[Method]:
    """The normalisation of each indicator: the option for all, else each one's own.

    Parameters
    ----------
    indicator_set
        The référentiel (its scale and Likert scales).
    indicators
        The scored indicators, in column order.
    option
        ``--normalisation``; ``None`` or ``bornes`` keep each indicator's own method.

    Raises
    ------
    UsageError
        ``cible`` asked for an indicator without target.
    """
    low, high = indicator_set.scale.min, indicator_set.scale.max
    methods = []
    for indicator in indicators:
        flip = indicator.direction == "decroissant"
        categorical = indicator.answer.type == "choix"
        if option is None or option.method == "bornes" or categorical:
            methods.append(_own(indicator_set, indicator, low, high))
        elif option.method == "minmax":
            first = option.first if option.first is not None else low
            second = option.second if option.second is not None else high
            methods.append(Method("minmax", first, second, flip))
        elif option.method == "zscore":
            methods.append(Method("zscore", option.first or 0.0, option.second or 1.0, flip))
        elif option.method == "rang":
            methods.append(Method("rang", flip=flip))
        else:
            if not indicator.targets:
                raise UsageError(
                    f"--normalisation cible : l'indicateur « {indicator.id} » n'a pas de cible."
                )
            methods.append(Method("cible-observee", None, indicator.targets[0].value, flip))
    return methods


def _own(ref: IndicatorSet, indicator: Indicator, low: float, high: float) -> Method:
    spec = indicator.effective_normalisation()
    flip = indicator.direction == "decroissant"
    if indicator.answer.type == "choix":
        return Method("scores")
    if spec is None:
        return Method("minmax", low, high, flip)
    method = spec.method
    if method == "bornes":
        return Method("bornes", spec.low, spec.high, flip)
    if method == "minmax":
        first, second = spec.range if spec.range is not None else (low, high)
        return Method("minmax", first, second, flip)
    if method == "zscore":
        return Method("zscore", spec.mean if spec.mean is not None else 0.0, spec.sd or 1.0, flip)
    if method == "rang":
        return Method("rang", flip=flip)
    if method == "cible":
        if indicator.direction == "cible":
            return Method("cible-tolerance", spec.target, spec.tolerance)
        target = spec.target
        if target is None and indicator.targets:
            target = indicator.targets[0].value
        return Method("cible", spec.low, target)
    if method == "paliers":
        bands = tuple((band.from_, band.score) for band in spec.bands or [])
        return Method("paliers", points=bands)
    if method == "likert":
        size = len(ref.scale_labels(indicator.answer.scale or "")) if indicator.answer.scale else 5
        if spec.scores:
            points = tuple(sorted((float(k), float(v)) for k, v in spec.scores.items()))
            return Method("likert", points=points)
        return Method("likert", points=((1.0, low), (float(size), high)), flip=flip)
    if method == "oui-non":
        scores = {str(k): float(v) for k, v in (spec.scores or {}).items()}
        yes, no = scores.get("oui", high), scores.get("non", low)
        explicit = bool(spec.scores)
        return Method("oui-non", points=((0.0, no), (1.0, yes)), flip=flip and not explicit)
    return Method("scores")


def normalise(
    raw: NDArray[np.float64],
    methods: Sequence[Method],
    *,
    scale: tuple[float, float] = (0.0, 100.0),
    blocks: Sequence[NDArray[np.int64]] | None = None,
) -> NDArray[np.float64]:
    """Normalise a units × indicators matrix, column by column.

    Parameters
    ----------
    raw
        Raw values (after denomination, imputation and treatment); NaN = missing.
    methods
        One per column.
    scale
        The référentiel's scale ``[m, M]``.
    blocks
        Rows compared together by the observed methods (one block per period); default:
        all rows.

    Returns
    -------
    numpy.ndarray
        The normalised matrix, NaN where the input is missing.
    """
    low, high = scale
    out = np.full(raw.shape, np.nan)
    groups = list(blocks) if blocks is not None else [np.arange(raw.shape[0])]
    for column, method in enumerate(methods):
        x = raw[:, column]
        if method.name in OBSERVED:
            for rows in groups:
                out[rows, column] = _observed(x[rows], method)
            continue
        out[:, column] = _fixed(x, method, low, high)
    return out


def _fixed(x: NDArray[np.float64], method: Method, low: float, high: float) -> NDArray[np.float64]:
    span = high - low
    with np.errstate(invalid="ignore", divide="ignore"):
        if method.name in {"bornes", "cible"}:
            first = method.first if method.first is not None else 0.0
            second = method.second if method.second is not None else 100.0
            share = np.clip((x - first) / (second - first), 0.0, 1.0)
            score = low + span * share
            if method.name == "bornes" and method.flip:
                score = low + high - score
            return score
        if method.name == "cible-tolerance":
            target = method.first if method.first is not None else 0.0
            tolerance = method.second if method.second else 1.0
            return low + span * np.maximum(0.0, 1.0 - np.abs(x - target) / tolerance)
        if method.name == "paliers":
            starts = np.array([start for start, _ in method.points])
            scores = np.array([score for _, score in method.points])
            index = np.clip(np.searchsorted(starts, x, side="right") - 1, 0, len(starts) - 1)
            return np.where(np.isnan(x), np.nan, scores[index])
        if method.name in {"likert", "oui-non"}:
            xp = np.array([value for value, _ in method.points])
            fp = np.array([score for _, score in method.points])
            score = np.where(np.isnan(x), np.nan, np.interp(x, xp, fp))
            return low + high - score if method.flip else score
    return x.astype(np.float64, copy=True)  # "scores": already on the scale


def _observed(x: NDArray[np.float64], method: Method) -> NDArray[np.float64]:
    values = -x if method.flip else x
    present = ~np.isnan(values)
    out = np.full(values.shape, np.nan)
    if not present.any():
        return out
    seen = values[present]
    if method.name == "minmax":
        lowest, highest = seen.min(), seen.max()
        if highest == lowest:
            return out  # a constant column cannot be stretched: missing, as COINr
        first = method.first if method.first is not None else 0.0
        second = method.second if method.second is not None else 100.0
        out[present] = (seen - lowest) / (highest - lowest) * (second - first) + first
        return out
    if method.name == "zscore":
        if seen.size < 2:
            return out
        sd = seen.std(ddof=1)
        if sd == 0:
            return out
        mean = method.first if method.first is not None else 0.0
        spread = method.second if method.second is not None else 1.0
        out[present] = (seen - seen.mean()) / sd * spread + mean
        return out
    if method.name == "rang":
        out[present] = _rank_min(seen)
        return out
    # cible-observee: distance to the target from the observed minimum, capped at the target.
    target = -(method.second or 0.0) if method.flip else (method.second or 0.0)
    lowest = seen.min()
    if target == lowest:
        return out
    out[present] = np.clip((seen - lowest) / (target - lowest), 0.0, 1.0) * 100.0
    return out


def _rank_min(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Ranks 1..n, ties taking the lowest rank of their group (R's ``ties.method = "min"``)."""
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]]
    starts = np.flatnonzero(first)
    group = np.cumsum(first) - 1
    ranks = np.empty(values.size)
    ranks[order] = starts[group] + 1.0
    return ranks
