"""Read, validate and write référentiel files (YAML), with every problem located."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .._atomic import atomic_write_text
from ..errors import ERROR, WARNING, IndicatorSetError, InputFileError, Issue, UsageError
from ._locate import Locator, Path_
from ._messages import french_message
from ._yaml import LineMap, YamlSyntaxError, dump_yaml, load_yaml_with_lines, read_text_file
from .checks import View, check_view
from .models import (
    AggregationMethod,
    Dimension,
    Indicator,
    IndicatorSet,
    Lens,
    Scale,
    ScaleRange,
)

__all__ = [
    "IndicatorSetReport",
    "dump_indicator_set",
    "indicator_set_json_schema",
    "save_indicator_set",
    "validate_indicator_set",
    "validate_indicator_set_data",
]

_ITEM_LISTS: dict[str, tuple[type[BaseModel], str]] = {
    "dimensions": (Dimension, "dimension"),
    "lenses": (Lens, "lentille"),
    "indicators": (Indicator, "indicateur"),
}
_CODES = {
    "missing": "champ-manquant",
    "extra_forbidden": "champ-inconnu",
    "literal_error": "valeur-inconnue",
    "enum": "valeur-inconnue",
    "string_pattern_mismatch": "id-invalide",
    "greater_than_equal": "hors-limites",
    "greater_than": "hors-limites",
    "less_than_equal": "hors-limites",
    "less_than": "hors-limites",
    "value_error": "valeur-invalide",
}

M = TypeVar("M", bound=BaseModel)

YAML_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Every file format a référentiel can be read from.
INDICATOR_SET_SUFFIXES = YAML_SUFFIXES + WORKBOOK_SUFFIXES


@dataclass(frozen=True, slots=True)
class IndicatorSetReport:
    """The outcome of validating a référentiel: the model when valid, and every issue.

    Attributes
    ----------
    indicator_set
        The validated référentiel, or ``None`` when it has errors.
    issues
        Every error and warning, each located (file, line, indicator, field).
    file
        The file that was read, if any.
    """

    indicator_set: IndicatorSet | None
    issues: tuple[Issue, ...]
    file: str | None = None

    @property
    def valid(self) -> bool:
        """Whether there is no error (warnings allowed)."""
        return self.indicator_set is not None and not self.errors

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity ``"erreur"``."""
        return [issue for issue in self.issues if issue.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        """The issues of severity ``"avertissement"``."""
        return [issue for issue in self.issues if issue.severity == WARNING]

    def raise_for_errors(self) -> IndicatorSet:
        """Return the référentiel, or raise :class:`IndicatorSetError` listing every error."""
        if self.indicator_set is None or self.errors:
            name = self.file or "le référentiel"
            count = len(self.errors)
            raise IndicatorSetError(
                self.issues,
                f"{name} : {count} erreur{'s' if count > 1 else ''} dans le référentiel",
            )
        return self.indicator_set

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: validity, counts and the issues."""
        ref = self.indicator_set
        return {
            "fichier": self.file,
            "valide": self.valid,
            "id": ref.id if ref else None,
            "version": ref.version if ref else None,
            "erreurs": len(self.errors),
            "avertissements": len(self.warnings),
            "problemes": [issue.to_dict() for issue in self.issues],
        }


def validate_indicator_set(path: str | os.PathLike[str]) -> IndicatorSetReport:
    """Read a référentiel file (YAML or Excel) and report every problem, located.

    Parameters
    ----------
    path
        A ``.yaml``/``.yml`` file (problems located by line) or an ``.xlsx``/``.xlsm``
        workbook (problems located by sheet and cell).

    Returns
    -------
    IndicatorSetReport
        Never raises for invalid content: the report lists the problems.

    Raises
    ------
    InputFileError
        When the file does not exist or cannot be read as UTF-8 text.
    """
    file_path = Path(path)
    name = file_path.name
    if file_path.suffix.lower() in WORKBOOK_SUFFIXES:
        from .xlsx import read_indicator_set_xlsx

        report: IndicatorSetReport = read_indicator_set_xlsx(file_path)
        return report
    try:
        text = read_text_file(file_path)
    except FileNotFoundError:
        raise InputFileError(f"Fichier introuvable : {file_path}") from None
    except IsADirectoryError:
        raise InputFileError(f"{file_path} est un dossier, pas un fichier.") from None
    except UnicodeDecodeError:
        raise InputFileError(
            f"{file_path} n'est pas un fichier texte UTF-8 : enregistrez-le en UTF-8."
        ) from None
    except (OSError, ValueError) as exc:
        raise InputFileError(f"Impossible de lire {file_path} : {exc}") from None
    try:
        data, line_map = load_yaml_with_lines(text)
    except YamlSyntaxError as exc:
        issue = Issue(
            code="yaml-invalide",
            message=f"{exc}.",
            file=name,
            line=exc.line,
            fix="Corrigez la syntaxe à cette ligne (indentation en espaces, « : » après chaque "
            "clé, texte contenant « : » entre guillemets).",
        )
        return IndicatorSetReport(None, (issue,), name)
    return validate_indicator_set_data(data, file=name, locator=line_map)


def validate_indicator_set_data(
    data: Any, *, file: str | None = None, locator: Locator | None = None
) -> IndicatorSetReport:
    """Validate a référentiel given as plain data (as parsed from YAML or JSON).

    Parameters
    ----------
    data
        A mapping with the référentiel's fields.
    file
        Name used in the issues' locations.
    locator
        Where each value came from in the source file (YAML lines, workbook cells).

    Returns
    -------
    IndicatorSetReport
        The model when valid, and every issue found in one pass.
    """
    where: Locator = locator or LineMap()
    if not isinstance(data, Mapping):
        issue = Issue(
            code="structure-invalide",
            message="Le fichier ne contient pas un référentiel (un bloc « clé: valeur » avec "
            "id, title, dimensions, indicators…).",
            file=file,
            line=1,
            fix="Partez d'un référentiel exporté : utilite-sociale referentiels ess-socle "
            "--exporter mon-referentiel.yaml",
        )
        return IndicatorSetReport(None, (issue,), file)

    located: list[tuple[Path_, Issue]] = []
    model: IndicatorSet | None = None
    try:
        model = IndicatorSet.model_validate(data, context={"skip_checks": True})
        view = View.of(model)
    except ValidationError as exc:
        located.extend(_structural_issues(exc, data))
        view = _partial_view(data, exc)
    located.extend(check_view(view))
    placed = [(where.locate(path), path, issue) for path, issue in located]
    placed.sort(key=lambda item: item[0].order)
    issues = tuple(
        dataclasses.replace(
            issue,
            file=file,
            line=location.line,
            sheet=location.sheet,
            cell=location.cell,
            indicator=issue.indicator or _owner(data, path),
        )
        for location, path, issue in placed
    )
    if any(issue.severity == ERROR for issue in issues):
        model = None
    return IndicatorSetReport(model, issues, file)


def _clean_loc(loc: tuple[Any, ...]) -> Path_:
    """Drop pydantic's union-branch markers (``literal[...]``, ``list[...]``) from a loc."""
    return tuple(
        part
        for part in loc
        if isinstance(part, int) or ("[" not in str(part) and "-call" not in str(part))
    )


def _structural_issues(exc: ValidationError, data: Mapping[str, Any]) -> list[tuple[Path_, Issue]]:
    found: list[tuple[Path_, Issue]] = []
    seen: set[Path_] = set()
    for error in exc.errors(include_url=False):
        path = _clean_loc(tuple(error["loc"]))
        if path in seen:
            continue  # one message per place (union types yield one error per branch)
        seen.add(path)
        message, fix = french_message(error)
        kind = error["type"]
        if str(error["loc"][-1:]).find("[") >= 0 and kind == "literal_error":
            fix = f"{fix} Ou une liste de méthodes." if fix else None
        found.append(
            (
                path,
                Issue(
                    code=_CODES.get(kind, "type-invalide"),
                    message=message,
                    field=_field_name(path),
                    found=None if kind == "missing" else _short(error.get("input")),
                    fix=fix,
                ),
            )
        )
    return found


def _field_name(path: Path_) -> str | None:
    parts = list(path)
    if parts and parts[0] in _ITEM_LISTS and len(parts) >= 2 and isinstance(parts[1], int):
        parts = parts[2:]
    names = [str(part) for part in parts if not isinstance(part, int)]
    return ".".join(names) or None


def _owner(data: Mapping[str, Any], path: Path_) -> str | None:
    """Id of the dimension/indicator/lens a path points into, else its position."""
    if len(path) < 2 or path[0] not in _ITEM_LISTS or not isinstance(path[1], int):
        return None
    items = data.get(str(path[0]))
    label = _ITEM_LISTS[str(path[0])][1]
    if isinstance(items, list) and path[1] < len(items):
        item = items[path[1]]
        if isinstance(item, Mapping) and isinstance(item.get("id"), str | int):
            return str(item["id"])
    return f"{label} n° {path[1] + 1}"


def _short(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _try(validate: Callable[[Any], M], raw: Any) -> M | None:
    try:
        return validate(raw)
    except ValidationError:
        return None


def _partial_view(data: Mapping[str, Any], exc: ValidationError) -> View:
    """The valid parts of an invalid référentiel, so that cross-field checks still run."""
    header_ok = not any(
        error["loc"] and error["loc"][0] not in _ITEM_LISTS for error in exc.errors()
    )
    view = View(header_ok=header_ok)
    scale = _try(ScaleRange.model_validate, data.get("scale", {}))
    view.scale = scale if scale is not None else ScaleRange()
    aggregation_adapter: TypeAdapter[AggregationMethod | list[AggregationMethod]] = TypeAdapter(
        AggregationMethod | list[AggregationMethod]
    )
    try:
        view.aggregation = aggregation_adapter.validate_python(data.get("aggregation", "amean"))
    except ValidationError:
        view.header_ok = False
    raw_scales = data.get("scales")
    if isinstance(raw_scales, Mapping):
        for scale_id, raw in raw_scales.items():
            parsed = _try(Scale.model_validate, raw)
            if parsed is not None:
                view.scales[str(scale_id)] = parsed
    for key, (model, _) in _ITEM_LISTS.items():
        raw_items = data.get(key)
        if not isinstance(raw_items, list):
            if key == "dimensions":
                view.broken_ids.update(_refs(data.get("indicators"), "dimension"))
            if key == "lenses" and raw_items is not None:
                view.broken_lens_ids.update(_mapping_lens_ids(data.get("indicators")))
            continue
        for index, raw in enumerate(raw_items):
            parsed_item = _try(model.model_validate, raw)
            if parsed_item is None:
                if isinstance(raw, Mapping):
                    raw_id = raw.get("id")
                    if raw_id is not None:
                        (view.broken_lens_ids if key == "lenses" else view.broken_ids).add(
                            str(raw_id)
                        )
                    for ref_key in ("dimension", "parent"):
                        if raw.get(ref_key) is not None:
                            view.broken_refs.add(str(raw[ref_key]))
                continue
            if isinstance(parsed_item, Dimension):
                view.dimensions.append((index, parsed_item))
            elif isinstance(parsed_item, Lens):
                view.lenses.append((index, parsed_item))
            elif isinstance(parsed_item, Indicator):
                view.indicators.append((index, parsed_item))
    return view


def _refs(items: Any, key: str) -> set[str]:
    if not isinstance(items, list):
        return set()
    return {str(item[key]) for item in items if isinstance(item, Mapping) and item.get(key)}


def _mapping_lens_ids(items: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(items, list):
        for item in items:
            if isinstance(item, Mapping) and isinstance(item.get("mappings"), Mapping):
                found.update(str(key) for key in item["mappings"])
    return found


def dump_indicator_set(indicator_set: IndicatorSet) -> str:
    """Return the référentiel as YAML text (fields left at their default are omitted)."""
    data = indicator_set.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    header = (
        f"# Référentiel « {indicator_set.id} », version {indicator_set.version}\n"
        "# Format : docs/format-referentiel.md (projet utilite_sociale)\n"
    )
    return header + dump_yaml(data)


def save_indicator_set(indicator_set: IndicatorSet, path: str | os.PathLike[str]) -> Path:
    """Write the référentiel to a YAML file or an Excel workbook, atomically.

    Parameters
    ----------
    indicator_set
        The référentiel.
    path
        Destination: ``.yaml``/``.yml``, or ``.xlsx`` (one sheet per table, drop-down lists,
        to edit in Excel or LibreOffice).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    UsageError
        For another extension.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        from .xlsx import save_indicator_set_xlsx

        return save_indicator_set_xlsx(indicator_set, path)
    if suffix not in YAML_SUFFIXES:
        raise UsageError(
            f"Format d'export non pris en charge : « {Path(path).name} ». Formats acceptés : "
            ".yaml, .yml, .xlsx."
        )
    return atomic_write_text(path, dump_indicator_set(indicator_set))


def indicator_set_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the référentiel file format."""
    schema = IndicatorSet.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Référentiel utilite_sociale"
    return schema
