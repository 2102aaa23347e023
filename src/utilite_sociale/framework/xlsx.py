"""Référentiels authored in Excel: one sheet per table, French headers, drop-down lists.

Sheets (headers are matched without regard to case, accents or column order):

- ``Métadonnées``: ``champ`` / ``valeur`` rows (id, titre, version, sujet…);
- ``Dimensions``: one row per dimension, with its ``parent``;
- ``Indicateurs``: one row per indicator (question, type of answer, normalisation, weight…);
- ``Correspondances``: one row per (indicator, lens, group, share);
- ``Lentilles``: one row per group of a declared lens (strategic axes…);
- ``Cibles``, ``Choix``, ``Scores``, ``Paliers``: targets, answer choices, explicit scores and
  thresholds, one row each, keyed by indicator id;
- ``Échelles``, ``Sources``: declared Likert scales (one row per level) and cited sources.

Every problem is reported with its sheet and cell (``Indicateurs!E12``). Formulas are never
evaluated (cached values only) and text is written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .._atomic import atomic_write_bytes
from .._safety import MAX_ROWS, check_zip_archive
from ..errors import ERROR, InputFileError, Issue
from .lenses import builtin_lenses
from .models import IndicatorSet
from .scales import BUILTIN_SCALES

__all__ = ["indicator_set_to_workbook_bytes", "read_indicator_set_xlsx", "save_indicator_set_xlsx"]

Kind = Literal["text", "number", "bool", "enum", "list", "lines", "date", "int"]

_ANSWER_TYPES = [
    "likert",
    "oui-non",
    "nombre",
    "pourcentage",
    "montant",
    "effectif",
    "choix",
    "texte",
]
_NORMALISATIONS = [
    "bornes",
    "minmax",
    "zscore",
    "rang",
    "cible",
    "paliers",
    "likert",
    "oui-non",
    "categories",
]
_ENUMS: dict[str, list[str]] = {
    "subject": ["adherent", "federation"],
    "legal_version": ["auto", "2014", "2019"],
    "answer.type": _ANSWER_TYPES,
    "level": ["organisation", "repondant"],
    "respondent_aggregation": ["moyenne", "part-favorable", "mediane"],
    "direction": ["croissant", "decroissant", "cible"],
    "normalisation.method": _NORMALISATIONS,
    "kind": ["strategique", "autre"],
}
#: French spellings people type, mapped to the codes of the format.
_SYNONYMS = {
    "adhérent": "adherent",
    "fédération": "federation",
    "répondant": "repondant",
    "décroissant": "decroissant",
    "catégories": "categories",
    "oui/non": "oui-non",
    "oui non": "oui-non",
    "médiane": "mediane",
    "part favorable": "part-favorable",
    "stratégique": "strategique",
    "texte libre": "texte",
}
_TRUE = {"oui", "o", "vrai", "true", "x", "1", "yes"}
_FALSE = {"non", "n", "faux", "false", "0", "no"}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table sheet: French header, model key (dotted), kind, width, help."""

    header: str
    key: str
    kind: Kind = "text"
    width: int = 14
    wrap: bool = False
    help: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table sheet: its name, purpose and columns."""

    sheet: str
    purpose: str
    columns: tuple[Column, ...]
    required: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


META_FIELDS: tuple[Column, ...] = (
    Column("id", "id", help="Identifiant : minuscules, chiffres et tirets (ex. mon-referentiel)."),
    Column("titre", "title"),
    Column("version", "version", help="Changez-la à chaque modification (ex. 2025.1)."),
    Column(
        "sujet",
        "subject",
        "enum",
        help="adherent : une organisation répond sur elle-même ; federation : le plan "
        "d'une fédération.",
    ),
    Column("description", "description", wrap=True),
    Column("auteurs", "authors", "lines", help="Un auteur par ligne (Alt+Entrée dans Excel)."),
    Column("licence", "licence"),
    Column(
        "version légale",
        "legal_version",
        "enum",
        help="auto : la version de l'art. 2 de la loi ESS en vigueur à la date de "
        "l'évaluation ; ou 2014, ou 2019.",
    ),
    Column("échelle min", "scale.min", "number", help="Score le plus bas (0 par défaut)."),
    Column("échelle max", "scale.max", "number", help="Score le plus haut (100 par défaut)."),
    Column(
        "agrégation",
        "aggregation",
        "list",
        help="amean (moyenne arithmétique), gmean (géométrique) ou min ; ou une méthode "
        "par étape, des indicateurs vers le haut, séparées par « ; ».",
    ),
    Column(
        "couverture minimale",
        "min_coverage",
        "number",
        help="Entre 0 et 1 : en dessous, un score est « couverture insuffisante ».",
    ),
    Column(
        "code du score global",
        "overall",
        help="Nom de la colonne du score global dans les résultats (global par défaut).",
    ),
    Column(
        "dénomination",
        "denomination",
        "bool",
        help="oui : chaque indicateur qui a un dénominateur est divisé par lui (par défaut).",
    ),
)

DIMENSIONS = Table(
    "Dimensions",
    "Les dimensions de l'arbre principal ; « parent » rattache une dimension à une autre.",
    (
        Column("id", "id", width=18),
        Column("libellé", "label", width=40, wrap=True),
        Column("description", "description", width=60, wrap=True),
        Column("parent", "parent", "enum", width=18),
        Column("poids", "weight", "number", width=8),
    ),
    required=("id",),
)
INDICATORS = Table(
    "Indicateurs",
    "Un indicateur par ligne : la question, la réponse attendue, la normalisation, le poids.",
    (
        Column("id", "id", width=14),
        Column("libellé", "label", width=32, wrap=True),
        Column("question", "question", width=60, wrap=True),
        Column("aide", "help", width=40, wrap=True),
        Column("dimension", "dimension", "enum", width=16),
        Column("type de réponse", "answer.type", "enum", width=13),
        Column("unité", "answer.unit", width=10),
        Column("saisie min", "answer.min", "number", width=9),
        Column("saisie max", "answer.max", "number", width=9),
        Column("échelle", "answer.scale", "enum", width=14),
        Column("niveau", "level", "enum", width=13),
        Column("agrégation des répondants", "respondent_aggregation", "enum", width=14),
        Column("réponses favorables", "favourable", "list", width=11),
        Column("noté", "scored", "bool", width=7),
        Column("sens", "direction", "enum", width=12),
        Column("normalisation", "normalisation.method", "enum", width=13),
        Column("borne basse", "normalisation.low", "number", width=9),
        Column("borne haute", "normalisation.high", "number", width=9),
        Column("intervalle min", "normalisation.range.0", "number", width=9),
        Column("intervalle max", "normalisation.range.1", "number", width=9),
        Column("moyenne visée", "normalisation.mean", "number", width=9),
        Column("écart-type visé", "normalisation.sd", "number", width=9),
        Column("cible", "normalisation.target", "number", width=8),
        Column("tolérance", "normalisation.tolerance", "number", width=9),
        Column("poids", "weight", "number", width=7),
        Column("dénominateur", "denominator", "enum", width=14),
        Column("obligatoire", "required", "bool", width=10),
        Column("justificatif", "evidence", width=36, wrap=True),
        Column("source de l'indicateur", "rationale", width=40, wrap=True),
        Column("fragilité", "fragility", "list", width=16),
    ),
    required=("id",),
)
MAPPINGS = Table(
    "Correspondances",
    "Une ligne par rattachement d'un indicateur à un groupe d'une lentille (critère de la loi, "
    "thème du Guide, axe stratégique) ; part entre 0 et 1 (1 si vide).",
    (
        Column("indicateur", "indicator", "enum", width=14),
        Column("lentille", "lens", "enum", width=14),
        Column("groupe", "group", "enum", width=24),
        Column("part", "share", "number", width=8),
    ),
    required=("indicator", "lens", "group"),
)
LENSES = Table(
    "Lentilles",
    "Les lentilles propres au référentiel (axes stratégiques…), une ligne par groupe. Les "
    "lentilles loi-2014, loi-2019 et guide existent d'office.",
    (
        Column("lentille", "lens", width=16),
        Column("libellé de la lentille", "lens_label", width=36, wrap=True),
        Column("type", "kind", "enum", width=12),
        Column("groupe", "group", width=12),
        Column("libellé du groupe", "label", width=48, wrap=True),
        Column("description du groupe", "description", width=48, wrap=True),
    ),
    required=("lens", "group"),
)
TARGETS = Table(
    "Cibles",
    "Les cibles d'un indicateur, avec leur échéance.",
    (
        Column("indicateur", "indicator", "enum", width=14),
        Column("valeur", "value", "number", width=10),
        Column("échéance", "deadline", "date", width=12),
        Column("libellé", "label", width=48, wrap=True),
    ),
    required=("indicator",),
)
CHOICES = Table(
    "Choix",
    "Les réponses possibles d'une question de type choix, dans l'ordre.",
    (
        Column("indicateur", "indicator", "enum", width=14),
        Column("valeur", "value", width=16),
        Column("libellé", "label", width=60, wrap=True),
    ),
    required=("indicator",),
)
SCORES = Table(
    "Scores",
    "Scores donnés explicitement à des réponses (normalisations categories, likert, oui-non).",
    (
        Column("indicateur", "indicator", "enum", width=14),
        Column("réponse", "answer", width=16),
        Column("score", "score", "number", width=8),
    ),
    required=("indicator",),
)
BANDS = Table(
    "Paliers",
    "Les paliers d'une normalisation « paliers » : à partir de chaque seuil, le score.",
    (
        Column("indicateur", "indicator", "enum", width=14),
        Column("à partir de", "from", "number", width=12),
        Column("score", "score", "number", width=8),
    ),
    required=("indicator",),
)
SCALES = Table(
    "Échelles",
    "Les échelles de Likert propres au référentiel, une ligne par niveau (1 = le moins "
    "favorable). Échelles fournies d'office : " + ", ".join(BUILTIN_SCALES) + ".",
    (
        Column("échelle", "scale", width=16),
        Column("libellé de l'échelle", "scale_label", width=30),
        Column("niveau", "level", "int", width=8),
        Column("libellé du niveau", "label", width=40),
    ),
    required=("scale", "level"),
)
SOURCES = Table(
    "Sources",
    "Les sources citées par les indicateurs.",
    (
        Column("id", "id", width=22),
        Column("titre", "title", width=80, wrap=True),
        Column("adresse", "url", width=60),
    ),
    required=("id",),
)
TABLES: tuple[Table, ...] = (
    DIMENSIONS,
    INDICATORS,
    MAPPINGS,
    LENSES,
    TARGETS,
    CHOICES,
    SCORES,
    BANDS,
    SCALES,
    SOURCES,
)
META_SHEET = "Métadonnées"
README_SHEET = "Lisez-moi"
LISTS_SHEET = "_listes"


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


def _get(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        if value is None:
            return None
        if isinstance(value, list | tuple):
            index = int(part)
            value = value[index] if index < len(value) else None
        else:
            value = value.get(part)
    return value


def _cell_value(value: Any, kind: Kind) -> Any:
    if value is None:
        return None
    if kind == "bool":
        return "oui" if value else "non"
    if kind in {"list"}:
        return " ; ".join(str(item) for item in value) if isinstance(value, list) else value
    if kind == "lines":
        return "\n".join(value)
    if kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if kind == "number" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def indicator_set_to_workbook_bytes(indicator_set: IndicatorSet) -> bytes:
    """Return the référentiel as an ``.xlsx`` workbook (bytes), ready to edit in Excel."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from .._spreadsheet import HEADER_FILL, HEADER_FONT, WRAP, fit_row_height, write_value

    data = indicator_set.model_dump(mode="json", by_alias=True)
    workbook = Workbook()
    readme = workbook.active
    assert readme is not None
    readme.title = README_SHEET
    _write_readme(readme, indicator_set)

    lists = workbook.create_sheet(LISTS_SHEET)
    list_ranges = _write_lists(lists, indicator_set)
    lists.sheet_state = "hidden"

    def header(sheet: Any, columns: Iterable[Column]) -> None:
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index)
            write_value(cell, column.header)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
            sheet.column_dimensions[cell.column_letter].width = column.width
        sheet.freeze_panes = "A2"

    def validate(sheet: Any, letter: str, source: str, last_row: int) -> None:
        rule = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Valeur non reconnue",
            error="Choisissez une valeur dans la liste déroulante.",
        )
        rule.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(rule)

    # -- Métadonnées
    meta = workbook.create_sheet(META_SHEET, 1)
    meta_columns = (
        Column("champ", "", width=22),
        Column("valeur", "", width=70),
        Column("aide", "", width=70),
    )
    header(meta, meta_columns)
    for row, column in enumerate(META_FIELDS, start=2):
        write_value(meta.cell(row=row, column=1), column.header)
        value = _cell_value(_get(data, column.key), column.kind)
        write_value(meta.cell(row=row, column=2), value, wrap=True)
        write_value(meta.cell(row=row, column=3), column.help, wrap=True)
        fit_row_height(meta, row, [(value, 70), (column.help, 70)])
        if column.kind == "enum":
            options = ",".join(_ENUMS[column.key])
            rule = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
            rule.add(f"B{row}")
            meta.add_data_validation(rule)

    # -- tables
    rows = _table_rows(data)
    for table in TABLES:
        sheet = workbook.create_sheet(table.sheet)
        header(sheet, table.columns)
        table_rows = rows[table.sheet]
        for row_index, record in enumerate(table_rows, start=2):
            wrapped: list[tuple[Any, float]] = []
            for col_index, column in enumerate(table.columns, start=1):
                value = _cell_value(record.get(column.key), column.kind)
                cell = sheet.cell(row=row_index, column=col_index)
                write_value(cell, value, wrap=column.wrap)
                if column.wrap:
                    wrapped.append((value, column.width))
                if column.kind == "date" and value is not None:
                    cell.number_format = "DD/MM/YYYY"
            fit_row_height(sheet, row_index, wrapped)
        last = max(len(table_rows) + 1, 2) + 200
        last_letter = sheet.cell(row=1, column=len(table.columns)).column_letter
        sheet.auto_filter.ref = f"A1:{last_letter}{max(len(table_rows) + 1, 2)}"
        for col_index, column in enumerate(table.columns, start=1):
            letter = sheet.cell(row=1, column=col_index).column_letter
            source = _validation_source(table, column, list_ranges)
            if source:
                validate(sheet, letter, source, last)
    # The hidden lists go last, after the sheets people edit.
    workbook.move_sheet(lists, offset=len(workbook.sheetnames) - 1 - workbook.index(lists))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _validation_source(table: Table, column: Column, ranges: dict[str, str]) -> str | None:
    if column.kind == "bool":
        return '"oui,non"'
    if column.key in _ENUMS and column.kind == "enum":
        return '"' + ",".join(_ENUMS[column.key]) + '"'
    if table is DIMENSIONS and column.key == "parent":
        return ranges["dimensions"]
    if table is INDICATORS:
        return {
            "dimension": ranges["dimensions"],
            "answer.scale": ranges["scales"],
            "denominator": ranges["indicators"],
        }.get(column.key)
    if column.key == "indicator":
        return ranges["indicators"]
    if table is MAPPINGS:
        return {"lens": ranges["lenses"], "group": ranges["groups"]}.get(column.key)
    return None


