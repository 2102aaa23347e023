"""Reading one answer cell typed by a person, the French way.

Self-assessment workbooks are filled in Excel or LibreOffice, or exported as CSV, by people
who are not programmers: a cell may hold a real number, a date, a boolean or text such as
``"1 234,5 €"``, ``"45 %"``, ``"Oui"``, ``"31/12/2024"`` or ``"n/a"``. Each function of this
module reads one cell, knowing the type of answer the indicator expects, and returns a
:class:`Parsed`: the value, or a French message saying what is wrong and what was expected.
They never raise for bad user data (only for a programming error, e.g. an empty list of
labels).

Shared rules
------------
* Empty cells and the usual "no answer" marks (``-``, ``n/a``, ``NC``, ``sans objet``, ``?``…)
  give ``Parsed(None)``: see :func:`is_blank`.
* Excel and LibreOffice error values (``#DIV/0!``, ``#N/A``, ``#VALEUR!``, ``Err:502``…) are
  problems, never blanks: the formula has to be fixed.
* ``float("nan")`` and infinities are problems, not blanks: a caller that reads cells with
  pandas must turn its missing values into ``None`` first.
* Numbers shown in messages are written the French way (decimal comma, narrow no-break space
  between thousands); the person's own text is quoted between « guillemets ».
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from utilite_sociale._format import format_number

__all__ = [
    "Parsed",
    "cell_text",
    "is_blank",
    "normalise_text",
    "parse_choice",
    "parse_date",
    "parse_likert",
    "parse_number",
    "parse_percentage",
    "parse_period",
    "parse_text",
    "parse_yes_no",
]


@dataclass(frozen=True, slots=True)
class Parsed:
    """The result of reading one answer cell.

    Attributes
    ----------
    value
        The value read (``float`` for numbers, percentages, yes/no and Likert levels, ``str``
        for choices, dates, periods and texts), or ``None`` when the cell is empty, not
        answered, or has a problem.
    problem
        French sentence saying what is wrong and what was expected; ``value`` is ``None``.
    warning
        French sentence saying how the value was adjusted or interpreted; ``value`` is set.
    kind
        With a problem: ``"type"`` (not the expected kind of value), ``"limites"`` (outside
        the expected range) or ``"liste"`` (not one of the possible answers).
    """

    value: float | str | None
    problem: str | None = None
    warning: str | None = None
    kind: Literal["type", "limites", "liste"] = field(default="type", compare=False)

    def __post_init__(self) -> None:
        if self.problem is not None and (self.value is not None or self.warning is not None):
            raise ValueError("a Parsed with a problem has neither a value nor a warning")
        if self.warning is not None and self.value is None:
            raise ValueError("a Parsed with a warning has a value")

    @property
    def ok(self) -> bool:
        """``True`` when there is no problem (the value may still be ``None``: no answer)."""
        return self.problem is None


# --------------------------------------------------------------------------------------------
# Text helpers

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_UNIFY = str.maketrans(
    {
        **dict.fromkeys("’‘‛ʼʹ`´′", "'"),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


@lru_cache(maxsize=16384)
def normalise_text(text: str) -> str:
    """Normalise text to compare what people type with labels and headers.

    Lower case (``casefold``), accents removed (``é`` → ``e``, ``œ`` → ``oe``), apostrophes
    unified (``’`` → ``'``), dashes unified (``–``, ``—``, ``−`` → ``-``), invisible characters
    (zero-width spaces, soft hyphens, byte-order marks) removed, and every run of whitespace
    (including no-break spaces) turned into one space, with none at either end.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    str
        E.g. ``"  Tout à fait d’accord "`` → ``"tout a fait d'accord"``.
    """
    unified = text.translate(_INVISIBLE).translate(_UNIFY)
    decomposed = unicodedata.normalize("NFKD", unified)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().translate(_LIGATURES).split())


def _clean(text: str) -> str:
    """Remove invisible characters and collapse whitespace (no-break spaces included)."""
    return " ".join(text.translate(_INVISIBLE).split())


@lru_cache(maxsize=16384)
def _key(text: str) -> str:
    """Key to match an answer with a label: normalised, without surrounding quotes or dot."""
    return normalise_text(text).strip(' ."«»')


_BLANK_WORDS = frozenset(
    {
        "na",
        "n/a",
        "n.a",
        "n.a.",
        "nc",
        "n.c",
        "n.c.",
        "non concerne",
        "non concernee",
        "non concernes",
        "non concernees",
        "non concerne(e)",
        "non concerne(e)s",
        "non concerne(s)",
        "non concerne·e",
        "non applicable",
        "sans objet",
        "s.o",
        "s.o.",
        "s/o",
    }
)
_BLANK_MARKS = frozenset("-/?._")


def cell_text(value: object) -> str:
    """A cell's content as text: ``12.0`` → ``"12"`` (a number typed as a code or id)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(raw: object) -> bool:
    """Whether a cell is empty or holds a "no answer" mark.

    Parameters
    ----------
    raw
        The cell's content.

    Returns
    -------
    bool
        ``True`` for ``None``, empty or whitespace-only text (no-break spaces included), text
        made only of dashes, slashes, dots or question marks (``-``, ``—``, ``–``, ``--``,
        ``/``, ``?``, ``…``), and, whatever the case and accents, ``n/a``, ``NA``, ``nc``,
        ``n.c.``, ``non concerné(e)`` (and its variants), ``non applicable``, ``sans objet``,
        ``s.o.`` and ``s/o``. ``False`` for anything else, in particular ``"0"``, ``"non"``,
        numbers (``NaN`` included) and Excel error values such as ``#N/A``.
    """
    if raw is None:
        return True
    if not isinstance(raw, str):
        return False
    key = normalise_text(raw)
    if not key or key in _BLANK_WORDS:
        return True
    return all(char in _BLANK_MARKS for char in key.replace(" ", ""))


_EXCEL_ERRORS = frozenset(
    {
        "#div/0!",
        "#n/a",
        "#nom?",
        "#name?",
        "#null!",
        "#nul!",
        "#num!",
        "#ref!",
        "#valeur!",
        "#value!",
        "#calc!",
        "#spill!",
        "#propag!",
        "#getting_data",
    }
)
_LIBREOFFICE_ERROR = re.compile(r"err ?: ?\d{3}")


def _formula_error(raw: object) -> str | None:
    """French problem for an Excel or LibreOffice error value, else ``None``."""
    if not isinstance(raw, str):
        return None
    key = normalise_text(raw)
    if key in _EXCEL_ERRORS or _LIBREOFFICE_ERROR.fullmatch(key):
        return (
            f"{_shown(raw)} est une erreur de formule : corrigez la formule ou saisissez "
            "directement la valeur."
        )
    return None


def _fr(value: float) -> str:
    """A number the French way, with just the decimals it needs: ``"1 234,5"``."""
    if value.is_integer() and abs(value) < 1e15:
        return format_number(int(value), 0)
    if abs(value) >= 1e15 or abs(value) < 1e-9:
        return f"{value:g}".replace(".", ",").replace("-", "−")
    exponent = Decimal(repr(value)).as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(Decimal(repr(value)), min(decimals, 15))


def _percent(value: float) -> str:
    return f"{_fr(value)}\u00a0%"


def _plain_number(value: float) -> str:
    """Shortest text of a number, without grouping: ``"12"`` for 12.0, ``"12.5"``."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _shown(raw: object, *, grouping: bool = True) -> str:
    """What the person typed, between guillemets (at most 60 characters).

    A number is shown the French way, without thousands separators if not ``grouping``
    (years).
    """
    if isinstance(raw, str):
        text = _clean(raw)
        if len(text) > 60:
            text = text[:59] + "…"
    elif _is_bool(raw):
        text = "VRAI" if raw else "FAUX"
    elif isinstance(raw, dt.datetime | dt.date):
        text = raw.strftime("%d/%m/%Y")
    else:
        number = _as_float(raw)
        if number is None or not math.isfinite(number):
            text = str(raw)[:60]
        else:
            text = _fr(number) if grouping else _plain_number(number + 0.0).replace(".", ",")
    return f"« {text} »"


def _or_list(items: Sequence[str]) -> str:
    """``« a », « b » ou « c »``."""
    quoted = [f"« {item} »" for item in items]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _is_bool(raw: object) -> bool:
    return isinstance(raw, bool) or type(raw).__name__ == "bool_"  # numpy.bool_


def _as_float(raw: object) -> float | None:
    """A real number as a float (NaN or infinite when it cannot be), ``None`` otherwise."""
    if _is_bool(raw) or not isinstance(raw, numbers.Real | Decimal):
        return None
    try:
        return float(raw)
    except OverflowError:
        return math.inf
    except ValueError:  # Decimal("sNaN")
        return math.nan


# --------------------------------------------------------------------------------------------
# Numbers

_SIGNS = {"+": "", "-": "-", "−": "-", "–": "-"}
_EXPONENT = re.compile(r"(?P<mantissa>.*[0-9.,])[eE](?P<exponent>[+\-−]?[0-9]{1,4})")
_MANTISSA = re.compile(r"[0-9]*(?:[ '’ʼ.,][0-9]+)*[.,]?")
_SEPARATOR = re.compile(r"([ '’ʼ.,])")
_UNIT_SPLIT = re.compile(r"(?P<number>.*?[0-9][.,]?) ?(?P<unit>(?:[^\W\d_]|[€%])[^\d]*)")
_NUMBER_UNITS = frozenset(
    {
        "€",
        "eur",
        "euro",
        "euros",
        "h",
        "heure",
        "heures",
        "etp",
        "personne",
        "personnes",
        "pers",
        "j",
        "jour",
        "jours",
        "semaine",
        "semaines",
        "mois",
        "an",
        "ans",
        "annee",
        "annees",
        "fois",
        "benevole",
        "benevoles",
        "salarie",
        "salaries",
        "salariee",
        "salariees",
        "adherent",
        "adherents",
        "membre",
        "membres",
        "participant",
        "participants",
        "beneficiaire",
        "beneficiaires",
        "usager",
        "usagers",
    }
)
_PERCENT_UNITS = frozenset({"%", "pourcent", "pourcents", "pct"})
_MULTIPLIER = re.compile(
    r"(?:k|m|md|mds|mrd|mille|milliers?|millions?|milliards?)(?:€|eur|euros?|d'euros?)?"
)
_NUMBER_EXAMPLE = format_number(1234.5, 1)


def _kind(separator: str) -> str:
    return separator if separator in ".," else " "


def _read_decimal(text: str) -> tuple[Decimal, bool] | None:
    """Read a number written with French or English separators (no unit).

    Returns the value and whether a lone dot was read as a thousands separator
    (``"1.234"`` → 1234), or ``None`` when the text is not a number.
    """
    sign = ""
    if text[:1] in _SIGNS:
        sign = _SIGNS[text[0]]
        text = text[1:].lstrip()
    exponent = "0"
    match = _EXPONENT.fullmatch(text)
    if match:
        text = match["mantissa"]
        exponent = match["exponent"].replace("−", "-")
    if not _MANTISSA.fullmatch(text) or not any(char.isdigit() for char in text):
        return None
    parts = _SEPARATOR.split(text)
    groups, separators = parts[0::2], parts[1::2]
    kinds = [_kind(separator) for separator in separators]
    decimal: int | None = None  # index of the decimal mark in separators
    dot_as_thousands = False
    marks = [index for index, kind in enumerate(kinds) if kind in ".,"]
    if "." in kinds and "," in kinds:
        decimal = marks[-1]
    elif len(marks) == 1:
        decimal = marks[0]
        lone_dot = kinds == ["."] and exponent == "0"
        if lone_dot and len(groups[1]) == 3 and 1 <= len(groups[0]) <= 3 and groups[0][0] != "0":
            decimal, dot_as_thousands = None, True
    if decimal is not None and decimal != len(separators) - 1:
        return None
    thousands = separators if decimal is None else separators[:decimal]
    whole = groups[: len(thousands) + 1]
    fraction = "" if decimal is None else groups[-1]
    if thousands and (
        len({_kind(separator) for separator in thousands}) != 1
        or not 1 <= len(whole[0]) <= 3
        or any(len(group) != 3 for group in whole[1:])
    ):
        return None
    number = Decimal(f"{sign}{''.join(whole) or '0'}.{fraction or '0'}E{exponent}")
    return number, dot_as_thousands


@dataclass(frozen=True, slots=True)
class _Scan:
    value: float | None
    problem: str | None = None
    warning: str | None = None
    percent: bool = False  # the text ended with a % sign
    typed: bool = False  # the cell held text, not a number


def _scan_number(raw: object, *, what: str, example: str, percent: bool) -> _Scan:
    """Read a number from a cell; ``percent`` accepts percent units instead of the others."""
    if is_blank(raw):
        return _Scan(None)
    not_a_number = f"{_shown(raw)} n'est pas {what} : écrivez par exemple {example}."
    number = _as_float(raw)
    if number is not None:
        if not math.isfinite(number):
            return _Scan(None, f"Valeur non numérique (NaN ou infini) : {what} est attendu.")
        return _Scan(number + 0.0)  # + 0.0 turns -0.0 into 0.0
    if not isinstance(raw, str):
        return _Scan(None, not_a_number)
    error = _formula_error(raw)
    if error:
        return _Scan(None, error)
    text = _clean(raw).removeprefix("'")
    unit = ""
    split = _UNIT_SPLIT.fullmatch(text)
    if split:
        text = split["number"]
        unit = normalise_text(split["unit"]).replace(".", "").replace(" ", "")
    if _MULTIPLIER.fullmatch(unit):
        return _Scan(
            None,
            f"{_shown(raw)} : écrivez le nombre en entier, sans abréviation (par exemple "
            f"{format_number(12000, 0)} plutôt que 12 k€).",
        )
    has_percent = unit in _PERCENT_UNITS
    if unit and not has_percent and (percent or unit not in _NUMBER_UNITS):
        return _Scan(None, not_a_number)
    read = _read_decimal(text)
    if read is None:
        return _Scan(None, not_a_number)
    decimal, dot_as_thousands = read
    value = float(decimal) + 0.0  # saturates to ±inf, never raises
    if not math.isfinite(value):
        return _Scan(None, f"{_shown(raw)} est un nombre trop grand.")
    warnings: list[str] = []
    if dot_as_thousands:
        comma = text.replace(".", ",").lstrip("+")
        warnings.append(
            f"{_shown(raw)} a été lu {_fr(value)} (le point pris comme séparateur des milliers) "
            f"; pour un nombre décimal, écrivez une virgule : {comma}."
        )
    if has_percent and not percent:
        warnings.append(f"{_shown(raw)} : le signe % a été ignoré, {_fr(value)} retenu.")
    return _Scan(value, warning=" ".join(warnings) or None, percent=has_percent, typed=True)


def parse_number(
    raw: object,
    *,
    integer: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
) -> Parsed:
    """Read a number (an amount, a count, a duration…).

    Parameters
    ----------
    raw
        The cell's content. Real numbers (``int``, ``float``, ``Decimal``, numpy numbers; not
        ``bool``) are taken as they are. Text is read the French way:

        * thousands separated by a space, a no-break space (U+00A0 or U+202F) or an
          apostrophe (``'`` or ``’``): ``"1 234,5"``, ``"1’234"``; groups must have three
          digits (``"12 13"`` is not a number);
        * decimal comma ``"1234,5"`` or dot ``"1234.5"``; when both a comma and a dot are
          present, the last one is the decimal mark (``"1.234,5"`` and ``"1,234.5"`` are
          1234.5); several commas or several dots are thousands (``"1.234.567"``);
        * sign ``"-12"``, ``"−12"`` (Unicode minus), ``"+3"``; exponent ``"1e3"``, ``"1,5E-3"``;
        * one trailing unit from a small list: ``€``, ``eur``, ``euros``, ``h``, ``heures``,
          ``ETP``, ``personnes``, ``pers.``, ``j``, ``jours``, ``mois``, ``ans``, ``bénévoles``,
          ``salariés``, ``adhérents``, ``membres``… (``"12 €"``, ``"12€"``, ``"3 ETP"``). A
          trailing ``%`` is ignored with a warning. Abbreviated multipliers (``"12 k€"``,
          ``"1,2 M€"``, ``"3 millions"``) are problems: which unit was meant is unclear.

        **Ambiguous decision.** A single comma or dot followed by exactly three digits and
        nothing else is read with the French convention that the comma is the decimal mark:
        ``"1,234"`` is 1.234 (no warning), while ``"1.234"`` is 1234 *with a warning* saying
        the dot was read as a thousands separator (dots are used that way in France, and a
        decimal dot would be typed by someone thinking in English). ``"0.234"``,
        ``"1234.567"``, ``"1 234.567"`` and ``"1.2345"`` are not ambiguous: the dot is
        decimal.
    integer
        A value with decimals is a problem (« nombre entier attendu »). A value within 1e-9
        of an integer (floating-point noise of a formula) is rounded silently.
    minimum, maximum
        Inclusive bounds; a value outside is a problem naming the range.

    Returns
    -------
    Parsed
        ``value`` a float; ``None`` for a blank cell.
    """
    example = "12" if integer else _NUMBER_EXAMPLE
    what = "un nombre entier" if integer else "un nombre"
    scan = _scan_number(raw, what=what, example=example, percent=False)
    if scan.problem is not None or scan.value is None:
        return Parsed(None, scan.problem)
    value = scan.value
    if integer:
        nearest = round(value)
        if abs(value - nearest) > 1e-9 * max(1.0, abs(value)):
            return Parsed(None, f"{_shown(raw)} : nombre entier attendu (sans décimales).")
        value = float(nearest)
    low = -math.inf if minimum is None else float(minimum)
    high = math.inf if maximum is None else float(maximum)
    if not low <= value <= high:
        if minimum is not None and maximum is not None:
            expected = f"entre {_fr(low)} et {_fr(high)}"
        elif minimum is not None:
            expected = f"supérieure ou égale à {_fr(low)}"
        else:
            expected = f"inférieure ou égale à {_fr(high)}"
        return Parsed(
            None, f"{_shown(raw)} est hors limites : valeur attendue {expected}.", kind="limites"
        )
    return Parsed(value, warning=scan.warning)


_FRACTION = re.compile(r"([0-9]+) ?/ ?([0-9]+)")


def parse_percentage(raw: object, *, percent_formatted: bool = False) -> Parsed:
    """Read a percentage, entered from 0 to 100.

    Parameters
    ----------
    raw
        The cell's content: ``45``, ``"45 %"``, ``"45%"``, ``"45,5 %"``, ``"0,45"``, ``"3/4"``…
        Text follows the rules of :func:`parse_number`, with ``%`` (or ``pour cent``) as the
        only unit allowed. Rules:

        * a value with an explicit ``%`` sign is never multiplied (``"0,5 %"`` is 0.5 %);
        * a value strictly between 0 and 1 (``"0,45"``, ``0.45``), a typed fraction
          (``"3/4"``) or, in a %-formatted cell, a value up to 1 included, is read as a
          fraction: multiplied by 100 with a warning (« « 0,45 » a été lu comme une
          fraction : « 45 % » retenu. »);
        * 0 stays 0, without warning;
        * exactly 1 typed without ``%`` in a cell that is not %-formatted is ambiguous: it
          is read as 1 %, with a warning saying to write « 100 % » for the whole;
        * a number above 1 in a %-formatted cell (shown as e.g. « 4 500 % ») is kept as a
          percentage, with a warning.

        The result must lie between 0 and 100, otherwise it is a problem.
    percent_formatted
        The cell has a percentage number format: Excel and LibreOffice store ``45 %`` as
        0.45 (give ``True`` only for a cell holding a number, not text).

    Returns
    -------
    Parsed
        ``value`` a float from 0 to 100; ``None`` for a blank cell.
    """
    fraction = _FRACTION.fullmatch(_clean(raw)) if isinstance(raw, str) else None
    shown = _shown(raw)
    if fraction:
        numerator, denominator = int(fraction[1]), int(fraction[2])
        if denominator == 0:
            return Parsed(
                None, f"{shown} n'est pas un pourcentage : écrivez par exemple 45\u00a0%."
            )
        value = float(Decimal(numerator) * 100 / Decimal(denominator))
        read_as_fraction, typed = value != 0, True
    else:
        scan = _scan_number(raw, what="un pourcentage", example="45\u00a0%", percent=True)
        if scan.problem is not None or scan.value is None:
            return Parsed(None, scan.problem)
        value, typed = scan.value, scan.typed
        is_fraction = 0 < value < 1 or (value == 1 and percent_formatted)
        read_as_fraction = not scan.percent and is_fraction
        if read_as_fraction:
            value = float(Decimal(repr(value)) * 100)
    warnings: list[str] = []
    if read_as_fraction:
        cell = " (cellule au format pourcentage)" if percent_formatted and not typed else ""
        warnings.append(
            f"{shown}{cell} a été lu comme une fraction : « {_percent(value)} » retenu."
        )
    elif fraction is None:
        if scan.warning:
            warnings.append(scan.warning)
        if value == 1 and not scan.percent:
            warnings.append(
                f"{shown} a été lu comme « 1\u00a0% » ; pour la totalité, écrivez « 100\u00a0% »."
            )
        elif value > 1 and percent_formatted and not typed:
            warnings.append(
                f"{shown} est dans une cellule au format pourcentage (affichée "
                f"« {_percent(value * 100)} ») : « {_percent(value)} » retenu."
            )
    if not 0 <= value <= 100:
        return Parsed(
            None,
            f"{shown} est hors limites : pourcentage attendu entre 0 et 100\u00a0%.",
            kind="limites",
        )
    return Parsed(value, warning=" ".join(warnings) or None)


# --------------------------------------------------------------------------------------------
# Yes / no, Likert, choices

_YES = frozenset({"oui", "o", "yes", "y", "vrai", "true", "x", "✓", "✔", "☑", "✅", "1"})
_NO = frozenset({"non", "n", "no", "faux", "false", "0"})
_ZERO_ONE = re.compile(r"([01])(?:[.,]0*)?")


def parse_yes_no(raw: object) -> Parsed:
    """Read a yes/no answer.

    Parameters
    ----------
    raw
        ``True``/``False``, the numbers 1/0, or text (whatever the case, accents, spaces and
        a final dot or exclamation mark): ``oui``, ``o``, ``yes``, ``y``, ``vrai``, ``true``,
        ``x``, ``✓``, ``✔``, ``☑``, ``✅``, ``1`` for yes; ``non``, ``n``, ``no``, ``faux``,
        ``false``, ``0`` for no. Anything else (``"oui (en partie)"``, ``"peut-être"``, 2)
        is a problem.

    Returns
    -------
    Parsed
        ``value`` 1.0 for yes, 0.0 for no; ``None`` for a blank cell.
    """
    if is_blank(raw):
        return Parsed(None)
    error = _formula_error(raw)
    if error:
        return Parsed(None, error)
    if _is_bool(raw):
        return Parsed(1.0 if raw else 0.0)
    number = _as_float(raw)
    if number is not None and number in (0.0, 1.0):
        return Parsed(number + 0.0)
    if isinstance(raw, str):
        key = normalise_text(raw).rstrip(" .!")
        if key in _YES:
            return Parsed(1.0)
        if key in _NO:
            return Parsed(0.0)
        zero_one = _ZERO_ONE.fullmatch(key)
        if zero_one:
            return Parsed(float(zero_one[1]))
    return Parsed(
        None,
        f"{_shown(raw)} n'est pas une réponse possible ; réponse attendue : « Oui » ou « Non ».",
        kind="liste",
    )


_LEVEL = re.compile(r"([0-9]+)(?:[.,]0+)?")
_LEVEL_OF = re.compile(r"([0-9]+) ?/ ?([0-9]+)")
_LEVEL_LABEL = re.compile(r"([0-9]+)(?: ?[-.):=] ?| )(.+)")


def parse_likert(raw: object, labels: Sequence[str]) -> Parsed:
    """Read an answer on a Likert scale.

    Parameters
    ----------
    raw
        One of the labels, compared after :func:`normalise_text` (case, accents, spaces,
        ``’`` or ``'``, surrounding quotes and final dot do not matter), or the level number:
        ``4``, ``4.0``, ``"4"``, ``"4/5"`` (out of the number of levels), ``"4 - Plutôt
        d'accord"``, ``"4. Plutôt d'accord"``, ``"4 – …"`` (the label after the number must
        then be the label of that level). A label prefix is *not* accepted: too risky. An
        exact label wins over a level number, and a label wins over a "no answer" mark, so
        that a scale may have a label such as « Non concerné » or « 2 ».
    labels
        The labels of levels 1 to n, in order. When two labels normalise alike, the first
        one wins.

    Returns
    -------
    Parsed
        ``value`` the level, 1.0 to n; ``None`` for a blank cell.

    Raises
    ------
    ValueError
        If ``labels`` is empty (a programming error).
    """
    if not labels:
        raise ValueError("a Likert scale needs at least one label")
    levels: dict[str, int] = {}
    for level, label in enumerate(labels, start=1):
        levels.setdefault(_key(label), level)
    levels.pop("", None)
    if isinstance(raw, str) and _key(raw) in levels:
        return Parsed(float(levels[_key(raw)]))
    if is_blank(raw):
        return Parsed(None)
    error = _formula_error(raw)
    if error:
        return Parsed(None, error)
    count = len(labels)
    level_read: float | None = _as_float(raw)
    if isinstance(raw, str):
        key = _key(raw)
        plain, out_of, with_label = (
            _LEVEL.fullmatch(key),
            _LEVEL_OF.fullmatch(key),
            _LEVEL_LABEL.fullmatch(key),
        )
        if plain:
            level_read = float(plain[1])
        elif out_of and int(out_of[2]) == count:
            level_read = float(out_of[1])
        elif with_label and 1 <= int(with_label[1]) <= count:
            level = int(with_label[1])
            if _key(with_label[2]) == _key(labels[level - 1]):
                return Parsed(float(level))
            if _key(with_label[2]) in levels:
                return Parsed(
                    None,
                    f"{_shown(raw)} est contradictoire : le niveau {level} est "
                    f"« {labels[level - 1]} ».",
                )
    if level_read is not None and level_read.is_integer() and 1 <= level_read <= count:
        return Parsed(level_read)
    allowed = " ; ".join(f"{level} = {label}" for level, label in enumerate(labels, start=1))
    return Parsed(
        None,
        f"{_shown(raw)} n'est pas une réponse possible ; réponses attendues : {allowed}.",
        kind="liste",
    )


def parse_choice(raw: object, choices: Sequence[tuple[str, str]]) -> Parsed:
    """Read an answer among fixed choices.

    Parameters
    ----------
    raw
        The code or the label of a choice, compared after :func:`normalise_text` (as for
        :func:`parse_likert`). A number is compared as its shortest text (``2.0`` → ``"2"``).
        Codes are tried before labels, and both before "no answer" marks.
    choices
        ``(code, label)`` pairs.

    Returns
    -------
    Parsed
        ``value`` the code (``str``); ``None`` for a blank cell.

    Raises
    ------
    ValueError
        If ``choices`` is empty (a programming error).
    """
    if not choices:
        raise ValueError("a choice needs at least one option")
    by_code: dict[str, str] = {}
    by_label: dict[str, str] = {}
    for code, label in choices:
        by_code.setdefault(_key(code), code)
        by_label.setdefault(_key(label), code)
    candidates: list[str] = []
    number = _as_float(raw)
    if isinstance(raw, str):
        candidates = [raw]
    elif number is not None and math.isfinite(number):
        candidates = [_plain_number(number), _plain_number(number).replace(".", ",")]
    for candidate in candidates:
        key = _key(candidate)
        for table in (by_code, by_label):
            if key and key in table:
                return Parsed(table[key])
    if is_blank(raw):
        return Parsed(None)
    error = _formula_error(raw)
    if error:
        return Parsed(None, error)
    expected = _or_list([label for _, label in choices])
    return Parsed(
        None,
        f"{_shown(raw)} n'est pas une réponse possible ; réponse attendue : {expected}.",
        kind="liste",
    )


# --------------------------------------------------------------------------------------------
# Dates, periods, texts

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_TIME = r"(?:[ t][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?z?)?"
_DAY_FIRST = re.compile(r"([0-9]{1,2}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{4}|[0-9]{2})" + _TIME)
_YEAR_FIRST = re.compile(r"([0-9]{4}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{1,2})" + _TIME)
_DATE_EXAMPLE = "écrivez-la au format JJ/MM/AAAA, par exemple 31/12/2024"


def _date_result(shown: str, date: dt.date) -> Parsed:
    if not _FIRST_YEAR <= date.year <= _LAST_YEAR:
        return Parsed(
            None,
            f"{shown} n'est pas une date plausible : date attendue entre "
            f"{_FIRST_YEAR} et {_LAST_YEAR}.",
        )
    return Parsed(date.isoformat())


def parse_date(raw: object) -> Parsed:
    """Read a date.

    Parameters
    ----------
    raw
        A ``datetime.date`` or ``datetime.datetime`` (time ignored); an Excel serial number
        (days since 1899-12-30, fraction = time of day, ignored); or text, day first:
        ``"31/12/2024"``, ``"31-12-2024"``, ``"31.12.2024"``, ``"31/12/24"`` (two-digit year
        → 20xx), or ISO ``"2024-12-31"`` (also ``"2024/12/31"``), optionally followed by a
        time (``"2024-12-31 00:00:00"``, as CSV exports write). Dates outside 1900–2100,
        impossible dates (``"31/02/2024"``, US order ``"12/31/2024"``) and dates in words
        (``"décembre 2024"``) are problems. An integer from 1900 to 2100 (``2024``) is a
        problem rather than a serial number of 1905: it is a year typed in a date cell.

    Returns
    -------
    Parsed
        ``value`` the ISO date ``"AAAA-MM-JJ"``; ``None`` for a blank cell.
    """
    if is_blank(raw):
        return Parsed(None)
    error = _formula_error(raw)
    if error:
        return Parsed(None, error)
    shown = _shown(raw, grouping=False)
    if isinstance(raw, dt.datetime):
        return _date_result(shown, raw.date())
    if isinstance(raw, dt.date):
        return _date_result(shown, raw)
    not_a_date = f"{shown} n'est pas une date : {_DATE_EXAMPLE}."
    number = _as_float(raw)
    if number is not None:
        if number.is_integer() and _FIRST_YEAR <= number <= _LAST_YEAR:
            return Parsed(
                None,
                f"{shown} ressemble à une année, pas à une date : {_DATE_EXAMPLE}.",
            )
        if not math.isfinite(number) or not 0 < number < 1e6:
            return Parsed(None, not_a_date)
        date = _EXCEL_EPOCH + dt.timedelta(days=math.floor(number))
        return _date_result(shown, date)
    if not isinstance(raw, str):
        return Parsed(None, not_a_date)
    key = normalise_text(raw)
    day_first, year_first = _DAY_FIRST.fullmatch(key), _YEAR_FIRST.fullmatch(key)
    if day_first:
        day, month, year = int(day_first[1]), int(day_first[3]), day_first[4]
        year_number = 2000 + int(year) if len(year) == 2 else int(year)
    elif year_first:
        year_number, month, day = int(year_first[1]), int(year_first[3]), int(year_first[4])
    else:
        return Parsed(None, not_a_date)
    try:
        date = dt.date(year_number, month, day)
    except ValueError:
        return Parsed(
            None,
            f"{shown} n'est pas une date valide : ce jour n'existe pas ({_DATE_EXAMPLE}).",
        )
    return _date_result(shown, date)


_PERIOD = re.compile(r"([0-9]{4})(?: ?[-/_] ?([0-9]{4}|[0-9]{2}))?")
_PERIOD_EXPECTED = "période attendue : AAAA ou AAAA-AAAA (par exemple 2024 ou 2024-2025)"


def parse_period(raw: object) -> Parsed:
    """Read a period: one year or two consecutive years (a financial year across two).

    Parameters
    ----------
    raw
        ``2024``, ``"2024"``, ``"2024-2025"``, ``"2024/2025"``, ``"2024 - 2025"``,
        ``"2024–2025"``, or ``"2024-25"`` (two-digit second year, in the century that makes
        it follow the first). The second year must be the first plus one; years lie from
        1900 to 2100.

    Returns
    -------
    Parsed
        ``value`` ``"AAAA"`` or ``"AAAA-AAAA"``; ``None`` for a blank cell.
    """
    if is_blank(raw):
        return Parsed(None)
    error = _formula_error(raw)
    if error:
        return Parsed(None, error)
    shown = _shown(raw, grouping=False)
    not_a_period = f"{shown} n'est pas une période ; {_PERIOD_EXPECTED}."
    number = _as_float(raw)
    if number is not None:
        if math.isfinite(number) and number.is_integer():
            raw_text = str(int(number))
        else:
            return Parsed(None, not_a_period)
    elif isinstance(raw, str):
        raw_text = normalise_text(raw)
    else:
        return Parsed(None, not_a_period)
    match = _PERIOD.fullmatch(raw_text)
    if not match:
        return Parsed(None, not_a_period)
    first = int(match[1])
    if match[2] is None:
        second = None
    elif len(match[2]) == 2:
        second = first - first % 100 + int(match[2])
        if second < first:
            second += 100
    else:
        second = int(match[2])
    if second is not None and second != first + 1:
        return Parsed(
            None,
            f"{shown} : la seconde année doit suivre la première (par exemple "
            f"{first}-{first + 1}).",
        )
    if first < _FIRST_YEAR or (second or first) > _LAST_YEAR:
        return Parsed(
            None,
            f"{shown} n'est pas une période plausible : années attendues entre "
            f"{_FIRST_YEAR} et {_LAST_YEAR}.",
        )
    return Parsed(str(first) if second is None else f"{first}-{second}")


def parse_text(raw: object, *, max_length: int = 2000) -> Parsed:
    """Read a free-text answer.

    Parameters
    ----------
    raw
        Text is stripped (line breaks inside are kept, as ``\\n``; invisible characters are
        removed). A number becomes its shortest text with a decimal comma and no thousands
        separator, so that postcodes and SIRET numbers stay intact (``12.0`` → ``"12"``,
        ``12.5`` → ``"12,5"``, ``31000`` → ``"31000"``); a boolean becomes ``"VRAI"`` or
        ``"FAUX"``; a date ``"31/12/2024"``. "No answer" marks give ``None``.
    max_length
        Longest text accepted, in characters.

    Returns
    -------
    Parsed
        ``value`` the text; ``None`` for a blank cell.
    """
    if is_blank(raw):
        return Parsed(None)
    error = _formula_error(raw)
    if error:
        return Parsed(None, error)
    number = _as_float(raw)
    if isinstance(raw, str):
        lines = raw.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
        text = lines.strip()
    elif _is_bool(raw):
        text = "VRAI" if raw else "FAUX"
    elif number is not None:
        if not math.isfinite(number):
            return Parsed(None, "Valeur non numérique (NaN ou infini) : un texte est attendu.")
        text = _plain_number(number + 0.0).replace(".", ",")
    elif isinstance(raw, dt.datetime) and raw.time() != dt.time():
        text = raw.strftime("%d/%m/%Y %H:%M")
    elif isinstance(raw, dt.date):
        text = raw.strftime("%d/%m/%Y")
    else:
        text = str(raw).strip()
    if len(text) > max_length:
        return Parsed(
            None,
            f"Texte trop long ({format_number(len(text), 0)} caractères) : "
            f"{format_number(max_length, 0)} caractères au plus ; raccourcissez-le.",
        )
    return Parsed(text)
