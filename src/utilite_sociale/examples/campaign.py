"""The bundled example campaign: a fictional federation's returned files, over two periods.

:func:`write_example_campaign` writes what a federation would hold after two yearly
campaigns: the members list it sent templates from (``membres.csv``) and, per period, the
workbook each member sent back — generated with the library's own template writer, then
filled by id as a person would, including a few everyday mistakes that ``verifier``
reports. Everything is fictional and reproducible: the same seed gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .._atomic import atomic_write_bytes, atomic_write_text
from .._paths import safe_filename
from ..errors import ERROR, WARNING, Severity
from ..framework.models import IndicatorSet
from ._members import FEDERATION, MEMBERS, EsusRole, Finances, Profile
from ._values import (
    FinancialYear,
    Year,
    budgets,
    comments,
    financial_years,
    generic_answers,
    lasting_offsets,
    organisation_answers,
    respondent_answers,
    years,
)
from ._workbook import FilledWorkbook

__all__ = [
    "DEFAULT_SEED",
    "ExampleCampaign",
    "ExampleMember",
    "Mistake",
    "write_example_campaign",
]

#: The seed of the bundled example (any other seed gives another, equally plausible, one).
DEFAULT_SEED = 20250630
#: The référentiel the example federation uses.
INDICATOR_SET_ID = "ess-socle"
#: The référentiel of the file one member sent by mistake.
OTHER_INDICATOR_SET_ID = "reso-occitanie-2020-2024"
PERIODS = ("2023", "2024")
#: Per period: the day templates were generated, and the deadline to send them back.
_CALENDAR = {
    "2023": (dt.date(2024, 4, 15), dt.date(2024, 6, 28)),
    "2024": (dt.date(2025, 4, 14), dt.date(2025, 6, 30)),
}
#: The period whose workbooks carry ``Finances ESUS`` for the members applying.
ESUS_PERIOD = "2024"
#: The day the members applying for the ESUS agrément file their request.
REQUEST_DATE = dt.date(2025, 7, 15)
_CONTACT = (
    f"Pôle animation du réseau de la {FEDERATION} (fédération fictive, exemple fourni avec "
    "utilite_sociale)."
)
#: Rows of the ``Réponses`` sheet are sized to the questionnaires a member plans to collect,
#: rounded up to this step, plus one step to spare.
_RESPONDENT_ROWS_STEP = 10
_FICTION = (
    "Données d'exemple — fédération et membres fictifs",
    f"La « {FEDERATION} » et ses membres n'existent pas : ce classeur a été produit par "
    "utilite_sociale (utilite_sociale.examples) pour montrer une campagne complète. Toute "
    "ressemblance avec une organisation existante serait fortuite ; aucun numéro SIREN ou RNA "
    "n'est renseigné et aucune réponse ne concerne une personne réelle.",
)
_LEGAL_FORM_LABELS = {"association": "Association", "cooperative": "Coopérative"}


@dataclass(frozen=True, slots=True)
class Mistake:
    """A mistake made on purpose in an example file, and what ``verifier`` reports.

    Attributes
    ----------
    period, file
        The period and the file it is in.
    code, severity
        The issue code reported (``docs/erreurs-classeur.md``) and its severity.
    sheet, cell
        Where it is reported (``None`` for a file rejected as a whole).
    indicator
        The id concerned, if any.
    description
        What the person did, in French.
    """

    period: str
    file: Path
    code: str
    severity: Severity
    sheet: str | None
    cell: str | None
    indicator: str | None
    description: str


@dataclass(frozen=True, slots=True)
class ExampleMember:
    """One member of the example federation and the files it sent back.

    Attributes
    ----------
    code, name, departement, sector, activity, legal_form, created
        Identity as in ``membres.csv`` (``sector`` is the comparison group).
    files
        ``(period, path)`` of each file sent back.
    respondents
        ``(period, number of respondents)`` when the member used the ``Réponses`` sheet.
    mistakes
        The mistakes made on purpose in its files (empty for files without problems).
    tolerated
        French descriptions of unusual but accepted entries (read without any report).
    esus
        Its role in the ESUS example: ``"conforme"`` (passes every check),
        ``"plafond-depasse"`` (best pay above the cap one year), ``"moins-de-trois-ans"``
        (younger than three years at the request), else ``None``.
    esus_period
        The period whose workbook holds ``Finances ESUS``.
    """

    code: str
    name: str
    departement: str
    sector: str
    activity: str
    legal_form: str
    created: dt.date
    files: tuple[tuple[str, Path], ...]
    respondents: tuple[tuple[str, int], ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    tolerated: tuple[tuple[str, str], ...] = ()
    esus: EsusRole | None = None
    esus_period: str | None = None

    def file(self, period: str) -> Path:
        """The file sent back for a period."""
        return dict(self.files)[period]

    @property
    def has_respondents(self) -> bool:
        """Whether the member filled a ``Réponses`` sheet."""
        return bool(self.respondents)


@dataclass(frozen=True, slots=True)
class ExampleCampaign:
    """What :func:`write_example_campaign` wrote.

    Attributes
    ----------
    folder
        The folder written to.
    federation
        The federation's (fictional) name.
    indicator_set_id
        The référentiel the members answered.
    periods
        The periods, oldest first (files are in ``<folder>/<period>/``).
    members
        The members, by code.
    members_csv
        The members list (the format ``utilite-sociale modele --membres`` reads).
    readme
        ``LISEZ-MOI.md``: what the example holds, members and mistakes.
    seed
        The seed used.
    request_date
        The date of the ESUS requests (``esus.statuts.date_demande``).
    """

    folder: Path
    federation: str
    indicator_set_id: str
    periods: tuple[str, ...]
    members: tuple[ExampleMember, ...]
    members_csv: Path
    readme: Path
    seed: int
    request_date: dt.date = field(default=REQUEST_DATE)

    @property
    def files(self) -> tuple[Path, ...]:
        """Every member file, period by period, in member order."""
        return tuple(
            member.file(period)
            for period in self.periods
            for member in self.members
            if period in dict(member.files)
        )

    @property
    def mistakes(self) -> tuple[Mistake, ...]:
        """Every mistake made on purpose, member by member."""
        return tuple(mistake for member in self.members for mistake in member.mistakes)

    def member(self, code: str) -> ExampleMember:
        """The member with this code."""
        for member in self.members:
            if member.code == code:
                return member
        raise KeyError(code)


# -- mistakes -------------------------------------------------------------------------------

SlipKind = Literal["valeur", "format-pourcentage", "renommage", "repondant", "autre-referentiel"]


@dataclass(frozen=True, slots=True)
class _Slip:
    """A mistake (``code`` set) or an unusual but accepted entry (``code`` ``None``)."""

    item: str
    description: str
    code: str | None = None
    severity: Severity = ERROR
    value: Callable[[Mapping[str, Any]], Any] | None = None
    kind: SlipKind = "valeur"
    comment: str | None = None


def _french(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _with_nbsp(value: float) -> str:
    return f"{int(value):,}".replace(",", "\u00a0")


_SLIPS: Mapping[tuple[str, str], tuple[_Slip, ...]] = {
    ("OCC-001", "2023"): (
        _Slip(
            "ES-EMP-07",
            "Heures de bénévolat tapées comme du texte, avec une espace insécable comme "
            "séparateur des milliers : lues sans problème.",
            value=lambda answers: _with_nbsp(answers["ES-EMP-07"]),
        ),
    ),
    ("OCC-004", "2023"): (
        _Slip(
            "ES-ECO-02",
            "« {shown} » tapé dans une cellule passée au format pourcentage : la cellule "
            "contient une fraction, relue en pourcentage.",
            code="valeur-ajustee",
            severity=WARNING,
            value=lambda answers: round(answers["ES-ECO-02"] / 100, 4),
            kind="format-pourcentage",
        ),
        _Slip(
            "ES-EMP-01",
            "Part des contrats précaires écrite comme une fraction (« {shown} ») : relue en "
            "pourcentage.",
            code="valeur-ajustee",
            severity=WARNING,
            value=lambda answers: _french(answers["ES-EMP-01"] / 100),
        ),
    ),
    ("OCC-010", "2023"): (
        _Slip(
            "ES-FRA-03",
            "Réponse écrite à la main au lieu d'un choix de la liste déroulante : « {shown} ».",
            code="hors-liste",
            value=lambda _: "Participation aux frais selon les ressources",
        ),
        _Slip(
            "ES-CIT-04",
            "Commentaire écrit dans la cellule de réponse au lieu d'un pourcentage : « {shown} ».",
            code="type-invalide",
            value=lambda _: "environ la moitié, à vérifier avec le bureau",
        ),
    ),
    ("OCC-012", "2023"): (
        _Slip(
            "ES-LIE-04",
            "Pourcentage tapé comme du texte avec son signe (« {shown} ») : lu sans problème.",
            value=lambda answers: f"{_french(answers['ES-LIE-04'])}\u00a0%",
        ),
    ),
    ("OCC-005", "2024"): (
        _Slip(
            "",
            "Le membre a renvoyé le questionnaire d'une autre fédération dont il est aussi "
            f"adhérent (référentiel « {OTHER_INDICATOR_SET_ID} ») : le fichier est rejeté en "
            "entier, comme il se doit.",
            code="autre-referentiel",
            kind="autre-referentiel",
        ),
    ),
    ("OCC-008", "2024"): (
        _Slip(
            "ES-LIE-02",
            "Dans la feuille « Réponses », un répondant a écrit « {shown} » au lieu de choisir "
            "un niveau d'accord.",
            code="hors-liste",
            value=lambda _: "Oui",
            kind="repondant",
        ),
    ),
    ("OCC-009", "2024"): (
        _Slip(
            "Questionnaire 2024",
            "Feuille « Indicateurs » renommée « Questionnaire 2024 » : retrouvée par son contenu.",
            kind="renommage",
        ),
        _Slip(
            "ES-ECO-01",
            "Réponse obligatoire laissée vide, avec un commentaire qui explique pourquoi.",
            code="reponse-manquante",
            severity=WARNING,
            value=lambda _: None,
            comment="Comptabilité analytique en cours de mise en place : la part sera "
            "connue après l'assemblée générale.",
        ),
        _Slip(
            "ES-EMP-07",
            "Heures de bénévolat tapées comme du texte (« {shown} ») : lues sans problème.",
            value=lambda answers: _with_nbsp(answers["ES-EMP-07"]),
        ),
    ),
    ("OCC-011", "2024"): (
        _Slip(
            "ES-GOU-01",
            "Nombre de personnes présentes à l'assemblée générale (« {shown} ») tapé à la "
            "place d'un pourcentage.",
            code="hors-limites",
            value=lambda answers: 132,
        ),
        _Slip(
            "ES-GOU-03",
            "Réponse obligatoire laissée vide, sans commentaire.",
            code="reponse-manquante",
            value=lambda _: None,
        ),
    ),
    ("OCC-012", "2024"): (
        _Slip(
            "ES-FRA-01",
            "Passages à l'épicerie comptés à la place des personnes : « {shown} » dépasse le "
            "nombre de bénéficiaires.",
            code="incoherence-partie-total",
            value=lambda answers: round(answers["ES-CTX-BENEF"] * 1.85),
        ),
        _Slip(
            "ES-DUR-06",
            "« {shown} » au lieu de « Oui » ou « Non ».",
            code="hors-liste",
            value=lambda _: "Oui, en projet",
        ),
    ),
}
#: The respondent (0-based row of ``Réponses``) whose answer is mistyped.
_MISTYPED_RESPONDENT = 11


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return _french(value)
    return str(value)


# -- writing --------------------------------------------------------------------------------


def _stem(profile: Profile) -> str:
    """``occ-001-association-…``: the file name ``modele --membres`` gives the member."""
    parts = (safe_filename(profile.code, default=""), safe_filename(profile.name, default=""))
    return "-".join(part for part in parts if part)


def _identity(profile: Profile) -> dict[str, str]:
    """What the federation pre-fills, as ``modele --membres`` reads it from ``membres.csv``."""
    return {
        "org.code_adherent": profile.code,
        "org.nom": profile.name,
        "org.forme_juridique": profile.legal_form,
        "org.date_creation": profile.created.strftime("%d/%m/%Y"),
        "org.departement": profile.departement,
        "org.secteur": profile.sector,
    }


def _members_csv(folder: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "code_adherent",
            "nom",
            "siren",
            "rna",
            "forme_juridique",
            "date_creation",
            "departement",
            "secteur",
        ]
    )
    for profile in MEMBERS:
        writer.writerow(
            [
                profile.code,
                profile.name,
                "",
                "",
                _LEGAL_FORM_LABELS[profile.legal_form],
                profile.created.strftime("%d/%m/%Y"),
                profile.departement,
                profile.sector,
            ]
        )
    return atomic_write_text(folder / "membres.csv", "\ufeff" + buffer.getvalue())


def _respondent_rows(profile: Profile) -> int:
    """Rows of the member's ``Réponses`` sheet: its planned questionnaires, and some spare."""
    step = _RESPONDENT_ROWS_STEP
    return (max(profile.respondents, default=0) // step + 2) * step


def _stamp(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(minutes=minutes)


def _esus_values(
    finances: Finances, closed: Sequence[FinancialYear], roles: Mapping[str, str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for year in closed:
        prefix = f"esus.{year.year}"
        values[f"{prefix}.debut"] = dt.datetime.combine(year.start, dt.time())
        values[f"{prefix}.fin"] = dt.datetime.combine(year.end, dt.time())
        values[f"{prefix}.approuve"] = "Oui"
        values[f"{prefix}.charges_exploitation_totales"] = year.operating_charges
        for line, (label, charges, useful, key) in enumerate(year.activities, start=1):
            activity = f"{prefix}.activite.{line}"
            values[f"{activity}.libelle"] = label
            values[f"{activity}.charges"] = charges
            values[f"{activity}.utilite_sociale"] = "Oui" if useful else "Non"
            values[f"{activity}.cle_repartition"] = key
        for rank, person in enumerate(year.pay, start=1):
            paid = f"{prefix}.remuneration.{rank}"
            values[f"{paid}.fonction"] = roles[person.role]
            values[f"{paid}.brut_annuel"] = person.gross
            if person.benefits:
                values[f"{paid}.avantages_nature"] = person.benefits
            values[f"{paid}.quotite"] = round(person.fte * 100)
            values[f"{paid}.mois"] = person.months
    values["esus.titres_cotes"] = "Non"
    values["esus.statuts.article_objet_social"] = finances.object_article
    values["esus.statuts.article_gouvernance"] = finances.governance_article
    values["esus.statuts.date_demande"] = dt.datetime.combine(REQUEST_DATE, dt.time())
    return values


def _role_labels() -> dict[str, str]:
    from ..survey.layout import esus_fields

    for _, fields in esus_fields((2000,), ()):
        for item in fields:
            if item.id.endswith(".remuneration.1.fonction"):
                return dict(item.choices)
    raise LookupError("no pay role field")


@dataclass
class _Context:
    ref: IndicatorSet
    folder: Path
    roles: dict[str, str]
    other: IndicatorSet | None = None


def _save(
    workbook: FilledWorkbook, path: Path, period: str, profile: Profile, returned: dt.datetime
) -> None:
    generated = _stamp(_CALENDAR[period][0], 0)
    workbook.add_note(_FICTION)
    data = workbook.save(
        created=generated,
        modified=returned,
        author=FEDERATION,
        editor=profile.name,
        title=f"Auto-évaluation {period} — {profile.name}",
        description=_FICTION[1],
    )
    atomic_write_bytes(path, data)


def _member(context: _Context, profile: Profile, sequence: np.random.SeedSequence) -> ExampleMember:
    from ..survey.template import build_template, esus_years

    ref = context.ref
    values_rng, respondents_rng, finances_rng, dates_rng = (
        np.random.default_rng(child) for child in sequence.spawn(4)
    )
    budget = budgets(profile, values_rng)
    offsets = lasting_offsets(ref, values_rng)
    periods = years(profile, PERIODS, budget, values_rng)
    closed: list[FinancialYear] = []
    if profile.finances is not None:
        today = _CALENDAR[ESUS_PERIOD][0]
        closed = financial_years(
            profile.finances, esus_years(ESUS_PERIOD, today=today), budget, finances_rng
        )
    shares = {year.year: year.social_utility_share for year in closed}
    files: list[tuple[str, Path]] = []
    mistakes: list[Mistake] = []
    tolerated: list[tuple[str, str]] = []
    respondents: list[tuple[str, int]] = []
    for index, year in enumerate(periods):
        period = year.period
        generated, deadline = _CALENDAR[period]
        path = context.folder / period / f"{_stem(profile)}.xlsx"
        files.append((period, path))
        returned = _stamp(deadline, 0) - dt.timedelta(
            days=int(dates_rng.integers(1, 40)), minutes=int(dates_rng.integers(0, 480))
        )
        slips = _SLIPS.get((profile.code, period), ())
        if any(slip.kind == "autre-referentiel" for slip in slips):
            mistakes += _other_referentiel(
                context, profile, year, (path, returned), slips, values_rng
            )
            continue
        esus = profile.finances is not None and period == ESUS_PERIOD
        with_respondents = bool(profile.respondents)
        template = build_template(
            ref,
            esus=esus,
            respondents=with_respondents,
            period=period,
            deadline=deadline,
            contact=_CONTACT,
            member=_identity(profile),
            respondent_rows=_respondent_rows(profile),
            today=generated,
        )
        workbook = FilledWorkbook(template)
        answers = organisation_answers(
            ref,
            profile,
            year,
            social_utility=shares.get(year.year) if profile.finances else None,
            offsets=offsets,
            with_respondents=with_respondents,
            rng=values_rng,
        )
        workbook.set(answers)
        workbook.set({"org.etp": year.fte, "org.budget": round(year.budget * 1000)})
        slip_items = [slip.item for slip in slips]
        workbook.comment(comments(list(answers), values_rng, exclude=slip_items))
        if with_respondents:
            count = profile.respondents[index]
            ids, rows = respondent_answers(ref, year.maturity, offsets, count, respondents_rng)
            workbook.respondents(ids, rows)
            respondents.append((period, count))
        if esus and profile.finances is not None:
            workbook.set(_esus_values(profile.finances, closed, context.roles))
        for slip in slips:
            found = _apply(workbook, slip, answers)
            if slip.code is None:
                tolerated.append((period, slip.description.format(shown=_shown(found))))
        for slip in slips:
            if slip.code is None:
                continue
            sheet, cell = _location(workbook, slip)
            mistakes.append(
                Mistake(
                    period=period,
                    file=path,
                    code=slip.code,
                    severity=slip.severity,
                    sheet=sheet,
                    cell=cell,
                    indicator=slip.item,
                    description=slip.description.format(shown=_shown(_found(workbook, slip))),
                )
            )
        _save(workbook, path, period, profile, returned)
    role = profile.finances.role if profile.finances is not None else None
    return ExampleMember(
        code=profile.code,
        name=profile.name,
        departement=profile.departement,
        sector=profile.sector,
        activity=profile.activity,
        legal_form=profile.legal_form,
        created=profile.created,
        files=tuple(files),
        respondents=tuple(respondents),
        mistakes=tuple(mistakes),
        tolerated=tuple(tolerated),
        esus=role,
        esus_period=ESUS_PERIOD if role else None,
    )


def _apply(workbook: FilledWorkbook, slip: _Slip, answers: Mapping[str, Any]) -> Any:
    """Make the mistake in the workbook; return what the person typed."""
    if slip.kind == "renommage":
        from ..survey.layout import SHEET_INDICATORS

        workbook.book[SHEET_INDICATORS].title = slip.item
        return slip.item
    value = slip.value(answers) if slip.value is not None else None
    if slip.kind == "repondant":
        _, cell = workbook.respondent_cell(_MISTYPED_RESPONDENT, slip.item)
        cell.value = value
        return value
    workbook.set({slip.item: value})
    if slip.kind == "format-pourcentage":
        workbook.answers[slip.item].number_format = "0%"
    if slip.comment is not None:
        workbook.comment({slip.item: slip.comment})
    return value


def _found(workbook: FilledWorkbook, slip: _Slip) -> Any:
    if slip.kind == "repondant":
        return workbook.respondent_cell(_MISTYPED_RESPONDENT, slip.item)[1].value
    value = workbook.answers[slip.item].value
    if slip.kind == "format-pourcentage" and isinstance(value, float):
        return f"{_french(value * 100)}\u00a0%"
    return value


def _location(workbook: FilledWorkbook, slip: _Slip) -> tuple[str, str]:
    if slip.kind == "repondant":
        sheet, cell = workbook.respondent_cell(_MISTYPED_RESPONDENT, slip.item)
        return sheet, cell.coordinate
    return workbook.where(slip.item)


def _other_referentiel(
    context: _Context,
    profile: Profile,
    year: Year,
    destination: tuple[Path, dt.datetime],
    slips: Sequence[_Slip],
    rng: np.random.Generator,
) -> list[Mistake]:
    """The file a member filled for its other federation and sent here by mistake."""
    from ..framework.registry import load_indicator_set
    from ..survey.template import build_template

    if context.other is None:
        context.other = load_indicator_set(OTHER_INDICATOR_SET_ID)
    other = context.other
    generated, deadline = _CALENDAR[year.period]
    template = build_template(
        other,
        period=year.period,
        deadline=deadline - dt.timedelta(days=30),
        member={"org.nom": profile.name, "org.departement": profile.departement},
        today=generated - dt.timedelta(days=20),
    )
    workbook = FilledWorkbook(template)
    workbook.set(generic_answers(other, profile, year, rng))
    workbook.set({"org.etp": year.fte, "org.budget": round(year.budget * 1000)})
    path, returned = destination
    _save(workbook, path, year.period, profile, returned)
    return [
        Mistake(
            period=year.period,
            file=path,
            code=slip.code or "",
            severity=slip.severity,
            sheet=None,
            cell=None,
            indicator=None,
            description=slip.description,
        )
        for slip in slips
    ]


def write_example_campaign(
    folder: str | os.PathLike[str], *, seed: int = DEFAULT_SEED
) -> ExampleCampaign:
    """Write the example campaign of the fictional « Fédération exemple Occitanie ».

    Twelve fictional members (associations, a SCIC, an ESAT, a health coordination network,
    an accueil de jour…) across Occitanie answer the built-in référentiel ``ess-socle`` for
    two periods (2023 and 2024). Four use the ``Réponses`` sheet (one with fewer respondents
    than the small-number threshold); three fill ``Finances ESUS`` in 2024 (one passes every
    check, one pays its best paid above the cap one year, one is younger than three years);
    a few files hold the mistakes people make (see :attr:`ExampleCampaign.mistakes`).

    Parameters
    ----------
    folder
        Where to write: ``membres.csv``, ``LISEZ-MOI.md`` and ``<period>/<code>-<nom>.xlsx``.
        Created if needed; files of the same names are replaced atomically, others are
        left alone.
    seed
        Seed of the random draws: the same seed gives byte-identical files.

    Returns
    -------
    ExampleCampaign
        The référentiel, periods, members with their files, respondents, mistakes and ESUS
        roles.

    Examples
    --------
    >>> from utilite_sociale.examples import write_example_campaign
    >>> example = write_example_campaign("exemple/")  # doctest: +SKIP
    >>> [m.code for m in example.members if m.esus]  # doctest: +SKIP
    ['OCC-001', 'OCC-002', 'OCC-003']
    """
    from ..framework.registry import load_indicator_set

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    context = _Context(load_indicator_set(INDICATOR_SET_ID), target, _role_labels())
    members_csv = _members_csv(target)
    sequences = np.random.SeedSequence(seed).spawn(len(MEMBERS))
    members = tuple(
        _member(context, profile, sequence)
        for profile, sequence in zip(MEMBERS, sequences, strict=True)
    )
    campaign = ExampleCampaign(
        folder=target,
        federation=FEDERATION,
        indicator_set_id=INDICATOR_SET_ID,
        periods=PERIODS,
        members=members,
        members_csv=members_csv,
        readme=target / "LISEZ-MOI.md",
        seed=seed,
    )
    atomic_write_text(campaign.readme, _readme(campaign, context.ref))
    return campaign


# -- LISEZ-MOI ------------------------------------------------------------------------------

_ESUS_LABELS = {
    "conforme": "remplit chaque condition vérifiée (3 exercices clos)",
    "plafond-depasse": "rémunération la plus élevée au-dessus du plafond en 2023",
    "moins-de-trois-ans": "créée il y a moins de trois ans (2 exercices clos)",
}


def _readme(campaign: ExampleCampaign, ref: IndicatorSet) -> str:
    def relative(path: Path) -> str:
        return path.relative_to(campaign.folder).as_posix()

    lines = [
        f"# {campaign.federation} — campagne d'exemple (données fictives)",
        "",
        f"La « {campaign.federation} » et ses {len(campaign.members)} membres sont **fictifs** : "
        "ce dossier a été produit par `utilite_sociale.examples.write_example_campaign` "
        f"(graine {campaign.seed}) pour montrer une campagne complète. Toute ressemblance avec "
        "une organisation existante serait fortuite. Aucun numéro SIREN ou RNA n'est "
        "renseigné ; aucune réponse ne concerne une personne réelle.",
        "",
        f"Référentiel : `{ref.id}` (version {ref.version}), « {ref.title} ». "
        f"Périodes : {', '.join(campaign.periods)}.",
        "",
        "- `membres.csv` : la liste des membres, au format de `utilite-sociale modele "
        "--membres`. Ce n'est pas un classeur de membre : pour vérifier ou évaluer les "
        "retours, donnez les dossiers des périodes (`verifier 2023/ 2024/ -r "
        f"{ref.id}`).",
        "- " + ", ".join(f"`{period}/`" for period in campaign.periods) + " : les classeurs "
        "renvoyés par les membres, produits par `utilite-sociale modele` puis remplis.",
        "",
        "## Membres",
        "",
        "| code | nom | département | secteur | activité | répondants | agrément ESUS |",
        "|---|---|---|---|---|---|---|",
    ]
    for member in campaign.members:
        counts = ", ".join(f"{period} : {count}" for period, count in member.respondents)
        esus = _ESUS_LABELS[member.esus] if member.esus else ""
        lines.append(
            f"| {member.code} | {member.name} | {member.departement} | {member.sector} | "
            f"{member.activity} | {counts} | {esus} |"
        )
    lines += [
        "",
        "## Erreurs faites exprès",
        "",
        "Chacune est signalée par `utilite-sociale verifier` avec son code et sa cellule.",
        "",
        "| période | fichier | code | gravité | cellule | ce que la personne a fait |",
        "|---|---|---|---|---|---|",
    ]
    for mistake in campaign.mistakes:
        where = f"{mistake.sheet}!{mistake.cell}" if mistake.sheet else "(fichier entier)"
        lines.append(
            f"| {mistake.period} | `{relative(mistake.file)}` | `{mistake.code}` | "
            f"{mistake.severity} | {where} | {mistake.description} |"
        )
    tolerated = [
        (member, period, text) for member in campaign.members for period, text in member.tolerated
    ]
    if tolerated:
        lines += ["", "## Saisies inhabituelles mais acceptées", ""]
        lines += [
            f"- {period}, `{relative(member.file(period))}` : {text}"
            for member, period, text in tolerated
        ]
    return "\n".join(lines) + "\n"
