"""Answers of the example members: indicators, respondents and ``Finances ESUS``.

Each member draws from its own seeded stream (:class:`numpy.random.Generator`), so that its
figures persist from one period to the next with a plausible drift, and changing one member
never changes another. Every value lies within its indicator's declared scale and unit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from ._members import Finances, Profile

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..framework.models import Indicator, IndicatorSet

__all__ = [
    "COMMENTS",
    "FinancialYear",
    "PaidPerson",
    "Year",
    "budgets",
    "choice_label",
    "comments",
    "financial_years",
    "generic_answers",
    "lasting_offsets",
    "organisation_answers",
    "respondent_answers",
    "years",
]

#: Respondent-level indicators answered with a drop-down: their latent offset to maturity.
_RESPONDENT_OFFSETS = {
    "ES-FRA-05": 0.02,
    "ES-FRA-06": 0.08,
    "ES-FRA-07": -0.02,
    "ES-LIE-02": 0.05,
    "ES-LIE-06": -0.06,
    "ES-CIT-02": 0.04,
    "ES-CIT-06": -0.1,
}
#: Share of blank answers in a respondent's row.
_SKIPPED = 0.04
#: People asked about a service they use answer favourably more often than not: their
#: latent opinion is centred on ``base + slope × maturity`` (0 to 1).
_OPINION_BASE, _OPINION_SLOPE = 0.55, 0.4

#: What members write in the « Commentaire » column: plain French, never a person.
COMMENTS: Mapping[str, tuple[str, ...]] = {
    "ES-CTX-ETP": (
        "Moyenne des ETP mensuels déclarés dans la DSN.",
        "ETP moyen sur l'année, remplacements compris.",
    ),
    "ES-CTX-BUDGET": (
        "Total des charges du compte de résultat approuvé par l'assemblée générale.",
        "Chiffre provisoire : comptes arrêtés par le conseil d'administration.",
    ),
    "ES-CTX-BENEF": (
        "File active issue du logiciel de suivi, doublons retirés.",
        "Estimation raisonnée : les participants aux activités ouvertes ne sont pas tous inscrits.",
    ),
    "ES-FRA-01": (
        "Critères retenus : minima sociaux, ressources sous le seuil de pauvreté, absence de "
        "logement stable.",
        "Décompte fait à partir des dossiers d'admission, sans double compte.",
    ),
    "ES-FRA-02": (
        "Décompte à partir des situations connues (handicap, perte d'autonomie, maladie), sans "
        "double compte.",
    ),
    "ES-LIE-01": (
        "Ateliers hebdomadaires comptés séance par séance.",
        "Dont les sorties d'été et la fête annuelle.",
    ),
    "ES-LIE-03": ("Partenaires avec lesquels une convention ou une action commune existe.",),
    "ES-LIE-04": ("Estimation à partir des codes postaux des personnes accompagnées.",),
    "ES-CIT-04": ("Conseil d'administration renouvelé par tiers chaque année.",),
    "ES-DUR-01": ("Plan d'action adopté en conseil d'administration ; bilan prévu l'an prochain.",),
    "ES-DUR-02": (
        "Baisse liée au remplacement de la chaudière au fioul par une pompe à chaleur.",
        "Hausse due à l'ouverture d'un local supplémentaire en cours d'année.",
        "Relevés des factures d'électricité et de gaz, sans correction climatique.",
    ),
    "ES-GOU-01": ("Présents et représentés à l'assemblée générale qui a approuvé les comptes.",),
    "ES-EMP-03": ("Dont une formation collective à la prévention des risques professionnels.",),
    "ES-EMP-05": ("Calcul fait sur les salaires horaires bruts de l'année.",),
    "ES-EMP-07": ("Estimation : nombre de bénévoles réguliers × heures moyennes par mois.",),
    "ES-ECO-01": ("Calcul repris du tableau des charges par activité présenté au trésorier.",),
    "ES-ECO-02": ("Part du premier financeur dans le total des produits du compte de résultat.",),
    "ES-ECO-04": ("Fonds propres au 31 décembre, résultat de l'exercice compris.",),
    "ES-FRA-06": ("Enquête de satisfaction annuelle, questionnaire anonyme sur papier.",),
}


@dataclass(frozen=True, slots=True)
class Year:
    """A member's size and practices during one period."""

    period: str
    year: int
    fte: float
    budget: float
    beneficiaries: int
    volunteers: int
    voters: int
    maturity: float
    scale: float


