"""The results workbook of ``evaluer -o resultats.xlsx``: one sheet per level and lens.

Every sheet has one row per organisation (and period); its first header row holds the French
labels, the second the codes (what a program joins on). A « Méthodes » sheet records the
référentiel, its SHA-256 and every method and parameter used; « Problèmes » lists what the
verification of the files found.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..survey.validation import SurveyReport
    from .results import Scores
    from .sensitivity import Sensitivity

__all__ = ["SHEETS", "write_results"]

SHEETS = ("Scores", "Dimensions", "Couverture", "Indicateurs", "Contributions", "Méthodes")
_SCORE_FORMAT = "0.0"


def write_results(
    scores: Scores,
    path: str | os.PathLike[str],
    *,
    report: SurveyReport | None = None,
    sensitivity: Sensitivity | None = None,
    comparisons: bool = False,
) -> Path:
    """Write the results workbook atomically; return its path.

    With ``comparisons``, a « Comparaisons » sheet places each organisation's global and
    dimension scores among the campaign, then among the members of its département, sector
    and size band (:func:`~utilite_sociale.scoring.compare.benchmark`; groups too small
    are marked, their figures left out).
    """
    from openpyxl import Workbook

    from .._atomic import atomic_write_bytes

    ref = scores.indicator_set
    campaign = scores.campaign
    labels = {d.id: d.label for d in ref.dimensions}
    labels.update({i.id: i.label for i in ref.indicators})
    labels[scores.tree.overall] = "Score global"
    order = sorted(
        range(len(campaign)), key=lambda r: (campaign.keys[r], str(campaign.periods[r] or ""))
    )
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    top = scores.levels[-1]
    ranks = scores.ranks()
    summary: list[tuple[str, str, Any]] = [
        ("Score global", scores.tree.overall, top.scores[:, 0]),
        ("Rang", "rang", ranks),
        ("Couverture", "couverture", top.coverage[:, 0]),
    ]
    if len(scores.levels) > 1:
        below = scores.levels[-2]
        summary += [
            (labels.get(code, code), code, below.scores[:, column])
            for column, code in enumerate(below.nodes)
        ]
    _sheet(book, "Scores", scores, order, summary, formats={"rang": "0", "couverture": "0%"})
    dimensions = [
        (labels.get(code, code), code, level.scores[:, column])
        for level in reversed(scores.levels)
        for column, code in enumerate(level.nodes)
    ]
    _sheet(book, "Dimensions", scores, order, dimensions)
    coverage = [
        (labels.get(code, code), code, level.coverage[:, column])
        for level in reversed(scores.levels)
        for column, code in enumerate(level.nodes)
    ]
    _sheet(book, "Couverture", scores, order, coverage, default_format="0%")
    shown = scores.shown_indicators()
    indicators = [
        (labels.get(code, code), code, shown[:, column])
        for column, code in enumerate(scores.tree.indicators)
    ]
    _sheet(book, "Indicateurs", scores, order, indicators)
    for lens in scores.tree.lenses:
        aggregated = scores.lenses[lens.lens]
        columns = [
            (lens.group_labels.get(group, group), group, aggregated.scores[:, column])
            for column, group in enumerate(aggregated.nodes)
        ]
        _sheet(book, _title(book, f"Lentille {lens.lens}"), scores, order, columns)
    contributions = scores.contributions()
    if not contributions.drop(columns=[campaign.key_name]).isna().all().all():
        columns = [
            (labels.get(code, code), code, contributions[code].to_numpy(float))
            for code in scores.tree.indicators
        ]
        _sheet(book, "Contributions", scores, order, columns, default_format="0.00")
    if sensitivity is not None:
        intervals = sensitivity.intervals()
        position = {
            (key, period): row
            for row, (key, period) in enumerate(
                zip(intervals["organisation"], intervals["periode"], strict=True)
            )
        }
        rows = [position[(campaign.keys[r], campaign.periods[r])] for r in range(len(campaign))]
        columns = [
            (label, code, intervals[code].to_numpy(float)[rows])
            for label, code in (
                ("Score global (5e centile)", "score_p05"),
                ("Score global (médiane)", "score_mediane"),
                ("Score global (95e centile)", "score_p95"),
                ("Rang (5e centile)", "rang_p05"),
                ("Rang (95e centile)", "rang_p95"),
            )
        ]
        _sheet(
            book, "Sensibilité", scores, order, columns, formats={"rang_p05": "0", "rang_p95": "0"}
        )
    if comparisons:
        _comparisons(book, scores, labels)
    _methods(book, scores, sensitivity)
    if report is not None:
        _problems(book, report)
    buffer = io.BytesIO()
    book.save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())


def _title(book: Any, wanted: str) -> str:
    """A sheet title Excel accepts (31 characters at most, unique in the workbook)."""
    title = wanted[:31]
    number = 2
    while title in book.sheetnames:
        suffix = f" ({number})"
        title = wanted[: 31 - len(suffix)] + suffix
        number += 1
    return title


def _sheet(
    book: Any,
    title: str,
    scores: Scores,
    order: Sequence[int],
    columns: Sequence[tuple[str, str, Any]],
    *,
    formats: dict[str, str] | None = None,
    default_format: str = _SCORE_FORMAT,
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from .._spreadsheet import HEADER_FILL, HEADER_FONT, write_value

    sheet = book.create_sheet(title)
    campaign = scores.campaign
    head = [("Organisation", campaign.key_name), ("Période", "periode")]
    for column, (label, code) in enumerate(
        [*head, *((label, code) for label, code, _ in columns)], start=1
    ):
        cell = sheet.cell(row=1, column=column)
        write_value(cell, label, wrap=True)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        code_cell = sheet.cell(row=2, column=column)
        write_value(code_cell, code)
        code_cell.font = Font(italic=True, color="666666", size=8)
        sheet.column_dimensions[get_column_letter(column)].width = 14 if column > 2 else 18
    for offset, row in enumerate(order, start=3):
        write_value(sheet.cell(row=offset, column=1), campaign.keys[row])
        write_value(sheet.cell(row=offset, column=2), campaign.periods[row] or "")
        for column, (_, code, values) in enumerate(columns, start=3):
            value = float(values[row])
            if math.isnan(value):
                continue
            cell = sheet.cell(row=offset, column=column, value=value)
            cell.number_format = (formats or {}).get(code, default_format)
    sheet.freeze_panes = "C3"
    sheet.row_dimensions[1].height = 45


#: Comparison groups of the « Comparaisons » sheet: (group column or None, label).
_COMPARISONS: tuple[tuple[str | None, str], ...] = (
    (None, "campagne"),
    ("departement", "département"),
    ("secteur", "secteur"),
    ("taille", "taille"),
)


def _comparisons(book: Any, scores: Scores, labels: dict[str, str]) -> None:
    """Each organisation's position, score by score (tree only), in each comparison group."""
    import pandas as pd
    from openpyxl.styles import Font

    from .._spreadsheet import HEADER_FILL, HEADER_FONT, write_value
    from .compare import benchmark

    frames = []
    for column, label in _COMPARISONS:
        if column is not None and (
            column not in scores.campaign.groups.columns
            or scores.campaign.groups[column].isna().all()
        ):
            continue
        frame = benchmark(scores, by=column)
        frame = frame[frame["lentille"] == "arbre"]
        frames.append(frame.assign(comparaison=label))
    table = pd.concat(frames, ignore_index=True)
    order = {code: rank for rank, code in enumerate(dict.fromkeys(table["code"]))}
    table = table.assign(
        _ordre=table["code"].map(order), _periode=table["periode"].fillna("")
    ).sort_values(["organisation", "_periode", "_ordre"], kind="stable")
    headers = [
        ("Organisation", "organisation", None),
        ("Période", "periode", None),
        ("Score", "code", None),
        ("Libellé", "libelle", None),
        ("Comparé à", "comparaison", None),
        ("Groupe", "groupe_comparaison", None),
        ("Valeur", "score", _SCORE_FORMAT),
        ("Membres comparés", "effectif", "0"),
        ("Centile", "centile", "0"),
        ("1er quartile", "quartile_1", _SCORE_FORMAT),
        ("Médiane", "mediane", _SCORE_FORMAT),
        ("3e quartile", "quartile_3", _SCORE_FORMAT),
        ("Écart à la médiane", "ecart_mediane", "+0.0;-0.0;0.0"),
        ("Remarque", "drapeaux", None),
    ]
    sheet = book.create_sheet("Comparaisons")
    for index, (label, code, _) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index)
        write_value(cell, label, wrap=True)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        write_value(sheet.cell(row=2, column=index), code)
        sheet.cell(row=2, column=index).font = Font(italic=True, color="666666", size=8)
    remarks = {"effectif-insuffisant": "effectif insuffisant pour comparer"}
    table = table.assign(
        libelle=table["code"].map(lambda code: labels.get(code, code)),
        drapeaux=table["drapeaux"].map(lambda flag: remarks.get(flag, flag)),
        periode=table["periode"].fillna(""),
    )
    columns = [table[code].tolist() for _, code, _ in headers]
    for offset, values in enumerate(zip(*columns, strict=True), start=3):
        for index, (value, (_, _, number_format)) in enumerate(
            zip(values, headers, strict=True), start=1
        ):
            if number_format is None:
                write_value(sheet.cell(row=offset, column=index), str(value))
            elif not (value is None or math.isnan(float(value))):
                cell = sheet.cell(row=offset, column=index, value=float(value))
                cell.number_format = number_format
    sheet.freeze_panes = "C3"
    last = sheet.cell(row=max(2, sheet.max_row), column=len(headers)).coordinate
    sheet.auto_filter.ref = f"A2:{last}"
    sheet.row_dimensions[1].height = 30


