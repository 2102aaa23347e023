"""Scores: normalised indicators, aggregates with coverage, lens scores — tidy and wide.

The tidy table has one row per (organisation, period, lens, group): ``organisation``,
``periode``, ``lentille`` (``arbre`` for the main tree, else the lens id), ``niveau``,
``groupe``, ``score``, ``couverture``, ``drapeaux``. Wide views put one row per organisation.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import NDArray

    from ..framework.models import IndicatorSet
    from .aggregate import Aggregated
    from .campaign import Campaign
    from .model import Tree
    from .normalise import Method
    from .options import ScoringOptions
    from .sensitivity import Sensitivity
    from .treat import Treatment

__all__ = ["TIDY_SCORE_COLUMNS", "Scores"]

TIDY_SCORE_COLUMNS = (
    "organisation",
    "periode",
    "lentille",
    "niveau",
    "groupe",
    "score",
    "couverture",
    "drapeaux",
)
#: Lens name of the main tree in the tidy table.
TREE = "arbre"


@dataclass(frozen=True)
class Scores:
    """The result of :func:`score_campaign` (rows in the campaign's order)."""

    campaign: Campaign
    indicator_set: IndicatorSet
    tree: Tree
    options: ScoringOptions
    aggregation: tuple[str, ...]
    normalisations: tuple[Method, ...]
    min_coverage: float
    denominated: bool
    raw: NDArray[np.float64]
    normalised: NDArray[np.float64]
    observed: NDArray[np.bool_]
    imputed: NDArray[np.bool_]
    respondent_counts: NDArray[np.float64]
    min_respondents: int
    levels: tuple[Aggregated, ...]
    lenses: dict[str, Aggregated]
    treatment: tuple[Treatment, ...] | None = None

    # -- values -------------------------------------------------------------------

    @property
    def overall(self) -> NDArray[np.float64]:
        """The global score of each row."""
        return self.levels[-1].scores[:, 0]

    @property
    def suppressed(self) -> NDArray[np.bool_]:
        """Respondent aggregates over too few respondents (« effectif insuffisant »)."""
        counts = self.respondent_counts
        return ~np.isnan(counts) & (counts < self.min_respondents)

    def ranks(self) -> NDArray[np.float64]:
        """Rank of the global score within each period (1 = best, ties take the lowest)."""
        scores = self.overall
        ranks = np.full(scores.shape, np.nan)
        periods = self.campaign.periods
        for period in dict.fromkeys(periods):
            rows = np.array([i for i, p in enumerate(periods) if p == period], dtype=np.int64)
            values = scores[rows]
            present = ~np.isnan(values)
            if present.any():
                higher = -values[present]
                order = np.sort(higher)
                ranks[rows[present]] = np.searchsorted(order, higher, side="left") + 1.0
        return ranks

    def shown_indicators(self) -> NDArray[np.float64]:
        """Normalised indicators, with too-small respondent aggregates hidden (NaN)."""
        return np.where(self.suppressed, np.nan, self.normalised)

    # -- tables -------------------------------------------------------------------

    def wide(self, *, with_rank: bool = True) -> pd.DataFrame:
        """One row per organisation (and period): key, indicators, every aggregate, rank.

        Rows are sorted by key then period (as COINr sorts by ``uCode``).
        """
        import pandas as pd

        campaign = self.campaign
        data: dict[str, Any] = {campaign.key_name: campaign.keys}
        period = _period_column(campaign)
        if period:
            data[period] = campaign.periods
        shown = self.shown_indicators()
        for column, code in enumerate(self.tree.indicators):
            data[code] = shown[:, column]
        coinr = campaign.key_name == "uCode"
        for level in self.levels:
            # COINr lists each level's aggregates in code order (C collation).
            columns = sorted(range(len(level.nodes)), key=lambda c: level.nodes[c])
            for column in columns if coinr else range(len(level.nodes)):
                data[level.nodes[column]] = level.scores[:, column]
        if with_rank:
            ranks = pd.array(self.ranks(), dtype="Float64").astype("Int64")
            data["Rank" if campaign.key_name == "uCode" else "rang"] = ranks
        frame = pd.DataFrame(data)
        order = sorted(
            range(len(frame)), key=lambda r: (campaign.keys[r], str(campaign.periods[r] or ""))
        )
        return frame.iloc[order].reset_index(drop=True)

    def lens_wide(self, lens: str) -> pd.DataFrame:
        """One row per organisation, one column per group of a lens (``loi-2019``…)."""
        import pandas as pd

        aggregated = self.lenses[lens]
        data: dict[str, Any] = {self.campaign.key_name: self.campaign.keys}
        period = _period_column(self.campaign)
        if period:
            data[period] = self.campaign.periods
        for column, group in enumerate(aggregated.nodes):
            data[group] = aggregated.scores[:, column]
        return pd.DataFrame(data)

    def tidy(self) -> pd.DataFrame:
        """Every score of every organisation, one row each, with coverage and flags."""
        import pandas as pd

        campaign = self.campaign
        rows: list[tuple[Any, ...]] = []
        shown = self.shown_indicators()
        suppressed = self.suppressed
        for row, key in enumerate(campaign.keys):
            period = campaign.periods[row]
            for column, code in enumerate(self.tree.indicators):
                flags = []
                if self.imputed[row, column]:
                    flags.append("impute")
                if suppressed[row, column]:
                    flags.append("effectif-insuffisant")
                answered = 1.0 if self.observed[row, column] else 0.0
                rows.append(
                    (key, period, TREE, 0, code, shown[row, column], answered, " ".join(flags))
                )
            for depth, level in enumerate(self.levels, start=1):
                for column, code in enumerate(level.nodes):
                    flags = ["couverture-insuffisante"] if level.insufficient[row, column] else []
                    rows.append(
                        (
                            key,
                            period,
                            TREE,
                            depth,
                            code,
                            level.scores[row, column],
                            level.coverage[row, column],
                            " ".join(flags),
                        )
                    )
            for lens, aggregated in self.lenses.items():
                for column, group in enumerate(aggregated.nodes):
                    flags = (
                        ["couverture-insuffisante"] if aggregated.insufficient[row, column] else []
                    )
                    rows.append(
                        (
                            key,
                            period,
                            lens,
                            1,
                            group,
                            aggregated.scores[row, column],
                            aggregated.coverage[row, column],
                            " ".join(flags),
                        )
                    )
        frame = pd.DataFrame(rows, columns=list(TIDY_SCORE_COLUMNS))
        return frame.astype({"score": "float64", "couverture": "float64", "niveau": "int64"})

    def contributions(self) -> pd.DataFrame:
        """What each indicator brings to the global score (arithmetic-mean trees).

        The contribution of indicator *i* is its score times the product, along its path,
        of its weight renormalised over the present siblings: the contributions of an
        organisation add up to its global score when every step is an arithmetic mean.
        Steps by geometric mean or minimum have no additive decomposition: ``NaN`` there.
        """
        import pandas as pd

        rows = len(self.campaign)
        share = np.ones((rows, len(self.tree.indicators)))
        scores = self.normalised
        reach = np.eye(len(self.tree.indicators))
        additive = all(method == "amean" for method in self.aggregation)
        for step, level in zip(self.tree.steps, self.levels, strict=True):
            present = ~np.isnan(scores)
            denominator = present.astype(np.float64) @ step.weights
            own = step.weights.sum(axis=1)
            parent = np.argmax(step.mask, axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                weight = np.where(present, own[None, :] / denominator[:, parent], 0.0)
            share = share * _at(np.nan_to_num(weight), reach)
            reach = reach @ step.membership
            scores = level.scores
        values = np.where(np.isnan(self.normalised), 0.0, self.normalised) * share
        if not additive:
            values = np.full(values.shape, np.nan)
        data = pd.DataFrame(values, columns=list(self.tree.indicators))
        data.insert(0, self.campaign.key_name, self.campaign.keys)
        return data

    # -- display ------------------------------------------------------------------

    def _repr_html_(self) -> str:
        """Rich display in Jupyter: global score, dimensions and rank, first rows."""
        from .. import _html

        ref = self.indicator_set
        campaign = self.campaign
        organisations = len(dict.fromkeys(campaign.keys))
        periods = [p for p in dict.fromkeys(campaign.periods) if p is not None]
        shape = _html.count(organisations, "organisation", "organisations")
        if periods:
            shape += ", " + _html.count(len(periods), "période", "périodes")
            shape += f" ({', '.join(periods)})"
        intro = _html.paragraph(
            f"Référentiel « {ref.id} », version {ref.version} — {shape}, "
            + _html.count(len(campaign), "ligne", "lignes")
            + "."
        )
        return _html.block("Scores", intro, self._html_table())

    def _html_table(self) -> str:
        """The table of :meth:`_repr_html_` (also shown by ``Evaluation``)."""
        from .. import _html

        campaign = self.campaign
        ref = self.indicator_set
        known = len(campaign.names) == len(campaign) and any(campaign.names)
        names = campaign.names if known else []
        with_period = any(period is not None for period in campaign.periods)
        shown = [(self.levels[-1], 0, "Score global", self.tree.overall)]
        if len(self.levels) > 1:
            top = self.levels[-2]
            for column, code in enumerate(top.nodes):
                try:
                    label = ref.dimension(code).label
                except KeyError:
                    label = code
                shown.append((top, column, label, code))
        headers: list[_html.Cell | str] = ["Organisation"]
        if names:
            headers.append("Nom")
        if with_period:
            headers.append("Période")
        headers += [_html.Cell(label, title=code) for _, _, label, code in shown]
        headers.append(_html.Cell("Rang", title="rang du score global dans la période"))
        order = sorted(
            range(len(campaign)),
            key=lambda r: (campaign.keys[r], str(campaign.periods[r] or "")),
        )
        ranks = self.ranks()
        rows: list[list[_html.Cell | str]] = []
        for row in order[: _html.ROW_LIMIT]:
            cells: list[_html.Cell | str] = [campaign.keys[row]]
            if names:
                cells.append(names[row] or "")
            if with_period:
                cells.append(campaign.periods[row] or "")
            for level, column, _, _ in shown:
                why = (
                    "couverture insuffisante"
                    if level.insufficient[row, column]
                    else "score non calculé"
                )
                cells.append(_html.score_cell(level.scores[row, column], missing_title=why))
            cells.append(_html.score_cell(ranks[row], 0, missing_title="sans score global"))
            rows.append(cells)
        hint = "scores.wide() pour le tableau complet, scores.tidy() pour chaque score"
        return _html.table(headers, rows) + _html.more_rows(len(order) - len(rows), hint)

    # -- files --------------------------------------------------------------------

    def to_csv(
        self, path: str | os.PathLike[str], *, sensitivity: Sensitivity | None = None
    ) -> Path:
        """Write the wide table as CSV (DESIGN §6): UTF-8, ``,``, ``.`` decimal, floats in
        their shortest round-trip form, empty = missing.

        With a :class:`Sensitivity`, four columns follow: ``score_p05``, ``score_p95``,
        ``rang_p05``, ``rang_p95`` (5th and 95th percentiles over the draws).
        """
        import csv
        import io

        from .._atomic import atomic_write_text
        from .._spreadsheet import safe_text

        frame = self.wide()
        if sensitivity is not None:
            intervals = sensitivity.intervals()
            order = {
                (key, period): row
                for row, (key, period) in enumerate(
                    zip(intervals["organisation"], intervals["periode"], strict=True)
                )
            }
            periods = (
                frame[_period_column(self.campaign)] if _period_column(self.campaign) else None
            )
            rows = [
                order[
                    (
                        key,
                        periods.iloc[i]
                        if periods is not None
                        else _only_period(self.campaign, key),
                    )
                ]
                for i, key in enumerate(frame[self.campaign.key_name])
            ]
            for column in ("score_p05", "score_p95", "rang_p05", "rang_p95"):
                frame[column] = intervals[column].to_numpy()[rows]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(frame.columns)
        for record in frame.itertuples(index=False):
            writer.writerow([_csv_value(value, safe_text) for value in record])
        return atomic_write_text(path, buffer.getvalue())

    def methods(self) -> list[tuple[str, str]]:
        """The methods and parameters used, as (French label, value) pairs."""
        options = self.options
        steps = " → ".join(self.aggregation)
        rows = [
            ("Référentiel", f"{self.indicator_set.id} {self.indicator_set.version}"),
            ("Empreinte du référentiel (SHA-256)", self.indicator_set.content_hash()),
            ("Dénomination", "oui" if self.denominated else "non"),
            ("Imputation", options.imputation.describe()),
            ("Traitement des valeurs extrêmes", options.treatment.describe()),
            (
                "Normalisation",
                options.normalisation.describe()
                if options.normalisation
                else "celle de chaque indicateur (référentiel)",
            ),
            ("Agrégation (des indicateurs vers le score global)", steps),
            ("Couverture minimale", _percent(self.min_coverage)),
            ("Effectif minimal des agrégats de répondants", str(self.min_respondents)),
        ]
        for code, method in zip(self.tree.indicators, self.normalisations, strict=True):
            rows.append((f"Normalisation de {code}", method.describe()))
        return rows

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what ``evaluer --json`` prints)."""
        frame = self.wide()
        records = [
            {key: _json_value(value) for key, value in record.items()}
            for record in frame.to_dict(orient="records")
        ]
        return {
            "referentiel": self.indicator_set.id,
            "version": self.indicator_set.version,
            "methodes": dict(self.methods()),
            "organisations": records,
        }


def _only_period(campaign: Campaign, key: str) -> str | None:
    """The period of an organisation that appears once."""
    return campaign.periods[campaign.keys.index(key)]


def _period_column(campaign: Campaign) -> str | None:
    """Header of the period column of wide tables, or ``None`` to leave it out.

    Always ``periode`` when periods are known; for a COINr table (``uCode``), ``Time`` and
    only when several periods are mixed, so that one year's output has COINr's layout.
    """
    known = {period for period in campaign.periods if period is not None}
    if not known:
        return None
    if campaign.key_name == "uCode":
        return "Time" if len(known) > 1 else None
    return "periode"


def _at(weight: NDArray[np.float64], reach: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each indicator's weight from its current ancestor (units × indicators)."""
    result: NDArray[np.float64] = weight @ reach.T
    return result


def _percent(share: float) -> str:
    from .._format import format_percent

    return format_percent(100 * share, 0 if float(100 * share).is_integer() else 1)


def _csv_value(value: Any, safe: Any) -> str:
    import pandas as pd

    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float | np.floating):
        number = float(value)
        return "" if math.isnan(number) else repr(number)
    if isinstance(value, int | np.integer):
        return str(int(value))
    return str(safe(str(value)))


def _json_value(value: Any) -> Any:
    import pandas as pd

    if value is pd.NA:
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return None if math.isnan(number) else number
    return value
