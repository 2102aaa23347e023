"""The dossier's charts, drawn once as PNG bytes: written to ``graphiques/`` and put in the PDFs.

* the art. 2 criteria scores (the objective's evidence);
* the share of operating charges of social-utility activities per year against the
  significant-impact threshold;
* per financial year, the mean of the best paid and the best paid against their caps.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..esus import EsusAssessment

__all__ = ["DossierChart", "dossier_charts", "image_flowable"]

_DPI = 150


@dataclass(frozen=True, slots=True)
class DossierChart:
    """A chart of the dossier: file name in ``graphiques/``, the check it proves, PNG bytes."""

    name: str
    check: str
    title: str
    png: bytes
    width_cm: float
    height_cm: float


def _number(value: object) -> float:
    """A table value as a float (NaN when it is not a number)."""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return float(value)
    return math.nan


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _criteria(assessment: EsusAssessment) -> DossierChart | None:
    from ..charts import score_bars
    from ..charts.style import new_axes

    check = assessment.check("objectif")
    try:
        records = check.table("criteres").records()
    except KeyError:
        return None
    labels = [f"{r['numero']} {r['libelle']}" for r in records]
    values = [_number(r["score"]) for r in records]
    if not records or all(math.isnan(v) for v in values):
        return None
    height = 2.2 + 1.5 * len(labels)
    figure, axes = new_axes(size=(16, height))
    score_bars(labels, values, ax=axes, label="Score de l'organisation (sur 100)", wrap=46)
    return DossierChart(
        "01-criteres-article-2",
        "objectif",
        "Scores par critère de l'article 2 de la loi ESS",
        _png(figure),
        16,
        height,
    )


def _ratios(assessment: EsusAssessment) -> DossierChart | None:
    from ..charts import coverage
    from ..charts.style import new_axes

    check = assessment.check("impact")
    try:
        records = check.table("ratios").records()
        threshold = check.figure("seuil").value
    except KeyError:
        return None
    known = [r for r in records if r["ratio"] is not None]
    if not known or not isinstance(threshold, Decimal):
        return None
    labels = [
        "Cumul" if not str(r["exercice"]).isdigit() else f"Exercice {r['exercice']}" for r in known
    ]
    shares = [min(1.0, max(0.0, _number(r["ratio"]))) for r in known]
    height = 2.4 + 1.1 * len(labels)
    figure, axes = new_axes(size=(16, height))
    coverage(
        labels,
        shares,
        threshold=float(threshold),
        ax=axes,
        threshold_label="Seuil de l'impact significatif",
    )
    return DossierChart(
        "02-part-des-charges-d-utilite-sociale",
        "impact",
        "Part des charges d'exploitation liées aux activités d'utilité sociale",
        _png(figure),
        16,
        height,
    )


def _pay(assessment: EsusAssessment) -> DossierChart | None:
    from ..charts.style import BLACK, BLUE, ORANGE, new_axes, number_formatter, style_axes

    check = assessment.check("remuneration")
    try:
        records = check.table("plafonds").records()
    except KeyError:
        return None
    rows: list[tuple[str, float, float]] = []
    for record in records:
        year = record["exercice"]
        for label, value, cap in (
            ("moyenne des plus hautes", record["moyenne"], record["plafond_moyenne"]),
            ("plus haute", record["plus_haute"], record["plafond_plus_haute"]),
        ):
            if value is not None and cap is not None:
                rows.append((f"{year} : {label}", _number(value), _number(cap)))
    if not rows:
        return None
    height = 2.6 + 0.9 * len(rows)
    figure, axes = new_axes(size=(16, height))
    style_axes(axes, grid="x")
    positions = list(range(len(rows)))
    colours = [BLUE if value <= cap else ORANGE for _, value, cap in rows]
    axes.barh(positions, [v for _, v, _ in rows], height=0.6, color=colours, zorder=2)
    half = 0.38
    for position, (_, _, limit) in zip(positions, rows, strict=True):
        axes.plot([limit, limit], [position - half, position + half], color=BLACK, linewidth=2.2)
    axes.set_yticks(positions, [label for label, _, _ in rows])
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.set_xlim(0, max(max(v for _, v, _ in rows), max(c for _, _, c in rows)) * 1.08)
    axes.xaxis.set_major_formatter(number_formatter(0))
    axes.set_xlabel("Euros bruts par an, en équivalent temps plein")
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(color=BLUE, label="Sous le plafond"),
        Patch(color=ORANGE, label="Au-dessus du plafond"),
        Line2D([], [], color=BLACK, linewidth=2.2, label="Plafond de l'exercice"),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=3)
    return DossierChart(
        "03-remunerations-et-plafonds",
        "remuneration",
        "Rémunérations en équivalent temps plein et plafonds, par exercice",
        _png(figure),
        16,
        height,
    )


def dossier_charts(assessment: EsusAssessment) -> list[DossierChart]:
    """Every chart the assessment allows (a check without figures has none)."""
    charts = [chart(assessment) for chart in (_criteria, _ratios, _pay)]
    return [chart for chart in charts if chart is not None]


def image_flowable(chart: DossierChart, *, width_cm: float | None = None) -> Any:
    """The chart's PNG as a reportlab image of its size (or scaled to ``width_cm``)."""
    from reportlab.lib.units import cm
    from reportlab.platypus import Image

    scale = 1.0 if width_cm is None else width_cm / chart.width_cm
    return Image(
        io.BytesIO(chart.png),
        width=chart.width_cm * scale * cm,
        height=chart.height_cm * scale * cm,
    )
