"""The members of the fictional « Fédération exemple Occitanie » (static description).

Every name is invented; no organisation has a SIREN or RNA number. Figures are those of the
first period (2023); the generator makes them drift to the next one. Free texts (activity
labels, allocation keys) hold no personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..scoring.engine import MIN_RESPONDENTS

__all__ = ["FEDERATION", "MEMBERS", "Activity", "EsusRole", "Finances", "Pay", "Profile"]

#: The federation's name, as people see it.
FEDERATION = "Fédération exemple Occitanie"


#: Respondents of the member whose survey is too small to show (« effectif insuffisant »).
_TOO_FEW = MIN_RESPONDENTS - 1

#: A member's role in the ESUS example: passes every check, pays its best paid above the cap
#: one year, or is younger than three years at the request.
EsusRole = Literal["conforme", "plafond-depasse", "moins-de-trois-ans"]


@dataclass(frozen=True, slots=True)
class Activity:
    """One line of the split of operating charges (``Finances ESUS``)."""

    label: str
    share: float
    social_utility: bool
    key: str


@dataclass(frozen=True, slots=True)
class Pay:
    """One of the five best-paid people: role, annual gross at their FTE share, FTE share."""

    role: str
    gross: float
    fte: float
    #: Months present in each financial year, by closing year (12 when absent).
    months: tuple[tuple[int, int], ...] = ()
    #: Benefits in kind per year (a company car…), in euros.
    benefits: float = 0.0

    def months_in(self, year: int, default: int) -> int:
        """Months present during the financial year closed in ``year``."""
        return dict(self.months).get(year, default)


@dataclass(frozen=True, slots=True)
class Finances:
    """What a member declares in ``Finances ESUS``."""

    role: EsusRole
    activities: tuple[Activity, ...]
    pay: tuple[Pay, ...]
    object_article: str
    governance_article: str
    #: Ratio of total charges to operating charges is drawn around this value.
    operating_share: float = 0.97
    #: First financial year (start date) when the organisation is young.
    first_year_start: dt.date | None = None
    #: A one-off payment to the best-paid person (retirement bonus), by closing year,
    #: as a multiple of the year's top pay cap.
    top_bonus: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    """A member organisation and its first-period figures.

    Attributes
    ----------
    code, name, departement, sector, activity, legal_form, created
        Identity (``membres.csv``); ``sector`` is the broad group used for comparisons,
        ``activity`` what the organisation does.
    fte, budget, beneficiaries, volunteers, voters, board
        Full-time equivalents, total charges (k€), people reached, volunteers, voting
        members, seats on the board.
    economic, personal
        Shares of beneficiaries fragile for economic or social reasons, or for personal ones.
    maturity
        How far its practices go, from 0 to 1 (drives Likert levels and choices).
    pricing, participation
        Codes of ES-FRA-03 and ES-CIT-01.
    """

    code: str
    name: str
    departement: str
    sector: str
    activity: str
    legal_form: str
    created: dt.date
    fte: float
    budget: float
    beneficiaries: int
    volunteers: int
    voters: int
    board: int
    women_on_board: float
    economic: float
    personal: float
    maturity: float
    pricing: str
    participation: str
    collective_actions: int
    partners: int
    citizenship_actions: int
    green_actions: int
    priority_areas: float
    culture: float
    transition_fragile: float | None
    international: bool
    stakeholders: int
    assembly: float
    precarious: float
    turnover: float
    pay_ratio: float
    insertion: float
    volunteer_hours: int
    social_utility: float
    main_resource: float
    local_purchases: float
    equity: float
    growth: float
    respondents: tuple[int, ...] = ()
    finances: Finances | None = None


_ASSOCIATION = "association"

MEMBERS: tuple[Profile, ...] = (
    Profile(
        code="OCC-001",
        name="Association Les Cerisiers du Lauragais",
        departement="31",
        sector="Personnes âgées",
        activity="Aide et accompagnement à domicile",
        legal_form=_ASSOCIATION,
        created=dt.date(1987, 5, 12),
        fte=46.5,
        budget=1882.0,
        beneficiaries=412,
        volunteers=35,
        voters=118,
        board=12,
        women_on_board=0.58,
        economic=0.38,
        personal=0.92,
        maturity=0.72,
        pricing="module",
        participation="instance",
        collective_actions=28,
        partners=14,
        citizenship_actions=3,
        green_actions=2,
        priority_areas=44.0,
        culture=0.06,
        transition_fragile=None,
        international=False,
        stakeholders=3,
        assembly=31.0,
        precarious=21.0,
        turnover=18.5,
        pay_ratio=2.6,
        insertion=6.0,
        volunteer_hours=2300,
        social_utility=84.0,
        main_resource=58.0,
        local_purchases=52.0,
        equity=0.31,
        growth=0.035,
        respondents=(58, 63),
        finances=Finances(
            role="conforme",
            activities=(
                Activity(
                    "Aide et accompagnement à domicile des personnes âgées et des personnes "
                    "handicapées (service autorisé)",
                    0.70,
                    True,
                    "Au prorata des heures d'intervention",
                ),
                Activity(
                    "Portage de repas à domicile",
                    0.09,
                    True,
                    "Au prorata des charges directes",
                ),
                Activity(
                    "Actions collectives de prévention et de lutte contre l'isolement",
                    0.05,
                    True,
                    "Au prorata des heures de personnel",
                ),
                Activity(
                    "Prestations de confort pour des particuliers non fragiles (ménage, jardinage)",
                    0.16,
                    False,
                    "Au prorata des heures d'intervention",
                ),
            ),
            pay=(
                Pay("salarie", 52400.0, 1.0),
                Pay("salarie", 39800.0, 1.0),
                Pay("salarie", 35900.0, 1.0),
                Pay("salarie", 34700.0, 0.8, ((2023, 9),)),
                Pay("salarie", 33100.0, 1.0),
            ),
            object_article="Article 2",
            governance_article="Article 11",
        ),
    ),
    Profile(
        code="OCC-002",
        name="Association Le Chêne Vert des Monts de Lacaune",
        departement="81",
        sector="Personnes âgées",
        activity="Aide et soins à domicile, centre de soins infirmiers",
        legal_form=_ASSOCIATION,
        created=dt.date(1972, 10, 3),
        fte=318.0,
        budget=14620.0,
        beneficiaries=2950,
        volunteers=62,
        voters=241,
        board=15,
        women_on_board=0.47,
        economic=0.29,
        personal=0.95,
        maturity=0.6,
        pricing="module",
        participation="consultation",
        collective_actions=16,
        partners=31,
        citizenship_actions=2,
        green_actions=3,
        priority_areas=58.0,
        culture=0.02,
        transition_fragile=None,
        international=False,
        stakeholders=4,
        assembly=14.0,
        precarious=17.5,
        turnover=22.0,
        pay_ratio=4.4,
        insertion=3.5,
        volunteer_hours=3900,
        social_utility=92.0,
        main_resource=64.0,
        local_purchases=41.0,
        equity=0.22,
        growth=0.028,
        finances=Finances(
            role="plafond-depasse",
            activities=(
                Activity(
                    "Service de soins infirmiers à domicile",
                    0.34,
                    True,
                    "Au prorata des heures de soins",
                ),
                Activity(
                    "Service d'aide et d'accompagnement à domicile",
                    0.41,
                    True,
                    "Au prorata des heures d'intervention",
                ),
                Activity(
                    "Centre de soins infirmiers",
                    0.12,
                    True,
                    "Au prorata des actes",
                ),
                Activity(
                    "Équipe spécialisée Alzheimer à domicile",
                    0.05,
                    True,
                    "Au prorata des heures de soins",
                ),
                Activity(
                    "Téléassistance vendue à tout public",
                    0.08,
                    False,
                    "Au prorata du chiffre d'affaires",
                ),
            ),
            pay=(
                Pay("salarie-dirigeant", 121000.0, 1.0, benefits=2900.0),
                Pay("salarie", 92500.0, 1.0),
                Pay("salarie", 81000.0, 1.0),
                Pay("salarie", 72500.0, 1.0),
                Pay("salarie", 54000.0, 0.6),
            ),
            object_article="Article 3",
            governance_article="Article 12",
            operating_share=0.975,
            top_bonus=((2023, 1.09),),
        ),
    ),
    Profile(
        code="OCC-003",
        name="SCIC Les Routes Blanches du Quercy",
        departement="82",
        sector="Insertion",
        activity="Mobilité solidaire : garage, location de véhicules, auto-école sociale",
        legal_form="cooperative",
        created=dt.date(2023, 3, 1),
        fte=6.2,
        budget=412.0,
        beneficiaries=238,
        volunteers=12,
        voters=68,
        board=9,
        women_on_board=0.44,
        economic=0.74,
        personal=0.21,
        maturity=0.55,
        pricing="module",
        participation="decision",
        collective_actions=5,
        partners=11,
        citizenship_actions=2,
        green_actions=6,
        priority_areas=71.0,
        culture=0.0,
        transition_fragile=68.0,
        international=False,
        stakeholders=5,
        assembly=47.0,
        precarious=12.0,
        turnover=15.0,
        pay_ratio=1.6,
        insertion=28.0,
        volunteer_hours=520,
        social_utility=74.0,
        main_resource=41.0,
        local_purchases=63.0,
        equity=0.12,
        growth=0.31,
        finances=Finances(
            role="moins-de-trois-ans",
            activities=(
                Activity(
                    "Location solidaire de véhicules pour des personnes en parcours d'insertion",
                    0.38,
                    True,
                    "Au prorata du nombre de véhicules",
                ),
                Activity(
                    "Garage solidaire : réparations à tarif modulé selon les ressources",
                    0.22,
                    True,
                    "Au prorata des heures d'atelier",
                ),
                Activity(
                    "Auto-école sociale",
                    0.12,
                    True,
                    "Au prorata des heures de formation",
                ),
                Activity(
                    "Réparations pour une clientèle tout public",
                    0.28,
                    False,
                    "Au prorata des heures d'atelier",
                ),
            ),
            pay=(
                Pay("salarie-dirigeant", 34800.0, 1.0, ((2023, 10),)),
                Pay("salarie", 29500.0, 1.0, ((2023, 10),)),
                Pay("salarie", 27800.0, 0.8, ((2023, 8),)),
                Pay("salarie", 25900.0, 1.0, ((2023, 6),)),
                Pay("dirigeant", 12000.0, 0.3, ((2023, 10),)),
            ),
            object_article="Article 3",
            governance_article="Article 15",
            operating_share=0.985,
            first_year_start=dt.date(2023, 3, 1),
        ),
    ),
    Profile(
        code="OCC-004",
        name="Association Les Ateliers de l'Olivette",
        departement="34",
        sector="Handicap",
        activity="Établissement et service d'aide par le travail (ESAT)",
        legal_form=_ASSOCIATION,
        created=dt.date(1981, 9, 14),
        fte=24.3,
        budget=3148.0,
        beneficiaries=86,
        volunteers=6,
        voters=45,
        board=10,
        women_on_board=0.4,
        economic=0.27,
        personal=1.0,
        maturity=0.6,
        pricing="gratuit",
        participation="instance",
        collective_actions=14,
        partners=19,
        citizenship_actions=2,
        green_actions=4,
        priority_areas=22.0,
        culture=0.35,
        transition_fragile=None,
        international=False,
        stakeholders=3,
        assembly=38.0,
        precarious=8.0,
        turnover=9.0,
        pay_ratio=2.9,
        insertion=4.0,
        volunteer_hours=310,
        social_utility=88.0,
        main_resource=52.0,
        local_purchases=47.0,
        equity=0.41,
        growth=0.02,
    ),
    Profile(
        code="OCC-005",
        name="Association Passerelle Santé des Vallées d'Ariège",
        departement="09",
        sector="Santé",
        activity="Coordination des parcours de santé complexes (dispositif d'appui)",
        legal_form=_ASSOCIATION,
        created=dt.date(2004, 2, 2),
        fte=14.6,
        budget=1118.0,
        beneficiaries=1384,
        volunteers=4,
        voters=52,
        board=14,
        women_on_board=0.5,
        economic=0.33,
        personal=0.97,
        maturity=0.75,
        pricing="gratuit",
        participation="consultation",
        collective_actions=6,
        partners=46,
        citizenship_actions=5,
        green_actions=0,
        priority_areas=63.0,
        culture=0.0,
        transition_fragile=None,
        international=False,
        stakeholders=4,
        assembly=42.0,
        precarious=14.0,
        turnover=12.0,
        pay_ratio=2.8,
        insertion=0.0,
        volunteer_hours=140,
        social_utility=97.0,
        main_resource=93.0,
        local_purchases=35.0,
        equity=0.18,
        growth=0.04,
    ),
    Profile(
        code="OCC-006",
        name="Association La Maison des Genêts",
        departement="48",
        sector="Personnes âgées",
        activity="Accueil de jour pour personnes âgées et soutien aux aidants",
        legal_form=_ASSOCIATION,
        created=dt.date(2009, 6, 20),
        fte=5.8,
        budget=396.0,
        beneficiaries=46,
        volunteers=22,
        voters=64,
        board=9,
        women_on_board=0.67,
        economic=0.3,
        personal=1.0,
        maturity=0.5,
        pricing="module",
        participation="instance",
        collective_actions=48,
        partners=8,
        citizenship_actions=1,
        green_actions=1,
        priority_areas=100.0,
        culture=0.45,
        transition_fragile=None,
        international=False,
        stakeholders=3,
        assembly=45.0,
        precarious=10.0,
        turnover=11.0,
        pay_ratio=1.7,
        insertion=0.0,
        volunteer_hours=1650,
        social_utility=100.0,
        main_resource=61.0,
        local_purchases=68.0,
        equity=0.26,
        growth=0.025,
        respondents=(_TOO_FEW, _TOO_FEW),
    ),
    Profile(
        code="OCC-007",
        name="Association Tremplin des Coteaux de Gascogne",
        departement="32",
        sector="Insertion",
        activity="Atelier et chantier d'insertion (maraîchage biologique)",
        legal_form=_ASSOCIATION,
        created=dt.date(1998, 3, 30),
        fte=31.5,
        budget=1243.0,
        beneficiaries=54,
        volunteers=15,
        voters=41,
        board=8,
        women_on_board=0.38,
        economic=0.96,
        personal=0.35,
        maturity=0.65,
        pricing="gratuit",
        participation="instance",
        collective_actions=12,
        partners=17,
        citizenship_actions=4,
        green_actions=9,
        priority_areas=48.0,
        culture=0.15,
        transition_fragile=95.0,
        international=False,
        stakeholders=3,
        assembly=36.0,
        precarious=9.0,
        turnover=16.0,
        pay_ratio=1.8,
        insertion=76.0,
        volunteer_hours=780,
        social_utility=93.0,
        main_resource=48.0,
        local_purchases=71.0,
        equity=0.19,
        growth=0.03,
        respondents=(22, 27),
    ),
    Profile(
        code="OCC-008",
        name="Association Les Lucioles du Causse",
        departement="46",
        sector="Éducation populaire et culture",
        activity="Centre social rural et éducation populaire",
        legal_form=_ASSOCIATION,
        created=dt.date(1979, 11, 8),
        fte=11.2,
        budget=688.0,
        beneficiaries=1452,
        volunteers=85,
        voters=312,
        board=15,
        women_on_board=0.53,
        economic=0.31,
        personal=0.18,
        maturity=0.7,
        pricing="module",
        participation="decision",
        collective_actions=110,
        partners=24,
        citizenship_actions=22,
        green_actions=7,
        priority_areas=86.0,
        culture=0.38,
        transition_fragile=35.0,
        international=True,
        stakeholders=5,
        assembly=19.0,
        precarious=24.0,
        turnover=20.0,
        pay_ratio=1.9,
        insertion=9.0,
        volunteer_hours=6200,
        social_utility=91.0,
        main_resource=36.0,
        local_purchases=58.0,
        equity=0.34,
        growth=0.02,
        respondents=(41, 37),
    ),
    Profile(
        code="OCC-009",
        name="Association Tréteaux et Garrigues",
        departement="30",
        sector="Éducation populaire et culture",
        activity="Théâtre itinérant et médiation culturelle",
        legal_form=_ASSOCIATION,
        created=dt.date(1994, 4, 21),
        fte=4.3,
        budget=312.0,
        beneficiaries=2610,
        volunteers=40,
        voters=183,
        board=11,
        women_on_board=0.55,
        economic=0.22,
        personal=0.08,
        maturity=0.5,
        pricing="reduit",
        participation="consultation",
        collective_actions=64,
        partners=21,
        citizenship_actions=11,
        green_actions=1,
        priority_areas=52.0,
        culture=0.92,
        transition_fragile=None,
        international=True,
        stakeholders=2,
        assembly=27.0,
        precarious=38.0,
        turnover=24.0,
        pay_ratio=1.5,
        insertion=0.0,
        volunteer_hours=1850,
        social_utility=82.0,
        main_resource=34.0,
        local_purchases=61.0,
        equity=0.09,
        growth=0.01,
    ),
    Profile(
        code="OCC-010",
        name="Association Le Fanal du Rouergue",
        departement="12",
        sector="Insertion",
        activity="Hébergement et réinsertion sociale (CHRS)",
        legal_form=_ASSOCIATION,
        created=dt.date(1968, 1, 15),
        fte=27.4,
        budget=2054.0,
        beneficiaries=318,
        volunteers=18,
        voters=55,
        board=12,
        women_on_board=0.42,
        economic=0.98,
        personal=0.46,
        maturity=0.6,
        pricing="module",
        participation="instance",
        collective_actions=26,
        partners=27,
        citizenship_actions=6,
        green_actions=2,
        priority_areas=61.0,
        culture=0.2,
        transition_fragile=None,
        international=False,
        stakeholders=3,
        assembly=33.0,
        precarious=13.0,
        turnover=19.0,
        pay_ratio=2.7,
        insertion=7.0,
        volunteer_hours=900,
        social_utility=99.0,
        main_resource=82.0,
        local_purchases=44.0,
        equity=0.15,
        growth=0.025,
    ),
    Profile(
        code="OCC-011",
        name="Association Les Passereaux de Bigorre",
        departement="65",
        sector="Handicap",
        activity="Institut médico-éducatif et service d'éducation spéciale et de soins à domicile",
        legal_form=_ASSOCIATION,
        created=dt.date(1962, 9, 5),
        fte=58.7,
        budget=4384.0,
        beneficiaries=142,
        volunteers=9,
        voters=98,
        board=13,
        women_on_board=0.46,
        economic=0.24,
        personal=1.0,
        maturity=0.55,
        pricing="gratuit",
        participation="instance",
        collective_actions=20,
        partners=23,
        citizenship_actions=3,
        green_actions=3,
        priority_areas=34.0,
        culture=0.4,
        transition_fragile=None,
        international=False,
        stakeholders=4,
        assembly=24.0,
        precarious=15.0,
        turnover=13.0,
        pay_ratio=3.1,
        insertion=2.0,
        volunteer_hours=450,
        social_utility=100.0,
        main_resource=88.0,
        local_purchases=39.0,
        equity=0.38,
        growth=0.02,
    ),
    Profile(
        code="OCC-012",
        name="Association Bouts de Ficelle du Minervois",
        departement="11",
        sector="Insertion",
        activity="Ressourcerie et épicerie solidaire",
        legal_form=_ASSOCIATION,
        created=dt.date(2012, 5, 9),
        fte=7.4,
        budget=421.0,
        beneficiaries=386,
        volunteers=48,
        voters=262,
        board=10,
        women_on_board=0.6,
        economic=0.81,
        personal=0.2,
        maturity=0.45,
        pricing="reduit",
        participation="consultation",
        collective_actions=30,
        partners=13,
        citizenship_actions=5,
        green_actions=14,
        priority_areas=74.0,
        culture=0.05,
        transition_fragile=62.0,
        international=False,
        stakeholders=3,
        assembly=22.0,
        precarious=27.0,
        turnover=26.0,
        pay_ratio=1.4,
        insertion=41.0,
        volunteer_hours=4100,
        social_utility=86.0,
        main_resource=39.0,
        local_purchases=57.0,
        equity=-0.04,
        growth=0.04,
    ),
)
