"""Exceptions and located issues.

Problems found in user data are *returned* as :class:`Issue` objects gathered in a report;
exceptions are raised only on misuse, or when the caller opts in (``raise_for_errors``).

Exception tree::

    UtiliteSocialeError              base of every exception of the library
     ├── UsageError                  bad call or option (CLI exit code 2)
     ├── InputFileError              a file that cannot be read at all (CLI exit code 2)
     └── InvalidDataError            invalid user data; carries ``.issues`` (CLI exit code 1)
          └── IndicatorSetError      an invalid référentiel
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

__all__ = [
    "ERROR",
    "WARNING",
    "IndicatorSetError",
    "InputFileError",
    "InvalidDataError",
    "Issue",
    "Severity",
    "UsageError",
    "UtiliteSocialeError",
]

Severity = Literal["erreur", "avertissement"]
ERROR: Severity = "erreur"
WARNING: Severity = "avertissement"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in user data, with its location and how to fix it.

    Parameters
    ----------
    code
        Stable machine-readable code (French kebab case, e.g. ``"id-duplique"``).
    message
        French sentence saying what is wrong.
    severity
        ``"erreur"`` (the input cannot be used as is) or ``"avertissement"``.
    file
        File name or path the problem was found in.
    line
        1-based line number in a text file (YAML, CSV).
    sheet, cell
        Worksheet and cell reference (``"Indicateurs"``, ``"E14"``) in a workbook.
    indicator
        Id of the indicator (or dimension) concerned.
    field
        Dotted name of the field concerned (``"normalisation.low"``).
    found
        The value found, as text.
    expected
        What was expected, in French.
    fix
        How to fix it, in French.
    """

    code: str
    message: str
    severity: Severity = ERROR
    file: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    indicator: str | None = None
    field: str | None = None
    found: str | None = None
    expected: str | None = None
    fix: str | None = None

    @property
    def is_error(self) -> bool:
        """Whether the issue is an error (not a warning)."""
        return self.severity == ERROR

    @property
    def where(self) -> str:
        """Human-readable location, e.g. ``"ref.yaml, ligne 12 › ES-FRA-01 › weight"``."""
        parts: list[str] = []
        place = self.file or ""
        if self.sheet is not None:
            place = f"{place} {self.sheet}!{self.cell}" if self.cell else f"{place} {self.sheet}"
        if self.line is not None:
            place = f"{place}, ligne {self.line}" if place else f"ligne {self.line}"
        if place.strip():
            parts.append(place.strip())
        if self.indicator:
            parts.append(self.indicator)
        if self.field:
            parts.append(self.field)
        return " › ".join(parts)

    def to_dict(self) -> dict[str, str | int | None]:
        """Return the issue as a JSON-ready dictionary."""
        return asdict(self)

    def describe(self) -> str:
        """Return a one-paragraph French description (location, message, fix)."""
        text = f"{self.where} : {self.message}" if self.where else self.message
        if self.fix:
            text = f"{text} {self.fix}"
        return text


class UtiliteSocialeError(Exception):
    """Base class of every exception raised by utilite_sociale."""


class UsageError(UtiliteSocialeError):
    """A function or command was called the wrong way (CLI exit code 2)."""


class InputFileError(UtiliteSocialeError):
    """A file could not be read at all: missing, unreadable, wrong format (exit code 2).

    ``counters`` tells how far the reader went before refusing (bytes, rows…), when known.
    """

    counters: dict[str, int]

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.counters = {}


class InvalidDataError(UtiliteSocialeError):
    """User data is invalid; ``issues`` lists every problem found (exit code 1).

    Parameters
    ----------
    issues
        Every issue found (errors and warnings).
    summary
        Optional French one-line summary; built from the issues when omitted.
    """

    def __init__(self, issues: Iterable[Issue], summary: str | None = None) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        n_errors = sum(1 for issue in self.issues if issue.is_error)
        self.summary = summary or _count_phrase(n_errors, "erreur")
        details = "\n".join(f"- {issue.describe()}" for issue in self.errors)
        super().__init__(f"{self.summary}\n{details}" if details else self.summary)

    @property
    def errors(self) -> Sequence[Issue]:
        """The issues whose severity is ``"erreur"``."""
        return [issue for issue in self.issues if issue.is_error]


class IndicatorSetError(InvalidDataError):
    """An invalid référentiel; ``issues`` lists every problem with its location."""


def _count_phrase(n: int, noun: str) -> str:
    """Return ``"1 erreur"`` / ``"3 erreurs"``."""
    return f"{n} {noun}{'s' if n > 1 else ''}"
