"""Comparisons that turn scores into decisions: benchmarks, trends, target attainment.

* **Benchmarks**: each organisation's percentile rank and the quartiles of its comparison
  group (the campaign, or a group column: département, sector, size band, legal form), and
  its distance to the group median. A group with fewer than 3 other members is not shown
  (« effectif insuffisant », DESIGN §4).
* **Trends**: the change of each score between two periods of the same organisation, and
  whether it exceeds the sensitivity band; a SIREN or RNA that changes under the same key is
  a warning, not a new organisation.
* **Targets**: for each indicator target with its deadline, « atteinte », « en bonne voie » or
  « en retard ».
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import WARNING, Issue, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from .results import Scores
    from .sensitivity import Sensitivity

__all__ = ["MIN_OTHER_MEMBERS", "benchmark", "target_attainment", "trends"]

#: A comparison group needs this many members besides the organisation itself.
MIN_OTHER_MEMBERS = 3


def _score_columns(scores: Scores) -> list[tuple[str, str, Any]]:
    """(lens, code, values) of every aggregate of the tree and every lens group."""
    columns: list[tuple[str, str, Any]] = []
    for level in reversed(scores.levels):
        for column, code in enumerate(level.nodes):
            columns.append(("arbre", code, level.scores[:, column]))
    for lens, aggregated in scores.lenses.items():
        for column, group in enumerate(aggregated.nodes):
            columns.append((lens, group, aggregated.scores[:, column]))
    return columns


def benchmark(
    scores: Scores, *, by: str | None = None, min_others: int = MIN_OTHER_MEMBERS
) -> pd.DataFrame:
    """Position of each organisation among comparable members, score by score.

    Parameters
    ----------
    scores
        The campaign's scores.
    by
        A group column of the campaign (``departement``, ``secteur``, ``taille``,
        ``forme_juridique``, or a table's own); ``None`` compares with the whole campaign.
        Members of different periods are never compared.
    min_others
        Fewest other members a group needs for its figures to be shown.

    Returns
    -------
    pandas.DataFrame
        One row per (organisation, period, lens, score): ``score``, ``groupe_comparaison``,
        ``effectif`` (members with a score in the group), ``centile`` (0–100, ties
        averaged), ``quartile_1``, ``mediane``, ``quartile_3``, ``ecart_mediane``,
        ``drapeaux`` (``effectif-insuffisant``).
    """
    import pandas as pd

    campaign = scores.campaign
    if by is not None and by not in campaign.groups.columns:
        known = ", ".join(f"« {c} »" for c in campaign.groups.columns) or "aucune"
        raise UsageError(f"Colonne de comparaison « {by} » inconnue (colonnes : {known}).")
    group = (
        [("campagne" if v is None else str(v)) for v in campaign.groups[by].tolist()]
        if by
        else ["campagne"] * len(campaign)
    )
    frames = []
    for lens, code, values in _score_columns(scores):
        frames.append(
            pd.DataFrame(
                {
                    "organisation": campaign.keys,
                    "periode": campaign.periods,
                    "lentille": lens,
                    "code": code,
                    "score": values,
                    "groupe_comparaison": group,
                }
            )
        )
    long = pd.concat(frames, ignore_index=True)
    long["_periode"] = long["periode"].fillna("")
    keys = ["_periode", "lentille", "code", "groupe_comparaison"]
    grouped = long.groupby(keys, sort=False)["score"]
    long["effectif"] = grouped.transform("count").astype("int64")
    long["centile"] = grouped.rank(method="average", pct=True) * 100.0
    long["quartile_1"] = grouped.transform(lambda s: s.quantile(0.25))
    long["mediane"] = grouped.transform("median")
    long["quartile_3"] = grouped.transform(lambda s: s.quantile(0.75))
    long["ecart_mediane"] = long["score"] - long["mediane"]
    small = (long["effectif"] - long["score"].notna().astype(int)) < min_others
    statistics = ["centile", "quartile_1", "mediane", "quartile_3", "ecart_mediane"]
    long.loc[small, statistics] = math.nan
    long["drapeaux"] = np.where(small, "effectif-insuffisant", "")
    return long.drop(columns=["_periode"]).reset_index(drop=True)


def trends(
    scores: Scores, *, sensitivity: Sensitivity | None = None
) -> tuple[pd.DataFrame, list[Issue]]:
    """Change of every score between consecutive periods of the same organisation.

    Parameters
    ----------
    scores
        Scores of a campaign holding several periods (keyed per DESIGN §5).
    sensitivity
        Monte Carlo results: a change of the global score is ``significative`` when it
        exceeds the half-widths of both periods' 5–95 % intervals added together.

    Returns
    -------
    trends, warnings
        One row per (organisation, period pair, lens, score): ``periode_precedente``,
        ``periode``, ``score_precedent``, ``score``, ``evolution``, ``significative``
        (``None`` without sensitivity results); and a warning for each SIREN or RNA that
        changed under the same key.
    """
    import pandas as pd

    campaign = scores.campaign
    rows: dict[str, list[int]] = {}
    for row, key in enumerate(campaign.keys):
        if campaign.periods[row] is not None:
            rows.setdefault(key, []).append(row)
    band = None
    if sensitivity is not None:
        with np.errstate(all="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                low, high = np.nanpercentile(sensitivity.scores, [5, 95], axis=0)
        band = (high - low) / 2.0
    columns = _score_columns(scores)
    records: list[dict[str, Any]] = []
    issues: list[Issue] = []
    identifiers = campaign.identifiers or [{} for _ in campaign.keys]
    for key, indices in rows.items():
        ordered = sorted(indices, key=lambda r: str(campaign.periods[r]))
        for before, after in itertools.pairwise(ordered):
            for field_id, label in (("siren", "SIREN"), ("rna", "RNA")):
                old, new = identifiers[before].get(field_id), identifiers[after].get(field_id)
                if old and new and old != new:
                    issues.append(
                        Issue(
                            code="identifiant-modifie",
                            message=f"{key} : le {label} a changé entre {campaign.periods[before]} "
                            f"({old}) et {campaign.periods[after]} ({new}) ; les deux périodes "
                            "sont comparées comme une même organisation.",
                            severity=WARNING,
                            fix="Vérifiez qu'il s'agit bien de la même organisation.",
                        )
                    )
            for lens, code, values in columns:
                change = values[after] - values[before]
                significant = None
                if band is not None and lens == "arbre" and code == scores.tree.overall:
                    limit = band[before] + band[after]
                    significant = bool(abs(change) > limit) if not math.isnan(change) else None
                records.append(
                    {
                        "organisation": key,
                        "periode_precedente": campaign.periods[before],
                        "periode": campaign.periods[after],
                        "lentille": lens,
                        "code": code,
                        "score_precedent": values[before],
                        "score": values[after],
                        "evolution": change,
                        "significative": significant,
                    }
                )
    columns_out = [
        "organisation",
        "periode_precedente",
        "periode",
        "lentille",
        "code",
        "score_precedent",
        "score",
        "evolution",
        "significative",
    ]
    return pd.DataFrame(records, columns=columns_out), issues


def target_attainment(scores: Scores, *, on: dt.date) -> pd.DataFrame:
    """Each indicator target of each organisation: reached, on track or late, on a date.

    A target is **atteinte** when the answer meets it (≥ for « higher is better », ≤ for
    « lower is better »). Otherwise it is **en retard** when its deadline has passed, or when
    the organisation has an earlier period and its progress since then is behind the
    straight line from that first value to the target at the deadline; else **en bonne
    voie**. Without an answer: **sans réponse**.

    Parameters
    ----------
    scores
        The campaign's scores (raw answers are read from its campaign).
    on
        The date of the assessment (usually the end of the period).
    """
    import pandas as pd

    ref = scores.indicator_set
    campaign = scores.campaign
    records: list[dict[str, Any]] = []
    first_seen: dict[tuple[str, str], tuple[str, float]] = {}
    order = sorted(range(len(campaign)), key=lambda r: str(campaign.periods[r] or ""))
    for indicator in ref.indicators:
        if not indicator.targets or indicator.id not in campaign.values.columns:
            continue
        values = pd.to_numeric(campaign.values[indicator.id], errors="coerce").to_numpy(float)
        for row in order:
            key, value = campaign.keys[row], values[row]
            baseline = first_seen.get((key, indicator.id))
            if not math.isnan(value) and baseline is None:
                first_seen[(key, indicator.id)] = (str(campaign.periods[row] or ""), value)
            for target in indicator.targets:
                status = _status(
                    indicator.direction,
                    value,
                    target.value,
                    target.deadline,
                    on,
                    baseline,
                    campaign.periods[row],
                )
                records.append(
                    {
                        "organisation": key,
                        "periode": campaign.periods[row],
                        "indicateur": indicator.id,
                        "libelle": indicator.label,
                        "valeur": value,
                        "cible": target.value,
                        "echeance": target.deadline,
                        "statut": status,
                    }
                )
    return pd.DataFrame(
        records,
        columns=[
            "organisation",
            "periode",
            "indicateur",
            "libelle",
            "valeur",
            "cible",
            "echeance",
            "statut",
        ],
    )


def _status(
    direction: str,
    value: float,
    target: float,
    deadline: dt.date | None,
    on: dt.date,
    baseline: tuple[str, float] | None,
    period: str | None,
) -> str:
    if math.isnan(value):
        return "sans réponse"
    sign = -1.0 if direction == "decroissant" else 1.0
    if sign * value >= sign * target:
        return "atteinte"
    if deadline is not None and on > deadline:
        return "en retard"
    if baseline is not None and deadline is not None and baseline[0] != str(period or ""):
        start_year = int(baseline[0][:4]) if baseline[0][:4].isdigit() else None
        if start_year is not None:
            start = dt.date(start_year, 12, 31)
            span = (deadline - start).days
            if span > 0:
                elapsed = min(max((on - start).days / span, 0.0), 1.0)
                expected = baseline[1] + (target - baseline[1]) * elapsed
                if sign * value < sign * expected:
                    return "en retard"
    return "en bonne voie"
