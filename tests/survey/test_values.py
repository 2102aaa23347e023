"""Reading answer cells typed the French way (utilite_sociale.survey.values)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from utilite_sociale._format import format_number
from utilite_sociale.framework.scales import BUILTIN_SCALES
from utilite_sociale.survey.values import (
    Parsed,
    is_blank,
    normalise_text,
    parse_choice,
    parse_date,
    parse_likert,
    parse_number,
    parse_percentage,
    parse_period,
    parse_text,
    parse_yes_no,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
ACCORD = BUILTIN_SCALES["accord-5"][1]
CHOICES = [("asso", "Association"), ("scop", "Coopérative (SCOP, SCIC)"), ("2", "Mutuelle")]


# --------------------------------------------------------------------------------------------
# Parsed, normalise_text


def test_parsed_invariants() -> None:
    assert Parsed(1.0).ok
    assert Parsed(None).ok
    assert not Parsed(None, "problème").ok
    with pytest.raises(ValueError, match="problem"):
        Parsed(1.0, "problème")
    with pytest.raises(ValueError, match="warning"):
        Parsed(None, warning="ajusté")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Tout à fait d’accord ", "tout a fait d'accord"),
        (f"Non{NBSP}{NNBSP}\t concerné\n", "non concerne"),
        ("ŒUVRE", "oeuvre"),
        ("Plutôt\u200b d‘accord", "plutot d'accord"),
        ("1 – Jamais", "1 - jamais"),
        ("", ""),
    ],
)
def test_normalise_text(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


# --------------------------------------------------------------------------------------------
# is_blank

BLANKS = [
    None,
    "",
    "   ",
    NBSP,
    NNBSP + " " + NBSP,
    "-",
    "—",
    "–",
    "--",
    "/",
    "?",
    "…",
    "n/a",
    "N/A",
    "NA",
    "nc",
    "NC",
    "N.C.",
    "non concerné",
    "Non concernée",
    "non concerné(e)",
    "NON CONCERNE",
    "sans objet",
    "Sans Objet",
    "s.o.",
    "S/O",
]
NOT_BLANKS = ["0", "non", "Non", 0, 0.0, float("nan"), "x", "#N/A", "12", False, "n"]


@pytest.mark.parametrize("raw", BLANKS)
def test_blank(raw: object) -> None:
    assert is_blank(raw)


@pytest.mark.parametrize("raw", NOT_BLANKS)
def test_not_blank(raw: object) -> None:
    assert not is_blank(raw)


@pytest.mark.parametrize(
    "parse",
    [
        parse_number,
        parse_percentage,
        parse_yes_no,
        parse_date,
        parse_text,
        parse_period,
        lambda raw: parse_likert(raw, ACCORD),
        lambda raw: parse_choice(raw, CHOICES),
    ],
)
@pytest.mark.parametrize("raw", [None, "", " ", "-", "n/a", "sans objet"])
def test_every_parser_reads_blanks_as_no_answer(parse: object, raw: object) -> None:
    assert parse(raw) == Parsed(None)  # type: ignore[operator]


@pytest.mark.parametrize(
    "parse",
    [parse_number, parse_percentage, parse_yes_no, parse_date, parse_text, parse_period],
)
@pytest.mark.parametrize("raw", ["#DIV/0!", "#N/A", "#VALEUR!", "#NOM?", "Err:502"])
def test_formula_errors_are_problems(parse: object, raw: str) -> None:
    parsed = parse(raw)  # type: ignore[operator]
    assert parsed.value is None
    assert parsed.problem == (
        f"« {raw} » est une erreur de formule : corrigez la formule ou saisissez directement "
        "la valeur."
    )


# --------------------------------------------------------------------------------------------
# parse_number

NUMBERS: list[tuple[object, float]] = [
    (12, 12.0),
    (12.5, 12.5),
    (-3, -3.0),
    (Decimal("2.5"), 2.5),
    ("1 234,5", 1234.5),
    ("1234,5", 1234.5),
    ("1 234", 1234.0),
    (f"1{NBSP}234,5", 1234.5),
    (f"1{NNBSP}234{NNBSP}567,25", 1234567.25),
    ("1’234", 1234.0),
    ("1'234,5", 1234.5),
    ("1.234,5", 1234.5),
    ("1,234.5", 1234.5),
    ("1.234.567", 1234567.0),
    ("1,234,567", 1234567.0),
    ("1234.5", 1234.5),
    ("-12", -12.0),
    ("−12", -12.0),
    ("- 12", -12.0),
    ("+3", 3.0),
    ("12 €", 12.0),
    ("12€", 12.0),
    ("1 234,50 €", 1234.5),
    ("12 euros", 12.0),
    ("12 EUR", 12.0),
    ("12 h", 12.0),
    ("12h", 12.0),
    ("35 heures", 35.0),
    ("3 ETP", 3.0),
    ("2,5 e.t.p.", 2.5),
    ("4 personnes", 4.0),
    ("4 pers.", 4.0),
    ("10 jours", 10.0),
    ("10 j", 10.0),
    ("12 bénévoles", 12.0),
    ("1e3", 1000.0),
    ("1,5E-3", 0.0015),
    ("0,5", 0.5),
    (",5", 0.5),
    ("0.234", 0.234),
    ("1 234.567", 1234.567),
    ("1234.567", 1234.567),
    ("1.2345", 1.2345),
    ("1,234", 1.234),  # decision: French convention, the comma is the decimal mark
    ("007", 7.0),
    ("-0", 0.0),
    ("  42  ", 42.0),
    ("'12", 12.0),  # Excel's text prefix kept by some exports
]


@pytest.mark.parametrize(("raw", "expected"), NUMBERS)
def test_number(raw: object, expected: float) -> None:
    assert parse_number(raw) == Parsed(expected)


def test_lone_dot_with_three_digits_is_a_thousands_separator() -> None:
    """Decision: « 1.234 » is 1234 (with a warning), whereas « 1,234 » is 1,234."""
    parsed = parse_number("1.234")
    assert parsed.value == 1234.0
    assert parsed.warning == (
        f"« 1.234 » a été lu 1{NNBSP}234 (le point pris comme séparateur des milliers) ; "
        "pour un nombre décimal, écrivez une virgule : 1,234."
    )
    assert parse_number("-12.500 €").value == -12500.0
    assert parse_number("1,234") == Parsed(1.234)


def test_percent_sign_on_a_number_is_ignored_with_a_warning() -> None:
    assert parse_number("12 %") == Parsed(
        12.0, warning="« 12 % » : le signe % a été ignoré, 12 retenu."
    )


GARBAGE = [
    "beaucoup",
    "12 ou 13",
    "10-20",
    "12,5,3",
    "1.2.3",
    "12 13",
    "1 2345",
    "1,234 567",
    "1.234 567",
    "12 pommes",
    "€12",
    "12-",
    "e3",
    "1e",
    "environ 12",
    "12 h 30",
    "(12)",
    "1/2",
]


@pytest.mark.parametrize("raw", GARBAGE)
def test_not_a_number(raw: str) -> None:
    assert parse_number(raw) == Parsed(
        None, f"« {raw} » n'est pas un nombre : écrivez par exemple 1{NNBSP}234,5."
    )


@pytest.mark.parametrize("raw", ["12 k€", "12 K€", "12 k", "1,5 M€", "3 millions", "2 keur"])
def test_abbreviated_multipliers_are_ambiguous(raw: str) -> None:
    parsed = parse_number(raw)
    assert parsed.value is None
    assert parsed.problem is not None
    assert parsed.problem.startswith(f"« {raw} » : écrivez le nombre en entier, sans abréviation")


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), -math.inf, Decimal("NaN")])
def test_nan_and_infinity_are_problems(raw: object) -> None:
    assert parse_number(raw) == Parsed(
        None, "Valeur non numérique (NaN ou infini) : un nombre est attendu."
    )


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (True, f"« VRAI » n'est pas un nombre : écrivez par exemple 1{NNBSP}234,5."),
        (False, f"« FAUX » n'est pas un nombre : écrivez par exemple 1{NNBSP}234,5."),
        (
            dt.date(2024, 12, 31),
            f"« 31/12/2024 » n'est pas un nombre : écrivez par exemple 1{NNBSP}234,5.",
        ),
        ("1e999", "« 1e999 » est un nombre trop grand."),
    ],
)
def test_number_problems(raw: object, problem: str) -> None:
    assert parse_number(raw) == Parsed(None, problem)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(12, 12.0), ("12", 12.0), ("3,0", 3.0), (2.9999999999999996, 3.0), ("1 200", 1200.0)],
)
def test_integer(raw: object, expected: float) -> None:
    assert parse_number(raw, integer=True) == Parsed(expected)


@pytest.mark.parametrize("raw", [2.5, "2,5", "0,1"])
def test_integer_rejects_decimals(raw: object) -> None:
    parsed = parse_number(raw, integer=True)
    assert parsed.value is None
    assert parsed.problem is not None
    assert parsed.problem.endswith(": nombre entier attendu (sans décimales).")


def test_integer_garbage_names_the_expected_type() -> None:
    assert parse_number("beaucoup", integer=True).problem == (
        "« beaucoup » n'est pas un nombre entier : écrivez par exemple 12."
    )


@pytest.mark.parametrize(
    ("raw", "minimum", "maximum", "problem"),
    [
        (120, 0, 100, "« 120 » est hors limites : valeur attendue entre 0 et 100."),
        ("-1", 0, None, "« -1 » est hors limites : valeur attendue supérieure ou égale à 0."),
        (
            "2 500,5",
            None,
            1000.5,
            f"« 2 500,5 » est hors limites : valeur attendue inférieure ou égale à 1{NNBSP}000,5.",
        ),
        (0.5, 1, 5, "« 0,5 » est hors limites : valeur attendue entre 1 et 5."),
    ],
)
def test_range(raw: object, minimum: float | None, maximum: float | None, problem: str) -> None:
    assert parse_number(raw, minimum=minimum, maximum=maximum) == Parsed(None, problem)


def test_huge_and_tiny_numbers_in_messages() -> None:
    assert parse_number(1e300, maximum=100).problem == (
        "« 1e+300 » est hors limites : valeur attendue inférieure ou égale à 100."
    )
    assert parse_number(-1.5e-12, minimum=0).problem == (
        "« −1,5e−12 » est hors limites : valeur attendue supérieure ou égale à 0."
    )


def test_range_is_inclusive() -> None:
    assert parse_number("100", minimum=0, maximum=100) == Parsed(100.0)
    assert parse_number(0, minimum=0, maximum=100) == Parsed(0.0)


# --------------------------------------------------------------------------------------------
# parse_percentage


ONE_PERCENT = f"« 1 » a été lu comme « 1{NBSP}% » ; pour la totalité, écrivez « 100{NBSP}% »."


def _fraction_warning(shown: str, percent: str, cell: str = "") -> str:
    return f"« {shown} »{cell} a été lu comme une fraction : « {percent}{NBSP}% » retenu."


PERCENTAGES: list[tuple[object, bool, Parsed]] = [
    ("45 %", False, Parsed(45.0)),
    ("45%", False, Parsed(45.0)),
    ("45,5 %", False, Parsed(45.5)),
    (f"45{NBSP}%", False, Parsed(45.0)),
    ("45 pour cent", False, Parsed(45.0)),
    (45, False, Parsed(45.0)),
    ("45", False, Parsed(45.0)),
    ("100", False, Parsed(100.0)),
    ("0,45", False, Parsed(45.0, warning=_fraction_warning("0,45", "45"))),
    (0.45, False, Parsed(45.0, warning=_fraction_warning("0,45", "45"))),
    ("0.1", False, Parsed(10.0, warning=_fraction_warning("0.1", "10"))),
    ("3/4", False, Parsed(75.0, warning=_fraction_warning("3/4", "75"))),
    ("1/3", False, Parsed(100 / 3, warning=_fraction_warning("1/3", format_number(100 / 3, 15)))),
    ("0/4", False, Parsed(0.0)),
    (0, False, Parsed(0.0)),
    ("0", False, Parsed(0.0)),
    ("0 %", False, Parsed(0.0)),
    ("0,5 %", False, Parsed(0.5)),  # an explicit % sign is never multiplied
    ("1 %", False, Parsed(1.0)),
    (
        1,
        False,
        Parsed(
            1.0,
            warning=ONE_PERCENT,
        ),
    ),
    (
        "1",
        False,
        Parsed(
            1.0,
            warning=ONE_PERCENT,
        ),
    ),
    # Percent-formatted cells: Excel stores 45 % as 0.45.
    (
        0.45,
        True,
        Parsed(45.0, warning=_fraction_warning("0,45", "45", " (cellule au format pourcentage)")),
    ),
    (
        1.0,
        True,
        Parsed(100.0, warning=_fraction_warning("1", "100", " (cellule au format pourcentage)")),
    ),
    (0.0, True, Parsed(0.0)),
    ("45 %", True, Parsed(45.0)),
    (
        45,
        True,
        Parsed(
            45.0,
            warning=(
                "« 45 » est dans une cellule au format pourcentage (affichée "
                f"« 4{NNBSP}500{NBSP}% ») : « 45{NBSP}% » retenu."
            ),
        ),
    ),
]


@pytest.mark.parametrize(("raw", "percent_formatted", "expected"), PERCENTAGES)
def test_percentage(raw: object, percent_formatted: bool, expected: Parsed) -> None:
    assert parse_percentage(raw, percent_formatted=percent_formatted) == expected


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("120 %", "120 %"),
        (120, "120"),
        ("5/4", "5/4"),
        ("-5 %", "-5 %"),
        (-0.5, "−0,5"),
        ("100,5", "100,5"),
    ],
)
def test_percentage_out_of_range(raw: object, shown: str) -> None:
    assert parse_percentage(raw) == Parsed(
        None, f"« {shown} » est hors limites : pourcentage attendu entre 0 et 100{NBSP}%."
    )


@pytest.mark.parametrize("raw", ["beaucoup", "45 €", "1/0", "45 % environ", "la moitié"])
def test_not_a_percentage(raw: str) -> None:
    assert parse_percentage(raw) == Parsed(
        None, f"« {raw} » n'est pas un pourcentage : écrivez par exemple 45{NBSP}%."
    )


# --------------------------------------------------------------------------------------------
# parse_yes_no

YES: list[object] = [
    "oui",
    "OUI",
    " Oui ",
    "Oui.",
    "o",
    "O",
    "yes",
    "Y",
    "vrai",
    "VRAI",
    "true",
    "x",
    "X",
]
YES += ["✓", "✔", "1", "1,0", True, 1, 1.0]
NO: list[object] = ["non", "NON", "Non !", "n", "no", "faux", "FALSE", "0", False, 0, 0.0]


@pytest.mark.parametrize("raw", YES)
def test_yes(raw: object) -> None:
    assert parse_yes_no(raw) == Parsed(1.0)


@pytest.mark.parametrize("raw", NO)
def test_no(raw: object) -> None:
    assert parse_yes_no(raw) == Parsed(0.0)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("oui (en partie)", "oui (en partie)"),
        ("peut-être", "peut-être"),
        ("ouii", "ouii"),
        (2, "2"),
        (0.5, "0,5"),
        ("✗", "✗"),
    ],
)
def test_yes_no_problem(raw: object, shown: str) -> None:
    assert parse_yes_no(raw) == Parsed(
        None, f"« {shown} » n'est pas une réponse possible ; réponse attendue : « Oui » ou « Non »."
    )


# --------------------------------------------------------------------------------------------
# parse_likert

LIKERT: list[tuple[object, float]] = [
    ("Tout à fait d'accord", 5.0),
    ("tout a fait d’accord", 5.0),
    ("  TOUT  À FAIT D'ACCORD. ", 5.0),
    ("Pas du tout d'accord", 1.0),
    ("plutot pas d'accord", 2.0),
    (4, 4.0),
    (4.0, 4.0),
    ("4", 4.0),
    ("4,0", 4.0),
    ("4/5", 4.0),
    ("4 - Plutôt d'accord", 4.0),
    ("4. Plutôt d'accord", 4.0),
    ("4 – Plutôt d’accord", 4.0),
    ("4) plutôt d'accord", 4.0),
    ("4 Plutôt d'accord", 4.0),
    (1, 1.0),
]


@pytest.mark.parametrize(("raw", "expected"), LIKERT)
def test_likert(raw: object, expected: float) -> None:
    assert parse_likert(raw, ACCORD) == Parsed(expected)


ALLOWED = (
    "1 = Pas du tout d'accord ; 2 = Plutôt pas d'accord ; 3 = Ni d'accord ni pas d'accord ; "
    "4 = Plutôt d'accord ; 5 = Tout à fait d'accord"
)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("6", "6"),
        (0, "0"),
        (4.5, "4,5"),
        ("Plutôt", "Plutôt"),  # a label prefix is not accepted
        ("d'accord", "d'accord"),
        ("4/4", "4/4"),
        ("4 - Plutôt OK", "4 - Plutôt OK"),
        ("7 - Plutôt d'accord", "7 - Plutôt d'accord"),
        (True, "VRAI"),
    ],
)
def test_likert_problem(raw: object, shown: str) -> None:
    assert parse_likert(raw, ACCORD) == Parsed(
        None, f"« {shown} » n'est pas une réponse possible ; réponses attendues : {ALLOWED}."
    )


def test_likert_number_and_label_must_agree() -> None:
    assert parse_likert("4 - Tout à fait d'accord", ACCORD) == Parsed(
        None,
        "« 4 - Tout à fait d'accord » est contradictoire : le niveau 4 est « Plutôt d'accord ».",
    )


def test_likert_label_wins_over_number_and_blank_mark() -> None:
    labels = ["2", "1", "Non concerné"]
    assert parse_likert("1", labels) == Parsed(2.0)
    assert parse_likert(2, labels) == Parsed(2.0)  # a number is a level, not a label
    assert parse_likert("non concerné", labels) == Parsed(3.0)
    assert parse_likert("-", labels) == Parsed(None)


def test_likert_needs_labels() -> None:
    with pytest.raises(ValueError, match="label"):
        parse_likert("1", [])


# --------------------------------------------------------------------------------------------
# parse_choice


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("asso", "asso"),
        ("ASSO ", "asso"),
        ("Association", "asso"),
        ("association", "asso"),
        ("coopérative (scop, scic)", "scop"),
        ("Cooperative  (SCOP, SCIC)", "scop"),
        ("2", "2"),
        (2, "2"),
        (2.0, "2"),
        ("Mutuelle", "2"),
    ],
)
def test_choice(raw: object, expected: str) -> None:
    assert parse_choice(raw, CHOICES) == Parsed(expected)


@pytest.mark.parametrize(
    ("raw", "shown"), [("fondation", "fondation"), (3, "3"), ("Asso.ciation", "Asso.ciation")]
)
def test_choice_problem(raw: object, shown: str) -> None:
    assert parse_choice(raw, CHOICES) == Parsed(
        None,
        f"« {shown} » n'est pas une réponse possible ; réponse attendue : « Association », "
        "« Coopérative (SCOP, SCIC) » ou « Mutuelle ».",
    )


def test_choice_code_wins_over_label_and_blank_mark() -> None:
    choices = [("a", "b"), ("b", "c"), ("nc", "Non concerné")]
    assert parse_choice("b", choices) == Parsed("b")
    assert parse_choice("NC", choices) == Parsed("nc")
    assert parse_choice("non concerné", choices) == Parsed("nc")
    with pytest.raises(ValueError, match="option"):
        parse_choice("a", [])


# --------------------------------------------------------------------------------------------
# parse_date

DATES: list[tuple[object, str]] = [
    (dt.date(2024, 12, 31), "2024-12-31"),
    (dt.datetime(2024, 12, 31, 15, 30), "2024-12-31"),
    (45657, "2024-12-31"),  # Excel serial number
    (45657.75, "2024-12-31"),  # with a time of day
    (2, "1900-01-01"),
    ("31/12/2024", "2024-12-31"),
    ("31-12-2024", "2024-12-31"),
    ("31.12.2024", "2024-12-31"),
    ("31 / 12 / 2024", "2024-12-31"),
    ("1/2/2024", "2024-02-01"),
    ("31/12/24", "2024-12-31"),  # two-digit year: 20xx
    ("01/01/99", "2099-01-01"),
    ("2024-12-31", "2024-12-31"),
    ("2024/12/31", "2024-12-31"),
    ("2024-12-31 00:00:00", "2024-12-31"),
    ("2024-12-31T08:15", "2024-12-31"),
    ("29/02/2024", "2024-02-29"),
]


@pytest.mark.parametrize(("raw", "expected"), DATES)
def test_date(raw: object, expected: str) -> None:
    assert parse_date(raw) == Parsed(expected)


EXAMPLE = "écrivez-la au format JJ/MM/AAAA, par exemple 31/12/2024"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("décembre 2024", f"« décembre 2024 » n'est pas une date : {EXAMPLE}."),
        ("31/12", f"« 31/12 » n'est pas une date : {EXAMPLE}."),
        ("31/12-2024", f"« 31/12-2024 » n'est pas une date : {EXAMPLE}."),
        ("hier", f"« hier » n'est pas une date : {EXAMPLE}."),
        (True, f"« VRAI » n'est pas une date : {EXAMPLE}."),
        (-3, f"« -3 » n'est pas une date : {EXAMPLE}."),
        (float("nan"), f"« nan » n'est pas une date : {EXAMPLE}."),
        (
            "31/02/2024",
            f"« 31/02/2024 » n'est pas une date valide : ce jour n'existe pas ({EXAMPLE}).",
        ),
        (
            "12/31/2024",
            f"« 12/31/2024 » n'est pas une date valide : ce jour n'existe pas ({EXAMPLE}).",
        ),
        (
            "29/02/2023",
            f"« 29/02/2023 » n'est pas une date valide : ce jour n'existe pas ({EXAMPLE}).",
        ),
        (2024, f"« 2024 » ressemble à une année, pas à une date : {EXAMPLE}."),
        (
            "31/12/1850",
            "« 31/12/1850 » n'est pas une date plausible : date attendue entre 1900 et 2100.",
        ),
        (
            dt.datetime(1899, 12, 30),
            "« 30/12/1899 » n'est pas une date plausible : date attendue entre 1900 et 2100.",
        ),
        (
            100000,
            "« 100000 » n'est pas une date plausible : date attendue entre 1900 et 2100.",
        ),
    ],
)
def test_date_problem(raw: object, problem: str) -> None:
    assert parse_date(raw) == Parsed(None, problem)


# --------------------------------------------------------------------------------------------
# parse_period

PERIOD_EXPECTED = "période attendue : AAAA ou AAAA-AAAA (par exemple 2024 ou 2024-2025)"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024", "2024"),
        (2024, "2024"),
        (2024.0, "2024"),
        (" 2024 ", "2024"),
        ("2024-2025", "2024-2025"),
        ("2024/2025", "2024-2025"),
        ("2024 - 2025", "2024-2025"),
        ("2024–2025", "2024-2025"),
        ("2024-25", "2024-2025"),
        ("2099-00", "2099-2100"),
    ],
)
def test_period(raw: object, expected: str) -> None:
    assert parse_period(raw) == Parsed(expected)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("24", f"« 24 » n'est pas une période ; {PERIOD_EXPECTED}."),
        ("exercice 2024", f"« exercice 2024 » n'est pas une période ; {PERIOD_EXPECTED}."),
        (2024.5, f"« 2024,5 » n'est pas une période ; {PERIOD_EXPECTED}."),
        ("2024-2025-2026", f"« 2024-2025-2026 » n'est pas une période ; {PERIOD_EXPECTED}."),
        (dt.date(2024, 1, 1), f"« 01/01/2024 » n'est pas une période ; {PERIOD_EXPECTED}."),
        (
            "2024-2026",
            "« 2024-2026 » : la seconde année doit suivre la première (par exemple 2024-2025).",
        ),
        (
            "2025-2024",
            "« 2025-2024 » : la seconde année doit suivre la première (par exemple 2025-2026).",
        ),
        (
            "1850",
            "« 1850 » n'est pas une période plausible : années attendues entre 1900 et 2100.",
        ),
        (
            "2100-2101",
            "« 2100-2101 » n'est pas une période plausible : années attendues entre 1900 et 2100.",
        ),
    ],
)
def test_period_problem(raw: object, problem: str) -> None:
    assert parse_period(raw) == Parsed(None, problem)


# --------------------------------------------------------------------------------------------
# parse_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Une action  ", "Une action"),
        ("ligne 1\r\nligne 2", "ligne 1\nligne 2"),
        (f"{NBSP}texte\u200b{NBSP}", "texte"),
        (12.0, "12"),
        (12, "12"),
        (12.5, "12,5"),
        (31000, "31000"),
        (12345678900012, "12345678900012"),
        (-0.0, "0"),
        (True, "VRAI"),
        (dt.date(2024, 12, 31), "31/12/2024"),
        (dt.datetime(2024, 12, 31, 9, 5), "31/12/2024 09:05"),
        ("non", "non"),
        ("0", "0"),
    ],
)
def test_text(raw: object, expected: str) -> None:
    assert parse_text(raw) == Parsed(expected)


def test_text_too_long() -> None:
    assert parse_text("a" * 2000) == Parsed("a" * 2000)
    assert parse_text("a" * 2345) == Parsed(
        None,
        f"Texte trop long (2{NNBSP}345 caractères) : 2{NNBSP}000 caractères au plus ; "
        "raccourcissez-le.",
    )
    assert parse_text("abcd", max_length=3).problem == (
        "Texte trop long (4 caractères) : 3 caractères au plus ; raccourcissez-le."
    )


def test_text_nan_is_a_problem() -> None:
    assert parse_text(float("nan")) == Parsed(
        None, "Valeur non numérique (NaN ou infini) : un texte est attendu."
    )


# --------------------------------------------------------------------------------------------
# Properties

sane_floats = st.floats(
    min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False
).filter(lambda x: x == 0 or abs(x) >= 1e-9)


def _decimals(x: float) -> int:
    exponent = Decimal(repr(x)).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def _close(a: float | str | None, b: float) -> bool:
    return isinstance(a, float) and math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


@given(sane_floats)
def test_french_formatted_numbers_read_back(x: float) -> None:
    for text in (format_number(x, _decimals(x)), str(x).replace(".", ",")):
        parsed = parse_number(text)
        assert parsed.problem is None, text
        assert parsed.warning is None, text
        assert _close(parsed.value, x), (text, parsed)


@given(sane_floats)
def test_french_formatted_numbers_with_a_unit_read_back(x: float) -> None:
    text = f"{format_number(x, _decimals(x))}{NBSP}€"
    assert _close(parse_number(text).value, x)


label_texts = st.text(
    alphabet=st.sampled_from("abcdeéèàçôïœ ’'-:;,?0123456789ABCDEÉ"), min_size=1, max_size=30
)


@given(st.lists(label_texts, min_size=1, max_size=7))
def test_every_label_reads_as_its_level(labels: list[str]) -> None:
    keys = [normalise_text(label) for label in labels]
    assume(all(keys) and len(set(keys)) == len(keys))
    for level, label in enumerate(labels, start=1):
        assert parse_likert(label, labels) == Parsed(float(level)), label


number_texts = st.one_of(
    sane_floats.map(lambda x: format_number(x, _decimals(x))),
    sane_floats.map(lambda x: str(x).replace(".", ",")),
    st.text(alphabet=st.sampled_from("0123456789 ,.'’-−+e%€h"), max_size=12),
    st.text(max_size=8),
)


@given(number_texts)
def test_a_valid_number_is_never_blank(text: str) -> None:
    if parse_number(text).value is not None:
        assert not is_blank(text)


@given(st.one_of(st.text(max_size=20), st.floats(), st.integers(), st.booleans(), st.none()))
def test_parsers_never_raise_and_keep_their_invariants(raw: object) -> None:
    for parsed in (
        parse_number(raw),
        parse_number(raw, integer=True, minimum=0, maximum=10),
        parse_percentage(raw),
        parse_percentage(raw, percent_formatted=True),
        parse_yes_no(raw),
        parse_likert(raw, ACCORD),
        parse_choice(raw, CHOICES),
        parse_date(raw),
        parse_period(raw),
        parse_text(raw),
    ):
        assert (parsed.value is None) or parsed.ok
        if parsed.problem is not None:
            assert parsed.problem[-1] == "."
        if isinstance(parsed.value, float):
            assert math.isfinite(parsed.value)


def test_problem_kinds() -> None:
    """The reader turns these kinds into the codes type-invalide, hors-limites, hors-liste."""
    from utilite_sociale.survey.values import (
        parse_choice,
        parse_likert,
        parse_number,
        parse_percentage,
        parse_yes_no,
    )

    assert parse_number("abc").kind == "type"
    assert parse_number("12", maximum=10).kind == "limites"
    assert parse_percentage("140").kind == "limites"
    assert parse_yes_no("peut-être").kind == "liste"
    assert parse_likert("9", ["a", "b"]).kind == "liste"
    assert parse_choice("z", [("a", "A")]).kind == "liste"
