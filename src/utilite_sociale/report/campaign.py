"""The federation's campaign report: overview, distributions, heatmap, groups, follow-up."""

from __future__ import annotations

import datetime as dt
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
#: Above this many members, the heat map shows départements instead of members.
MAX_HEATMAP_MEMBERS = 40
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
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    from ._pdf import build_pdf

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
    with_errors = sum(1 for result in report.files if result.status == "erreurs")
    rows.append(["Fichiers avec des erreurs à corriger", str(with_errors)])
    if present.size:
        low, median, high = np.percentile(present, [25, 50, 75])
        coverage = float(np.nanmedian(scores.levels[-1].coverage[:, 0]))
        rows += [
            ["Score global médian", f"{_n(median)} / 100"],
            ["Quartiles du score global (la moitié des membres)", f"{_n(low)} – {_n(high)}"],
            ["Couverture médiane du score global", _pc(100 * coverage)],
        ]
    follow = _follow_up(scores, report)
    rows.append(["Membres à accompagner (voir la dernière page)", str(len(follow))])
    story.append(_table(rows, [10 * cm, 6 * cm], styles))
    story.append(
        Paragraph(
            "Les scores vont de 0 à 100 (100 = le meilleur résultat possible au regard du "
            "référentiel). La couverture est la part du poids des indicateurs qui a reçu une "
            "réponse.",
            styles["body"],
        )
    )
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
        story.append(
            Paragraph(
                "Chaque point est un membre ; la boîte va du premier au troisième quartile "
                "(la moitié des membres), le trait central est la médiane.",
                styles["body"],
            )
        )
        story.append(_chart(draw_distribution, width_cm=16, height_cm=2 + 1.6 * len(by_dimension)))
        story.append(_quartiles(by_dimension, "Dimension", styles))
        law = _law_lens(scores, periods)
        if law is not None:
            lens, aggregated = law
            by_group = {
                lens.group_labels.get(code, code): [
                    v for v in aggregated.scores[:, i] if not math.isnan(v)
                ]
                for i, code in enumerate(aggregated.nodes)
            }

            def draw_law(ax: Any) -> None:
                distribution(by_group, ax=ax, wrap=40)

            story.append(Paragraph(_escape(lens.label), styles["h2"]))
            story.append(_chart(draw_law, width_cm=16, height_cm=2 + 1.5 * len(by_group)))
            story.append(_quartiles(by_group, "Critère", styles))
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
    heading = "Membres × dimensions"
    note = "Une ligne par membre ; « — » : score non calculé."
    if len(frame) > MAX_HEATMAP_MEMBERS:
        # Hundreds of rows cannot be read: the board compares territories instead.
        frame, heading, note = _by_departement(scores, level, labels)
    if len(frame):
        from ..charts import heatmap

        def draw_heatmap(ax: Any) -> None:
            heatmap(frame, ax=ax, wrap=22)

        story.append(Paragraph(heading, styles["h1"]))
        story.append(Paragraph(note, styles["body"]))
        height = min(8 + 0.55 * len(frame), 22)
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
        for group in sorted(groups, key=_group_order):
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
    follow = [["Fichier", "Membre", "Raison"], *_follow_up(scores, report)]
    if len(follow) == 1:
        story.append(Paragraph("Aucun membre ne demande de suivi particulier.", styles["body"]))
    else:
        story.append(_table(follow, [4.5 * cm, 4.5 * cm, 8 * cm], styles))

    return build_pdf(
        story,
        title=title or "Campagne d'auto-évaluation",
        footer=f"Campagne — référentiel {ref.id} {ref.version}",
    )


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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _follow_up(scores: Scores, report: SurveyReport) -> list[list[str]]:
    """Files rejected or with errors, and members whose global coverage is low."""
    rows: list[list[str]] = []
    campaign = scores.campaign
    coverage = scores.levels[-1].coverage[:, 0]
    low = {
        (key, period)
        for row, (key, period) in enumerate(zip(campaign.keys, campaign.periods, strict=True))
        if coverage[row] < LOW_COVERAGE
    }
    for result in report.files:
        member = result.member
        who = member.key if member is not None else "—"
        if result.status == "rejete":
            rows.append([result.file, who, f"rejeté{NBSP}: {result.reason or ''}"])
            continue
        reasons = []
        if result.status == "erreurs":
            where = ", ".join(
                dict.fromkeys(issue.indicator or issue.where or "" for issue in result.errors)
            ).strip(", ")
            reasons.append(
                f"{_plural(len(result.errors), 'erreur')} à corriger"
                + (f" ({where})" if where else "")
            )
        if member is not None and (member.key, member.period) in low:
            row = next(
                r
                for r, (k, p) in enumerate(zip(campaign.keys, campaign.periods, strict=True))
                if (k, p) == (member.key, member.period)
            )
            reasons.append(
                f"couverture du score global {_pc(100 * coverage[row])} (réponses manquantes)"
            )
        if reasons:
            rows.append([result.file, who, " ; ".join(reasons)])
    return rows


