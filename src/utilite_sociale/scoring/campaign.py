"""The data to score: one row per (organisation, period), one column per indicator.

Built from returned member files (their answers, and their respondents aggregated to the
organisation as each indicator declares), or from a consolidated table — one row per
organisation, one column per indicator id, like COINr's ``iData`` (key ``uCode``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..framework.models import Indicator, IndicatorSet
    from ..survey.reader import MemberFile

__all__ = [
    "KEY_COLUMNS",
    "Campaign",
    "campaign_from_members",
    "campaign_from_respondents",
    "campaign_from_table",
]

#: Headers accepted as the organisation key of a consolidated table, in order of preference.
KEY_COLUMNS = ("uCode", "organisation", "code_adherent", "org.code_adherent", "cle", "siren")
_PERIOD_COLUMNS = ("periode", "période", "org.periode", "Time", "annee", "année")
#: Identity fields kept as comparison groups (département, sector, legal form).
GROUP_FIELDS = {
    "org.departement": "departement",
    "org.secteur": "secteur",
    "org.forme_juridique": "forme_juridique",
}


@dataclass
class Campaign:
    """Organisations' values, ready to score.

    Attributes
    ----------
    keys, periods
        One per row: the organisation's key and the period (``None`` when unknown).
    values
        Rows × indicator ids: numbers (float) or, for choice indicators, the chosen value.
    groups
        Rows × group columns (département, sector… or a table's own group columns).
    respondents
        Rows × respondent-level indicator ids: how many respondents the value aggregates.
    key_name
        Header of the key in outputs (``uCode`` for a COINr table, else ``organisation``).
    names
        The organisations' names when known (never written in shared outputs by default).
    identifiers
        SIREN and RNA of each row when known (``{"siren": …, "rna": …}``).
    """

    keys: list[str]
    periods: list[str | None]
    values: pd.DataFrame
    groups: pd.DataFrame
    respondents: pd.DataFrame
    key_name: str = "organisation"
    names: list[str | None] = field(default_factory=list)
    identifiers: list[dict[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.keys)


def campaign_from_members(members: Sequence[MemberFile], indicator_set: IndicatorSet) -> Campaign:
    """Gather member files into a campaign.

    Respondent-level answers are aggregated to the organisation as each indicator declares
    (mean, median, or share of favourable answers in %), with the number of respondents.
    """
    import pandas as pd

    ref = indicator_set
    rows: list[dict[str, Any]] = []
    counts: list[dict[str, float]] = []
    groups: list[dict[str, Any]] = []
    for member in members:
        row: dict[str, Any] = {}
        for indicator_id, respondent, value, text, _, _ in member.answers:
            if respondent is None:
                row[indicator_id] = value if value is not None else text
        count: dict[str, float] = {}
        table = member.respondents
        if table is not None and len(table):
            for indicator in ref.respondent_indicators:
                if indicator.id in table.values:
                    aggregate, number = respondent_aggregate(
                        indicator, table.values[indicator.id], ref
                    )
                    row[indicator.id] = aggregate
                    count[indicator.id] = number
        rows.append(row)
        counts.append(count)
        group = {
            name: member.identity.get(field_id)
            for field_id, name in GROUP_FIELDS.items()
            if member.identity.get(field_id) not in (None, "")
        }
        size = size_band(member.identity.get("org.etp"))
        if size:
            group["taille"] = size
        groups.append(group)
    columns = [indicator.id for indicator in ref.indicators]
    values = pd.DataFrame(rows, columns=columns)
    return Campaign(
        keys=[member.key for member in members],
        periods=[member.period for member in members],
        values=values,
        groups=pd.DataFrame(groups),
        respondents=pd.DataFrame(counts, columns=[i.id for i in ref.respondent_indicators]),
        names=[_name(member) for member in members],
        identifiers=[
            {
                name: str(member.identity[f"org.{name}"])
                for name in ("siren", "rna")
                if member.identity.get(f"org.{name}") not in (None, "")
            }
            for member in members
        ],
    )


#: Size bands by full-time equivalents (the usual French thresholds).
SIZE_BANDS = ((10.0, "moins de 10 ETP"), (50.0, "10 à 49 ETP"), (250.0, "50 à 249 ETP"))


def size_band(fte: Any) -> str | None:
    """The size band of an organisation from its full-time equivalents (``org.etp``)."""
    try:
        value = float(fte)
    except (TypeError, ValueError):
        return None
    if math.isnan(value):
        return None
    for limit, label in SIZE_BANDS:
        if value < limit:
            return label
    return "250 ETP ou plus"


def _name(member: MemberFile) -> str | None:
    name = member.identity.get("org.nom")
    return str(name) if name not in (None, "") else None


def respondent_aggregate(
    indicator: Indicator, answers: Any, indicator_set: IndicatorSet
) -> tuple[float, float]:
    """The organisation's value of a respondent-level indicator, and its respondent count.

    ``moyenne`` and ``mediane`` are on the answer's scale (Likert 1…n, numbers);
    ``part-favorable`` is the percentage (0–100) of answers among the favourable ones.
    """
    import numpy as np

    values = np.asarray(answers, dtype=np.float64)
    values = values[~np.isnan(values)]
    number = float(values.size)
    if not values.size:
        return math.nan, 0.0
    method = indicator.aggregation
    if method == "mediane":
        return float(np.median(values)), number
    if method == "part-favorable":
        favourable = _favourable_codes(indicator, indicator_set)
        return float(100.0 * np.isin(values, favourable).sum() / values.size), number
    return float(values.mean()), number


def _favourable_codes(indicator: Indicator, ref: IndicatorSet) -> list[float]:
    """Favourable answers as the numbers the reader stores (Likert position, 1 = yes)."""
    codes = []
    labels = ref.scale_labels(indicator.answer.scale) if indicator.answer.scale else []
    for value in indicator.favourable_values:
        text = str(value).strip().lower()
        if text in {"oui", "yes", "vrai", "true"}:
            codes.append(1.0)
        elif text in {"non", "no", "faux", "false"}:
            codes.append(0.0)
        else:
            try:
                codes.append(float(text))
            except ValueError:
                lowered = [label.lower() for label in labels]
                if text in lowered:
                    codes.append(float(lowered.index(text) + 1))
    return codes


def campaign_from_table(frame: pd.DataFrame, indicator_set: IndicatorSet) -> Campaign:
    """A consolidated table: one row per organisation, one column per indicator id.

    The key is the first of :data:`KEY_COLUMNS` present (``uCode`` for COINr's ``iData``);
    a ``periode`` (or ``Time``) column gives the period; every other non-indicator column is
    kept as a comparison group (département, ``EurAsia_group``…).

    Raises
    ------
    UsageError
        No key column, or no indicator column.
    """
    import pandas as pd

    from ..errors import UsageError

    key = next((column for column in KEY_COLUMNS if column in frame.columns), None)
    if key is None:
        raise UsageError(
            "Le tableau n'a pas de colonne d'identifiant d'organisation ("
            + ", ".join(f"« {c} »" for c in KEY_COLUMNS)
            + ")."
        )
    ids = [indicator.id for indicator in indicator_set.indicators]
    present = [column for column in ids if column in frame.columns]
    if not present:
        raise UsageError(
            f"Le tableau n'a aucune colonne portant l'identifiant d'un indicateur du référentiel "
            f"« {indicator_set.id} »."
        )
    period_column = next((c for c in _PERIOD_COLUMNS if c in frame.columns), None)
    values = pd.DataFrame(index=range(len(frame)), columns=ids, dtype=object)
    for column in present:
        indicator = indicator_set.indicator(column)
        series = frame[column].reset_index(drop=True)
        if indicator.answer.type == "choix":
            values[column] = series.astype(object).where(series.notna(), None)
        else:
            values[column] = pd.to_numeric(series, errors="coerce").astype("float64")
    skip = {key, period_column, *present, "uName"}
    groups = frame[[c for c in frame.columns if c not in skip]].reset_index(drop=True)
    groups = groups.astype(object).where(groups.notna(), None)
    names: list[str | None] = [str(v) for v in frame["uName"]] if "uName" in frame.columns else []
    periods: list[str | None] = (
        [None if pd.isna(v) else _period_text(v) for v in frame[period_column]]
        if period_column
        else [None] * len(frame)
    )
    return Campaign(
        keys=[str(value) for value in frame[key]],
        periods=periods,
        values=values,
        groups=groups,
        respondents=pd.DataFrame(index=range(len(frame))),
        key_name="uCode" if key == "uCode" else "organisation",
        names=names,
    )


def _period_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def campaign_from_respondents(
    frame: pd.DataFrame,
    indicator_set: IndicatorSet,
    *,
    key: str = "organisation",
    period: str | None = None,
) -> Campaign:
    """Aggregate a respondent-level table (one row per respondent) to its organisations.

    Parameters
    ----------
    frame
        One row per respondent: the organisation key column and one numeric column per
        respondent-level indicator (Likert positions 1…n, 1/0 for yes/no, numbers).
    indicator_set
        The référentiel: each indicator's aggregation (mean, median, favourable share).
    key
        The organisation column.
    period
        A period column, if the table mixes periods.

    Returns
    -------
    Campaign
        One row per organisation (and period), with respondent counts. Vectorised: group
        sums by ``numpy.bincount`` — a million respondents take well under a second.
    """
    import numpy as np
    import pandas as pd

    from ..errors import UsageError

    if key not in frame.columns:
        raise UsageError(f"Colonne d'organisation « {key} » absente du tableau des répondants.")
    key_codes, key_values = pd.factorize(frame[key].astype(str), sort=True)
    if period:
        period_codes, period_values = pd.factorize(frame[period].astype(str), sort=True)
        codes = key_codes * len(period_values) + period_codes
    else:
        period_values = pd.Index([""])
        codes = key_codes
    present_codes = np.unique(codes)
    columns = [i for i in indicator_set.respondent_indicators if i.id in frame.columns]
    # Columns already numeric are grouped where they are (no copy of a million rows); the
    # others — text to convert, answers to turn into favourable shares — apart.
    plain = [
        i.id
        for i in columns
        if i.aggregation != "part-favorable" and pd.api.types.is_numeric_dtype(frame[i.id])
    ]
    converted = pd.DataFrame(index=frame.index)
    for indicator in columns:
        if indicator.id in plain:
            continue
        x = pd.to_numeric(frame[indicator.id], errors="coerce").to_numpy(dtype=np.float64)
        if indicator.aggregation == "part-favorable":
            favourable = np.isin(x, _favourable_codes(indicator, indicator_set))
            x = np.where(np.isnan(x), np.nan, favourable * 100.0)
        converted[indicator.id] = x
    parts = []
    for source, names in ((frame, plain), (converted, list(converted.columns))):
        if not names:
            continue
        grouped = source.groupby(codes, sort=True)[names]
        medians = [name for name in names if indicator_set.indicator(name).aggregation == "mediane"]
        aggregate = grouped.mean()
        if medians:
            aggregate[medians] = grouped.median()[medians]
        parts.append((aggregate, grouped.count()))
    order = [i.id for i in columns]
    values = pd.concat([part[0] for part in parts], axis=1).reindex(present_codes)[order]
    counts = pd.concat([part[1] for part in parts], axis=1).reindex(present_codes)[order]
    size = len(present_codes)
    keys = [str(key_values[code // len(period_values)]) for code in present_codes.tolist()]
    periods: list[str | None] = (
        [str(period_values[code % len(period_values)]) for code in present_codes.tolist()]
        if period
        else [None] * size
    )
    ids = [indicator.id for indicator in indicator_set.indicators]
    table = values.reset_index(drop=True).reindex(columns=ids)
    return Campaign(
        keys=keys,
        periods=periods,
        values=table,
        groups=pd.DataFrame(index=range(size)),
        respondents=counts.reset_index(drop=True),
    )
