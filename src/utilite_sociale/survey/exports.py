"""Read respondent-level exports of online survey tools through a mapping file.

KoboToolbox, LimeSurvey, Google Forms, Microsoft Forms, SurveyMonkey and Framaforms export one
row per respondent and one column per question (or per option of a multiple-choice
question). A small mapping file (``docs/exports-enquetes.md``) says which column answers which
respondent-level indicator and how the tool's answer labels translate into the référentiel's.
The answers are read by columns (:mod:`.respondents`) into the same :class:`MemberFile` as a
returned workbook, so they are validated, tidied and scored the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._safety import DEFAULT_LIMITS, ReadLimits
from ..errors import WARNING, Issue, UsageError
from ..framework.models import IndicatorSet
from .answers import AnswerParser
from .grid import Grid, read_grids
from .respondents import AnswerColumn, ChoiceColumns, cell_reference, read_respondents
from .values import is_blank, normalise_text

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .reader import MemberFile

__all__ = [
    "TOOLS",
    "ExportMapping",
    "MappedColumn",
    "SurveyExport",
    "SurveyTool",
    "load_export_mapping",
    "read_survey_export",
]


@dataclass(frozen=True)
class SurveyTool:
    """What a survey tool's export looks like.

    Attributes
    ----------
    label
        The tool's name.
    header_rows
        Rows of headers above the first respondent.
    separator
        Separator of the options ticked in one cell (``None``: ``;``, ``,`` or a line break).
    respondent
        Headers of the column that numbers respondents (an identifier, never a name).
    metadata
        Headers of the columns the tool always adds (times, identifiers, IP, e-mail…),
        ignored without a warning.
    """

    label: str
    header_rows: int = 1
    separator: str | None = None
    respondent: tuple[str, ...] = ()
    metadata: frozenset[str] = frozenset()


def _names(*names: str) -> frozenset[str]:
    return frozenset(normalise_text(name) for name in names)


#: The survey tools whose exports are read, by the id used in mapping files (``outil:``).
TOOLS: dict[str, SurveyTool] = {
    "kobotoolbox": SurveyTool(
        "KoboToolbox",
        separator=" ",
        respondent=("_id",),
        metadata=_names(
            "start",
            "end",
            "today",
            "deviceid",
            "username",
            "simserial",
            "subscriberid",
            "phonenumber",
            "audit",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_notes",
            "_status",
            "_submitted_by",
            "__version__",
            "_tags",
            "_index",
            "_attachments",
            "_geolocation",
            "meta/instanceID",
            "meta/rootUuid",
        ),
    ),
    "limesurvey": SurveyTool(
        "LimeSurvey",
        respondent=("id", "ID de la réponse", "Response ID"),
        metadata=_names(
            "id",
            "submitdate",
            "lastpage",
            "startlanguage",
            "seed",
            "startdate",
            "datestamp",
            "ipaddr",
            "refurl",
            "token",
            "ID de la réponse",
            "Response ID",
            "Date de soumission",
            "Date submitted",
            "Dernière page",
            "Last page",
            "Langue de départ",
            "Start language",
            "Tête de série",
            "Seed",
            "Date de début",
            "Date started",
            "Date de la dernière action",
            "Date last action",
            "Adresse IP",
            "IP address",
            "URL de provenance",
            "Referrer URL",
            "Code d'accès",
            "Access code",
        ),
    ),
    "google-forms": SurveyTool(
        "Google Forms",
        separator=", ",
        metadata=_names(
            "Horodateur",
            "Timestamp",
            "Horodatage",
            "Adresse e-mail",
            "Email Address",
            "Adresse email",
            "Score",
            "Note",
        ),
    ),
    "microsoft-forms": SurveyTool(
        "Microsoft Forms",
        separator=";",
        respondent=("ID", "Id"),
        metadata=_names(
            "ID",
            "Heure de début",
            "Heure de fin",
            "Adresse de messagerie",
            "Adresse e-mail",
            "Nom",
            "Heure de la dernière modification",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Last modified time",
            "Total des points",
            "Total points",
            "Commentaires du questionnaire",
            "Quiz feedback",
        ),
    ),
    "surveymonkey": SurveyTool(
        "SurveyMonkey",
        header_rows=2,
        respondent=("Respondent ID", "ID du répondant", "ID de répondant"),
        metadata=_names(
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
            "ID du répondant",
            "ID de répondant",
            "ID du collecteur",
            "Date de début",
            "Date de fin",
            "Adresse IP",
            "Adresse e-mail",
            "Prénom",
            "Nom",
            "Données personnalisées 1",
        ),
    ),
    "framaforms": SurveyTool(
        "Framaforms",
        header_rows=3,
        separator=",",
        respondent=("Numéro de série", "Serial", "N° de série"),
        metadata=_names(
            "Numéro de série",
            "Serial",
            "SID",
            "Heure de soumission",
            "Submitted Time",
            "Time",
            "Heure",
            "Brouillon",
            "Draft",
            "Adresse IP",
            "IP Address",
            "UID",
            "Nom d'utilisateur",
            "Username",
            "Heure de mise à jour",
            "Completed Time",
            "Modified Time",
            "Détails de la soumission",
            "Submission Details",
        ),
    ),
    "autre": SurveyTool("autre outil"),
}

#: Reserved keys of a mapping file (and first column of a mapping sheet).
_SETTINGS = frozenset({"outil", "referentiel", "organisation", "periode"}) | frozenset(
    {"feuille", "lignes-entete", "separateur", "repondant"}
)
_COLUMN_KEYS = {"colonne", "indicateur", "valeurs", "choix"}
_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class MappedColumn:
    """One entry of a mapping: a column of the export and what it answers.

    Attributes
    ----------
    source
        The column's header (or its letter).
    indicator
        The respondent-level indicator the column answers, or ``None`` for a choice question.
    values
        Translations of the answers (normalised label → value the référentiel expects).
    choices
        For a multiple-choice question: option label → yes/no indicator id.
    place
        Where the entry is in the mapping file (for messages).
    """

    source: str
    indicator: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    choices: Mapping[str, str] = field(default_factory=dict)
    place: str = ""


@dataclass(frozen=True)
class ExportMapping:
    """A mapping file, read: the tool, the organisation, and what each column answers."""

    tool: str
    source: str
    columns: tuple[MappedColumn, ...]
    indicator_set: str | None = None
    organisation: str | None = None
    organisation_column: str | None = None
    period: str | None = None
    sheet: str | None = None
    header_rows: int | None = None
    separator: str | None = None
    respondent: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def profile(self) -> SurveyTool:
        """The tool's export profile."""
        return TOOLS[self.tool]