@dataclass(frozen=True, slots=True)
class PaidPerson:
    """One of the best paid in a financial year (gross with bonuses, in euros)."""

    role: str
    gross: int
    fte: float
    months: int
    benefits: int = 0


@dataclass(frozen=True, slots=True)
class FinancialYear:
    """A closed financial year of ``Finances ESUS``."""

    year: int
    start: dt.date
    end: dt.date
    operating_charges: int
    activities: tuple[tuple[str, int, bool, str], ...]
    pay: tuple[PaidPerson, ...]

    @property
    def social_utility_share(self) -> float:
        """Operating charges of social-utility activities ÷ all operating charges."""
        useful = sum(charges for _, charges, flag, _ in self.activities if flag)
        return useful / self.operating_charges


def budgets(profile: Profile, rng: np.random.Generator) -> dict[int, float]:
    """Total charges (k€) by calendar year, from 2022 (when it existed) to 2024."""
    first = profile.budget
    up = math.exp(profile.growth + rng.normal(0.0, 0.015))
    down = math.exp(profile.growth + rng.normal(0.0, 0.015))
    result = {2023: first, 2024: round(first * up, 1)}
    if profile.created.year < 2022:
        result[2022] = round(first / down, 1)
    return result


def years(
    profile: Profile, periods: Sequence[str], budget: Mapping[int, float], rng: np.random.Generator
) -> list[Year]:
    """The member's size and practices in each period (first period = the profile)."""
    result = []
    maturity = profile.maturity
    for index, period in enumerate(periods):
        year = int(period[-4:])
        scale = budget[year] / budget[int(periods[0][-4:])]
        if index:
            maturity = float(np.clip(maturity + rng.normal(0.03, 0.03), 0.05, 0.97))
        wobble = rng.normal(0.0, 0.02, size=3) if index else np.zeros(3)
        result.append(
            Year(
                period=period,
                year=year,
                fte=round(profile.fte * scale * math.exp(float(wobble[0])), 1),
                budget=round(budget[year], 1),
                beneficiaries=round(profile.beneficiaries * scale * math.exp(float(wobble[1]))),
                volunteers=max(1, round(profile.volunteers * math.exp(float(wobble[2])))),
                voters=profile.voters + (int(rng.integers(-4, 9)) if index else 0),
                maturity=maturity,
                scale=scale,
            )
        )
    return result


# -- levels ---------------------------------------------------------------------------------


def _index(maturity: float, count: int, rng: np.random.Generator, spread: float = 0.2) -> int:
    """A 0-based level among ``count`` ordered levels, driven by maturity."""
    position = maturity * (count - 1) + rng.normal(0.0, spread)
    return int(np.clip(round(position), 0, count - 1))


def choice_label(indicator: Indicator, code: str) -> str:
    """The label of a choice, as the drop-down list shows it."""
    for choice in indicator.answer.choices or []:
        if choice.value == code:
            return choice.label
    raise KeyError(f"{indicator.id}: no choice {code!r}")


def _ordered_choice(indicator: Indicator, maturity: float, rng: np.random.Generator) -> str:
    choices = indicator.answer.choices or []
    return choices[_index(maturity, len(choices), rng)].label


# -- respondents ----------------------------------------------------------------------------


def _latent_levels(
    maturity: float,
    offsets: NDArray[np.float64],
    sizes: NDArray[np.int64],
    count: int,
    rng: np.random.Generator,
) -> NDArray[np.int64]:
    """``count`` respondents × indicators: 1-based levels on each indicator's scale."""
    centre = _OPINION_BASE + _OPINION_SLOPE * maturity
    person = rng.normal(0.0, 0.12, size=(count, 1))
    noise = rng.normal(0.0, 0.15, size=(count, len(offsets)))
    latent = np.clip(centre + offsets[np.newaxis, :] + person + noise, 0.0, 1.0)
    levels = np.rint(1.0 + latent * (sizes[np.newaxis, :] - 1)).astype(np.int64)
    return np.asarray(levels, dtype=np.int64)


def _offsets(ids: Sequence[str], member_offsets: Mapping[str, float]) -> NDArray[np.float64]:
    """Each question's offset: its own, and half the member's lasting one."""
    return np.array([_RESPONDENT_OFFSETS[i] + member_offsets.get(i, 0.0) / 2 for i in ids])


