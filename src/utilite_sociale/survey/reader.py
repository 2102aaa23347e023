"""Read a returned member file into the tidy table of answers (DESIGN §2 and §5).

Whatever the member did — typed ``12,5`` or ``45 %`` as text, saved as ``.ods``, renamed a
sheet, added or reordered columns, left title rows — the answers are found by their ``id``
and read by the indicator's expected type. Every answer cell is either used or reported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._safety import DEFAULT_LIMITS, ReadLimits
from ..errors import ERROR, WARNING, Issue, Severity
from ..framework.models import IndicatorSet
from .answers import AnswerParser
from .grid import Grid, read_grids
from .layout import (
    IDENTITY_FIELDS,
    RESPONDENT_HEADER,
    SHEET_INDICATORS,
    SHEET_META,
    SHEET_ORGANISATION,
    SHEET_RESPONSES,
    Field,
    esus_fields,
)
from .respondents import PROBLEM_CODES, AnswerColumn, RespondentTable, read_respondents
from .values import cell_text

if TYPE_CHECKING:
    import pandas as pd

    from .values import Parsed

__all__ = ["TIDY_COLUMNS", "MemberFile", "read_member_file"]

#: Columns of the tidy table: one row per (organisation, period, indicator[, respondent]).
TIDY_COLUMNS = (
    "organisation",
    "periode",
    "indicateur",
    "repondant",
    "valeur",
    "texte",
    "fichier",
    "feuille",
    "cellule",
)
_HEADER_SCAN = 30
_TIDY_TYPES = {
    "organisation": "string",
    "periode": "string",
    "indicateur": "string",
    "repondant": "string",
    "valeur": "float64",
    "texte": "string",
    "fichier": "string",
    "feuille": "string",
    "cellule": "string",
}
_ID_HEADERS = {"id", "identifiant", "code", "code indicateur"}
_ESUS_YEAR = re.compile(r"^esus\.(\d{4})\.")


@dataclass
class MemberFile:
    """One returned file, read.

    Attributes
    ----------
    file
        File name.
    format
        ``"xlsx"``, ``"xlsm"``, ``"ods"`` or ``"csv"``.
    key
        The organisation's key: member code, else SIREN, else RNA, else the file name.
    key_source
        Where the key comes from: ``"code_adherent"``, ``"siren"``, ``"rna"``, ``"fichier"``.
    period
        The evaluated period (``AAAA`` or ``AAAA-AAAA``), ``None`` when unknown.
    identity
        Identity answers by reserved id (``org.nom``…), parsed.
    esus
        ``Finances ESUS`` answers by reserved id (``esus.2024.fin``…), parsed.
    meta
        The hidden ``_meta`` sheet (référentiel id, version, SHA-256…), if present.
    answers
        The organisation's parsed answers, one per indicator: ``(indicator, None, number,
        text, sheet, cell)`` — see :meth:`tidy`.
    respondents
        Respondent-level answers (``Réponses`` sheet or survey-tool export), by columns.
    tool
        The survey tool whose export this is (``read_survey_export``), else ``None``.
    issues
        Problems (rejected cells) and warnings (adjusted values) met while reading.
    cells_read, cells_used, cells_rejected
        Non-blank answer cells read, used and rejected: read = used + rejected.
    """

    file: str
    format: str
    indicator_set_id: str
    key: str = ""
    key_source: str = "fichier"
    period: str | None = None
    identity: dict[str, float | str] = field(default_factory=dict)
    esus: dict[str, float | str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    answers: list[tuple[str, str | None, float | None, str | None, str, str]] = field(
        default_factory=list
    )
    issues: list[Issue] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)
    respondents: RespondentTable | None = None
    #: The survey tool (``kobotoolbox``…) when the file is a survey-tool export.
    tool: str | None = None
    rows_read: int = 0
    rows_rejected: int = 0
    cells_read: int = 0
    cells_used: int = 0
    cells_rejected: int = 0

    @property
    def respondent_sheet(self) -> str | None:
        """The sheet respondents' answers were read from, if any."""
        return self.respondents.sheet if self.respondents is not None else None

    def tidy(self) -> pd.DataFrame:
        """The answers as the tidy long table (columns :data:`TIDY_COLUMNS`).

        The organisation's own answers first, then one row per respondent answer.
        """
        import pandas as pd

        frame = pd.DataFrame(
            [
                (self.key, self.period, indicator, respondent, value, text, self.file, sheet, cell)
                for indicator, respondent, value, text, sheet, cell in self.answers
            ],
            columns=list(TIDY_COLUMNS),
        )
        frame = frame.astype(_TIDY_TYPES)
        if self.respondents is not None and len(self.respondents):
            long = self.respondents.long(
                organisation=self.key, period=self.period, file=self.file
            ).astype(_TIDY_TYPES)
            frame = long if frame.empty else pd.concat([frame, long], ignore_index=True)
        return frame

    def value(self, indicator_id: str) -> float | str | None:
        """The organisation-level answer to one indicator (number or text), if any."""
        for indicator, respondent, value, text, _, _ in self.answers:
            if indicator == indicator_id and respondent is None:
                return value if value is not None else text
        return None