@dataclass
class SurveyExport:
    """An export, read: one :class:`MemberFile` per organisation.

    Attributes
    ----------
    members
        The organisations' answers (one unless the organisation is a column).
    unassigned
        Rows whose organisation column is blank: rejected, each with its reason.
    """

    members: list[MemberFile]
    unassigned: MemberFile | None = None


def load_export_mapping(path: str | os.PathLike[str]) -> ExportMapping:
    """Read a mapping file: YAML, or a ``source``/``cible``[/``option``] sheet.

    Parameters
    ----------
    path
        ``.yaml``/``.yml``, or ``.xlsx``/``.ods``/``.csv`` (two or three columns).

    Returns
    -------
    ExportMapping

    Raises
    ------
    UsageError
        When the file is missing or wrong; every problem is listed with its line or cell.
    """
    file_path = Path(path)
    if not file_path.is_file():
        raise UsageError(f"Correspondance introuvable : {file_path}")
    if file_path.suffix.lower() in {".yaml", ".yml"}:
        return _mapping_from_yaml(file_path)
    return _mapping_from_sheet(file_path)


def _mapping_from_yaml(path: Path) -> ExportMapping:
    from ..framework._yaml import YamlSyntaxError, load_yaml_with_lines, read_text_file

    try:
        data, lines = load_yaml_with_lines(read_text_file(path))
    except YamlSyntaxError as exc:
        where = f", ligne {exc.line}" if exc.line else ""
        raise UsageError(f"{path.name}{where} : {exc}") from None
    problems: list[str] = []

    def at(*keys: str | int) -> str:
        line = lines.line_of(tuple(keys))
        return f"{path.name}, ligne {line}" if line else path.name

    if not isinstance(data, dict):
        raise UsageError(f"{path.name} : la correspondance doit être un dictionnaire YAML.")
    for key in data:
        if key not in _SETTINGS | {"valeurs", "colonnes"}:
            problems.append(
                f"{at(key)} : clé « {key} » inconnue (clés possibles : "
                f"{', '.join(sorted(_SETTINGS | {'valeurs', 'colonnes'}))})."
            )
    organisation = data.get("organisation")
    organisation_column = None
    if isinstance(organisation, dict):
        organisation_column = organisation.get("colonne")
        if not isinstance(organisation_column, str) or set(organisation) != {"colonne"}:
            problems.append(
                f'{at("organisation")} : écrivez « organisation: {{colonne: "En-tête"}} » '
                "ou la clé de l'organisation (« organisation: A012 »)."
            )
            organisation_column = None
        organisation = None
    columns: list[MappedColumn] = []
    entries = data.get("colonnes")
    if not isinstance(entries, list) or not entries:
        problems.append(
            f"{at('colonnes')} : « colonnes » doit lister au moins une colonne "
            "(« - colonne: … » puis « indicateur: … » ou « choix: … »)."
        )
        entries = []
    for index, entry in enumerate(entries):
        place = at("colonnes", index)
        if not isinstance(entry, dict) or "colonne" not in entry:
            problems.append(f"{place} : chaque entrée de « colonnes » commence par « colonne: ».")
            continue
        unknown = set(entry) - _COLUMN_KEYS
        if unknown:
            problems.append(
                f"{place} : clé(s) {', '.join(f'« {k} »' for k in sorted(map(str, unknown)))} "
                f"inconnue(s) ; clés possibles : {', '.join(sorted(_COLUMN_KEYS))}."
            )
        has_indicator, has_choices = "indicateur" in entry, "choix" in entry
        if has_indicator == has_choices:
            problems.append(
                f"{place} : donnez soit « indicateur » (une question), soit « choix » (une "
                "question à choix multiples), pas les deux ni aucun."
            )
            continue
        choices = entry.get("choix") or {}
        if has_choices and (not isinstance(choices, dict) or not choices):
            problems.append(f"{place} : « choix » associe chaque option à un indicateur oui/non.")
            continue
        values = entry.get("valeurs") or {}
        if not isinstance(values, dict):
            problems.append(f"{place} : « valeurs » associe un libellé reçu à une valeur.")
            values = {}
        columns.append(
            MappedColumn(
                source=_scalar_text(entry["colonne"]),
                indicator=_scalar_text(entry["indicateur"]) if has_indicator else None,
                values=_value_table(values),
                choices={_scalar_text(k): _scalar_text(v) for k, v in choices.items()},
                place=place,
            )
        )
    values = data.get("valeurs") or {}
    if not isinstance(values, dict):
        problems.append(f"{at('valeurs')} : « valeurs » associe un libellé reçu à une valeur.")
        values = {}
    settings = {key: data.get(key) for key in _SETTINGS if key != "organisation"}
    return _finish_mapping(
        path, settings, organisation, organisation_column, values, columns, problems, at
    )