def _write_lists(sheet: Any, ref: IndicatorSet) -> dict[str, str]:
    """Hidden sheet with the lists the drop-downs point to (room left for additions)."""
    from .._spreadsheet import write_value

    lenses = [*builtin_lenses(), *ref.lenses]
    columns = {
        "dimensions": [dimension.id for dimension in ref.dimensions],
        "indicators": [indicator.id for indicator in ref.indicators],
        "scales": [*BUILTIN_SCALES, *ref.scales],
        "lenses": [lens.id for lens in lenses],
        "groups": [group.id for lens in lenses for group in lens.groups],
    }
    ranges: dict[str, str] = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        write_value(sheet.cell(row=1, column=index), name)
        for row, value in enumerate(values, start=2):
            write_value(sheet.cell(row=row, column=index), value)
        # Drop-downs on other sheets list the current values of those sheets' id columns.
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 201}"
    ranges["dimensions"] = f"{DIMENSIONS.sheet}!$A$2:$A${len(ref.dimensions) + 201}"
    ranges["indicators"] = f"{INDICATORS.sheet}!$A$2:$A${len(ref.indicators) + 201}"
    return ranges


def _write_readme(sheet: Any, ref: IndicatorSet) -> None:
    from openpyxl.styles import Font

    from .._spreadsheet import WRAP, write_value

    lines = [
        f"Référentiel « {ref.title} » ({ref.id}, version {ref.version})",
        "",
        "Ce classeur décrit un référentiel d'utilité sociale. Modifiez les feuilles, puis "
        "vérifiez le fichier avec : utilite-sociale referentiels ce-fichier.xlsx",
        "Chaque erreur sera signalée avec sa feuille et sa cellule (ex. Indicateurs!E12).",
        "",
        f"{META_SHEET} : identité du référentiel (id, version, sujet…).",
        *(f"{table.sheet} : {table.purpose}" for table in TABLES),
        "",
        "Les listes déroulantes proposent les valeurs admises. Le format complet est décrit "
        "dans la documentation (docs/format-referentiel.md).",
    ]
    sheet.column_dimensions["A"].width = 120
    for row, text in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1)
        write_value(cell, text, wrap=True)
        cell.alignment = WRAP
    sheet["A1"].font = Font(bold=True, size=14)


