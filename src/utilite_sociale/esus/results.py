"""What the ESUS checks return: statuses, figures, tables, readings, legal bases.

A :class:`CheckResult` holds everything a PDF page or a spreadsheet annex needs — the status,
a one-line French reason with the figures, the legal article and version with its sources,
the figures as typed values (:class:`Figure`), the tables (:class:`Table`), the cells still to
fill, the readings of uncertain rules and what would make the check pass — so that nothing is
computed again when the dossier is written. :class:`EsusAssessment` gathers the checks in a
fixed order with the agrément duration, the competent authority, the law versions used and
the overall picture.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from .._format import format_date, format_euros, format_number, format_percent
from ..reference import ApplicationDocument, ApplicationFileType, Certainty, PleinDroitCategory

__all__ = [
    "CHECK_IDS",
    "CellValue",
    "CheckResult",
    "Column",
    "EsusAssessment",
    "Figure",
    "LegalBasis",
    "Reading",
    "Status",
    "Table",
    "Unit",
    "format_value",
]

#: Ids of the checks, in the order of :attr:`EsusAssessment.checks`.
CHECK_IDS: tuple[str, ...] = (
    "ess",
    "objectif",
    "impact",
    "remuneration",
    "titres",
    "plein-droit",
    "statuts",
    "duree",
)


class Status(StrEnum):
    """Status of a check (DESIGN §7), as shown to a person.

    Attributes
    ----------
    CONFORME
        « conforme »: the figures and statements given show the condition is met.
    NON_CONFORME
        « non conforme »: the figures given show the condition is not met.
    A_VERIFIER
        « à vérifier »: met under one reading only, or resting on an element the
        instructing officer must check (an article not cited, a rate typed by the user…).
    A_COMPLETER
        « à compléter »: inputs are missing (:attr:`CheckResult.missing` names them).
    NON_APPLICABLE
        « non applicable »: the condition does not apply to this applicant.
    """

    CONFORME = "conforme"
    NON_CONFORME = "non conforme"
    A_VERIFIER = "à vérifier"
    A_COMPLETER = "à compléter"
    NON_APPLICABLE = "non applicable"

    @property
    def severity(self) -> int:
        """Rank used to combine statuses: the highest wins.

        Returns
        -------
        int
            0 non applicable, 1 conforme, 2 à vérifier, 3 à compléter, 4 non conforme.
        """
        return _SEVERITY[self]

    @classmethod
    def worst(cls, statuses: tuple[Status, ...] | list[Status]) -> Status:
        """The most severe of several statuses (« non applicable » when there is none).

        Parameters
        ----------
        statuses : sequence of Status
            Statuses to combine.

        Returns
        -------
        Status
            The one with the highest :attr:`severity`.
        """
        return max(statuses, key=lambda status: status.severity, default=cls.NON_APPLICABLE)


_SEVERITY = {
    Status.NON_APPLICABLE: 0,
    Status.CONFORME: 1,
    Status.A_VERIFIER: 2,
    Status.A_COMPLETER: 3,
    Status.NON_CONFORME: 4,
}

#: How a value is shown: ``euros`` (``1 234,56 €``), ``pourcentage`` (a fraction of one shown
#: as a percentage truncated to two decimals, never rounded up: 0,659999 → ``65,99 %``),
#: ``quotite`` (a fraction of one shown as a percentage, ``80 %``), ``multiple`` (``7``),
#: ``mois``, ``annees``, ``nombre``, ``texte``, ``date``, ``oui-non``.
Unit = Literal[
    "euros",
    "pourcentage",
    "quotite",
    "multiple",
    "mois",
    "annees",
    "nombre",
    "texte",
    "date",
    "oui-non",
]
#: A typed value of a figure or table cell.
CellValue = Decimal | int | str | bool | dt.date | None

_PERCENT = Decimal(100)


def _plain(value: Decimal | int) -> str:
    number = Decimal(value)
    if number == number.to_integral_value():
        return format_number(number, 0)
    return format_number(number, 2).rstrip("0").rstrip(",")


def format_value(value: CellValue, unit: Unit) -> str:
    """French text of a figure or table cell.

    Parameters
    ----------
    value : Decimal, int, str, bool, datetime.date or None
        The typed value.
    unit : Unit
        How to show it.

    Returns
    -------
    str
        E.g. ``"148 909,60 €"``, ``"65,99 %"``, ``"12 mois"``, ``"oui"``; ``"—"`` for
        ``None``.
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str):
        return value
    if unit == "euros":
        return format_euros(value)
    if unit == "pourcentage":
        return format_percent(Decimal(value) * _PERCENT, 2, truncate=True)
    if unit == "quotite":
        return f"{_plain(Decimal(value) * _PERCENT)}\u00a0%"
    if unit == "mois":
        return f"{_plain(value)}\u00a0mois"
    if unit == "annees":
        return f"{_plain(value)}\u00a0an" + ("s" if value > 1 else "")
    return _plain(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class LegalBasis:
    """The legal text a check rests on, in the version used.

    Parameters
    ----------
    article : str
        French designation of the article and its part, e.g. « Code du travail,
        art. L3332-17-1, I, 3° ».
    version : str
        Id of the version used (``"2014"``, ``"2019"``, ``"2015"``…).
    start : datetime.date
        First day of that version.
    end : datetime.date or None
        Last day of that version, ``None`` if still in force.
    act : str
        Title of the act that created the version.
    certainty : Certainty
        How sure the text is; quote :attr:`text` only when :attr:`text_is_verbatim`.
    sources : tuple of str
        Addresses where the text was read.
    text : str or None
        Wording (a paraphrase unless :attr:`text_is_verbatim`).
    text_is_verbatim : bool
        Whether :attr:`text` is the official wording (quote it only then).
    note : str or None
        French remark (open questions).
    """

    article: str
    version: str
    start: dt.date
    end: dt.date | None
    act: str
    certainty: Certainty
    sources: tuple[str, ...]
    text: str | None = None
    text_is_verbatim: bool = False
    note: str | None = None

    @property
    def version_label(self) -> str:
        """French label of the version: « version du 24 mai 2019 (Loi n° 2019-486 …) ».

        Returns
        -------
        str
            The label.
        """
        end = f" au {format_date(self.end)}" if self.end else ""
        return f"version du {format_date(self.start)}{end} ({self.act})"

    @property
    def citation(self) -> str:
        """One-line citation: article, version and certainty.

        Returns
        -------
        str
            E.g. « Code du travail, art. R3332-21-1 — version du 1er juillet 2015 (…) ;
            certitude : vérifié ».
        """
        return f"{self.article} — {self.version_label} ; certitude : {self.certainty.label}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A figure computed or used by a check.

    Parameters
    ----------
    key : str
        Stable slug within the check (``ratio-cumul``, ``plafond-moyenne``…).
    label : str
        French label.
    value : Decimal, int, str, bool, datetime.date or None
        Typed value, unrounded (ratios are fractions of one).
    unit : Unit
        How to show it (:func:`format_value`).
    year : int or None
        Closing year of the financial year it belongs to, if any.
    """

    key: str
    label: str
    value: CellValue
    unit: Unit
    year: int | None = None

    @property
    def text(self) -> str:
        """The value as French text (:func:`format_value`)."""
        return format_value(self.value, self.unit)


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """A column of a :class:`Table`.

    Parameters
    ----------
    key : str
        Stable slug.
    label : str
        French header.
    unit : Unit
        How its values are shown.
    """

    key: str
    label: str
    unit: Unit


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A table of a check (per-year ratios, pay of the best paid…), with typed cells.

    Parameters
    ----------
    id : str
        Stable slug within the check (``ratios``, ``remunerations-2024``…).
    title : str
        French title.
    columns : tuple of Column
        Columns, in order.
    rows : tuple of tuple
        Typed cells, one tuple per row, in column order.
    year : int or None
        Closing year of the financial year it is about, if a single one.
    note : str or None
        French note shown under the table.
    """

    id: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    year: int | None = None
    note: str | None = None

    def text_rows(self) -> tuple[tuple[str, ...], ...]:
        """The rows as French text, for a PDF.

        Returns
        -------
        tuple of tuple of str
            Each cell formatted with its column's unit.
        """
        return tuple(
            tuple(
                format_value(value, column.unit)
                for value, column in zip(row, self.columns, strict=True)
            )
            for row in self.rows
        )

    def records(self) -> list[dict[str, CellValue]]:
        """The rows as mappings keyed by column key, for a spreadsheet annex.

        Returns
        -------
        list of dict
            One mapping per row.
        """
        return [
            {column.key: value for column, value in zip(self.columns, row, strict=True)}
            for row in self.rows
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One reading of an uncertain rule, with the status it gives.

    Parameters
    ----------
    id : str
        Stable slug (``cumul``, ``chaque-exercice``, ``avantages-en-nature``…).
    label : str
        French name of the reading.
    status : Status
        Status the check would have under this reading.
    explanation : str
        French sentence with the figures of this reading.
    used : bool
        Whether the check's status follows this reading.
    """

    id: str
    label: str
    status: Status
    explanation: str
    used: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """The result of one ESUS check.

    Parameters
    ----------
    id : str
        Stable slug: ``ess``, ``objectif``, ``impact``, ``remuneration``, ``titres``,
        ``plein-droit``, ``statuts`` or ``duree``.
    title : str
        French title of the condition.
    status : Status
        Status.
    reason : str
        One French sentence, with the figures, saying why.
    legal : tuple of LegalBasis
        Articles, versions and sources.
    figures : tuple of Figure
        Figures computed or used.
    tables : tuple of Table
        Tables (per-year ratios, pay, SMIC months…).
    missing : tuple of str
        Workbook cell ids to fill (``esus.2024.charges_exploitation_totales``…).
    readings : tuple of Reading
        Readings of uncertain rules, each with its status; :attr:`Reading.used` marks the
        one the status follows.
    remedy : str or None
        What would make the check pass (French), when it does not.
    notes : tuple of str
        French remarks (conventions chosen, caveats).
    """

    id: str
    title: str
    status: Status
    reason: str
    legal: tuple[LegalBasis, ...] = ()
    figures: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()
    missing: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()
    remedy: str | None = None
    notes: tuple[str, ...] = ()

    def figure(self, key: str, year: int | None = None) -> Figure:
        """The figure with a key (and year).

        Parameters
        ----------
        key : str
            Figure key.
        year : int or None, default None
            Closing year, for per-year figures.

        Returns
        -------
        Figure
            The figure.

        Raises
        ------
        KeyError
            If there is no such figure.
        """
        for item in self.figures:
            if item.key == key and item.year == year:
                return item
        raise KeyError(f"{self.id}: aucun chiffre « {key} » ({year})")

    def table(self, table_id: str) -> Table:
        """The table with an id.

        Parameters
        ----------
        table_id : str
            Table id.

        Returns
        -------
        Table
            The table.

        Raises
        ------
        KeyError
            If there is no such table.
        """
        for item in self.tables:
            if item.id == table_id:
                return item
        raise KeyError(f"{self.id}: aucun tableau « {table_id} »")

    def reading(self, reading_id: str) -> Reading:
        """The reading with an id.

        Parameters
        ----------
        reading_id : str
            Reading id.

        Returns
        -------
        Reading
            The reading.

        Raises
        ------
        KeyError
            If there is no such reading.
        """
        for item in self.readings:
            if item.id == reading_id:
                return item
        raise KeyError(f"{self.id}: aucune lecture « {reading_id} »")

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (Decimal as text, dates in ISO form).

        Returns
        -------
        dict
            Every field, recursively.
        """
        return {
            "id": self.id,
            "titre": self.title,
            "statut": self.status.value,
            "motif": self.reason,
            "textes": [_legal_dict(item) for item in self.legal],
            "chiffres": [
                {
                    "cle": item.key,
                    "libelle": item.label,
                    "valeur": _json(item.value),
                    "unite": item.unit,
                    "exercice": item.year,
                    "texte": item.text,
                }
                for item in self.figures
            ],
            "tableaux": [
                {
                    "id": table.id,
                    "titre": table.title,
                    "exercice": table.year,
                    "colonnes": [
                        {"cle": c.key, "libelle": c.label, "unite": c.unit} for c in table.columns
                    ],
                    "lignes": [[_json(value) for value in row] for row in table.rows],
                    "note": table.note,
                }
                for table in self.tables
            ],
            "a_completer": list(self.missing),
            "lectures": [
                {
                    "id": item.id,
                    "libelle": item.label,
                    "statut": item.status.value,
                    "explication": item.explanation,
                    "retenue": item.used,
                }
                for item in self.readings
            ],
            "remede": self.remedy,
            "notes": list(self.notes),
        }


def _json(value: CellValue) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _legal_dict(item: LegalBasis) -> dict[str, Any]:
    return {
        "article": item.article,
        "version": item.version,
        "debut": item.start.isoformat(),
        "fin": item.end.isoformat() if item.end else None,
        "acte": item.act,
        "certitude": item.certainty.value,
        "sources": list(item.sources),
        "texte": item.text,
        "texte_verbatim": item.text_is_verbatim,
        "note": item.note,
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class EsusAssessment:
    """All ESUS checks of one organisation at a request date, and the overall picture.

    Parameters
    ----------
    organisation : str or None
        Name of the organisation.
    request_date : datetime.date
        Date of the application (law versions, SMIC, closed years, age).
    checks : tuple of CheckResult
        The checks, in the order of :data:`CHECK_IDS`.
    status : Status
        Overall status: the most severe status of the checks.
    plein_droit : bool or None
        ``True`` when the « de plein droit » route is established, ``False`` when it is not
        claimed or fails, ``None`` while it is « à vérifier » or « à compléter ».
    plein_droit_category : PleinDroitCategory or None
        Category claimed, when known.
    file_type : ApplicationFileType or None
        A1, A2, B1 or B2 (instruction du 20 septembre 2016), when the legal form allows it;
        a claimed but not yet established « de plein droit » route gives type B.
    agrement_years : int or None
        Duration of the agrément (5 years, or 2 for a company under 3 years old, from the
        reference data), ``None`` without a creation date.
    authority : str
        The competent authority (R3332-21-3), French.
    departement : str or None
        Département of the registered office, when known.
    closing_years : tuple of int
        Closing years of the financial years examined (last closed years at the request
        date).
    young_company : bool or None
        Whether the company was created less than the « young company » age before the
        request date; ``None`` without a creation date.
    law_versions : tuple of LegalBasis
        Every legal text and version used, without duplicates, for the manifest.
    documents : tuple of ApplicationDocument
        Pieces of the application file (plein droit or standard).
    missing : tuple of str
        Every cell id still to fill, in check order, without duplicates.
    notes : tuple of str
        French remarks on the assessment as a whole.
    """

    organisation: str | None
    request_date: dt.date
    checks: tuple[CheckResult, ...]
    status: Status
    plein_droit: bool | None
    plein_droit_category: PleinDroitCategory | None
    file_type: ApplicationFileType | None
    agrement_years: int | None
    authority: str
    departement: str | None
    closing_years: tuple[int, ...]
    young_company: bool | None
    law_versions: tuple[LegalBasis, ...]
    documents: tuple[ApplicationDocument, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def check(self, check_id: str) -> CheckResult:
        """The check with an id.

        Parameters
        ----------
        check_id : str
            One of :data:`CHECK_IDS`.

        Returns
        -------
        CheckResult
            The check.

        Raises
        ------
        KeyError
            If the id is unknown.
        """
        for item in self.checks:
            if item.id == check_id:
                return item
        raise KeyError(f"Vérification inconnue : « {check_id} ».")

    @property
    def summary(self) -> str:
        """One French sentence summing up the statuses.

        Returns
        -------
        str
            E.g. « 6 conditions conformes, 1 à vérifier, 1 à compléter ».
        """
        counts = dict.fromkeys(Status, 0)
        for item in self.checks:
            counts[item.status] += 1
        parts = []
        for status, (singular, plural) in _SUMMARY_WORDS.items():
            count = counts[status]
            if count:
                parts.append(f"{count} {singular if count == 1 else plural}")
        return ", ".join(parts)

    def _repr_html_(self) -> str:
        """Rich display in Jupyter: the overall status, then each check with its colour."""
        from .. import _html

        status = _html.Cell(self.status.value, style=_STATUS_STYLES[self.status])
        facts = [f"demande du {format_date(self.request_date)}"]
        if self.closing_years:
            years = [str(year) for year in self.closing_years]
            listed = years[0] if len(years) == 1 else f"{', '.join(years[:-1])} et {years[-1]}"
            facts.append(f"exercices examinés : {listed}")
        if self.agrement_years is not None:
            facts.append(f"durée de l'agrément : {self.agrement_years} ans")
        if self.file_type is not None:
            facts.append(f"dossier de type {self.file_type.id}")
        line = " ; ".join(facts)
        parts = [
            _html.table(["Statut d'ensemble", "Conditions"], [[status, self.summary]]),
            _html.paragraph(line[:1].upper() + line[1:] + "."),
            _html.table(
                ["Condition", "Statut", "Motif"],
                [
                    [
                        item.title,
                        _html.Cell(item.status.value, style=_STATUS_STYLES[item.status]),
                        item.reason,
                    ]
                    for item in self.checks
                ],
            ),
        ]
        if self.missing:
            parts.append(
                _html.paragraph("À compléter dans le classeur : " + ", ".join(self.missing))
            )
        parts.append(
            _html.paragraph(
                "Chiffres, tableaux, textes et lectures de chaque condition : "
                "assessment.check(id) ; tout en données : assessment.to_dict().",
                muted=True,
            )
        )
        name = self.organisation or "organisation sans nom"
        return _html.block(f"Agrément ESUS — {name}", *parts)

    def to_dict(self) -> dict[str, Any]:
        """The assessment as JSON-ready data.

        Returns
        -------
        dict
            Every field, recursively (Decimal as text, dates in ISO form).
        """
        return {
            "organisation": self.organisation,
            "date_demande": self.request_date.isoformat(),
            "statut": self.status.value,
            "plein_droit": self.plein_droit,
            "categorie_plein_droit": (
                self.plein_droit_category.id if self.plein_droit_category else None
            ),
            "type_dossier": self.file_type.id if self.file_type else None,
            "duree_agrement_annees": self.agrement_years,
            "autorite": self.authority,
            "departement": self.departement,
            "exercices": list(self.closing_years),
            "jeune_entreprise": self.young_company,
            "verifications": [item.to_dict() for item in self.checks],
            "textes": [_legal_dict(item) for item in self.law_versions],
            "pieces": [{"id": item.id, "libelle": item.label} for item in self.documents],
            "a_completer": list(self.missing),
            "notes": list(self.notes),
        }


#: Colours of each status in a notebook (the status is always written too).
_STATUS_STYLES = {
    Status.CONFORME: "background-color: #d9f0d3; color: #00441b;",
    Status.NON_CONFORME: "background-color: #f4c7c3; color: #67000d; font-weight: bold;",
    Status.A_VERIFIER: "background-color: #fdd9b5; color: #7f2704;",
    Status.A_COMPLETER: "background-color: #fff1a8; color: #4d3a00;",
    Status.NON_APPLICABLE: "background-color: #ececec; color: #404040;",
}

_SUMMARY_WORDS = {
    Status.CONFORME: ("condition conforme", "conditions conformes"),
    Status.NON_CONFORME: ("non conforme", "non conformes"),
    Status.A_VERIFIER: ("à vérifier", "à vérifier"),
    Status.A_COMPLETER: ("à compléter", "à compléter"),
    Status.NON_APPLICABLE: ("non applicable", "non applicables"),
}