def respondent_answers(
    ref: IndicatorSet,
    maturity: float,
    member_offsets: Mapping[str, float],
    count: int,
    rng: np.random.Generator,
) -> tuple[tuple[str, ...], list[list[str | None]]]:
    """Respondents' answers as their labels, one row per respondent, some left blank.

    Returns
    -------
    ids, rows
        The respondent-level indicator ids (columns) and, per respondent, the label chosen
        for each (``None`` when the question was skipped).
    """
    items = ref.respondent_indicators
    ids = tuple(item.id for item in items)
    labels = [ref.scale_labels(item.answer.scale or "") for item in items]
    offsets = _offsets(ids, member_offsets)
    sizes = np.array([len(item) for item in labels], dtype=np.int64)
    levels = _latent_levels(maturity, offsets, sizes, count, rng)
    skipped = rng.random(size=levels.shape) < _SKIPPED
    rows: list[list[str | None]] = []
    for levels_row, skipped_row in zip(levels.tolist(), skipped.tolist(), strict=True):
        rows.append(
            [
                None if skip else labels[column][level - 1]
                for column, (level, skip) in enumerate(zip(levels_row, skipped_row, strict=True))
            ]
        )
    return ids, rows


def _aggregates(
    ref: IndicatorSet,
    maturity: float,
    member_offsets: Mapping[str, float],
    rng: np.random.Generator,
) -> dict[str, float]:
    """A member's own aggregates of a survey it ran (no ``Réponses`` sheet)."""
    items = ref.respondent_indicators
    ids = [item.id for item in items]
    sizes = np.array([len(ref.scale_labels(item.answer.scale or "")) for item in items])
    offsets = _offsets(ids, member_offsets)
    surveyed = int(rng.integers(25, 90))
    levels = _latent_levels(maturity, offsets, sizes.astype(np.int64), surveyed, rng)
    result: dict[str, float] = {}
    for column, item in enumerate(items):
        answers = levels[:, column]
        if item.aggregation == "part-favorable":
            favourable = np.isin(answers, [int(v) for v in item.favourable_values])
            result[item.id] = round(float(favourable.mean()) * 100, 1)
        else:
            result[item.id] = round(float(answers.mean()), 2)
    return result


# -- organisation answers -------------------------------------------------------------------


def _drift(value: float, scale: float, rng: np.random.Generator, spread: float = 0.08) -> float:
    return value * scale * math.exp(rng.normal(0.0, spread))


#: Smallest non-zero percentage drawn: a value up to 1 would rightly be read as a fraction.
_SMALLEST_PERCENT = 1.5


def _percent(value: float, rng: np.random.Generator, spread: float) -> float:
    drawn = value + rng.normal(0.0, spread)
    return round(float(np.clip(drawn, _SMALLEST_PERCENT, 100.0)), 1)


