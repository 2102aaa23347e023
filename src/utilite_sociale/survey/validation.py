"""``utilite-sociale verifier``: every problem of every returned file, at once, located.

The report never raises for bad data (``raise_for_errors`` is the opt-in); each problem has a
stable code, a severity, the file, sheet and cell, the indicator, the value found, what was
expected and how to fix it, in French. It also accounts for every file, row and answer:
read = used + rejected (DESIGN §6).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._safety import DEFAULT_LIMITS, ReadLimits
from ..errors import ERROR, WARNING, InputFileError, InvalidDataError, Issue, Severity
from ..framework.models import IndicatorSet
from .grid import WORKBOOK_FORMATS
from .layout import SHEET_ORGANISATION
from .reader import MemberFile, read_member_file

if TYPE_CHECKING:
    from .exports import ExportMapping

__all__ = [
    "FileResult",
    "SurveyDataError",
    "SurveyReport",
    "accepted_file",
    "check_member_file",
    "collect_files",
    "issues_of",
    "status_line",
    "validate_survey",
]

Status = Literal["valide", "avertissements", "erreurs", "rejete"]
_RNA = re.compile(r"^W\d{9}$")
_DEPARTEMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$")
_ESUS_ACTIVITY = re.compile(r"^esus\.(\d{4})\.activite\.\d+\.charges$")


@dataclass
class FileResult:
    """The verification of one file: its status, its problems and its counts."""

    file: str
    path: str
    status: Status
    issues: list[Issue] = field(default_factory=list)
    member: MemberFile | None = None
    reason: str | None = None

    @property
    def errors(self) -> list[Issue]:
        """The problems of severity « erreur »."""
        return [issue for issue in self.issues if issue.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        """The problems of severity « avertissement »."""
        return [issue for issue in self.issues if issue.severity == WARNING]

    def counts(self) -> dict[str, int]:
        """Rows and answers read, used and rejected in this file."""
        member = self.member
        if member is None:
            return {
                "lignes_lues": 0,
                "lignes_utilisees": 0,
                "lignes_rejetees": 0,
                "reponses_lues": 0,
                "reponses_utilisees": 0,
                "reponses_rejetees": 0,
            }
        rejected = self.status == "rejete"
        return {
            "lignes_lues": member.rows_read,
            "lignes_utilisees": 0 if rejected else member.rows_read - member.rows_rejected,
            "lignes_rejetees": member.rows_read if rejected else member.rows_rejected,
            "reponses_lues": member.cells_read,
            "reponses_utilisees": 0 if rejected else member.cells_used,
            "reponses_rejetees": member.cells_read if rejected else member.cells_rejected,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        member = self.member
        return {
            "fichier": self.file,
            "statut": self.status,
            "motif_rejet": self.reason,
            "organisation": member.key if member else None,
            "periode": member.period if member else None,
            "erreurs": len(self.errors),
            "avertissements": len(self.warnings),
            **self.counts(),
            "problemes": [issue.to_dict() for issue in self.issues],
        }


class SurveyDataError(InvalidDataError):
    """Raised by :meth:`SurveyReport.raise_for_errors`; ``report`` holds everything."""

    def __init__(self, report: SurveyReport) -> None:
        self.report = report
        issues = [issue for result in report.files for issue in result.issues]
        super().__init__(issues, report.summary())


#: Columns of :meth:`SurveyReport.write_csv`.
CSV_COLUMNS = (
    "fichier",
    "organisation",
    "feuille",
    "cellule",
    "indicateur",
    "gravite",
    "code",
    "message",
    "trouve",
    "attendu",
    "correction",
)


@dataclass
class SurveyReport:
    """The verification of a set of returned files against one référentiel."""

    indicator_set_id: str
    indicator_set_version: str
    files: list[FileResult] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """No file has an error and none is rejected (warnings allowed)."""
        return all(result.status in {"valide", "avertissements"} for result in self.files)

    @property
    def issues(self) -> list[Issue]:
        """Every problem of every file."""
        return [issue for result in self.files for issue in result.issues]

    def counts(self) -> dict[str, int]:
        """Files, rows and answers: read = used + rejected."""
        totals = {
            "fichiers_lus": len(self.files),
            "fichiers_valides": sum(r.status in {"valide", "avertissements"} for r in self.files),
            "fichiers_avec_erreurs": sum(r.status == "erreurs" for r in self.files),
            "fichiers_rejetes": sum(r.status == "rejete" for r in self.files),
        }
        for result in self.files:
            for key, value in result.counts().items():
                totals[key] = totals.get(key, 0) + value
        for key in (
            "lignes_lues",
            "lignes_utilisees",
            "lignes_rejetees",
            "reponses_lues",
            "reponses_utilisees",
            "reponses_rejetees",
        ):
            totals.setdefault(key, 0)
        return totals

    def summary(self) -> str:
        """One French sentence with the totals."""
        c = self.counts()
        return (
            f"{_n(c['fichiers_lus'], 'fichier lu', 'fichiers lus')} : "
            f"{_n(c['fichiers_valides'], 'valide', 'valides')}, "
            f"{_n(c['fichiers_avec_erreurs'], 'avec erreurs', 'avec erreurs')}, "
            f"{_n(c['fichiers_rejetes'], 'rejeté', 'rejetés')} ; "
            f"{_n(c['reponses_lues'], 'réponse lue', 'réponses lues')} = "
            f"{_n(c['reponses_utilisees'], 'utilisée', 'utilisées')} + "
            f"{_n(c['reponses_rejetees'], 'rejetée', 'rejetées')}"
        )

    def _repr_html_(self) -> str:
        """Rich display in Jupyter: the counts, then the first problems, located."""
        from .. import _html
        from .._format import format_number

        c = self.counts()
        verdict = (
            "Aucune erreur : chaque fichier peut être évalué tel quel."
            if self.valid
            else "Des fichiers ont des erreurs ou sont rejetés : voir les problèmes ci-dessous."
        )
        counts = _html.table(
            ["", _html.Cell("Lus", numeric=True), _html.Cell("Utilisés", numeric=True), ""],
            [
                [
                    "Fichiers",
                    _html.Cell(format_number(c["fichiers_lus"], 0), numeric=True),
                    _html.Cell(format_number(c["fichiers_valides"], 0), numeric=True),
                    f"{_html.count(c['fichiers_avec_erreurs'], 'avec erreurs', 'avec erreurs')}"
                    f", {_html.count(c['fichiers_rejetes'], 'rejeté', 'rejetés')}",
                ],
                [
                    "Réponses",
                    _html.Cell(format_number(c["reponses_lues"], 0), numeric=True),
                    _html.Cell(format_number(c["reponses_utilisees"], 0), numeric=True),
                    _html.count(c["reponses_rejetees"], "rejetée", "rejetées"),
                ],
            ],
        )
        issues = [
            (result, issue)
            for result in self.files
            for issue in sorted(result.issues, key=lambda item: not item.is_error)
        ]
        parts = [_html.paragraph(verdict), counts]
        if issues:
            errors = sum(issue.is_error for _, issue in issues)
            parts.append(
                _html.paragraph(
                    f"{_html.count(len(issues), 'problème', 'problèmes')} "
                    f"({_html.count(errors, 'erreur', 'erreurs')}) :"
                )
            )
            rows: list[list[_html.Cell | str]] = []
            for result, issue in issues[: _html.ROW_LIMIT]:
                place = f"{issue.sheet}!{issue.cell}" if issue.sheet and issue.cell else ""
                severity = _html.Cell(
                    issue.severity,
                    style="color: #a50026; font-weight: bold;" if issue.is_error else None,
                )
                rows.append(
                    [
                        result.file,
                        place or issue.sheet or "",
                        issue.indicator or "",
                        severity,
                        issue.message,
                    ]
                )
            parts.append(
                _html.table(["Fichier", "Cellule", "Indicateur", "Gravité", "Problème"], rows)
            )
            parts.append(
                _html.more_rows(
                    len(issues) - len(rows),
                    "report.issues ou report.issue_rows() pour la liste complète",
                    singular="autre problème",
                    plural="autres problèmes",
                )
            )
        title = (
            f"Vérification des fichiers — référentiel « {self.indicator_set_id} », "
            f"version {self.indicator_set_version}"
        )
        return _html.block(title, *parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what ``verifier --json`` prints)."""
        return {
            "referentiel": self.indicator_set_id,
            "version": self.indicator_set_version,
            "valide": self.valid,
            "totaux": self.counts(),
            "fichiers": [result.to_dict() for result in self.files],
        }

    def write_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write every problem as a CSV table to sort and filter in a spreadsheet.

        One row per problem: file, organisation, sheet, cell, indicator, severity, code,
        message, value found, value expected, how to fix. UTF-8 with a byte-order mark and
        ``;`` separators (what a French spreadsheet opens directly). Text coming from member
        files is neutralised: a value such as ``=HYPERLINK(…)`` is written as text, never as a
        formula. The file is replaced atomically.
        """
        import csv
        import io

        from .._atomic import atomic_write_text
        from .._spreadsheet import safe_text

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in self.issue_rows():
            writer.writerow([safe_text(value) for value in row])
        return atomic_write_text(path, "\ufeff" + buffer.getvalue())

    def issue_rows(self) -> list[list[str]]:
        """Every problem as a row of :data:`CSV_COLUMNS` (file, organisation, place…)."""
        rows = []
        for result in self.files:
            key = result.member.key if result.member is not None else ""
            for issue in result.issues:
                rows.append(
                    [
                        result.file,
                        key,
                        issue.sheet or "",
                        issue.cell or "",
                        issue.indicator or "",
                        issue.severity,
                        issue.code,
                        issue.message,
                        issue.found or "",
                        issue.expected or "",
                        issue.fix or "",
                    ]
                )
        return rows

    def raise_for_errors(self) -> SurveyReport:
        """Return the report, or raise :class:`SurveyDataError` if any file has an error."""
        if not self.valid:
            raise SurveyDataError(self)
        return self


def _n(count: int, singular: str, plural: str) -> str:
    from .._format import format_number

    return f"{format_number(count, 0)} {singular if count <= 1 else plural}"


def accepted_file(path: str | os.PathLike[str], ref: IndicatorSet, *, making: str) -> FileResult:
    """Verify one file that something is made from; its result when it is not rejected.

    Parameters
    ----------
    path
        The member's file.
    ref
        Its référentiel.
    making
        What cannot be made from a rejected file, for the message (« rapport »…).

    Raises
    ------
    InvalidDataError
        The file is rejected (unreadable, another référentiel, no answer…), with its reason.
    """
    result = validate_survey([path], ref).files[0]
    if result.status == "rejete" or result.member is None:
        raise InvalidDataError(
            result.issues
            or [Issue(code="fichier-illisible", message=result.reason or "fichier rejeté")],
            f"{Path(path).name} est rejeté ({result.reason}) : pas de {making}.",
        )
    return result


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders (recursively) into the member files they hold, sorted."""
    return [path for path, _ in _collect(paths)]