def _table_rows(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Flatten the model's data into the rows of each table sheet."""
    rows: dict[str, list[dict[str, Any]]] = {table.sheet: [] for table in TABLES}
    rows[DIMENSIONS.sheet] = [dict(item) for item in data["dimensions"]]
    for item in data["indicators"]:
        flat: dict[str, Any] = {}
        for column in INDICATORS.columns:
            flat[column.key] = _get(item, column.key)
        rows[INDICATORS.sheet].append(flat)
        ind_id = item["id"]
        for lens_id, shares in item["mappings"].items():
            for group_id, share in shares.items():
                rows[MAPPINGS.sheet].append(
                    {"indicator": ind_id, "lens": lens_id, "group": group_id, "share": share}
                )
        for target in item["targets"]:
            rows[TARGETS.sheet].append({"indicator": ind_id, **target})
        for choice in item["answer"].get("choices") or []:
            rows[CHOICES.sheet].append({"indicator": ind_id, **choice})
        norm = item.get("normalisation") or {}
        for answer, score in (norm.get("scores") or {}).items():
            rows[SCORES.sheet].append({"indicator": ind_id, "answer": answer, "score": score})
        for band in norm.get("bands") or []:
            rows[BANDS.sheet].append({"indicator": ind_id, **band})
    for lens in data["lenses"]:
        for group in lens["groups"]:
            rows[LENSES.sheet].append(
                {
                    "lens": lens["id"],
                    "lens_label": lens["label"],
                    "kind": lens["kind"],
                    "group": group["id"],
                    "label": group["label"],
                    "description": group.get("description"),
                }
            )
    for scale_id, scale in data["scales"].items():
        for level, label in enumerate(scale["labels"], start=1):
            rows[SCALES.sheet].append(
                {
                    "scale": scale_id,
                    "scale_label": scale.get("label"),
                    "level": level,
                    "label": label,
                }
            )
    rows[SOURCES.sheet] = [dict(item) for item in data["sources"]]
    return rows


def save_indicator_set_xlsx(indicator_set: IndicatorSet, path: str | os.PathLike[str]) -> Path:
    """Write the référentiel to an ``.xlsx`` workbook, atomically."""
    return atomic_write_bytes(path, indicator_set_to_workbook_bytes(indicator_set))


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


@dataclass
class _Reader:
    """Collects the data, the cell of every value, and the problems found while reading."""

    file: str
    sheet_order: dict[str, int] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        from ._locate import CellMap

        self.cells = CellMap()

    def problem(
        self,
        code: str,
        message: str,
        sheet: str,
        cell: str | None,
        fix: str,
        *,
        found: Any = None,
        indicator: str | None = None,
    ) -> None:
        self.issues.append(
            Issue(
                code=code,
                message=message,
                severity=ERROR,
                file=self.file,
                sheet=sheet,
                cell=cell,
                indicator=indicator,
                found=None if found is None else str(found),
                fix=fix,
            )
        )


def _convert(value: Any, column: Column) -> Any:
    """Turn a cell value into what the model expects, leaving the wrong ones for pydantic."""
    from .._spreadsheet import normalise_label, parse_french_number

    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    kind = column.kind
    if kind in {"number", "int"}:
        if isinstance(value, str):
            number = parse_french_number(value)
            return value if number is None else number
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        return value
    if kind == "bool":
        label = normalise_label(value)
        if label in _TRUE:
            return True
        if label in _FALSE:
            return False
        return value
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            parts = value.replace("-", "/").split("/")
            if len(parts) == 3 and len(parts[0]) <= 2:
                try:
                    return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
                except ValueError:
                    return value
        return value
    if kind in {"list", "lines"}:
        text = _as_text(value)
        separators = "\n" if kind == "lines" else ";"
        if kind == "list":
            text = text.replace(",", ";") if ";" not in text else text
        return [part.strip() for part in text.split(separators) if part.strip()]
    if kind == "enum" and column.key in _ENUMS:
        text = _as_text(value)
        label = normalise_label(text)
        for code in _ENUMS[column.key]:
            if normalise_label(code) == label:
                return code
        return _SYNONYMS.get(label, _SYNONYMS.get(text.lower(), text))
    return _as_text(value)


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _set(target: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    current: Any = target
    for index, part in enumerate(parts[:-1]):
        following = parts[index + 1]
        if following.isdigit():
            current = current.setdefault(part, [None, None])
        else:
            current = current.setdefault(part, {})
    last = parts[-1]
    if isinstance(current, list):
        current[int(last)] = value
    else:
        current[last] = value


def _path_of(dotted: str) -> tuple[str | int, ...]:
    return tuple(int(part) if part.isdigit() else part for part in dotted.split("."))


def read_indicator_set_xlsx(path: str | os.PathLike[str]) -> Any:
    """Read an Excel référentiel and validate it: every problem with its sheet and cell.

    Parameters
    ----------
    path
        An ``.xlsx`` (or ``.xlsm``: macros are never run nor kept) workbook.

    Returns
    -------
    IndicatorSetReport
        The model when valid, and every issue, located by sheet and cell.

    Raises
    ------
    InputFileError
        When the file is missing, is not a readable workbook, or looks malicious.
    """
    from openpyxl import load_workbook

    from .io import IndicatorSetReport, validate_indicator_set_data

    file_path = Path(path)
    if not file_path.is_file():
        raise InputFileError(f"Fichier introuvable : {file_path}")
    check_zip_archive(file_path)
    try:
        workbook = load_workbook(file_path, read_only=True, data_only=True, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds of errors on broken files
        raise InputFileError(
            f"{file_path.name} n'est pas un classeur Excel lisible ({type(exc).__name__}) : "
            "ouvrez-le et réenregistrez-le au format .xlsx."
        ) from None
    reader = _Reader(file=file_path.name)
    try:
        sheets = {_sheet_key(name): name for name in workbook.sheetnames}
        reader.sheet_order = {name: index for index, name in enumerate(workbook.sheetnames)}
        data: dict[str, Any] = {}
        meta_name = sheets.get(_sheet_key(META_SHEET))
        if meta_name is None:
            reader.problem(
                "feuille-manquante",
                f"La feuille « {META_SHEET} » est introuvable.",
                META_SHEET,
                None,
                "Partez d'un référentiel exporté (utilite-sociale referentiels ess-socle "
                "--exporter modele.xlsx) et gardez le nom de ses feuilles.",
            )
        else:
            _read_meta(reader, workbook[meta_name], data)
        tables: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = {}
        for table in TABLES:
            name = sheets.get(_sheet_key(table.sheet))
            if name is None:
                if table in (DIMENSIONS, INDICATORS):
                    reader.problem(
                        "feuille-manquante",
                        f"La feuille « {table.sheet} » est introuvable.",
                        table.sheet,
                        None,
                        "Ajoutez-la avec ses en-têtes : "
                        + ", ".join(column.header for column in table.columns)
                        + ".",
                    )
                tables[table.sheet] = []
                continue
            tables[table.sheet] = _read_table(reader, workbook[name], table)
    finally:
        workbook.close()
    _assemble(reader, data, tables)
    report = validate_indicator_set_data(data, file=reader.file, locator=reader.cells)
    issues = tuple(reader.issues) + report.issues
    model = report.indicator_set if not reader.issues else None
    return IndicatorSetReport(model, issues, reader.file)


def _sheet_key(name: str) -> str:
    from .._spreadsheet import normalise_label

    return normalise_label(name)


def _read_meta(reader: _Reader, sheet: Any, data: dict[str, Any]) -> None:
    from .._spreadsheet import normalise_label

    known = {normalise_label(column.header): column for column in META_FIELDS}
    seen: set[str] = set()
    for row_index, row in enumerate(sheet.iter_rows(max_col=2, values_only=True), start=1):
        if row_index == 1 or not row or row[0] is None:
            continue
        if row_index > MAX_ROWS:
            break
        label = normalise_label(row[0])
        column = known.get(label)
        if column is None:
            reader.problem(
                "champ-inconnu",
                f"Champ « {row[0]} » inconnu dans les métadonnées.",
                sheet.title,
                f"A{row_index}",
                "Champs possibles : " + ", ".join(c.header for c in META_FIELDS) + ".",
                found=row[0],
            )
            continue
        if column.key in seen:
            reader.problem(
                "champ-duplique",
                f"Le champ « {column.header} » apparaît deux fois.",
                sheet.title,
                f"A{row_index}",
                "Gardez une seule ligne par champ.",
            )
            continue
        seen.add(column.key)
        value = row[1] if len(row) > 1 else None
        converted = _convert(value, column)
        path = _path_of(column.key)
        reader.cells.add(
            path, sheet.title, f"B{row_index}", reader.sheet_order[sheet.title], row_index
        )
        if converted is None:
            continue
        if column.key == "aggregation" and isinstance(converted, list) and len(converted) == 1:
            converted = converted[0]
        _set(data, column.key, converted)


def _read_table(
    reader: _Reader, sheet: Any, table: Table
) -> list[tuple[int, dict[str, Any], dict[str, str]]]:
    """Rows of a table sheet: (row number, values by key, cell by key)."""
    from openpyxl.utils import get_column_letter

    from .._spreadsheet import normalise_label

    by_header = {normalise_label(column.header): column for column in table.columns}
    first_required = normalise_label(table.column(table.required[0]).header)
    rows_iter = sheet.iter_rows(values_only=True)
    header_row: tuple[Any, ...] | None = None
    header_index = 0
    for header_index, row in enumerate(rows_iter, start=1):
        # The header is the first row naming the key column: title rows above are skipped.
        if any(cell is not None and normalise_label(cell) == first_required for cell in row):
            header_row = row
            break
        if header_index >= 20:
            break
    if header_row is None:
        reader.problem(
            "colonne-manquante",
            f"Ligne d'en-têtes introuvable dans la feuille « {sheet.title} » (aucune colonne "
            f"« {table.column(table.required[0]).header} » dans les 20 premières lignes).",
            sheet.title,
            "A1",
            "En-têtes attendus : " + ", ".join(c.header for c in table.columns) + ".",
        )
        return []
    positions: dict[int, Column] = {}
    for position, value in enumerate(header_row):
        if value is None:
            continue
        column = by_header.get(normalise_label(value))
        if column is not None and column not in positions.values():
            positions[position] = column
    found = {column.key for column in positions.values()}
    missing = [table.column(key) for key in table.required if key not in found]
    for column in missing:
        reader.problem(
            "colonne-manquante",
            f"La colonne « {column.header} » est introuvable dans la feuille « {sheet.title} ».",
            sheet.title,
            f"A{header_index}",
            "En-têtes attendus : " + ", ".join(c.header for c in table.columns) + ".",
        )
    if missing:
        return []
    records: list[tuple[int, dict[str, Any], dict[str, str]]] = []
    for row_number, row in enumerate(rows_iter, start=header_index + 1):
        if row_number > MAX_ROWS:
            reader.problem(
                "feuille-trop-grande",
                f"La feuille « {sheet.title} » dépasse {MAX_ROWS} lignes : la suite est ignorée.",
                sheet.title,
                f"A{row_number}",
                "Un référentiel compte au plus quelques milliers de lignes : vérifiez le fichier.",
            )
            break
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for position, column in positions.items():
            raw = row[position] if position < len(row) else None
            converted = _convert(raw, column)
            cells[column.key] = f"{get_column_letter(position + 1)}{row_number}"
            if converted is not None:
                values[column.key] = converted
        if values:
            records.append((row_number, values, cells))
    return records


def _assemble(
    reader: _Reader,
    data: dict[str, Any],
    tables: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]],
) -> None:
    """Build the référentiel's data from the table rows, recording the cell of each value."""

    def add(path: tuple[str | int, ...], sheet: str, cell: str, row: int) -> None:
        reader.cells.add(path, sheet, cell, reader.sheet_order.get(sheet, 99), row)

    def simple(table: Table, key: str) -> None:
        items: list[dict[str, Any]] = []
        sheet = _actual(reader, table)
        for row, values, cells in tables[table.sheet]:
            index = len(items)
            add((key, index), sheet, cells[table.columns[0].key], row)
            item: dict[str, Any] = {}
            for column_key, value in values.items():
                _set(item, column_key, value)
            for column_key, cell in cells.items():
                add((key, index, *_path_of(column_key)), sheet, cell, row)
            items.append(item)
        if items or table is not SOURCES:
            data[key] = items

    simple(DIMENSIONS, "dimensions")
    simple(INDICATORS, "indicators")
    simple(SOURCES, "sources")
    for item in data.get("indicators", []):
        item.setdefault("mappings", {})
    index_of: dict[str, int] = {}
    for index, item in enumerate(data.get("indicators", [])):
        index_of.setdefault(str(item.get("id")), index)

    def linked(table: Table) -> Iterable[tuple[int, int, dict[str, Any], dict[str, str], str]]:
        sheet = _actual(reader, table)
        for row, values, cells in tables[table.sheet]:
            indicator_id = values.get("indicator")
            if indicator_id is None:
                reader.problem(
                    "indicateur-manquant",
                    "Ligne sans indicateur.",
                    sheet,
                    cells.get("indicator"),
                    "Indiquez l'id de l'indicateur concerné, ou supprimez la ligne.",
                )
                continue
            index = index_of.get(str(indicator_id))
            if index is None:
                reader.problem(
                    "indicateur-inconnu",
                    f"L'indicateur « {indicator_id} » n'existe pas dans la feuille "
                    f"« {INDICATORS.sheet} ».",
                    sheet,
                    cells.get("indicator"),
                    "Corrigez l'id ou ajoutez l'indicateur.",
                    found=indicator_id,
                    indicator=str(indicator_id),
                )
                continue
            yield index, row, values, cells, sheet

    indicators: list[dict[str, Any]] = data.get("indicators", [])
    for index, row, values, cells, sheet in linked(MAPPINGS):
        lens, group = values.get("lens"), values.get("group")
        if lens is None or group is None:
            reader.problem(
                "correspondance-incomplete",
                "Il manque la lentille ou le groupe.",
                sheet,
                cells["lens" if lens is None else "group"],
                "Indiquez la lentille (ex. loi-2019) et le groupe (ex. ess2019-1).",
                indicator=str(values.get("indicator")),
            )
            continue
        shares = indicators[index]["mappings"].setdefault(str(lens), {})
        if str(group) in shares:
            reader.problem(
                "correspondance-dupliquee",
                f"« {values['indicator']} » est déjà rattaché à « {group} » ({lens}).",
                sheet,
                cells["group"],
                "Gardez une seule ligne par indicateur, lentille et groupe.",
                indicator=str(values.get("indicator")),
            )
            continue
        shares[str(group)] = values.get("share", 1.0)
        add(("indicators", index, "mappings", str(lens)), sheet, cells["lens"], row)
        add(
            ("indicators", index, "mappings", str(lens), str(group)),
            sheet,
            cells.get("share", cells["group"]),
            row,
        )

    def append_rows(table: Table, parents: tuple[str, ...], keys: tuple[str, ...]) -> None:
        """Rows of ``table`` appended to a list inside their indicator, cells recorded."""
        for index, row, values, cells, sheet in linked(table):
            node: dict[str, Any] = indicators[index]
            for part in parents[:-1]:
                node = node.setdefault(part, {})
            items = node.setdefault(parents[-1], [])
            position = len(items)
            items.append({key: value for key, value in values.items() if key != "indicator"})
            for key in keys:
                if key in cells:
                    add(("indicators", index, *parents, position, key), sheet, cells[key], row)

    append_rows(TARGETS, ("targets",), ("value", "deadline", "label"))
    append_rows(CHOICES, ("answer", "choices"), ("value", "label"))
    for index, row, values, cells, sheet in linked(SCORES):
        norm = indicators[index].setdefault("normalisation", {})
        scores = norm.setdefault("scores", {})
        answer_key = _as_text(values.get("answer", ""))
        scores[answer_key] = values.get("score")
        add(
            ("indicators", index, "normalisation", "scores", answer_key),
            sheet,
            cells.get("score", cells["indicator"]),
            row,
        )
    append_rows(BANDS, ("normalisation", "bands"), ("from", "score"))
    _assemble_lenses(reader, data, tables, add)
    _assemble_scales(reader, data, tables, add)


def _actual(reader: _Reader, table: Table) -> str:
    from .._spreadsheet import normalise_label

    for name in reader.sheet_order:
        if normalise_label(name) == normalise_label(table.sheet):
            return name
    return table.sheet


def _assemble_lenses(
    reader: _Reader,
    data: dict[str, Any],
    tables: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]],
    add: Callable[[tuple[str | int, ...], str, str, int], None],
) -> None:
    sheet = _actual(reader, LENSES)
    lenses: dict[str, dict[str, Any]] = {}
    for row, values, cells in tables[LENSES.sheet]:
        lens_id = _as_text(values.get("lens", ""))
        lens = lenses.get(lens_id)
        if lens is None:
            lens = {"id": lens_id, "label": values.get("lens_label"), "groups": []}
            if "kind" in values:
                lens["kind"] = values["kind"]
            lenses[lens_id] = lens
            position = len(lenses) - 1
            add(("lenses", position), sheet, cells["lens"], row)
            add(("lenses", position, "id"), sheet, cells["lens"], row)
            for key, name in (("lens_label", "label"), ("kind", "kind")):
                if key in cells:
                    add(("lenses", position, name), sheet, cells[key], row)
        position = list(lenses).index(lens_id)
        group: dict[str, Any] = {
            key: values[key] for key in ("label", "description") if key in values
        }
        group["id"] = values.get("group")
        group_index = len(lens["groups"])
        lens["groups"].append(group)
        for key, name in (("group", "id"), ("label", "label"), ("description", "description")):
            if key in cells:
                add(("lenses", position, "groups", group_index, name), sheet, cells[key], row)
    if lenses:
        data["lenses"] = list(lenses.values())


