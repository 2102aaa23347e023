"""The federation's campaign report: overview, distributions, heatmap, groups, follow-up."""

from __future__ import annotations

import datetime as dt
import io
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .member import NBSP, _chart, _escape, _n, _pc, _styles, _table

if TYPE_CHECKING:
    from ..scoring.results import Scores
    from ..survey.validation import SurveyReport

__all__ = ["build_campaign_report", "write_campaign_report"]

#: A member whose global coverage is under this share is listed for follow-up.
LOW_COVERAGE = 0.75
#: Group columns described in the report, when the members filled them.
GROUPS = (("departement", "département"), ("secteur", "secteur"), ("taille", "taille"))


def build_campaign_report(
    scores: Scores,
    report: SurveyReport,
    *,
    title: str | None = None,
    generated: dt.date | None = None,
) -> bytes:
    """Lay out the campaign report and return the PDF's bytes."""
    import numpy as np
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    from .fonts import BODY

    styles = _styles()
    ref = scores.indicator_set
    campaign = scores.campaign
    day = generated or dt.date.today()
    counts = report.counts()
    periods = sorted({p for p in campaign.periods if p})
    story: list[Any] = [
        Spacer(1, 2.5 * cm),
        Paragraph(_escape(title or "Campagne d'auto-évaluation"), styles["title"]),
        Spacer(1, 0.3 * cm),
        Paragraph(
            f"Référentiel « {_escape(ref.title)} » (version {_escape(ref.version)})"
            + (f" — période {_escape(', '.join(periods))}" if periods else ""),
            styles["subtitle"],
        ),
        Paragraph(f"Rapport établi le {day.strftime('%d/%m/%Y')}.", styles["body"]),
        Spacer(1, 0.8 * cm),
        Paragraph("Vue d'ensemble", styles["h1"]),
    ]
    overall = scores.overall
    present = overall[~np.isnan(overall)]
    rows = [
        ["Chiffre", "Valeur"],
        ["Fichiers lus", str(counts["fichiers_lus"])],
        ["Fichiers évalués", str(counts["fichiers_lus"] - counts["fichiers_rejetes"])],
        ["Fichiers rejetés", str(counts["fichiers_rejetes"])],
        ["Membres avec un score global", str(present.size)],
    ]
    if present.size:
        low, median, high = np.percentile(present, [25, 50, 75])
        rows += [
            ["Score global médian", f"{_n(median)} / 100"],
            ["Quartiles du score global", f"{_n(low)} – {_n(high)}"],
        ]
    story.append(_table(rows, [9 * cm, 6 * cm], styles))
    story.append(PageBreak())
    # -- distributions per dimension -------------------------------------------------------
    labels = {d.id: d.label for d in ref.dimensions}
    level = scores.levels[-2] if len(scores.levels) > 1 else scores.levels[-1]
    by_dimension = {
        labels.get(code, code): [v for v in level.scores[:, i] if not math.isnan(v)]
        for i, code in enumerate(level.nodes)
    }
    if any(by_dimension.values()):
        from ..charts import distribution

        def draw_distribution(ax: Any) -> None:
            distribution(by_dimension, ax=ax)

        story.append(Paragraph("Répartition des membres par dimension", styles["h1"]))
        story.append(_chart(draw_distribution, width_cm=16, height_cm=2 + 1.6 * len(by_dimension)))
        story.append(PageBreak())
    # -- heatmap ---------------------------------------------------------------------------------
    import pandas as pd

    frame = pd.DataFrame(
        level.scores,
        index=[
            f"{k} ({p})" if len(periods) > 1 and p else k
            for k, p in zip(campaign.keys, campaign.periods, strict=True)
        ],
        columns=[labels.get(code, code) for code in level.nodes],
    ).sort_index()
    if len(frame):
        from ..charts import heatmap

        def draw_heatmap(ax: Any) -> None:
            heatmap(frame, ax=ax)

        story.append(Paragraph("Membres × dimensions", styles["h1"]))
        height = min(10 + 0.5 * len(frame), 23)
        story.append(_chart(draw_heatmap, width_cm=17, height_cm=height))
        story.append(PageBreak())
    # -- groups ------------------------------------------------------------------------------------
    story.append(Paragraph("Par territoire, secteur et taille", styles["h1"]))
    described = False
    for column, label in GROUPS:
        if column not in campaign.groups.columns:
            continue
        values = campaign.groups[column].tolist()
        groups: dict[str, list[float]] = {}
        for value, score in zip(values, overall, strict=True):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            groups.setdefault(str(value), []).append(float(score))
        if not groups:
            continue
        described = True
        rows = [[label.capitalize(), "Membres", "Score global médian"]]
        for group in sorted(groups):
            scored = [v for v in groups[group] if not math.isnan(v)]
            shown = _n(float(np.median(scored))) if len(scored) >= 3 else "effectif insuffisant"
            rows.append([group, str(len(groups[group])), shown])
        story.append(Paragraph(label.capitalize(), styles["h2"]))
        story.append(_table(rows, [8 * cm, 3 * cm, 5 * cm], styles))
    if not described:
        story.append(
            Paragraph(
                "Les membres n'ont pas renseigné leur département, leur secteur ni leur nombre "
                "d'ETP : pas de comparaison par groupe.",
                styles["body"],
            )
        )
    story.append(
        Paragraph(
            "Un groupe de moins de 3 membres n'est pas décrit (« effectif insuffisant »).",
            styles["small"],
        )
    )
    story.append(PageBreak())
    # -- follow-up -------------------------------------------------------------------------------
    story.append(Paragraph("Membres à accompagner", styles["h1"]))
    follow: list[list[str]] = [["Fichier ou membre", "Raison"]]
    for result in report.files:
        if result.status == "rejete":
            follow.append([result.file, f"rejeté{NBSP}: {result.reason or ''}"])
        elif result.status == "erreurs":
            follow.append([result.file, f"{len(result.errors)} erreur(s) à corriger"])
    coverage = scores.levels[-1].coverage[:, 0]
    for row, key in enumerate(campaign.keys):
        if coverage[row] < LOW_COVERAGE:
            follow.append(
                [
                    key,
                    f"couverture du score global {_pc(100 * coverage[row])} (réponses manquantes)",
                ]
            )
    if len(follow) == 1:
        story.append(Paragraph("Aucun membre ne demande de suivi particulier.", styles["body"]))
    else:
        story.append(_table(follow, [7 * cm, 10 * cm], styles))

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(BODY, 7.5)
        canvas.drawString(2 * cm, 1.2 * cm, f"Campagne — référentiel {ref.id} {ref.version}")
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"page {document.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=2 * cm,
        title=title or "Campagne d'auto-évaluation",
        author="utilite-sociale",
        lang="fr-FR",
    )
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def write_campaign_report(
    scores: Scores,
    report: SurveyReport,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
) -> Path:
    """Write the campaign report's PDF atomically; return its path."""
    from .._atomic import atomic_write_bytes

    return atomic_write_bytes(path, build_campaign_report(scores, report, title=title))
