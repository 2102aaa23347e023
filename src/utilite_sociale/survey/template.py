"""Generate the member workbook (``utilite-sociale modele``), DESIGN §5.

The workbook is made for people who do not program: a ``Lisez-moi`` sheet says what to do, by
when and whom to ask; every question says what is expected; answers are chosen from drop-down
lists where they can be; the structure is protected but the answer cells are free.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .._atomic import atomic_write_bytes
from ..framework.models import Indicator, IndicatorSet
from .layout import (
    ANSWER_HEADER,
    ID_HEADER,
    IDENTITY_FIELDS,
    INDICATOR_HEADERS,
    RESPONDENT_HEADER,
    SHEET_ESUS,
    SHEET_INDICATORS,
    SHEET_LISTS,
    SHEET_META,
    SHEET_ORGANISATION,
    SHEET_README,
    SHEET_RESPONSES,
    TEMPLATE_VERSION,
    Field,
    esus_fields,
)

__all__ = ["build_template", "esus_years", "expected_text", "write_template"]

_INLINE_LIMIT = 255


def _wrap_top() -> Any:
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")


_NUMBER_FORMATS = {
    "pourcentage": '0.0" %"',
    "montant": '#,##0.00" €"',
    "effectif": "#,##0",
    "entier": "#,##0",
    "quotite": '0" %"',
    "date": "DD/MM/YYYY",
}


def esus_years(period: str | None, *, today: dt.date) -> tuple[int, ...]:
    """Closing years of the financial years asked in ``Finances ESUS``, oldest first.

    The last ``n`` closed years, ``n`` being the number of years R3332-21-1 looks at: those
    ending with the evaluated period's last year, else those before ``today``'s year.
    """
    from ..reference import significant_impact_rule

    count = significant_impact_rule(today).years
    last = int(period[-4:]) if period else today.year - 1
    return tuple(range(last - count + 1, last + 1))


def expected_text(indicator: Indicator, indicator_set: IndicatorSet) -> str:
    """French description of the expected answer (the ``Attendu`` column)."""
    answer = indicator.answer
    unit = f" ({answer.unit})" if answer.unit else ""
    aggregation = indicator.aggregation
    if indicator.level == "repondant":
        labels = indicator_set.scale_labels(answer.scale) if answer.scale else []
        if aggregation == "part-favorable":
            favourable = [
                labels[int(value) - 1] if value.isdigit() and int(value) <= len(labels) else value
                for value in indicator.favourable_values
            ]
            return (
                "Part des personnes interrogées ayant répondu « "
                + " » ou « ".join(favourable)
                + " », en % (0 à 100)"
            )
        word = "Moyenne" if aggregation == "moyenne" else "Médiane"
        if labels:
            return f"{word} des réponses des personnes interrogées, de 1 à {len(labels)}"
        return f"{word} des réponses des personnes interrogées{unit}"
    text = {
        "likert": "Un niveau de la liste",
        "oui-non": "Oui ou Non",
        "nombre": "Un nombre",
        "pourcentage": "Un pourcentage de 0 à 100",
        "montant": "Un montant",
        "effectif": "Un nombre entier",
        "choix": "Un choix de la liste",
        "texte": "Un texte libre",
    }[answer.type]
    bounds = []
    if answer.min is not None and answer.type != "pourcentage":
        bounds.append(f"≥ {_plain(answer.min)}")
    if answer.max is not None and answer.type != "pourcentage":
        bounds.append(f"≤ {_plain(answer.max)}")
    text += unit
    if bounds:
        text += " " + ", ".join(bounds)
    if indicator.required:
        text += " — obligatoire"
    return text


def _plain(value: float) -> str:
    from .._format import format_number

    return format_number(value, 0 if float(value).is_integer() else 2)


@dataclass
class _Lists:
    """Drop-down lists: inline when they fit Excel's 255 characters, else on ``_listes``."""

    columns: list[tuple[str, list[str]]] = field(default_factory=list)

    def formula(self, name: str, values: Sequence[str]) -> str:
        inline = ",".join(values)
        if len(inline) <= _INLINE_LIMIT and not any("," in v or '"' in v for v in values):
            return f'"{inline}"'
        for index, (existing, existing_values) in enumerate(self.columns):
            if existing == name and existing_values == list(values):
                return self._range(index, len(values))
        self.columns.append((name, list(values)))
        return self._range(len(self.columns) - 1, len(values))

    @staticmethod
    def _range(index: int, count: int) -> str:
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(index + 1)
        return f"'{SHEET_LISTS}'!${letter}$2:${letter}${count + 1}"