def organisation_answers(
    ref: IndicatorSet,
    profile: Profile,
    year: Year,
    *,
    social_utility: float | None,
    offsets: Mapping[str, float],
    with_respondents: bool,
    rng: np.random.Generator,
) -> dict[str, Any]:
    """The cells a member types in ``Indicateurs`` for one period, by indicator id.

    Parameters
    ----------
    social_utility
        The share of social-utility operating charges (0–1) computed from the member's
        ``Finances ESUS``, when it has some; else drawn around the profile's value.
    offsets
        The member's lasting offsets to its maturity, by indicator id.
    with_respondents
        The member's workbook has a ``Réponses`` sheet: respondent-level rows are absent.
    """
    by_id = {indicator.id: indicator for indicator in ref.indicators}
    maturity = year.maturity

    def level(item: str) -> str:
        indicator = by_id[item]
        labels = ref.scale_labels(indicator.answer.scale or "")
        return labels[_index(maturity + offsets.get(item, 0.0), len(labels), rng)]

    def ordered(item: str) -> str:
        return _ordered_choice(by_id[item], maturity + offsets.get(item, 0.0), rng)

    benef = year.beneficiaries
    women = round(profile.board * profile.women_on_board)
    values: dict[str, Any] = {
        "ES-CTX-ETP": year.fte,
        "ES-CTX-BUDGET": year.budget,
        "ES-CTX-BENEF": benef,
        "ES-CTX-BENEVOLES": year.volunteers,
        "ES-CTX-MEMBRES": year.voters,
        "ES-FRA-01": round(benef * float(np.clip(profile.economic + rng.normal(0, 0.015), 0, 1))),
        "ES-FRA-02": round(benef * float(np.clip(profile.personal + rng.normal(0, 0.01), 0, 1))),
        "ES-FRA-03": choice_label(by_id["ES-FRA-03"], profile.pricing),
        "ES-FRA-04": level("ES-FRA-04"),
        "ES-LIE-01": max(1, round(_drift(profile.collective_actions, 1.0, rng))),
        "ES-LIE-03": max(1, round(_drift(profile.partners, 1.0, rng, 0.06))),
        "ES-LIE-04": _percent(profile.priority_areas, rng, 2.0),
        "ES-LIE-05": level("ES-LIE-05"),
        "ES-CIT-01": choice_label(by_id["ES-CIT-01"], profile.participation),
        "ES-CIT-03": round(_drift(profile.citizenship_actions, 1.0, rng, 0.15)),
        "ES-CIT-04": round(100 * women / profile.board, 1),
        "ES-CIT-05": level("ES-CIT-05"),
        "ES-DUR-01": ordered("ES-DUR-01"),
        "ES-DUR-03": round(_drift(profile.green_actions, 1.0, rng, 0.15)),
        "ES-DUR-05": min(benef, round(benef * profile.culture * math.exp(rng.normal(0, 0.05)))),
        "ES-DUR-06": "Oui" if profile.international else "Non",
        "ES-GOU-01": _percent(profile.assembly, rng, 2.5),
        "ES-GOU-02": profile.stakeholders,
        "ES-GOU-03": level("ES-GOU-03"),
        "ES-GOU-04": ordered("ES-GOU-04"),
        "ES-GOU-05": "Oui" if maturity + offsets.get("ES-GOU-05", 0.0) >= 0.5 else "Non",
        "ES-EMP-01": _percent(profile.precarious, rng, 1.5),
        "ES-EMP-02": _percent(profile.turnover, rng, 2.0),
        "ES-EMP-03": round(year.fte * float(np.clip(rng.normal(12 + 20 * maturity, 3), 2, 45))),
        "ES-EMP-04": round(max(1.0, profile.pay_ratio + rng.normal(0.0, 0.08)), 1),
        "ES-EMP-07": int(round(_drift(profile.volunteer_hours, 1.0, rng, 0.06), -1)),
        "ES-ECO-02": _percent(profile.main_resource, rng, 1.5),
        "ES-ECO-03": _percent(profile.local_purchases, rng, 3.0),
        "ES-ECO-04": round(year.budget * (profile.equity + rng.normal(0.0, 0.02)), 1),
    }
    values["ES-ECO-01"] = (
        round(social_utility * 100, 1)
        if social_utility is not None
        else _percent(profile.social_utility, rng, 1.0)
    )
    if profile.transition_fragile is not None:
        values["ES-DUR-04"] = _percent(profile.transition_fragile, rng, 3.0)
    if rng.random() < 0.75:
        values["ES-DUR-02"] = round(float(np.clip(rng.normal(-4.0, 4.5), -20.0, 9.0)), 1)
    if year.fte >= 10:
        gap = 3.5 * math.exp(rng.normal(0.0, 0.5))
        values["ES-EMP-05"] = round(max(_SMALLEST_PERCENT, gap), 1)
    if profile.insertion > 0:
        values["ES-EMP-06"] = _percent(profile.insertion, rng, 2.0)
    if not with_respondents:
        aggregates = _aggregates(ref, maturity, offsets, rng)
        answered = ["ES-FRA-06"]  # the satisfaction survey nearly every member runs
        others = [item for item in aggregates if item not in answered]
        if maturity >= 0.6:
            answered += others
        else:
            picked = rng.choice(len(others), size=int(rng.integers(1, 4)), replace=False)
            answered += [others[int(i)] for i in sorted(picked)]
        values.update({item: aggregates[item] for item in answered})
    return {item: values[item] for item in by_id if item in values}


def comments(
    answered: Sequence[str], rng: np.random.Generator, *, exclude: Sequence[str] = ()
) -> dict[str, str]:
    """A few comments a member writes beside its answers."""
    candidates = [item for item in answered if item in COMMENTS and item not in exclude]
    count = min(len(candidates), int(rng.integers(2, 6)))
    picked = sorted(int(i) for i in rng.choice(len(candidates), size=count, replace=False))
    result = {}
    for index in picked:
        item = candidates[index]
        pool = COMMENTS[item]
        result[item] = pool[int(rng.integers(0, len(pool)))]
    return result