def _mapping_from_sheet(path: Path) -> ExportMapping:
    from ..errors import InputFileError

    try:
        _, grids = read_grids(path)
    except InputFileError as exc:
        raise UsageError(f"Correspondance illisible : {exc}") from None
    grid = grids[0]
    problems: list[str] = []
    header = [normalise_text(str(v)) if v is not None else "" for v in grid.row_values(0)]
    try:
        source_column, target_column = header.index("source"), header.index("cible")
    except ValueError:
        raise UsageError(
            f"{path.name} : la première ligne de la feuille « {grid.name} » doit porter les "
            "en-têtes « source » et « cible » (et, facultatif, « option »)."
        ) from None
    option_column = header.index("option") if "option" in header else None
    settings: dict[str, Any] = {}
    organisation: Any = None
    organisation_column = None
    values: dict[Any, Any] = {}
    by_source: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for row in range(1, grid.height):
        source, target = grid.value(row, source_column), grid.value(row, target_column)
        option = grid.value(row, option_column) if option_column is not None else None
        if is_blank(source) and is_blank(target):
            continue
        place = f"{path.name}, {grid.name}!{cell_reference(row, source_column)}"
        if is_blank(source) or is_blank(target):
            problems.append(f"{place} : il faut une « source » et une « cible » sur la ligne.")
            continue
        key = normalise_text(_scalar_text(source))
        if key == "organisation" and normalise_text(_scalar_text(target)).startswith("colonne"):
            organisation_column = _scalar_text(option) if not is_blank(option) else None
            if organisation_column is None:
                problems.append(f"{place} : donnez l'en-tête de la colonne dans « option ».")
            continue
        if key in _SETTINGS and is_blank(option):
            if key == "organisation":
                organisation = target
            else:
                settings[key] = target
            continue
        text = _scalar_text(source)
        entry = by_source.get(text)
        target_text = _scalar_text(target)
        if _looks_like_id(target_text):
            if entry is None:
                entry = by_source[text] = {"place": place, "choices": {}, "indicator": None}
                order.append(text)
            if is_blank(option):
                entry["indicator"] = target_text
            else:
                entry["choices"][_scalar_text(option)] = target_text
            continue
        values[source] = target
    columns = []
    for text in order:
        entry = by_source[text]
        if entry["indicator"] and entry["choices"]:
            problems.append(
                f"{entry['place']} : « {text} » est relié à un indicateur et à des options."
            )
            continue
        columns.append(
            MappedColumn(
                source=text,
                indicator=entry["indicator"],
                choices=entry["choices"],
                place=entry["place"],
            )
        )
    if not columns:
        problems.append(f"{path.name} : aucune ligne ne relie une colonne à un indicateur.")

    def at(*keys: str | int) -> str:
        return path.name

    return _finish_mapping(
        path, settings, organisation, organisation_column, values, columns, problems, at
    )