def build_template(
    indicator_set: IndicatorSet,
    *,
    esus: bool = False,
    respondents: bool = False,
    period: str | None = None,
    deadline: dt.date | None = None,
    contact: str | None = None,
    member: Mapping[str, Any] | None = None,
    respondent_rows: int = 200,
    today: dt.date | None = None,
) -> bytes:
    """Build the member workbook of a référentiel and return it as ``.xlsx`` bytes.

    Parameters
    ----------
    indicator_set
        The référentiel the members answer.
    esus
        Add the ``Finances ESUS`` sheet (closed financial years, pay, statutes).
    respondents
        Add the ``Réponses`` sheet (one row per respondent) and leave the respondent-level
        indicators out of ``Indicateurs``.
    period
        The evaluated period (``AAAA`` or ``AAAA-AAAA``), filled in and locked.
    deadline
        Date by which to send the workbook back (shown in ``Lisez-moi``).
    contact
        Whom to ask (shown in ``Lisez-moi``).
    member
        Identity values to pre-fill and lock, keyed by the reserved ids (``org.nom``…).
    respondent_rows
        Number of numbered rows in ``Réponses``.
    today
        Generation date (default: today), recorded in ``_meta``.

    Returns
    -------
    bytes
        The workbook.
    """
    from openpyxl import Workbook

    today = today or dt.date.today()
    prefilled: dict[str, Any] = {key: value for key, value in (member or {}).items() if value}
    if period:
        prefilled["org.periode"] = period
    lists = _Lists()
    workbook = Workbook()
    readme = workbook.active
    assert readme is not None
    readme.title = SHEET_README
    _readme(
        readme,
        indicator_set,
        esus=esus,
        respondents=respondents,
        deadline=deadline,
        contact=contact,
        period=period,
        today=today,
    )
    _field_sheet(
        workbook.create_sheet(SHEET_ORGANISATION), "Information", IDENTITY_FIELDS, prefilled, lists
    )
    _indicator_sheet(
        workbook.create_sheet(SHEET_INDICATORS), indicator_set, respondents=respondents, lists=lists
    )
    if esus:
        from ..reference import plein_droit_categories

        categories = tuple(
            (category.id, f"{category.number}. {category.label}")
            for category in plein_droit_categories(today)
        )
        years = esus_years(period, today=today)
        sheet = workbook.create_sheet(SHEET_ESUS)
        blocks = esus_fields(years, categories)
        _field_sheet(
            sheet,
            "Rubrique",
            [f for _, fields in blocks for f in fields],
            prefilled,
            lists,
            titles={fields[0].id: title for title, fields in blocks},
        )
    if respondents and indicator_set.respondent_indicators:
        _responses_sheet(
            workbook.create_sheet(SHEET_RESPONSES), indicator_set, respondent_rows, lists
        )
    _meta_sheet(
        workbook.create_sheet(SHEET_META),
        indicator_set,
        esus=esus,
        respondents=respondents,
        period=period,
        member=prefilled,
        today=today,
    )
    if lists.columns:
        _lists_sheet(workbook.create_sheet(SHEET_LISTS), lists)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_template(
    indicator_set: IndicatorSet, path: str | os.PathLike[str], **options: Any
) -> Path:
    """Write the member workbook to ``path`` atomically (options as :func:`build_template`)."""
    return atomic_write_bytes(path, build_template(indicator_set, **options))


# -- sheets -------------------------------------------------------------------------------


def _header(sheet: Any, headers: Sequence[str], widths: Sequence[int], row: int = 1) -> None:
    from .._spreadsheet import HEADER_FILL, HEADER_FONT, WRAP, write_value

    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=row, column=column)
        write_value(cell, text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1).coordinate


def _protect(sheet: Any) -> None:
    """Protect the structure; answer cells are unlocked one by one."""
    sheet.protection.sheet = True
    sheet.protection.formatCells = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.protection.sort = False


@cache
def _input_style() -> tuple[Any, Any]:
    """The protection and fill of a cell to fill in (created once, shared by every cell)."""
    from openpyxl.styles import PatternFill, Protection

    return Protection(locked=False), PatternFill("solid", fgColor="FFF8DC")


def _unlock(cell: Any) -> None:
    cell.protection, cell.fill = _input_style()


