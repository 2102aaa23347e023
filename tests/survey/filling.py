"""Fill a generated template the way a person would, and know what should be read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from openpyxl import load_workbook

from utilite_sociale.framework.models import Indicator, IndicatorSet
from utilite_sociale.survey.layout import LEGAL_FORMS

Expected = dict[str, float | str]


def answer_for(draw: st.DrawFn, indicator: Indicator, ref: IndicatorSet) -> tuple[Any, float | str]:
    """A cell value a person would type for this indicator, and the value to read back."""
    answer = indicator.answer
    if indicator.level == "repondant":
        if indicator.aggregation == "part-favorable":
            value = float(draw(st.integers(2, 100)))
            return value, value
        size = len(ref.scale_labels(answer.scale)) if answer.scale else 5
        value = draw(st.integers(10, size * 10)) / 10
        return value, value
    kind = answer.type
    if kind == "likert":
        labels = ref.scale_labels(answer.scale or "")
        level = draw(st.integers(1, len(labels)))
        return labels[level - 1], float(level)
    if kind == "oui-non":
        yes = draw(st.booleans())
        return ("Oui" if yes else "Non"), (1.0 if yes else 0.0)
    if kind == "choix":
        choice = draw(st.sampled_from(answer.choices or []))
        return choice.label, choice.value
    if kind == "pourcentage":
        low = max(answer.min if answer.min is not None else 0.0, 2.0)
        high = answer.max if answer.max is not None else 100.0
        value = draw(st.integers(int(low * 2), int(high * 2))) / 2
        return value, value
    if kind == "effectif":
        low = int(answer.min or 0)
        high = int(answer.max) if answer.max is not None else 5000
        value = draw(st.integers(low, high))
        return value, float(value)
    if kind in {"nombre", "montant"}:
        low = answer.min if answer.min is not None else -1000.0
        high = answer.max if answer.max is not None else 100000.0
        value = draw(st.integers(int(low * 100), int(high * 100))) / 100
        return value, value
    text = draw(st.text(alphabet="abcdeéàç ,.;-'", min_size=1, max_size=30)).strip() or "x"
    if text[0] in "=+-@":
        text = "x" + text
    return text, text


@st.composite
def fillings(
    draw: st.DrawFn, ref: IndicatorSet
) -> tuple[dict[str, Any], Expected, dict[str, Any], dict[str, float | str]]:
    """Cell values by id (indicators and identity) and what each should read back as."""
    cells: dict[str, Any] = {}
    expected: Expected = {}
    for indicator in ref.indicators:
        if draw(st.integers(0, 9)) == 0:
            continue  # a question left blank
        raw, value = answer_for(draw, indicator, ref)
        cells[indicator.id] = raw
        expected[indicator.id] = value
    code, label = draw(st.sampled_from(LEGAL_FORMS))
    created = draw(st.dates(dt.date(1950, 1, 1), dt.date(2024, 12, 31)))
    identity_cells: dict[str, Any] = {
        "org.code_adherent": draw(st.sampled_from(["A042", "B7", "OCC-031-12"])),
        "org.nom": draw(st.sampled_from(["Le Fil d'Ariane", "Énergies Partagées du Lauragais"])),
        "org.siren": 123456782,
        "org.rna": "W313000123",
        "org.forme_juridique": label,
        "org.date_creation": dt.datetime(created.year, created.month, created.day),
        "org.departement": "31",
        "org.secteur": "Personnes âgées",
        "org.periode": "2025",
        "org.etp": 3.5,
        "org.budget": 152300.5,
    }
    identity_expected: dict[str, float | str] = {
        "org.code_adherent": identity_cells["org.code_adherent"],
        "org.nom": identity_cells["org.nom"],
        "org.siren": "123456782",
        "org.rna": "W313000123",
        "org.forme_juridique": code,
        "org.date_creation": created.isoformat(),
        "org.departement": "31",
        "org.secteur": "Personnes âgées",
        "org.periode": "2025",
        "org.etp": 3.5,
        "org.budget": 152300.5,
    }
    return cells, expected, identity_cells, identity_expected


def fill(path: Path, values: dict[str, Any]) -> None:
    """Write values into the ``Réponse`` cells of every id sheet, found by id."""
    book = load_workbook(path)
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        if "id" not in header or "Réponse" not in header:
            continue
        id_column = header.index("id") + 1
        answer_column = header.index("Réponse") + 1
        for row in range(2, sheet.max_row + 1):
            item_id = sheet.cell(row=row, column=id_column).value
            if item_id in values:
                sheet.cell(row=row, column=answer_column).value = values[item_id]
    book.save(path)


def typical_filling(ref: IndicatorSet) -> tuple[dict[str, Any], Expected]:
    """A complete, deterministic filling with decimals, labels and thousands (for re-saves)."""
    cells: dict[str, Any] = {}
    expected: Expected = {}
    for index, indicator in enumerate(ref.indicators):
        answer = indicator.answer
        raw: Any
        value: float | str
        if indicator.level == "repondant":
            if indicator.aggregation == "part-favorable":
                raw = value = 40.5 + index % 50
            else:
                raw = value = 2.25
        elif answer.type == "likert":
            labels = ref.scale_labels(answer.scale or "")
            level = 1 + index % len(labels)
            raw, value = labels[level - 1], float(level)
        elif answer.type == "oui-non":
            raw, value = ("Oui", 1.0) if index % 2 else ("Non", 0.0)
        elif answer.type == "choix":
            choice = (answer.choices or [])[index % len(answer.choices or [1])]
            raw, value = choice.label, choice.value
        elif answer.type == "pourcentage":
            low = max(answer.min or 0.0, 2.0)
            high = answer.max if answer.max is not None else 100.0
            raw = value = min(high, low + 12.5 + index % 40)
        elif answer.type == "effectif":
            raw = 1234 + index
            value = float(raw)
            if answer.max is not None:
                raw = int(answer.max)
                value = float(raw)
        elif answer.type in {"nombre", "montant"}:
            low = answer.min if answer.min is not None else 0.0
            raw = value = low + 1234.56 + index
            if answer.max is not None:
                raw = value = round((low + answer.max) / 2 + 0.25, 2)
        else:
            raw = value = f"Réponse libre n° {index} : « essai » ; à vérifier"
        cells[indicator.id] = raw
        expected[indicator.id] = value
    # A part never exceeds its total: a count divided by a count is at most its denominator.
    for indicator in ref.indicators:
        total_id = indicator.denominator
        if indicator.answer.type != "effectif" or total_id is None:
            continue
        total = expected.get(total_id)
        part = expected.get(indicator.id)
        if (
            ref.indicator(total_id).answer.type == "effectif"
            and isinstance(total, float)
            and isinstance(part, float)
            and part > total
        ):
            cells[indicator.id] = int(total) // 2
            expected[indicator.id] = float(int(total) // 2)
    return cells, expected