def _finish_mapping(
    path: Path,
    settings: Mapping[str, Any],
    organisation: Any,
    organisation_column: str | None,
    values: Mapping[Any, Any],
    columns: list[MappedColumn],
    problems: list[str],
    at: Any,
) -> ExportMapping:
    tool = normalise_text(_scalar_text(settings.get("outil") or "autre"))
    if tool not in TOOLS:
        problems.append(
            f"{at('outil')} : outil « {settings.get('outil')} » inconnu ; outils possibles : "
            f"{', '.join(TOOLS)}."
        )
        tool = "autre"
    header_rows = settings.get("lignes-entete")
    if header_rows is not None:
        try:
            header_rows = int(str(header_rows))
            if not 1 <= header_rows <= 10:
                raise ValueError
        except ValueError:
            problems.append(f"{at('lignes-entete')} : « lignes-entete » est un entier de 1 à 10.")
            header_rows = None
    if organisation is None and organisation_column is None:
        problems.append(
            f"{path.name} : indiquez l'organisation (« organisation: A012 », code adhérent, "
            "SIREN ou RNA) ou la colonne qui la donne (« organisation: {colonne: …} »)."
        )
    period = settings.get("periode")
    if period is not None:
        from .values import parse_period

        parsed = parse_period(period)
        if not parsed.ok:
            problems.append(f"{at('periode')} : {parsed.problem}")
        period = parsed.value
    if problems:
        raise UsageError(
            f"La correspondance {path.name} est à corriger :\n"
            + "\n".join(f"  - {problem}" for problem in problems)
        )

    def optional(key: str) -> str | None:
        value = settings.get(key)
        return None if value is None else _scalar_text(value, strip=key != "separateur")

    return ExportMapping(
        tool=tool,
        source=path.name,
        columns=tuple(columns),
        indicator_set=optional("referentiel"),
        organisation=None if organisation is None else _scalar_text(organisation),
        organisation_column=organisation_column,
        period=None if period is None else str(period),
        sheet=optional("feuille"),
        header_rows=header_rows,
        separator=optional("separateur"),
        respondent=optional("repondant"),
        values=_value_table(values),
    )