def lasting_offsets(ref: IndicatorSet, rng: np.random.Generator) -> dict[str, float]:
    """A member's own offsets to its maturity, kept from one period to the next."""
    ids = [
        indicator.id
        for indicator in ref.indicators
        if indicator.answer.type in {"likert", "choix", "oui-non"}
    ]
    draws = rng.normal(0.0, 0.12, size=len(ids))
    return {item: round(float(draw), 4) for item, draw in zip(ids, draws, strict=True)}


# -- Finances ESUS --------------------------------------------------------------------------


def _top_cap(start: dt.date, end: dt.date) -> Decimal:
    from ..reference import annual_smic_reference, pay_caps

    return pay_caps(annual_smic_reference(start=start, end=end)).top_cap


def financial_years(
    finances: Finances,
    closing_years: Sequence[int],
    budget: Mapping[int, float],
    rng: np.random.Generator,
) -> list[FinancialYear]:
    """The closed financial years a member declares (only those it has had)."""
    result = []
    first = finances.first_year_start
    for year in closing_years:
        if year not in budget or (first is not None and year < first.year):
            continue
        start = first if first is not None and year == first.year else dt.date(year, 1, 1)
        end = dt.date(year, 12, 31)
        months = 12 - start.month + 1
        share = finances.operating_share + rng.normal(0.0, 0.003)
        total = round(budget[year] * 1000 * share)
        weights = np.array([a.share for a in finances.activities])
        weights = weights * np.exp(rng.normal(0.0, 0.03, size=len(weights)))
        weights /= weights.sum()
        charges = [round(total * float(w)) for w in weights[:-1]]
        charges.append(total - sum(charges))
        activities = tuple(
            (activity.label, amount, activity.social_utility, activity.key)
            for activity, amount in zip(finances.activities, charges, strict=True)
        )
        raise_factor = 1.025 ** (year - 2023)
        people = []
        for rank, person in enumerate(finances.pay):
            present = person.months_in(year, months)
            gross = round(person.gross * raise_factor * present / 12 * rng.normal(1.0, 0.01))
            bonus = dict(finances.top_bonus).get(year)
            if rank == 0 and bonus is not None:
                cap = _top_cap(start, end) * Decimal(str(bonus))
                gross = int(cap.to_integral_value(rounding=ROUND_CEILING))
            benefits = round(person.benefits * present / 12)
            people.append(PaidPerson(person.role, gross, person.fte, present, benefits))
        people.sort(key=lambda paid: -paid.gross)
        result.append(FinancialYear(year, start, end, total, activities, tuple(people)))
    return result


# -- another référentiel (the file sent by mistake) -----------------------------------------


def generic_answers(
    ref: IndicatorSet, profile: Profile, year: Year, rng: np.random.Generator
) -> dict[str, Any]:
    """Plausible answers to any référentiel, by answer type (the rejected example file)."""
    values: dict[str, Any] = {}
    numbers = {"ETP": year.fte, "k€": year.budget, "personnes": year.beneficiaries}
    for indicator in ref.indicators:
        answer = indicator.answer
        if indicator.level == "repondant":
            if indicator.aggregation == "part-favorable":
                values[indicator.id] = _percent(60 + 30 * year.maturity, rng, 4.0)
            else:
                values[indicator.id] = round(3.0 + 1.5 * year.maturity + rng.normal(0, 0.1), 2)
        elif answer.type == "likert":
            labels = ref.scale_labels(answer.scale or "")
            values[indicator.id] = labels[_index(year.maturity, len(labels), rng)]
        elif answer.type == "choix":
            values[indicator.id] = _ordered_choice(indicator, year.maturity, rng)
        elif answer.type == "oui-non":
            values[indicator.id] = "Oui"
        elif answer.type == "pourcentage":
            values[indicator.id] = _percent(55.0, rng, 15.0)
        elif indicator.denominator is not None and answer.type == "effectif":
            total = values.get(indicator.denominator, year.beneficiaries)
            values[indicator.id] = round(float(total) * float(rng.uniform(0.2, 0.7)))
        elif answer.type in {"nombre", "montant", "effectif"}:
            known = numbers.get(answer.unit or "")
            values[indicator.id] = known if known is not None else int(rng.integers(2, 40))
        else:
            values[indicator.id] = "Voir le rapport d'activité."
    return values