def _quartiles(values: dict[str, list[float]], heading: str, styles: dict[str, Any]) -> Any:
    """Members, quartiles and median of each row of a distribution chart."""
    import numpy as np
    from reportlab.lib.units import cm

    rows = [[heading, "Membres", "1er quartile", "Médiane", "3e quartile"]]
    for label, scored in values.items():
        if len(scored) >= 3:
            q1, median, q3 = np.percentile(scored, [25, 50, 75])
            rows.append([label, str(len(scored)), _n(q1), _n(median), _n(q3)])
        else:
            rows.append([label, str(len(scored)), "—", "effectif insuffisant", "—"])
    return _table(rows, [7.5 * cm, 2 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm], styles)


def _law_lens(scores: Scores, periods: list[str]) -> tuple[Any, Any] | None:
    """The ESS-law lens in force at the end of the latest period (2019 when unknown)."""
    from .member import _period_end

    ref = scores.indicator_set
    end = _period_end(periods[-1]) if periods else None
    version = (
        ref.legal_version_on(end)
        if end
        else ("2019" if ref.legal_version == "auto" else ref.legal_version)
    )
    for lens in scores.tree.lenses:
        if lens.lens == f"loi-{version}" and lens.lens in scores.lenses:
            return lens, scores.lenses[lens.lens]
    return None


def _by_departement(scores: Scores, level: Any, labels: dict[str, str]) -> tuple[Any, str, str]:
    """Median score per département and dimension; small départements left blank."""
    import numpy as np
    import pandas as pd

    groups = scores.campaign.groups
    if "departement" not in groups.columns:
        return pd.DataFrame(), "", ""
    frame = pd.DataFrame(level.scores, columns=[labels.get(c, c) for c in level.nodes])
    frame["_groupe"] = [
        str(v) if v is not None and v == v else "non renseigné" for v in groups["departement"]
    ]
    counts = frame.groupby("_groupe").count()
    medians = frame.groupby("_groupe").median()
    medians = medians.where(counts >= 3, np.nan)  # fewer than 3 members: not described
    sizes = frame.groupby("_groupe").size()
    medians.index = [f"{name} ({sizes[name]} membres)" for name in medians.index]
    return (
        medians.sort_index(),
        "Départements × dimensions",
        "Médiane des membres de chaque département ; « — » : moins de 3 membres avec un "
        "score (effectif insuffisant) ou score non calculé.",
    )


def _group_order(label: str) -> tuple[int, str]:
    """Size bands from the smallest, other groups alphabetically."""
    from ..scoring.campaign import SIZE_BANDS

    bands = [band for _, band in SIZE_BANDS] + ["250 ETP ou plus"]
    return (bands.index(label), "") if label in bands else (len(bands), label)