def _validation(
    sheet: Any,
    cache: dict[tuple[Any, ...], Any],
    kind: Literal["list", "decimal", "whole", "date"],
    cell: str,
    **spec: Any,
) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    key = (kind, tuple(sorted(spec.items())))
    rule = cache.get(key)
    if rule is None:
        messages = {
            "list": ("Réponse non prévue", "Choisissez une réponse dans la liste déroulante."),
            "decimal": ("Nombre attendu", "Saisissez un nombre dans les limites indiquées."),
            "whole": ("Nombre entier attendu", "Saisissez un nombre entier."),
            "date": ("Date attendue", "Saisissez une date au format JJ/MM/AAAA."),
        }[kind]
        rule = DataValidation(
            type=kind,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=messages[0],
            error=messages[1],
            **spec,
        )
        sheet.add_data_validation(rule)
        cache[key] = rule
    rule.add(cell)


def _bounds(low: float | None, high: float | None) -> dict[str, Any]:
    if low is not None and high is not None:
        return {"operator": "between", "formula1": _num(low), "formula2": _num(high)}
    if low is not None:
        return {"operator": "greaterThanOrEqual", "formula1": _num(low)}
    if high is not None:
        return {"operator": "lessThanOrEqual", "formula1": _num(high)}
    return {"operator": "between", "formula1": "-1E+15", "formula2": "1E+15"}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _field_sheet(
    sheet: Any,
    label_header: str,
    fields: Sequence[Field],
    prefilled: Mapping[str, Any],
    lists: _Lists,
    *,
    titles: Mapping[str, str] | None = None,
) -> None:
    from openpyxl.styles import Font

    from .._spreadsheet import fit_row_height, write_value

    _header(sheet, [ID_HEADER, label_header, ANSWER_HEADER, "Aide"], [34, 60, 34, 70])
    cache: dict[tuple[Any, ...], Any] = {}
    row = 2
    for item in fields:
        if titles and item.id in titles:
            title = sheet.cell(row=row, column=2)
            write_value(title, titles[item.id])
            title.font = Font(bold=True, size=12)
            row += 1
        write_value(sheet.cell(row=row, column=1), item.id)
        write_value(
            sheet.cell(row=row, column=2), item.label + (" *" if item.required else ""), wrap=True
        )
        write_value(sheet.cell(row=row, column=4), item.help, wrap=True)
        answer = sheet.cell(row=row, column=3)
        value = prefilled.get(item.id)
        if value is not None:
            write_value(answer, _display(item, value))
        else:
            _unlock(answer)
        coordinate = answer.coordinate
        if item.kind in _NUMBER_FORMATS:
            answer.number_format = _NUMBER_FORMATS[item.kind]
        if item.choices:
            _validation(
                sheet,
                cache,
                "list",
                coordinate,
                formula1=lists.formula(item.id, [label for _, label in item.choices]),
            )
        elif item.kind == "oui-non":
            _validation(sheet, cache, "list", coordinate, formula1='"Oui,Non"')
        elif item.kind in {"nombre", "montant"}:
            _validation(sheet, cache, "decimal", coordinate, **_bounds(0, None))
        elif item.kind == "quotite":
            _validation(sheet, cache, "decimal", coordinate, **_bounds(0, 100))
        elif item.kind == "date":
            _validation(sheet, cache, "date", coordinate, operator="greaterThan", formula1="1")
        fit_row_height(sheet, row, [(item.label, 60), (item.help, 70)])
        row += 1
    _protect(sheet)


def _display(item: Field, value: Any) -> Any:
    if item.choices:
        labels = dict(item.choices)
        return labels.get(str(value), value)
    return value


def _indicator_sheet(sheet: Any, ref: IndicatorSet, *, respondents: bool, lists: _Lists) -> None:
    from .._spreadsheet import fit_row_height, write_value

    widths = [16, 24, 70, 30, 24, 32, 32]
    _header(sheet, INDICATOR_HEADERS, widths)
    cache: dict[tuple[Any, ...], Any] = {}
    dimension_labels = {dimension.id: dimension.label for dimension in ref.dimensions}
    row = 2
    for indicator in ref.indicators:
        if respondents and indicator.level == "repondant":
            continue
        question = indicator.question
        if indicator.help:
            question = f"{question}\n{indicator.help}"
        expected = expected_text(indicator, ref)
        values = [
            indicator.id,
            dimension_labels.get(indicator.dimension or "", "Contexte"),
            question,
            expected,
            None,
            None,
            indicator.evidence,
        ]
        for column, value in enumerate(values, start=1):
            write_value(sheet.cell(row=row, column=column), value, wrap=column in {2, 3, 4, 7})
        answer = sheet.cell(row=row, column=5)
        comment = sheet.cell(row=row, column=6)
        _unlock(answer)
        _unlock(comment)
        comment.alignment = _wrap_top()
        _answer_rule(sheet, cache, answer, indicator, ref, lists)
        fit_row_height(
            sheet,
            row,
            [(question, widths[2]), (expected, widths[3]), (indicator.evidence, widths[6])],
        )
        row += 1
    _protect(sheet)


