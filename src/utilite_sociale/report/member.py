"""The member's report: a few A4 pages about its social utility (reportlab, DejaVu fonts).

Cover with the organisation and period; key figures; the dimensions of the référentiel; the
legal criteria of the ESS law in the version in force for the period, citing it; the other
lenses; strengths and points to progress derived from the scores, coverage and targets; the
validation warnings that remain; a methodology annex. Small respondent aggregates are not
shown (« effectif insuffisant »).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..errors import Issue
    from ..scoring.results import Scores

__all__ = [
    "MemberReport",
    "build_member_report",
    "campaign_medians_of",
    "history_of",
    "write_member_report",
]

NBSP = "\u00a0"
#: Scores from this value up are strengths, below the other are points to progress.
STRONG, WEAK = 75.0, 50.0


@dataclass
class MemberReport:
    """What the report needs, gathered.

    Attributes
    ----------
    scores
        Scores of a campaign holding the organisation (possibly alone).
    key, period
        The organisation and the period reported.
    name
        The organisation's name (from its workbook).
    medians
        Campaign medians by score code (dimension, lens group, indicator), when known.
    issues
        Problems left in the organisation's file (errors and warnings).
    generated
        Date printed on the report.
    history
        The organisation's global score in earlier periods (period, score), if known.
    """

    scores: Scores
    key: str
    period: str | None = None
    name: str | None = None
    medians: Mapping[str, float] = field(default_factory=dict)
    issues: Sequence[Issue] = ()
    generated: dt.date = field(default_factory=dt.date.today)
    history: Sequence[tuple[str, float]] = ()


def campaign_medians_of(scores: Scores) -> dict[str | None, dict[str, float]]:
    """Campaign medians by period, then by score code, computed from the scores themselves.

    Every level of the tree (dimensions, global), every lens group and every indicator
    shown (too-small respondent aggregates left out) gets the median over the members of
    the period that have a score; codes without any score are left out.
    """
    import warnings

    import numpy as np

    columns: list[tuple[str, Any]] = [
        (code, scores.shown_indicators()[:, column])
        for column, code in enumerate(scores.tree.indicators)
    ]
    for level in [*scores.levels, *scores.lenses.values()]:
        columns += [(code, level.scores[:, column]) for column, code in enumerate(level.nodes)]
    unique = dict(columns)
    names = list(unique)
    matrix = np.column_stack(list(unique.values()))
    periods = np.array([str(p) if p is not None else "" for p in scores.campaign.periods])
    result: dict[str | None, dict[str, float]] = {}
    for period in dict.fromkeys(scores.campaign.periods):
        rows = periods == (str(period) if period is not None else "")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
            medians = np.nanmedian(matrix[rows], axis=0)
        result[period] = {
            name: float(value)
            for name, value in zip(names, medians, strict=True)
            if not math.isnan(value)
        }
    return result


def history_of(scores: Scores, key: str) -> list[tuple[str, float]]:
    """The organisation's global score in every period of the scores (sorted by period)."""
    overall = scores.levels[-1].scores[:, 0]
    found = [
        (str(period), float(overall[row]))
        for row, (other, period) in enumerate(
            zip(scores.campaign.keys, scores.campaign.periods, strict=True)
        )
        if other == key and period is not None and not math.isnan(overall[row])
    ]
    return sorted(found)


def _n(value: float, decimals: int = 1) -> str:
    from .._format import format_number

    return "—" if value is None or math.isnan(value) else format_number(value, decimals)


def _pc(value: float, decimals: int = 0) -> str:
    from .._format import format_percent

    return "—" if value is None or math.isnan(value) else format_percent(value, decimals)