def _assemble_scales(
    reader: _Reader,
    data: dict[str, Any],
    tables: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]],
    add: Callable[[tuple[str | int, ...], str, str, int], None],
) -> None:
    sheet = _actual(reader, SCALES)
    levels: dict[str, list[tuple[Any, Any, int, dict[str, str]]]] = {}
    labels: dict[str, Any] = {}
    for row, values, cells in tables[SCALES.sheet]:
        scale_id = _as_text(values.get("scale", ""))
        levels.setdefault(scale_id, []).append(
            (values.get("level"), values.get("label"), row, cells)
        )
        if values.get("scale_label") is not None:
            labels.setdefault(scale_id, values["scale_label"])
    scales: dict[str, Any] = {}
    for scale_id, entries in levels.items():
        numbers = [entry[0] for entry in entries]
        expected = list(range(1, len(entries) + 1))
        if sorted(n for n in numbers if isinstance(n, int | float)) != expected:
            row, cells = entries[0][2], entries[0][3]
            reader.problem(
                "niveaux-incomplets",
                f"Les niveaux de l'échelle « {scale_id} » doivent être numérotés 1, 2, … "
                f"{len(entries)} sans trou ni doublon ; trouvé : "
                + ", ".join(_as_text(n) for n in numbers)
                + ".",
                sheet,
                cells.get("level"),
                "Numérotez les niveaux de 1 (le moins favorable) au plus favorable.",
            )
            continue
        ordered = sorted(entries, key=lambda entry: float(entry[0]))
        scales[scale_id] = {"labels": [entry[1] for entry in ordered]}
        if scale_id in labels:
            scales[scale_id]["label"] = labels[scale_id]
        for position, (_, _, row, cells) in enumerate(ordered):
            add(("scales", scale_id, "labels", position), sheet, cells.get("label", "A1"), row)
    if scales:
        data["scales"] = scales