def _methods(book: Any, scores: Scores, sensitivity: Sensitivity | None = None) -> None:
    from openpyxl.styles import Font

    from .._spreadsheet import write_value

    sheet = book.create_sheet("Méthodes")
    write_value(sheet.cell(row=1, column=1), "Paramètre")
    write_value(sheet.cell(row=1, column=2), "Valeur")
    sheet.cell(row=1, column=1).font = sheet.cell(row=1, column=2).font = Font(bold=True)
    rows = scores.methods()
    if sensitivity is not None:
        rows = [
            *rows,
            ("Sensibilité : tirages", str(sensitivity.draws)),
            ("Sensibilité : graine", str(sensitivity.seed)),
            ("Sensibilité : poids", "chaque poids × U(0,8 ; 1,2), renormalisé dans son groupe"),
        ]
    for row, (label, value) in enumerate(rows, start=2):
        write_value(sheet.cell(row=row, column=1), label)
        write_value(sheet.cell(row=row, column=2), value)
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 70


def _problems(book: Any, report: SurveyReport) -> None:
    from openpyxl.styles import Font

    from .._spreadsheet import write_value
    from ..survey.validation import CSV_COLUMNS

    sheet = book.create_sheet("Problèmes")
    for column, name in enumerate(CSV_COLUMNS, start=1):
        write_value(sheet.cell(row=1, column=column), name)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    for row, values in enumerate(report.issue_rows(), start=2):
        for column, value in enumerate(values, start=1):
            write_value(sheet.cell(row=row, column=column), value)