def _row(report: MemberReport) -> int:
    campaign = report.scores.campaign
    for row, (key, period) in enumerate(zip(campaign.keys, campaign.periods, strict=True)):
        if key == report.key and (report.period is None or period == report.period):
            return row
    raise KeyError(report.key)


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    from .fonts import BODY, BOLD, ITALIC, register_fonts

    register_fonts()
    ink = colors.HexColor("#1F2933")
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=22, leading=27, textColor=ink),
        "subtitle": ParagraphStyle("subtitle", fontName=BODY, fontSize=13, leading=17),
        "h1": ParagraphStyle(
            "h1", fontName=BOLD, fontSize=15, leading=19, spaceBefore=6, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "body": ParagraphStyle("body", fontName=BODY, fontSize=9.5, leading=13, spaceAfter=4),
        "small": ParagraphStyle("small", fontName=ITALIC, fontSize=8, leading=10.5),
        "cell": ParagraphStyle("cell", fontName=BODY, fontSize=8.5, leading=10.5),
        "figure": ParagraphStyle("figure", fontName=BOLD, fontSize=20, leading=24),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(rows: list[list[Any]], widths: list[float], styles: dict[str, Any]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    from .fonts import BODY, BOLD

    data = [
        [
            Paragraph(_escape(str(cell)), styles["cell"]) if isinstance(cell, str) else cell
            for cell in row
        ]
        for row in rows
    ]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E7EB")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CBD2D9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def _chart(draw: Any, *, width_cm: float, height_cm: float) -> Any:
    """A chart drawn by ``draw(ax)`` as an image flowable at the page's resolution."""
    from ._raster import chart_flowable

    polar = bool(getattr(draw, "polar", False))
    return chart_flowable(draw, width_cm=width_cm, height_cm=height_cm, polar=polar)


def _radar(labels: list[str], values: list[float], reference: list[float] | None) -> Any:
    """The dimensions' radar; laid out once for every member with the same labels, medians
    and missing dimensions."""
    from ._raster import blitted_chart

    def build(ax: Any, shown: Sequence[float]) -> tuple[list[Any], Any]:
        from ..charts import radar

        chart = radar(labels, list(shown), reference=reference, ax=ax)

        def update(new: Sequence[float]) -> None:
            closed = [*new, new[0]]
            chart.line.set_ydata(closed)
            if chart.fill is not None:
                xy = chart.fill.get_xy()
                xy[:, 1] = closed
                chart.fill.set_xy(xy)

        own = [chart.line] + ([chart.fill] if chart.fill is not None else [])
        return own, update

    missing = tuple(math.isnan(v) for v in values)
    key = ("radar", tuple(labels), _key(reference), missing)
    worst = [math.nan if gap else 100.0 for gap in missing]
    return blitted_chart(key, build, values, worst=worst, width_cm=15, height_cm=10, polar=True)


def _bars(labels: list[str], values: list[float], medians: list[float] | None) -> Any:
    """Horizontal score bars; laid out once for every member with the same labels, medians
    and missing values."""
    from ._raster import blitted_chart

    def build(ax: Any, shown: Sequence[float]) -> tuple[list[Any], Any]:
        from ..charts import score_bars
        from ..charts.style import format_score

        chart = score_bars(labels, list(shown), benchmarks=medians, ax=ax, wrap=44)
        present = [i for i, value in enumerate(shown) if not math.isnan(value)]

        def update(new: Sequence[float]) -> None:
            for i in present:
                chart.bars.patches[i].set_width(new[i])
                chart.value_texts[i].set_text(format_score(new[i], 1))

        return [*chart.bars.patches, *chart.value_texts], update

    missing = tuple(math.isnan(v) for v in values)
    height = 2.2 + 1.6 * len(labels)
    key = ("barres", tuple(labels), _key(medians), missing, height)
    worst = [math.nan if gap else 100.0 for gap in missing]
    return blitted_chart(key, build, values, worst=worst, width_cm=16, height_cm=height)


def _key(values: list[float] | None) -> tuple[float, ...] | None:
    """Values as a hashable key (NaN made equal to itself)."""
    return None if values is None else tuple(-1.0 if math.isnan(v) else v for v in values)


def build_member_report(report: MemberReport) -> bytes:
    """Lay out the report and return the PDF's bytes."""
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    from ._pdf import build_pdf

    styles = _styles()
    scores = report.scores
    ref = scores.indicator_set
    row = _row(report)
    story: list[Any] = []
    who = report.name or report.key
    period = report.period or scores.campaign.periods[row] or "période inconnue"
    # -- cover and key figures -------------------------------------------------------
    story += [
        Spacer(1, 3 * cm),
        Paragraph("Rapport d'utilité sociale", styles["title"]),
        Spacer(1, 0.4 * cm),
        Paragraph(_escape(who), styles["subtitle"]),
        Paragraph(f"Période évaluée{NBSP}: {_escape(period)}", styles["subtitle"]),
        Spacer(1, 0.3 * cm),
        Paragraph(
            f"Référentiel « {_escape(ref.title)} » (version {_escape(ref.version)}) — "
            f"rapport établi le {report.generated.strftime('%d/%m/%Y')}.",
            styles["body"],
        ),
        Spacer(1, 1 * cm),
        Paragraph("Chiffres clés", styles["h1"]),
    ]
    top = scores.levels[-1]
    overall, coverage = top.scores[row, 0], top.coverage[row, 0]
    answered = int(scores.observed[row].sum())
    respondents = scores.respondent_counts[row]
    most = int(max(respondents[~_isnan(respondents)], default=0)) if respondents.size else 0
    figures = [
        ["Score global", f"{_n(overall)} / 100" if not math.isnan(overall) else "non calculé"],
        ["Couverture du score global", _pc(100 * coverage)],
        ["Indicateurs renseignés", f"{answered} sur {len(scores.tree.indicators)}"],
    ]
    if most:
        figures.append(["Répondants (questionnaire le plus rempli)", str(most)])
    if "global" in report.medians or ref.overall in report.medians:
        median = report.medians.get(ref.overall, report.medians.get("global", math.nan))
        figures.append(["Médiane de la campagne", f"{_n(median)} / 100"])
    story.append(_table([["Chiffre clé", "Valeur"], *figures], [9 * cm, 6 * cm], styles))
    if math.isnan(overall) and top.insufficient[row, 0]:
        story.append(
            Paragraph(
                "Le score global n'est pas calculé : moins de "
                f"{_pc(100 * scores.min_coverage)} du poids des indicateurs a reçu une réponse "
                "(« couverture insuffisante »).",
                styles["body"],
            )
        )
    story.append(PageBreak())
    # -- dimensions --------------------------------------------------------------------
    levels = scores.levels
    first = levels[-2] if len(levels) > 1 else levels[-1]
    labels = {d.id: d.label for d in ref.dimensions}
    dims = list(first.nodes)
    values = [float(first.scores[row, i]) for i in range(len(dims))]
    medians = [float(report.medians.get(code, math.nan)) for code in dims]
    story.append(Paragraph("Les dimensions du référentiel", styles["h1"]))
    story.append(
        Paragraph(
            "Chaque score va de 0 à 100 (100 = le meilleur résultat possible au regard du "
            "référentiel)."
            + (
                " La médiane des membres de la campagne est tracée avec (voir la légende)."
                if report.medians
                else ""
            ),
            styles["body"],
        )
    )
    if len(dims) >= 3:
        story.append(
            _radar(
                [labels.get(c, c) for c in dims],
                values,
                medians if report.medians else None,
            )
        )
    rows = [["Dimension", "Score", "Couverture", "Médiane"]]
    for index, code in enumerate(dims):
        rows.append(
            [
                labels.get(code, code),
                _n(values[index]),
                _pc(100 * first.coverage[row, index]),
                _n(medians[index]),
            ]
        )
    story.append(_table(rows, [9 * cm, 2.3 * cm, 2.5 * cm, 2.3 * cm], styles))
    story.append(PageBreak())
    # -- lenses: the legal criteria first ----------------------------------------------------
    end = _period_end(period)
    version = (
        ref.legal_version_on(end)
        if end
        else ("2019" if ref.legal_version == "auto" else ref.legal_version)
    )
    ordered = sorted(
        scores.tree.lenses,
        key=lambda lens: (lens.lens != f"loi-{version}", not lens.lens.startswith("loi-")),
    )
    for lens in ordered:
        if lens.lens.startswith("loi-") and lens.lens != f"loi-{version}":
            continue  # the other version of the law: not the one in force for the period
        aggregated = scores.lenses[lens.lens]
        story.append(Paragraph(_escape(lens.label), styles["h1"]))
        if lens.lens.startswith("loi-"):
            story.append(Paragraph(_law_text(version), styles["body"]))
        group_labels = [lens.group_labels.get(g, g) for g in aggregated.nodes]
        group_values = [float(aggregated.scores[row, i]) for i in range(len(aggregated.nodes))]
        group_medians = [float(report.medians.get(g, math.nan)) for g in aggregated.nodes]
        story.append(_bars(group_labels, group_values, group_medians if report.medians else None))
        rows = [["Groupe", "Score", "Couverture"]]
        for index, label in enumerate(group_labels):
            rows.append(
                [label, _n(group_values[index]), _pc(100 * aggregated.coverage[row, index])]
            )
        story.append(_table(rows, [11 * cm, 2.5 * cm, 2.5 * cm], styles))
        story.append(PageBreak())
    # -- trend, where history exists ---------------------------------------------------------
    story += _trend(report, period, float(overall), styles)
    # -- strengths and points to progress ------------------------------------------------
    story += _strengths(report, row, styles)
    # -- remaining problems ----------------------------------------------------------------
    if report.issues:
        story.append(Paragraph("Ce qui reste à compléter ou à vérifier", styles["h2"]))
        for issue in list(report.issues)[:25]:
            kind = "Erreur" if issue.is_error else "À vérifier"
            where = f" ({issue.where})" if issue.where else ""
            story.append(
                Paragraph(
                    f"<b>{kind}</b>{_escape(where)}{NBSP}: {_escape(issue.message)}",
                    styles["body"],
                )
            )
        if len(report.issues) > 25:
            story.append(
                Paragraph(f"… et {len(report.issues) - 25} autres points.", styles["small"])
            )
    story.append(PageBreak())
    story += _methodology(report, styles)

    return build_pdf(
        story,
        title=f"Rapport d'utilité sociale — {who}",
        footer=f"{who} — {period} — référentiel {ref.id} {ref.version}",
    )


def _isnan(values: Any) -> Any:
    import numpy as np

    return np.isnan(values)


def _period_end(period: str) -> dt.date | None:
    digits = period.split("-")[-1].strip()
    return dt.date(int(digits), 12, 31) if digits.isdigit() and len(digits) == 4 else None


def _law_text(version: str) -> str:
    if version == "2019":
        return (
            "Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, "
            "article 2, dans sa rédaction issue de la loi n° 2019-486 du 22 mai 2019 (loi "
            "PACTE) : quatre conditions d'utilité sociale, applicables à la période évaluée."
        )
    return (
        "Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, "
        "article 2, dans sa rédaction initiale : trois conditions d'utilité sociale, "
        "applicables à la période évaluée."
    )


def _trend(report: MemberReport, period: str, overall: float, styles: dict[str, Any]) -> list[Any]:
    """The global score over the periods, when earlier periods are known."""
    from reportlab.platypus import PageBreak, Paragraph

    from ..charts import trend

    points = {p: v for p, v in report.history if p != period}
    if not points:
        return []
    if not math.isnan(overall):
        points[period] = overall
    periods = sorted(points)
    values = [points[p] for p in periods]

    def draw(ax: Any) -> None:
        trend(periods, values, ax=ax)

    story: list[Any] = [Paragraph("Évolution du score global", styles["h1"])]
    story.append(_chart(draw, width_cm=15, height_cm=7))
    first, last = values[0], values[-1]
    change = last - first
    story.append(
        Paragraph(
            f"De {_escape(periods[0])} à {_escape(periods[-1])}, le score global passe de "
            f"{_n(first)} à {_n(last)} ({'+' if change >= 0 else '−'}{_n(abs(change))} points).",
            styles["body"],
        )
    )
    story.append(PageBreak())
    return story


def _strengths(report: MemberReport, row: int, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    scores = report.scores
    ref = scores.indicator_set
    shown = scores.shown_indicators()[row]
    suppressed = scores.suppressed[row]
    items = []
    for column, code in enumerate(scores.tree.indicators):
        value = float(shown[column])
        if not math.isnan(value):
            items.append((value, code))
    items.sort()
    strong = [(v, c) for v, c in reversed(items) if v >= STRONG][:5]
    weak = [(v, c) for v, c in items if v < WEAK][:5]
    story: list[Any] = [Paragraph("Forces et points de progrès", styles["h1"])]

    def line(value: float, code: str) -> Any:
        label = ref.indicator(code).label
        median = report.medians.get(code)
        extra = (
            f" (médiane de la campagne{NBSP}: {_n(median)})"
            if median is not None and not math.isnan(median)
            else ""
        )
        return Paragraph(f"• {_escape(label)}{NBSP}: {_n(value)} / 100{extra}", styles["body"])

    story.append(Paragraph("Forces", styles["h2"]))
    if strong:
        story += [line(v, c) for v, c in strong]
    else:
        story.append(
            Paragraph(
                f"Aucun indicateur n'atteint {_n(STRONG, 0)} / 100 pour cette période.",
                styles["body"],
            )
        )
    story.append(Paragraph("Points de progrès", styles["h2"]))
    if weak:
        story += [line(v, c) for v, c in weak]
    else:
        story.append(
            Paragraph(f"Aucun indicateur renseigné n'est sous {_n(WEAK, 0)} / 100.", styles["body"])
        )
    story += _targets(report, row, styles)
    missing = [
        ref.indicator(code).label
        for column, code in enumerate(scores.tree.indicators)
        if not scores.observed[row, column] and ref.indicator(code).required
    ]
    if missing:
        story.append(Paragraph("Réponses qui manquent", styles["h2"]))
        story.append(
            Paragraph(
                f"{len(missing)} indicateur(s) obligatoire(s) sans réponse abaissent la "
                f"couverture{NBSP}: "
                + " ; ".join(_escape(m) for m in missing[:12])
                + (" …" if len(missing) > 12 else "")
                + ".",
                styles["body"],
            )
        )
    if suppressed.any():
        story.append(
            Paragraph(
                f"{int(suppressed.sum())} résultat(s) d'enquête auprès de moins de "
                f"{scores.min_respondents} répondants ne sont pas affichés (« effectif "
                "insuffisant ») : ils comptent dans les scores sans être montrés.",
                styles["small"],
            )
        )
    return story


def _targets(report: MemberReport, row: int, styles: dict[str, Any]) -> list[Any]:
    """The organisation's targets: reached, on track or late at the end of the period."""
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph

    from ..scoring.compare import target_attainment

    scores = report.scores
    end = _period_end(scores.campaign.periods[row] or "") or report.generated
    table = target_attainment(scores, on=end)
    mine = table[
        (table["organisation"] == report.key)
        & (table["periode"].fillna("") == (scores.campaign.periods[row] or ""))
    ]
    if mine.empty:
        return []
    rows = [["Cible", "Valeur", "Objectif", "Échéance", "Statut"]]
    for record in mine.to_dict(orient="records"):
        due = record["echeance"]
        deadline = due.strftime("%d/%m/%Y") if isinstance(due, dt.date) else "—"
        rows.append(
            [
                str(record["libelle"]),
                _n(float(record["valeur"])),
                _n(float(record["cible"])),
                deadline,
                str(record["statut"]),
            ]
        )
    return [
        Paragraph("Cibles", styles["h2"]),
        _table(rows, [7 * cm, 2.2 * cm, 2.2 * cm, 2.6 * cm, 3 * cm], styles),
    ]


def _methodology(report: MemberReport, styles: dict[str, Any]) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph

    scores = report.scores
    ref = scores.indicator_set
    story: list[Any] = [Paragraph("Annexe : méthode", styles["h1"])]
    story.append(
        Paragraph(
            "Les réponses sont normalisées sur une échelle de 0 à 100 (100 = le meilleur), "
            "puis agrégées le long de l'arbre du référentiel par moyennes pondérées ; un "
            "indicateur sans réponse est écarté et les poids des autres sont renormalisés, "
            "jamais remplacé par 0. La couverture d'un score est la part du poids des "
            "indicateurs qui a reçu une réponse ; en dessous de "
            f"{_pc(100 * scores.min_coverage)}, le score n'est pas calculé. La méthode suit le "
            "Handbook on Constructing Composite Indicators de l'OCDE et du JRC (2008).",
            styles["body"],
        )
    )
    rows = [["Paramètre", "Valeur"]]
    rows += [
        [label, value]
        for label, value in scores.methods()
        if not label.startswith("Normalisation de ")
    ]
    story.append(_table(rows, [7 * cm, 10 * cm], styles))
    story.append(Paragraph("Poids des dimensions", styles["h2"]))
    weights = [["Dimension", "Poids", "Dimension parente"]]
    for dimension in ref.dimensions:
        weights.append(
            [dimension.label, _n(dimension.weight, 2), dimension.parent or "score global"]
        )
    story.append(_table(weights, [9 * cm, 2.5 * cm, 5.5 * cm], styles))
    return story


def write_member_report(report: MemberReport, path: str | os.PathLike[str]) -> Path:
    """Write the report's PDF atomically; return its path."""
    from .._atomic import atomic_write_bytes

    return atomic_write_bytes(path, build_member_report(report))