def _answer_rule(
    sheet: Any,
    cache: dict[tuple[Any, ...], Any],
    cell: Any,
    indicator: Indicator,
    ref: IndicatorSet,
    lists: _Lists,
) -> None:
    answer = indicator.answer
    coordinate = cell.coordinate
    if indicator.level == "repondant":
        if indicator.aggregation == "part-favorable":
            cell.number_format = _NUMBER_FORMATS["pourcentage"]
            _validation(sheet, cache, "decimal", coordinate, **_bounds(0, 100))
        elif answer.scale:
            size = len(ref.scale_labels(answer.scale))
            _validation(sheet, cache, "decimal", coordinate, **_bounds(1, size))
        else:
            _validation(sheet, cache, "decimal", coordinate, **_bounds(answer.min, answer.max))
        return
    kind = answer.type
    if kind in _NUMBER_FORMATS:
        cell.number_format = _NUMBER_FORMATS[kind]
    if kind == "likert" and answer.scale:
        _validation(
            sheet,
            cache,
            "list",
            coordinate,
            formula1=lists.formula(answer.scale, ref.scale_labels(answer.scale)),
        )
    elif kind == "oui-non":
        _validation(sheet, cache, "list", coordinate, formula1='"Oui,Non"')
    elif kind == "choix" and answer.choices:
        _validation(
            sheet,
            cache,
            "list",
            coordinate,
            formula1=lists.formula(indicator.id, [c.label for c in answer.choices]),
        )
    elif kind == "pourcentage":
        low = answer.min if answer.min is not None else 0
        high = answer.max if answer.max is not None else 100
        _validation(sheet, cache, "decimal", coordinate, **_bounds(low, high))
    elif kind == "effectif":
        low = answer.min if answer.min is not None else 0
        _validation(sheet, cache, "whole", coordinate, **_bounds(low, answer.max))
    elif kind in {"nombre", "montant"}:
        _validation(sheet, cache, "decimal", coordinate, **_bounds(answer.min, answer.max))
    elif kind == "texte":
        cell.alignment = _wrap_top()


def _responses_sheet(sheet: Any, ref: IndicatorSet, rows: int, lists: _Lists) -> None:
    from openpyxl.styles import Font

    from .._spreadsheet import WRAP, estimated_lines, write_value

    items = ref.respondent_indicators
    write_value(sheet.cell(row=1, column=1), "Question →")
    sheet.cell(row=1, column=1).font = Font(italic=True)
    _header(
        sheet, [RESPONDENT_HEADER, *(item.id for item in items)], [12, *([28] * len(items))], row=2
    )
    tallest = 1
    for column, item in enumerate(items, start=2):
        question = sheet.cell(row=1, column=column)
        write_value(question, item.question, wrap=True)
        question.alignment = WRAP
        tallest = max(tallest, estimated_lines(item.question, 28))
    sheet.row_dimensions[1].height = min(15 * tallest, 300)
    from openpyxl.utils import get_column_letter

    cache: dict[tuple[Any, ...], Any] = {}
    for row in range(3, rows + 3):
        write_value(sheet.cell(row=row, column=1), row - 2)
        for column in range(2, len(items) + 2):
            _unlock(sheet.cell(row=row, column=column))
    # One validated range per column (adding cells one by one costs the square of the rows).
    for column, item in enumerate(items, start=2):
        letter = get_column_letter(column)
        cells = f"{letter}3:{letter}{rows + 2}"
        answer = item.answer
        if answer.type == "likert" and answer.scale:
            formula = lists.formula(answer.scale, ref.scale_labels(answer.scale))
            _validation(sheet, cache, "list", cells, formula1=formula)
        elif answer.type == "oui-non":
            _validation(sheet, cache, "list", cells, formula1='"Oui,Non"')
        elif answer.type == "choix" and answer.choices:
            formula = lists.formula(item.id, [c.label for c in answer.choices])
            _validation(sheet, cache, "list", cells, formula1=formula)
        elif answer.type in {"nombre", "effectif", "pourcentage", "montant"}:
            _validation(sheet, cache, "decimal", cells, **_bounds(answer.min, answer.max))
    _protect(sheet)