@dataclass
class _Context:
    grid: Grid
    row: int
    column: int

    @property
    def cell(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.column + 1)}{self.row + 1}"


def read_member_file(
    path: str | os.PathLike[str],
    indicator_set: IndicatorSet,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> MemberFile:
    """Read a member file (``.xlsx``, ``.xlsm``, ``.ods`` or ``.csv``) against a référentiel.

    Parameters
    ----------
    path
        The returned file.
    indicator_set
        The référentiel it answers.
    limits
        Size limits for untrusted files (archive, rows, columns, CSV bytes).

    Returns
    -------
    MemberFile
        Identity, answers (:meth:`MemberFile.tidy`), and every cell-level problem or warning.

    Raises
    ------
    InputFileError
        When the file cannot be read at all (missing, empty, encrypted, corrupt, hostile).

    Examples
    --------
    >>> member = read_member_file("retour.xlsx", us.load_indicator_set("ess-socle"))
    ... # doctest: +SKIP
    >>> member.tidy().head()  # doctest: +SKIP
    """
    file_path = Path(path)
    kind, grids = read_grids(file_path, limits=limits)
    member = MemberFile(file=file_path.name, format=kind, indicator_set_id=indicator_set.id)
    reader = _Reader(member, indicator_set)
    for grid in grids:
        if grid.truncated:
            reader.warn(
                "feuille-tronquee",
                f"La feuille « {grid.name} » est trop longue : seules les premières lignes ont "
                "été lues.",
                _Context(grid, grid.height - 1, 0),
            )
    if kind == "csv":
        reader.read_id_sheet(grids[0])
    else:
        reader.read_workbook(grids)
    reader.finish(file_path)
    return member


def _members_list(header: Sequence[Any]) -> bool:
    """Whether a first row is the header of a members list (``modele --membres``)."""
    names = {str(value).strip().lstrip("\ufeff").lower() for value in header if value is not None}
    return "code_adherent" in names and "id" not in names


class _Reader:
    def __init__(self, member: MemberFile, ref: IndicatorSet) -> None:
        self.member = member
        self.ref = ref
        self.indicators = {indicator.id: indicator for indicator in ref.indicators}
        self.identity_fields = {item.id: item for item in IDENTITY_FIELDS}
        self.seen: dict[tuple[str, str | None], str] = {}
        self.parser = AnswerParser(ref)

    # -- reporting -------------------------------------------------------------------

    def issue(
        self,
        code: str,
        message: str,
        where: _Context | None,
        *,
        severity: Severity = ERROR,
        indicator: str | None = None,
        found: Any = None,
        expected: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.member.issues.append(
            Issue(
                code=code,
                message=message,
                severity=severity,
                file=self.member.file,
                sheet=where.grid.name if where else None,
                cell=where.cell if where else None,
                indicator=indicator,
                found=None if found is None else str(found),
                expected=expected,
                fix=fix,
            )
        )

    def warn(self, code: str, message: str, where: _Context | None, **kwargs: Any) -> None:
        self.issue(code, message, where, severity=WARNING, **kwargs)

    # -- sheets ----------------------------------------------------------------------

    def read_workbook(self, grids: Sequence[Grid]) -> None:
        from .values import normalise_text

        by_name = {normalise_text(grid.name): grid for grid in grids}
        meta = by_name.get(normalise_text(SHEET_META))
        if meta is not None:
            self.read_meta(meta)
        responses = by_name.get(normalise_text(SHEET_RESPONSES))
        used: set[int] = set()
        for grid in grids:
            if grid is meta:
                continue
            if grid is responses or (responses is None and self.respondent_header(grid)):
                if self.respondent_header(grid) is not None:
                    self.read_responses(grid)
                    used.add(id(grid))
                continue
            if self.id_header(grid) is not None:
                self.read_id_sheet(grid)
                used.add(id(grid))
        if not any(
            normalise_text(grid.name) == normalise_text(SHEET_INDICATORS) or id(grid) in used
            for grid in grids
        ):
            self.issue(
                "feuille-manquante",
                f"Aucune feuille ne contient les colonnes « id » et « Réponse » : le fichier "
                f"ne ressemble pas à un classeur « {SHEET_INDICATORS} ».",
                None,
                fix="Renvoyez le classeur reçu, sans supprimer ses colonnes « id » et « Réponse ».",
            )

    def read_meta(self, grid: Grid) -> None:
        for row in grid.rows[: grid.height]:
            if len(row) >= 2 and row[0] is not None:
                self.member.meta[str(row[0]).strip()] = "" if row[1] is None else str(row[1])

    def id_header(self, grid: Grid) -> tuple[int, int, int, int | None] | None:
        """``(header row, id column, answer column, comment column)`` of an id sheet."""
        from .values import normalise_text

        for row_index, row in enumerate(grid.rows[:_HEADER_SCAN]):
            labels = [normalise_text(str(value)) if value is not None else "" for value in row]
            id_column = next((i for i, label in enumerate(labels) if label in _ID_HEADERS), None)
            if id_column is None:
                continue
            answer_column = next(
                (
                    i
                    for i, label in enumerate(labels)
                    if i != id_column and ("reponse" in label or "valeur" in label)
                ),
                None,
            )
            if answer_column is None:
                continue
            comment_column = next(
                (i for i, label in enumerate(labels) if label.startswith("commentaire")), None
            )
            return row_index, id_column, answer_column, comment_column
        return None

    def respondent_header(self, grid: Grid) -> tuple[int, int] | None:
        """``(header row, respondent column)`` of a ``Réponses`` sheet."""
        from .values import normalise_text

        for row_index, row in enumerate(grid.rows[:_HEADER_SCAN]):
            for column, value in enumerate(row):
                if value is not None and normalise_text(str(value)) == RESPONDENT_HEADER:
                    return row_index, column
        return None

    def read_id_sheet(self, grid: Grid) -> None:
        header = self.id_header(grid)
        if header is None and grid.height and _members_list(grid.row_values(0)):
            self.issue(  # rejects the file, with this as its reason
                "feuille-manquante",
                f"« {self.member.file} » est une liste de membres (colonne « code_adherent ») "
                "pour « modele --membres », pas un fichier renvoyé : il n'est pas évalué.",
                _Context(grid, 0, 0),
                fix="Rangez la liste des membres hors du dossier des fichiers renvoyés.",
            )
            return
        if header is None:
            self.issue(
                "colonne-manquante",
                f"La feuille « {grid.name} » n'a pas les colonnes « id » et « Réponse ».",
                _Context(grid, 0, 0),
                fix="Gardez la ligne d'en-têtes du classeur reçu (id, …, Réponse).",
            )
            return
        header_row, id_column, answer_column, comment_column = header
        for row_index in range(header_row + 1, grid.height):
            raw_id = grid.value(row_index, id_column)
            if raw_id is None or not str(raw_id).strip():
                continue
            item_id = str(raw_id).strip()
            where = _Context(grid, row_index, answer_column)
            raw = grid.value(row_index, answer_column)
            percent = (row_index, answer_column) in grid.percent
            if (row_index, answer_column) in grid.uncalculated:
                self.warn(
                    "formule-sans-valeur",
                    f"La réponse à « {item_id} » est une formule qui n'a jamais été calculée : "
                    "elle est lue comme vide (les formules ne sont jamais calculées ici).",
                    where,
                    indicator=item_id,
                    fix="Ouvrez le fichier dans Excel ou LibreOffice, enregistrez-le, ou "
                    "remplacez la formule par sa valeur.",
                )
            if comment_column is not None:
                comment = grid.value(row_index, comment_column)
                if comment is not None and str(comment).strip():
                    self.member.comments[item_id] = str(comment).strip()
            self.read_cell(item_id, None, raw, where, percent=percent)

    def read_responses(self, grid: Grid) -> None:
        header = self.respondent_header(grid)
        assert header is not None
        header_row, respondent_column = header
        columns: list[AnswerColumn] = []
        for column, value in enumerate(grid.row_values(header_row)):
            if column == respondent_column or value is None:
                continue
            indicator = self.indicators.get(str(value).strip())
            where = _Context(grid, header_row, column)
            if indicator is None:
                self.issue(
                    "id-inconnu",
                    f"La colonne « {value} » ne correspond à aucun indicateur du référentiel "
                    f"« {self.ref.id} » : ses réponses sont ignorées.",
                    where,
                    found=value,
                    fix="Gardez les en-têtes de la feuille reçue.",
                )
                continue
            if indicator.level != "repondant":
                self.issue(
                    "id-mal-place",
                    f"« {indicator.id} » se renseigne pour l'organisation, dans la feuille "
                    f"« {SHEET_INDICATORS} », pas par répondant.",
                    where,
                    indicator=indicator.id,
                )
                continue
            columns.append(AnswerColumn(indicator, column))
        table, issues, counters = read_respondents(
            grid,
            first_row=header_row + 1,
            parser=self.parser,
            file=self.member.file,
            answers=columns,
            respondent_column=respondent_column,
        )
        self.add_respondents(table, issues, counters)

    def add_respondents(self, table: RespondentTable, issues: list[Issue], counters: Any) -> None:
        """Keep respondents' answers read by columns, with their issues and counts."""
        self.member.respondents = table
        self.member.issues.extend(issues)
        self.member.cells_read += counters.read
        self.member.cells_used += counters.used
        self.member.cells_rejected += counters.rejected

    # -- cells -----------------------------------------------------------------------

    def read_cell(
        self, item_id: str, respondent: str | None, raw: Any, where: _Context, *, percent: bool
    ) -> None:
        if respondent is None:
            self.member.rows_read += 1
            self.member.locations.setdefault(item_id, (where.grid.name, where.cell))
        if item_id.startswith("org."):
            self.read_field(
                item_id, raw, where, self.identity_fields.get(item_id), self.member.identity
            )
            return
        if item_id.startswith("esus."):
            self.read_field(item_id, raw, where, self.esus_field(item_id), self.member.esus)
            return
        indicator = self.indicators.get(item_id)
        if indicator is None:
            self.member.rows_rejected += 1
            if not _blank(raw):
                self.member.cells_read += 1
                self.member.cells_rejected += 1
            self.issue(
                "id-inconnu",
                f"L'identifiant « {item_id} » n'est pas un indicateur du référentiel "
                f"« {self.ref.id} »" + (" : la réponse est ignorée." if not _blank(raw) else "."),
                where,
                found=item_id,
                fix="Ne modifiez pas la colonne « id » ; utilisez le classeur reçu.",
            )
            return
        if _blank(raw):
            return
        self.member.cells_read += 1
        key = (item_id, respondent)
        if key in self.seen:
            if respondent is None:
                self.member.rows_rejected += 1
            self.member.cells_rejected += 1
            self.issue(
                "id-duplique",
                f"« {item_id} » a déjà une réponse en {self.seen[key]} : cette seconde réponse "
                "est ignorée.",
                where,
                indicator=item_id,
                fix="Gardez une seule ligne par indicateur.",
            )
            return
        parsed = self.parser.parse(
            indicator, raw, per_respondent=respondent is not None, percent=percent
        )
        self.record(item_id, respondent, parsed, raw, where)
        if parsed.ok:
            self.seen[key] = f"{where.grid.name}!{where.cell}"

    def accept(self, item_id: str, parsed: Parsed, raw: Any, where: _Context) -> bool:
        """Count a read answer as used or rejected, reporting why; ``True`` when used."""
        if not parsed.ok:
            self.member.cells_rejected += 1
            self.issue(
                PROBLEM_CODES[parsed.kind],
                parsed.problem or "Réponse illisible.",
                where,
                indicator=item_id,
                found=cell_text(raw),
                fix="Corrigez la réponse ou laissez la cellule vide.",
            )
            return False
        self.member.cells_used += 1
        if parsed.warning:
            self.warn(
                "valeur-ajustee", parsed.warning, where, indicator=item_id, found=cell_text(raw)
            )
        return True

    def record(
        self, item_id: str, respondent: str | None, parsed: Parsed, raw: Any, where: _Context
    ) -> None:
        if not self.accept(item_id, parsed, raw, where):
            return
        value = parsed.value
        if isinstance(value, str):
            self.member.answers.append(
                (item_id, respondent, None, value, where.grid.name, where.cell)
            )
        else:
            self.member.answers.append(
                (item_id, respondent, value, None, where.grid.name, where.cell)
            )

    def esus_field(self, item_id: str) -> Field | None:
        from ..reference import plein_droit_categories

        match = _ESUS_YEAR.match(item_id)
        year = int(match.group(1)) if match else 2000
        categories = tuple((c.id, f"{c.number}. {c.label}") for c in plein_droit_categories())
        for _, fields in esus_fields((year,), categories):
            for item in fields:
                if item.id == item_id:
                    return item
        return None

    def read_field(
        self,
        item_id: str,
        raw: Any,
        where: _Context,
        item: Field | None,
        target: dict[str, float | str],
    ) -> None:
        from . import values

        if item is None:
            self.member.rows_rejected += 1
            if not _blank(raw):
                self.member.cells_read += 1
                self.member.cells_rejected += 1
                self.issue(
                    "id-inconnu",
                    f"L'identifiant réservé « {item_id} » n'existe pas : la réponse est ignorée.",
                    where,
                    found=item_id,
                    fix="Ne modifiez pas la colonne « id ».",
                )
            return
        if _blank(raw):
            return
        self.member.cells_read += 1
        parsers = {
            "texte": lambda: values.parse_text(raw),
            "nombre": lambda: values.parse_number(raw, minimum=0.0),
            "montant": lambda: values.parse_number(raw, minimum=0.0),
            "entier": lambda: values.parse_number(raw, integer=True, minimum=0.0),
            "date": lambda: values.parse_date(raw),
            "periode": lambda: values.parse_period(raw),
            "oui-non": lambda: values.parse_yes_no(raw),
            "pourcentage": lambda: values.parse_percentage(raw),
            "quotite": lambda: values.parse_percentage(raw),
            "choix": lambda: values.parse_choice(raw, list(item.choices)),
        }
        parsed = parsers[item.kind]()
        if self.accept(item_id, parsed, raw, where) and parsed.value is not None:
            target[item_id] = parsed.value

    # -- identity --------------------------------------------------------------------

    def finish(self, path: Path) -> None:
        member = self.member
        identity = member.identity
        for field_id, source in (
            ("org.code_adherent", "code_adherent"),
            ("org.siren", "siren"),
            ("org.rna", "rna"),
        ):
            value = identity.get(field_id)
            if value not in (None, ""):
                member.key = _key_text(value, source)
                member.key_source = source
                break
        else:
            member.key = path.stem
            member.key_source = "fichier"
            self.warn(
                "organisation-par-fichier",
                "Ni code adhérent, ni SIREN, ni RNA : l'organisation est identifiée par le nom "
                f"du fichier (« {path.stem} »), ce qui empêche de la suivre d'une année à "
                "l'autre si le fichier change de nom.",
                None,
                fix="Renseignez org.code_adherent, org.siren ou org.rna (feuille "
                f"« {SHEET_ORGANISATION} »).",
            )
        period = identity.get("org.periode") or member.meta.get("periode") or None
        member.period = str(period) if period else None
        if member.period is None:
            self.warn(
                "periode-inconnue",
                "La période évaluée est inconnue : les comparaisons entre années ne seront pas "
                "possibles pour ce fichier.",
                None,
                fix=f"Renseignez org.periode (feuille « {SHEET_ORGANISATION} ») : AAAA ou "
                "AAAA-AAAA.",
            )


def _key_text(value: float | str, source: str) -> str:
    text = cell_text(value)
    if source in {"siren", "rna"}:
        text = re.sub(r"[\s\u00a0\u202f.-]", "", text).upper()
    return text


def _blank(value: Any) -> bool:
    from .values import is_blank

    return is_blank(value)