def read_survey_export(
    path: str | os.PathLike[str],
    indicator_set: IndicatorSet,
    *,
    mapping: ExportMapping | str | os.PathLike[str],
    limits: ReadLimits = DEFAULT_LIMITS,
) -> SurveyExport:
    """Read a survey tool's export of respondents' answers.

    Parameters
    ----------
    path
        The export (``.csv``, ``.xlsx``, ``.xls``, ``.ods``).
    indicator_set
        The référentiel whose respondent-level indicators the export answers.
    mapping
        The mapping file (or its :class:`ExportMapping`): see ``docs/exports-enquetes.md``.
    limits
        Size limits for untrusted files.

    Returns
    -------
    SurveyExport
        One :class:`MemberFile` per organisation, with every cell-level problem.

    Raises
    ------
    UsageError
        When the mapping is wrong (unknown indicator, organisation-level indicator…).
    InputFileError
        When the export cannot be read at all.

    Examples
    --------
    >>> export = read_survey_export("export.csv", ref, mapping="correspondance.yaml")
    ... # doctest: +SKIP
    >>> export.members[0].tidy()  # doctest: +SKIP
    """
    if not isinstance(mapping, ExportMapping):
        mapping = load_export_mapping(mapping)
    _check_against(mapping, indicator_set)
    file_path = Path(path)
    kind, grids = read_grids(file_path, limits=limits)
    grid = _pick_sheet(grids, mapping)
    return _Export(file_path, kind, grid, mapping, indicator_set).read()


def _check_against(mapping: ExportMapping, ref: IndicatorSet) -> None:
    problems: list[str] = []
    if mapping.indicator_set and mapping.indicator_set != ref.id:
        problems.append(
            f"la correspondance est faite pour le référentiel « {mapping.indicator_set} », "
            f"pas « {ref.id} »."
        )
    known = {indicator.id: indicator for indicator in ref.indicators}
    for column in mapping.columns:
        wanted = [column.indicator] if column.indicator else list(column.choices.values())
        for indicator_id in wanted:
            indicator = known.get(indicator_id or "")
            if indicator is None:
                problems.append(
                    f"{column.place} : « {indicator_id} » n'est pas un indicateur du "
                    f"référentiel « {ref.id} »."
                )
            elif indicator.level != "repondant":
                problems.append(
                    f"{column.place} : « {indicator_id} » se renseigne pour l'organisation "
                    "(dans le classeur), pas par répondant."
                )
            elif column.choices and indicator.answer.type != "oui-non":
                problems.append(
                    f"{column.place} : l'option d'un choix multiple répond à un indicateur "
                    f"oui/non ; « {indicator_id} » attend « {indicator.answer.type} »."
                )
    if problems:
        raise UsageError(
            f"La correspondance {mapping.source} ne convient pas au référentiel :\n"
            + "\n".join(f"  - {problem}" for problem in problems)
        )


def _pick_sheet(grids: Sequence[Grid], mapping: ExportMapping) -> Grid:
    if mapping.sheet is None:
        return grids[0]
    wanted = normalise_text(mapping.sheet)
    for grid in grids:
        if normalise_text(grid.name) == wanted:
            return grid
    raise UsageError(
        f"Aucune feuille « {mapping.sheet} » dans l'export (feuilles : "
        f"{', '.join(f'« {grid.name} »' for grid in grids)})."
    )