def _collect(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """Files with the name to show: relative to the folder given, else the file name."""
    files: list[tuple[Path, str]] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files += [
                (candidate, candidate.relative_to(path).as_posix())
                for candidate in sorted(path.rglob("*"))
                if candidate.is_file()
                and candidate.suffix.lower() in WORKBOOK_FORMATS
                and not candidate.name.startswith((".", "~$"))
                and not candidate.name.endswith(".annote.xlsx")
            ]
        else:
            files.append((path, path.name))
    return files


def validate_survey(
    paths: Iterable[str | os.PathLike[str]],
    indicator_set: IndicatorSet,
    *,
    mapping: ExportMapping | str | os.PathLike[str] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> SurveyReport:
    """Verify returned member files against a référentiel.

    Parameters
    ----------
    paths
        Files (``.xlsx``, ``.xlsm``, ``.ods``, ``.xls``, ``.csv``) or folders of such files.
    indicator_set
        The référentiel the files answer.
    mapping
        A mapping file (``docs/exports-enquetes.md``): the files are then survey-tool exports
        of respondents' answers, each read as one result per organisation.
    limits
        Size limits for untrusted files.

    Returns
    -------
    SurveyReport
        Every file with its status (valide, avertissements, erreurs, rejeté), its problems
        and its counts; never raises for bad data (see :meth:`SurveyReport.raise_for_errors`).
    """
    report = SurveyReport(indicator_set.id, indicator_set.version)
    if mapping is not None:
        from .exports import ExportMapping, load_export_mapping

        loaded = mapping if isinstance(mapping, ExportMapping) else load_export_mapping(mapping)
        for path, shown in _collect(paths):
            report.files += _verify_export(path, indicator_set, shown, loaded, limits)
        return report
    for path, shown in _collect(paths):
        report.files.append(_verify_file(path, indicator_set, shown, limits))
    return report


def _verify_export(
    path: Path, ref: IndicatorSet, shown: str, mapping: ExportMapping, limits: ReadLimits
) -> list[FileResult]:
    """One result per organisation of a survey-tool export, and one for unassigned rows."""
    from .exports import read_survey_export

    try:
        export = read_survey_export(path, ref, mapping=mapping, limits=limits)
    except InputFileError as exc:
        issue = Issue(
            code="fichier-illisible",
            message=str(exc),
            file=shown,
            fix="Exportez de nouveau les réponses depuis l'outil d'enquête.",
        )
        return [FileResult(shown, str(path), "rejete", [issue], reason=str(exc))]
    results = []
    for member in export.members:
        member.file = shown
        member.issues = [dataclasses.replace(issue, file=shown) for issue in member.issues]
        issues = list(member.issues) + check_member_file(member, ref)
        result = FileResult(shown, str(path), "valide", issues, member)
        if any(issue.code == "aucune-reponse" for issue in issues):
            result.status = "rejete"
            result.reason = "aucune réponse"
        elif result.errors:
            result.status = "erreurs"
        elif result.warnings:
            result.status = "avertissements"
        results.append(result)
    if export.unassigned is not None and export.unassigned.issues:
        member = export.unassigned
        member.file = shown
        rows = sum(issue.code == "organisation-manquante" for issue in member.issues)
        results.append(
            FileResult(
                f"{shown} (lignes sans organisation)",
                str(path),
                "rejete" if rows else "erreurs",
                [dataclasses.replace(issue, file=shown) for issue in member.issues],
                member,
                reason=f"{rows} ligne(s) sans organisation" if rows else None,
            )
        )
    return results


def _verify_file(path: Path, ref: IndicatorSet, shown: str, limits: ReadLimits) -> FileResult:
    try:
        member = read_member_file(path, ref, limits=limits)
    except InputFileError as exc:
        issue = Issue(
            code="fichier-illisible",
            message=str(exc),
            file=shown,
            fix="Ouvrez le fichier et réenregistrez-le (.xlsx, sans mot de passe).",
        )
        return FileResult(shown, str(path), "rejete", [issue], reason=str(exc))
    if shown != member.file:
        member.file = shown
        member.issues = [dataclasses.replace(issue, file=shown) for issue in member.issues]
    issues = list(member.issues) + check_member_file(member, ref)
    result = FileResult(shown, str(path), "valide", issues, member)
    rejection = next((issue for issue in issues if issue.code in _REJECTING), None)
    if rejection is not None:
        # A rejected file is not evaluated: its reason is the only problem worth reading.
        result.status = "rejete"
        result.reason = rejection.message
        result.issues = [rejection]
    elif result.errors:
        result.status = "erreurs"
    elif result.warnings:
        result.status = "avertissements"
    return result


_REJECTING = {"autre-referentiel", "aucune-reponse", "feuille-manquante"}


def check_member_file(member: MemberFile, ref: IndicatorSet) -> list[Issue]:
    """Checks that need the whole file: required answers, consistency, identity, référentiel.

    Parameters
    ----------
    member
        A file read by :func:`read_member_file` (its cell-level problems are already in
        ``member.issues``).
    ref
        The référentiel.

    Returns
    -------
    list of Issue
        The further problems, in the order of the checks.
    """
    checker = _Checker(member, ref)
    checker.referentiel()
    if member.tool is None:
        # A survey-tool export holds respondents' answers only: the organisation's own
        # answers and identity are in its workbook.
        checker.required_answers()
        checker.parts_and_totals()
        checker.esus_consistency()
        checker.identity()
    if member.cells_read == 0 and not any(i.code == "autre-referentiel" for i in checker.found):
        checker.add(
            "aucune-reponse",
            "Le fichier ne contient aucune réponse : il n'est pas évalué.",
            fix="Remplissez le classeur puis renvoyez-le.",
        )
    return checker.found


class _Checker:
    def __init__(self, member: MemberFile, ref: IndicatorSet) -> None:
        self.member = member
        self.ref = ref
        self.found: list[Issue] = []
        self.rejected = {issue.indicator for issue in member.issues if issue.is_error}
        self.values: dict[str, float | str] = {}
        for indicator, respondent, value, text, _, _ in member.answers:
            if respondent is None:
                self.values[indicator] = value if value is not None else (text or "")
        self.ref_ids = {indicator.id for indicator in ref.indicators}
        self.respondent_answers = (
            member.respondents.answered() if member.respondents is not None else set()
        )

    def add(
        self,
        code: str,
        message: str,
        *,
        where: str | None = None,
        severity: Severity = ERROR,
        indicator: str | None = None,
        found: Any = None,
        expected: str | None = None,
        fix: str | None = None,
    ) -> None:
        sheet, cell = self.member.locations.get(where or "", (None, None))
        self.found.append(
            Issue(
                code=code,
                message=message,
                severity=severity,
                file=self.member.file,
                sheet=sheet,
                cell=cell,
                indicator=indicator,
                found=None if found is None else str(found),
                expected=expected,
                fix=fix,
            )
        )

    def referentiel(self) -> None:
        meta = self.member.meta
        ref_id = meta.get("referentiel_id")
        if not ref_id:
            unknown = [i for i in self.member.issues if i.code == "id-inconnu"]
            known = [key for key in self.member.locations if key in self.ref_ids]
            if unknown and not known:
                self.add(
                    "autre-referentiel",
                    "Aucun identifiant de ce fichier n'appartient au référentiel "
                    f"« {self.ref.id} » (par exemple « {unknown[0].found} ») : il n'est pas "
                    "évalué.",
                    found=unknown[0].found,
                    expected=self.ref.id,
                    fix="Vérifiez-le avec le référentiel pour lequel il a été rempli (-r).",
                )
            return
        if ref_id != self.ref.id:
            self.add(
                "autre-referentiel",
                f"Ce fichier a été créé pour le référentiel « {ref_id} », pas pour "
                f"« {self.ref.id} » : il n'est pas évalué.",
                found=ref_id,
                expected=self.ref.id,
                fix=f"Vérifiez-le avec -r {ref_id}, ou renvoyez au membre le classeur du bon "
                "référentiel.",
            )
            return
        version = meta.get("referentiel_version", "")
        if version and version != self.ref.version:
            self.add(
                "version-anterieure",
                f"Ce fichier a été créé avec la version {version} du référentiel « {ref_id} » ; "
                f"la version actuelle est {self.ref.version}. Les réponses sont lues par leur "
                "identifiant ; les questions ajoutées depuis sont sans réponse.",
                severity=WARNING,
                found=version,
                expected=self.ref.version,
                fix="Pour la prochaine campagne, envoyez le nouveau classeur.",
            )
        elif meta.get("referentiel_sha256") not in (None, "", self.ref.content_hash()):
            self.add(
                "referentiel-modifie",
                f"Le référentiel « {ref_id} » a été modifié depuis la création de ce fichier "
                "sans changer de version : les réponses sont lues par leur identifiant.",
                severity=WARNING,
                fix="Changez la version du référentiel à chaque modification.",
            )

    def required_answers(self) -> None:
        has_respondent_sheet = self.member.respondent_sheet is not None
        for indicator in self.ref.indicators:
            if not indicator.required:
                continue
            answered = indicator.id in self.values or indicator.id in self.respondent_answers
            if answered or indicator.id in self.rejected:
                continue
            if indicator.level == "repondant" and has_respondent_sheet:
                continue  # respondents may leave a question blank; coverage will show it
            if self.member.format == "csv" or indicator.id in self.member.locations:
                place = (
                    ""
                    if indicator.id in self.member.locations
                    else (" (la ligne de cet indicateur est absente du fichier)")
                )
                comment = self.member.comments.get(indicator.id)
                if comment:
                    # The member explained why: the fédération reads it, the file is usable.
                    self.add(
                        "reponse-manquante",
                        f"Réponse obligatoire manquante : {indicator.label}, avec ce "
                        f"commentaire : « {comment} ».",
                        where=indicator.id,
                        severity=WARNING,
                        indicator=indicator.id,
                        expected=_expected(indicator, self.ref),
                        fix="Répondez à la question si vous le pouvez.",
                    )
                    continue
                self.add(
                    "reponse-manquante",
                    f"Réponse obligatoire manquante : {indicator.label}{place}.",
                    where=indicator.id,
                    indicator=indicator.id,
                    expected=_expected(indicator, self.ref),
                    fix="Répondez à la question, ou écrivez dans la colonne « Commentaire » "
                    "pourquoi vous ne pouvez pas.",
                )
            else:
                self.add(
                    "reponse-manquante",
                    f"Réponse obligatoire manquante : {indicator.label} (la ligne de cet "
                    "indicateur est absente du fichier).",
                    indicator=indicator.id,
                    expected=_expected(indicator, self.ref),
                    fix="Utilisez le classeur envoyé par la fédération, sans supprimer de ligne.",
                )

    def parts_and_totals(self) -> None:
        for indicator in self.ref.indicators:
            denominator_id = indicator.denominator
            if denominator_id is None or indicator.answer.type != "effectif":
                continue
            denominator = self.ref.indicator(denominator_id)
            if denominator.answer.type != "effectif":
                continue
            part, total = self.values.get(indicator.id), self.values.get(denominator_id)
            if isinstance(part, float) and isinstance(total, float) and part > total:
                self.add(
                    "incoherence-partie-total",
                    f"{_fmt(part)} ({indicator.label}) dépasse le total de {_fmt(total)} "
                    f"déclaré pour « {denominator.label} » ({denominator_id}).",
                    where=indicator.id,
                    indicator=indicator.id,
                    found=_fmt(part),
                    expected=f"au plus {_fmt(total)}",
                    fix="Une partie ne peut pas dépasser son total : corrigez l'un des deux.",
                )

    def esus_consistency(self) -> None:
        esus = self.member.esus
        years = sorted(
            {match.group(1) for key in esus if (match := re.match(r"^esus\.(\d{4})\.", key))}
        )
        for year in years:
            total = esus.get(f"esus.{year}.charges_exploitation_totales")
            parts = [
                value
                for key, value in esus.items()
                if _ESUS_ACTIVITY.match(key)
                and key.startswith(f"esus.{year}.")
                and isinstance(value, float)
            ]
            if isinstance(total, float) and parts:
                split = sum(parts)
                if abs(split - total) > 1.0:
                    self.add(
                        "incoherence-repartition",
                        f"Exercice clos en {year} : les charges des activités totalisent "
                        f"{_fmt(split)} € pour un total de charges d'exploitation de "
                        f"{_fmt(total)} €.",
                        where=f"esus.{year}.charges_exploitation_totales",
                        indicator=f"esus.{year}.charges_exploitation_totales",
                        found=f"{_fmt(split)} €",
                        expected=f"{_fmt(total)} € (à 1 € près)",
                        fix="Répartissez toutes les charges d'exploitation entre les activités, "
                        "charges communes comprises.",
                    )
            start, end = esus.get(f"esus.{year}.debut"), esus.get(f"esus.{year}.fin")
            if isinstance(start, str) and isinstance(end, str) and end <= start:
                self.add(
                    "incoherence-dates",
                    f"Exercice clos en {year} : la date de fin ({end}) précède la date de "
                    f"début ({start}).",
                    where=f"esus.{year}.fin",
                    indicator=f"esus.{year}.fin",
                    fix="Vérifiez les dates de l'exercice.",
                )

    def identity(self) -> None:
        identity = self.member.identity
        if self.member.format == "csv":
            return  # a CSV holds the Indicateurs table only: identity is known to be absent
        if not identity.get("org.nom"):
            self.add(
                "identite-manquante",
                "Le nom de l'organisation n'est pas renseigné.",
                where="org.nom",
                severity=WARNING,
                indicator="org.nom",
                fix=f"Renseignez org.nom (feuille « {SHEET_ORGANISATION} »).",
            )
        siren = identity.get("org.siren")
        if isinstance(siren, str) and siren:
            digits = re.sub(r"[\s\u00a0\u202f.-]", "", siren)
            if not (digits.isdigit() and len(digits) in {9, 14} and _luhn(digits)):
                self.add(
                    "siren-invalide",
                    f"« {siren} » n'est pas un numéro SIREN (9 chiffres) ou SIRET (14 chiffres) "
                    "valide : la clé de contrôle ne correspond pas.",
                    where="org.siren",
                    indicator="org.siren",
                    found=siren,
                    expected="9 chiffres, sur l'avis de situation INSEE",
                    fix="Recopiez le numéro depuis l'avis de situation au répertoire SIRENE.",
                )
        rna = identity.get("org.rna")
        if isinstance(rna, str) and rna and not _RNA.match(re.sub(r"\s", "", rna).upper()):
            self.add(
                "rna-invalide",
                f"« {rna} » n'est pas un numéro RNA : W suivi de 9 chiffres.",
                where="org.rna",
                indicator="org.rna",
                found=rna,
                expected="W suivi de 9 chiffres (ex. W313000123)",
                fix="Recopiez le numéro du récépissé de déclaration en préfecture.",
            )
        departement = identity.get("org.departement")
        if isinstance(departement, str) and departement:
            code = departement.strip().upper()
            if len(code) == 1 and code.isdigit():
                code = f"0{code}"
            if not _DEPARTEMENT.match(code):
                self.add(
                    "departement-invalide",
                    f"« {departement} » n'est pas un numéro de département.",
                    where="org.departement",
                    indicator="org.departement",
                    found=departement,
                    expected="01 à 95, 2A, 2B ou 971 à 976",
                    fix="Indiquez le numéro du département du siège (ex. 31).",
                )


def _luhn(digits: str) -> bool:
    """Luhn checksum, as used by SIREN and SIRET numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _fmt(value: float) -> str:
    from .._format import format_number

    return format_number(value, 0 if float(value).is_integer() else 2)


def _expected(indicator: Any, ref: IndicatorSet) -> str:
    from .template import expected_text

    return expected_text(indicator, ref)


def status_line(result: FileResult) -> str:
    """The one-line summary of a file, in French (first part of ``verifier``'s output)."""
    counts = result.counts()
    member = result.member
    who = (
        f" — {member.key}" + (f" ({member.period})" if member and member.period else "")
        if member and member.key
        else ""
    )
    if result.status == "rejete":
        return f"⊘ {result.file}{who} : rejeté — {result.reason}"
    answers = (
        f"{counts['reponses_lues']} réponses lues, {counts['reponses_utilisees']} utilisées, "
        f"{counts['reponses_rejetees']} rejetées"
    )
    if result.status == "erreurs":
        return (
            f"✗ {result.file}{who} : {_n(len(result.errors), 'erreur', 'erreurs')}, "
            f"{_n(len(result.warnings), 'avertissement', 'avertissements')} — {answers}"
        )
    if result.status == "avertissements":
        return (
            f"✓ {result.file}{who} : aucune erreur, "
            f"{_n(len(result.warnings), 'avertissement', 'avertissements')} — {answers}"
        )
    return f"✓ {result.file}{who} : aucune erreur — {answers}"


def issues_of(results: Sequence[FileResult]) -> list[Issue]:
    """Every issue of the given results, errors first within each file."""
    ordered: list[Issue] = []
    for result in results:
        ordered += sorted(result.issues, key=lambda issue: issue.severity != ERROR)
    return ordered