def _meta_sheet(
    sheet: Any,
    ref: IndicatorSet,
    *,
    esus: bool,
    respondents: bool,
    period: str | None,
    member: Mapping[str, Any],
    today: dt.date,
) -> None:
    from .._spreadsheet import write_value

    rows = [
        ("cle", "contenu"),
        ("referentiel_id", ref.id),
        ("referentiel_version", ref.version),
        ("referentiel_sha256", ref.content_hash()),
        ("modele_version", TEMPLATE_VERSION),
        ("date_generation", today.isoformat()),
        ("periode", period or ""),
        ("esus", "oui" if esus else "non"),
        ("repondants", "oui" if respondents else "non"),
        ("code_adherent", str(member.get("org.code_adherent", ""))),
    ]
    for row, (key, value) in enumerate(rows, start=1):
        write_value(sheet.cell(row=row, column=1), key)
        write_value(sheet.cell(row=row, column=2), value)
    sheet.sheet_state = "hidden"
    _protect(sheet)


def _lists_sheet(sheet: Any, lists: _Lists) -> None:
    from .._spreadsheet import write_value

    for column, (name, values) in enumerate(lists.columns, start=1):
        write_value(sheet.cell(row=1, column=column), name)
        for row, value in enumerate(values, start=2):
            write_value(sheet.cell(row=row, column=column), value)
    sheet.sheet_state = "hidden"
    _protect(sheet)


def _readme(
    sheet: Any,
    ref: IndicatorSet,
    *,
    esus: bool,
    respondents: bool,
    deadline: dt.date | None,
    contact: str | None,
    period: str | None,
    today: dt.date,
) -> None:
    from openpyxl.styles import Font

    from .._format import format_date
    from .._spreadsheet import WRAP, write_value
    from ..reference import article2_in_force

    law = article2_in_force(today)
    steps = [
        f"1. Feuille « {SHEET_ORGANISATION} » : complétez l'identité de votre organisation "
        "(colonne « Réponse »).",
        f"2. Feuille « {SHEET_INDICATORS} » : répondez à chaque question dans la colonne "
        "« Réponse » (cellules jaunes), en suivant la colonne « Attendu » ; utilisez les listes "
        "déroulantes quand il y en a. Laissez vide ce que vous ne savez pas.",
        "3. Ajoutez si besoin un commentaire et le justificatif dont vous disposez.",
    ]
    if respondents:
        steps.append(
            f"4. Feuille « {SHEET_RESPONSES} » : une ligne par personne interrogée, sans son "
            "nom ; une colonne par question."
        )
    if esus:
        steps.append(
            f"{len(steps) + 1}. Feuille « {SHEET_ESUS} » : chiffres de vos derniers exercices "
            "clos, rémunérations les plus élevées (sans nom) et articles de vos statuts, pour "
            "l'agrément ESUS."
        )
    steps.append(
        f"{len(steps) + 1}. Enregistrez le fichier (.xlsx ou .ods) et renvoyez-le"
        + (f" avant le {format_date(deadline)}" if deadline else "")
        + "."
    )
    lines = [
        f"Auto-évaluation : {ref.title}",
        "",
        f"Référentiel « {ref.id} », version {ref.version}"
        + (f" — période évaluée : {period}" if period else ""),
        "",
        "Ce qu'il faut faire",
        *steps,
        "",
        "Une question ?",
        contact or "Adressez-vous à la personne qui vous a envoyé ce classeur.",
        "",
        "Pourquoi ces questions",
        "Vos réponses mesurent votre utilité sociale au sens de l'article 2 de la loi "
        f"n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire (version "
        f"en vigueur depuis le {format_date(law.start)}), et vous permettent de vous situer "
        "parmi les autres membres. Les réponses des personnes interrogées restent anonymes : "
        "n'inscrivez aucun nom.",
        "",
        "Vérifier le fichier avant de l'envoyer (facultatif) : utilite-sociale verifier "
        f"ce-fichier.xlsx -r {ref.id}",
    ]
    sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1)
        write_value(cell, text)
        cell.alignment = WRAP
    for row in (1, 5, 5 + len(steps) + 2, 5 + len(steps) + 5):
        sheet.cell(row=row, column=1).font = Font(bold=True, size=14 if row == 1 else 12)
    _protect(sheet)