class _Export:
    def __init__(
        self, path: Path, kind: str, grid: Grid, mapping: ExportMapping, ref: IndicatorSet
    ) -> None:
        self.path = path
        self.kind = kind
        self.grid = grid
        self.mapping = mapping
        self.ref = ref
        self.profile = mapping.profile
        self.header_rows = mapping.header_rows or self.profile.header_rows
        self.issues: list[Issue] = []
        self.headers = [
            [
                normalise_text(_scalar_text(value)) if not is_blank(value) else ""
                for value in self._header_cells(column)
            ]
            for column in range(grid.width)
        ]

    def _header_cells(self, column: int) -> list[Any]:
        return [self.grid.value(row, column) for row in range(self.header_rows)]

    def issue(self, code: str, message: str, row: int, column: int, **kwargs: Any) -> None:
        self.issues.append(
            Issue(
                code=code,
                message=message,
                file=self.path.name,
                sheet=self.grid.name,
                cell=cell_reference(row, column),
                **kwargs,
            )
        )

    # -- finding columns -------------------------------------------------------------

    def find(self, source: str) -> int | None:
        """The column whose header (one of its header cells, or all joined) is ``source``."""
        wanted = normalise_text(source)
        for column, cells in enumerate(self.headers):
            if wanted in cells or wanted == " ".join(cell for cell in cells if cell):
                return column
        if _LETTERS.match(source.strip()):
            from openpyxl.utils import column_index_from_string

            return column_index_from_string(source.strip()) - 1
        return None

    def option_columns(self, question: str, options: Sequence[str]) -> dict[str, int]:
        """Columns of a question exported one column per option (normalised option → column)."""
        wanted = normalise_text(question)
        normalised = {normalise_text(option): option for option in options}
        found: dict[str, int] = {}
        # One header row: « Question [Option] », « question/option », « Question - Option ».
        for column, cells in enumerate(self.headers):
            for cell in cells:
                if cell.startswith(wanted) and len(cell) > len(wanted):
                    rest = cell[len(wanted) :].strip(" []/:-–").strip()
                    if rest in normalised and rest not in found:
                        found[rest] = column
        if found or self.header_rows < 2:
            return found
        # Several header rows: the question above its first option, the options below.
        last = self.header_rows - 1
        for start, cells in enumerate(self.headers):
            if wanted not in cells[:last]:
                continue
            column = start
            while column < len(self.headers):
                above = [cell for cell in self.headers[column][:last] if cell]
                if column > start and above and wanted not in above:
                    break
                own = self.headers[column][last]
                if own not in normalised:
                    if column > start:
                        break
                elif own not in found:
                    found[own] = column
                column += 1
            break
        return found

    # -- reading ---------------------------------------------------------------------

    def read(self) -> SurveyExport:
        import numpy as np

        indicators = {indicator.id: indicator for indicator in self.ref.indicators}
        answers: list[AnswerColumn] = []
        choices: list[ChoiceColumns] = []
        used: set[int] = set()
        for entry in self.mapping.columns:
            if entry.indicator is not None:
                column = self.find(entry.source)
                if column is None:
                    self.missing(entry)
                    continue
                values = {**self.mapping.values, **entry.values}
                answers.append(AnswerColumn(indicators[entry.indicator], column, values))
                used.add(column)
                continue
            options = {normalise_text(o): indicators[i] for o, i in entry.choices.items()}
            by_column = self.option_columns(entry.source, list(entry.choices))
            cell = self.find(entry.source) if len(by_column) < len(options) else None
            if not by_column and cell is None:
                self.missing(entry)
                continue
            if by_column and cell is not None and cell in by_column.values():
                cell = None
            choices.append(
                ChoiceColumns(
                    entry.source,
                    options,
                    column=cell,
                    option_columns=by_column,
                    separator=self.mapping.separator or self.profile.separator,
                )
            )
            used |= set(by_column.values()) | ({cell} if cell is not None else set())
            if by_column and cell is None:
                # The one-cell form of the same question, when the tool writes both.
                both = self.find(entry.source)
                if both is not None:
                    used.add(both)
        respondent = self.respondent_column()
        organisation = self.organisation_column()
        for column in (respondent, organisation):
            if column is not None:
                used.add(column)
        self.report_unused(used)
        rows = np.arange(self.header_rows, self.grid.height, dtype=np.int64)
        groups = self.groups(rows, organisation)
        members = [
            self.member(key, group_rows, answers, choices, respondent)
            for key, group_rows in groups.items()
            if key
        ]
        unassigned = None
        if "" in groups:
            unassigned = self.unassigned(groups[""], organisation, answers, choices)
        if members:
            members[0].issues[:0] = self.issues
        elif unassigned is not None:
            unassigned.issues[:0] = self.issues
        return SurveyExport(members, unassigned)

    def missing(self, entry: MappedColumn) -> None:
        self.issues.append(
            Issue(
                code="colonne-introuvable",
                message=f"La colonne « {entry.source} » ({entry.place}) est introuvable dans "
                "l'export : ses réponses ne sont pas lues.",
                file=self.path.name,
                sheet=self.grid.name,
                indicator=entry.indicator,
                fix="Recopiez dans la correspondance l'en-tête exact de l'export (ou la lettre "
                "de la colonne).",
            )
        )

    def respondent_column(self) -> int | None:
        names = [self.mapping.respondent] if self.mapping.respondent else self.profile.respondent
        for name in names:
            column = self.find(name) if name else None
            if column is not None:
                return column
        if self.mapping.respondent:
            self.issues.append(
                Issue(
                    code="colonne-introuvable",
                    message=f"La colonne des répondants « {self.mapping.respondent} » est "
                    "introuvable : les répondants sont numérotés par ligne.",
                    file=self.path.name,
                    sheet=self.grid.name,
                    severity=WARNING,
                    fix="Recopiez l'en-tête exact dans « repondant: ».",
                )
            )
        return None

    def organisation_column(self) -> int | None:
        source = self.mapping.organisation_column
        if source is None:
            return None
        column = self.find(source)
        if column is None:
            raise UsageError(
                f"La colonne de l'organisation « {source} » ({self.mapping.source}) est "
                f"introuvable dans {self.path.name}."
            )
        return column

    def report_unused(self, used: set[int]) -> None:
        unused = []
        for column, cells in enumerate(self.headers):
            if column in used or not any(cells):
                continue
            if any(cell in self.profile.metadata for cell in cells if cell):
                continue
            label = next(
                (
                    _scalar_text(value)
                    for value in reversed(self._header_cells(column))
                    if not is_blank(value)
                ),
                "",
            )
            unused.append(f"{cell_reference(self.header_rows - 1, column)} « {label} »")
        if unused:
            self.issues.append(
                Issue(
                    code="colonnes-ignorees",
                    message=f"{len(unused)} colonne(s) de l'export ne sont pas dans la "
                    f"correspondance et ne sont pas lues : {' ; '.join(unused)}.",
                    severity=WARNING,
                    file=self.path.name,
                    sheet=self.grid.name,
                    fix="Ajoutez-les à la correspondance si elles répondent à un indicateur.",
                )
            )

    def groups(
        self, rows: NDArray[np.int64], organisation: int | None
    ) -> dict[str, NDArray[np.int64]]:
        import numpy as np

        if organisation is None:
            return {self.mapping.organisation or "": rows}
        encoded = self.grid.column(organisation)
        keys = ["" if is_blank(value) else _scalar_text(value) for value in encoded.uniques]
        codes = encoded.codes[rows]
        groups: dict[str, NDArray[np.int64]] = {}
        for code in sorted(set(codes.tolist()), key=lambda c: keys[c] if c >= 0 else ""):
            key = keys[code] if code >= 0 else ""
            picked = rows[codes == code]
            groups[key] = np.concatenate([groups[key], picked]) if key in groups else picked
        return {key: np.sort(picked) for key, picked in groups.items()}

    def member(
        self,
        key: str,
        rows: NDArray[np.int64],
        answers: Sequence[AnswerColumn],
        choices: Sequence[ChoiceColumns],
        respondent: int | None,
    ) -> MemberFile:
        from .reader import MemberFile

        member = MemberFile(
            file=self.path.name,
            format=self.kind,
            indicator_set_id=self.ref.id,
            key=key,
            key_source=_key_source(key),
            period=self.mapping.period,
            tool=self.mapping.tool,
        )
        member.identity[f"org.{member.key_source}"] = key
        if self.mapping.period:
            member.identity["org.periode"] = self.mapping.period
        table, issues, counters = read_respondents(
            self.grid,
            first_row=self.header_rows,
            parser=AnswerParser(self.ref),
            file=self.path.name,
            answers=answers,
            choices=choices,
            respondent_column=respondent,
            rows=rows,
        )
        member.respondents = table
        member.issues.extend(issues)
        member.cells_read, member.cells_used = counters.read, counters.used
        member.cells_rejected = counters.rejected
        if member.period is None:
            member.issues.append(
                Issue(
                    code="periode-inconnue",
                    message="La période évaluée est inconnue : les comparaisons entre années "
                    "ne seront pas possibles pour cet export.",
                    severity=WARNING,
                    file=self.path.name,
                    fix=f"Ajoutez « periode: AAAA » à la correspondance {self.mapping.source}.",
                )
            )
        return member

    def unassigned(
        self,
        rows: NDArray[np.int64],
        organisation: int | None,
        answers: Sequence[AnswerColumn],
        choices: Sequence[ChoiceColumns],
    ) -> MemberFile:
        """Rows without organisation: every answer in them rejected, each row reported."""
        import numpy as np

        from .reader import MemberFile

        assert organisation is not None
        member = MemberFile(
            file=self.path.name,
            format=self.kind,
            indicator_set_id=self.ref.id,
            tool=self.mapping.tool,
        )
        columns = sorted(
            {item.column for item in answers}
            | {item.column for item in choices if item.column is not None}
            | {column for item in choices for column in item.option_columns.values()}
        )
        filled = np.zeros(len(rows), np.int64)
        for column in columns:
            encoded = self.grid.column(column)
            blank = np.array([is_blank(v) for v in encoded.uniques] + [True], dtype=bool)
            filled += ~blank[encoded.codes[rows]]
        label = self.mapping.organisation_column or ""
        for row, cells in zip(rows.tolist(), filled.tolist(), strict=True):
            if not cells:
                continue
            member.cells_read += cells
            member.cells_rejected += cells
            member.rows_read += 1
            member.rows_rejected += 1
            member.issues.append(
                Issue(
                    code="organisation-manquante",
                    message=f"Ligne {row + 1} : la colonne « {label} » est vide ; les {cells} "
                    "réponses de la ligne ne sont rattachées à aucune organisation et ne sont "
                    "pas lues.",
                    file=self.path.name,
                    sheet=self.grid.name,
                    cell=cell_reference(row, organisation),
                    fix="Complétez la structure du répondant dans l'export, ou retirez la ligne.",
                )
            )
        return member


def _key_source(key: str) -> str:
    compact = re.sub(r"[\s.-]", "", key)
    if compact.isdigit() and len(compact) in {9, 14}:
        return "siren"
    if re.fullmatch(r"W\d{9}", compact.upper()):
        return "rna"
    return "code_adherent"


def _looks_like_id(text: str) -> bool:
    """Whether a mapping sheet's target names an indicator (``ES-REP-01``), not a value."""
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)+", text.strip()))


def _value_table(values: Mapping[Any, Any]) -> dict[str, Any]:
    return {normalise_text(_scalar_text(key)): value for key, value in values.items()}


def _scalar_text(value: Any, *, strip: bool = True) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.strip() if strip else text
