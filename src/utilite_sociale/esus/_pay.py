"""L3332-17-1 I 3°: caps on the pay of the best-paid people, per financial year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .._format import format_date
from ..reference import (
    AnnualReference,
    PayCapRule,
    annual_smic_reference,
    esus_text_label,
    legal_working_time,
    pay_cap_rule,
    plein_droit_conditions,
    smic_in_force,
)
from ._common import (
    YearSelection,
    basis,
    condition_basis,
    euros,
    exact,
    excess_euros,
    join_fr,
    multiple,
    stored,
    year_label,
)
from .inputs import EsusInputs, FinancialYear, PaidPerson, pay_cell, year_cell
from .results import (
    CellValue,
    CheckResult,
    Column,
    Figure,
    LegalBasis,
    Reading,
    Status,
    Table,
)

__all__ = ["check_pay"]

_TITLE = "Plafonds de rémunération"
_ROLE_LABELS = {
    "salarie": "Salarié",
    "dirigeant": "Dirigeant",
    "salarie-dirigeant": "Salarié et dirigeant",
}


@dataclass(frozen=True, slots=True)
class _Person:
    rank: int
    item: PaidPerson
    figure: Fraction
    with_benefits: Fraction


@dataclass(frozen=True, slots=True)
class _Outcome:
    """Mean and top of the best paid against the caps, under one reading."""

    n: int
    mean: Fraction | None
    top: Fraction | None
    mean_cap: Fraction
    top_cap: Fraction

    @property
    def passes(self) -> bool:
        return (self.mean is None or self.mean <= self.mean_cap) and (
            self.top is None or self.top <= self.top_cap
        )


@dataclass
class _Year:
    closing_year: int
    item: FinancialYear | None
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)
    declared_none: bool = False
    reference: AnnualReference | None = None
    reference_end: AnnualReference | None = None
    exact_reference: Fraction | None = None
    exact_reference_end: Fraction | None = None
    rule: PayCapRule | None = None
    main: _Outcome | None = None
    benefits: _Outcome | None = None
    at_end: _Outcome | None = None
    status: Status = Status.A_COMPLETER


def _exact_reference(reference: AnnualReference, *, branch: bool = True) -> Fraction:
    """The annual reference, exactly (the reference module rounds ÷ n to 28 digits).

    With ``branch=False``, the SMIC reference alone, even when the branch minimum is higher.
    """
    if branch and reference.uses_branch_minimum and reference.branch_minimum is not None:
        return exact(reference.branch_minimum)
    months_per_year = legal_working_time().months_per_year
    if not reference.months:
        return Fraction(0)
    if reference.convention == "fin":
        return exact(reference.months[-1][1]) * months_per_year
    total = sum((exact(amount) for _, amount in reference.months), Fraction(0))
    count = reference.month_count
    return total if count == months_per_year else total * months_per_year / count


def _outcome(
    people: list[_Person], rule: PayCapRule, reference: Fraction, *, benefits: bool
) -> _Outcome:
    values = sorted(
        (person.with_benefits if benefits else person.figure for person in people), reverse=True
    )[: rule.mean_top_n]
    mean = sum(values, Fraction(0)) / len(values) if values else None
    top = values[0] if values else None
    return _Outcome(
        n=len(values),
        mean=mean,
        top=top,
        mean_cap=exact(rule.mean_multiplier) * reference,
        top_cap=exact(rule.top_multiplier) * reference,
    )


def _people(year: _Year, item: FinancialYear) -> None:
    rows = [person for person in item.paid_people if not person.is_blank]
    months_per_year = legal_working_time().months_per_year
    if not rows:
        year.missing.append(pay_cell(year.closing_year, 1, "brut_annuel"))
        return
    for position, person in enumerate(rows, start=1):
        rank = person.rank or position
        if person.gross_annual is None:
            year.missing.append(pay_cell(year.closing_year, rank, "brut_annuel"))
            continue
        if person.gross_annual == 0:
            continue
        absent = [
            pay_cell(year.closing_year, rank, name)
            for name, value in (("quotite", person.fte_share), ("mois", person.months_present))
            if value is None
        ]
        if absent:
            year.missing += absent
            continue
        assert person.fte_share is not None
        assert person.months_present is not None
        if not 0 < person.fte_share <= 1:
            year.problems.append(
                f"quotité de la ligne {rank} hors de ]0 ; 100\u00a0%] "
                f"({pay_cell(year.closing_year, rank, 'quotite')})"
            )
            continue
        if person.months_present <= 0:
            year.problems.append(
                f"mois de présence nuls à la ligne {rank} "
                f"({pay_cell(year.closing_year, rank, 'mois')})"
            )
            continue
        scale = Fraction(months_per_year) / (exact(person.fte_share) * exact(person.months_present))
        gross = exact(person.gross_annual)
        extra = (
            exact(person.benefits_in_kind) if person.benefits_in_kind is not None else Fraction(0)
        )
        year.people.append(_Person(rank, person, gross * scale, (gross + extra) * scale))
    year.declared_none = not year.people and not year.missing and not year.problems


def _year(closing_year: int, item: FinancialYear | None, inputs: EsusInputs) -> _Year:
    year = _Year(closing_year, item)
    if item is None:
        year.missing += [
            year_cell(closing_year, "debut"),
            year_cell(closing_year, "fin"),
            pay_cell(closing_year, 1, "brut_annuel"),
        ]
        return year
    year.missing += [
        year_cell(closing_year, name)
        for name, value in (("debut", item.start), ("fin", item.end))
        if value is None
    ]
    _people(year, item)
    if item.start is None or item.end is None:
        return year
    try:
        year.reference = annual_smic_reference(
            start=item.start, end=item.end, branch_minimum=inputs.branch_minimum
        )
        year.reference_end = annual_smic_reference(
            start=item.start, end=item.end, convention="fin", branch_minimum=inputs.branch_minimum
        )
        year.rule = pay_cap_rule(item.end)
    except (ValueError, LookupError) as error:
        year.problems.append(str(error).rstrip("."))
        return year
    year.exact_reference = _exact_reference(year.reference)
    year.exact_reference_end = _exact_reference(year.reference_end)
    if year.missing or year.problems:
        year.status = Status.A_COMPLETER if year.missing else Status.A_VERIFIER
        return year
    year.main = _outcome(year.people, year.rule, year.exact_reference, benefits=False)
    year.benefits = _outcome(year.people, year.rule, year.exact_reference, benefits=True)
    year.at_end = _outcome(year.people, year.rule, year.exact_reference_end, benefits=False)
    year.status = Status.CONFORME if year.main.passes else Status.NON_CONFORME
    if not year.reference.starts_on_first_of_month:
        year.status = Status.A_VERIFIER
    return year


def _status(year: _Year) -> Status:
    if year.missing:
        return Status.A_COMPLETER
    if year.problems:
        return Status.A_VERIFIER
    return year.status


def _reference_text(year: _Year, multiplier: Decimal) -> str:
    assert year.reference is not None
    assert year.exact_reference is not None
    source = ", minimum de branche" if year.reference.uses_branch_minimum else ""
    return f"{multiple(multiplier)} × {euros(year.exact_reference)}{source}"


def _statements(year: _Year) -> list[str]:
    """What exceeds (or not) in one year, in French, with the figures."""
    assert year.main is not None
    assert year.rule is not None
    assert year.item is not None
    outcome, rule = year.main, year.rule
    label = year_label(year.item)
    group = (
        f"la moyenne des {outcome.n} plus hautes rémunérations"
        if outcome.n >= rule.mean_top_n
        else f"la moyenne des {outcome.n} rémunérations déclarées (moins de {rule.mean_top_n} "
        "personnes rémunérées)"
    )
    out: list[str] = []
    if outcome.mean is not None and outcome.mean > outcome.mean_cap:
        out.append(
            f"{group} dépasse de {excess_euros(outcome.mean - outcome.mean_cap)} le plafond de "
            f"{euros(outcome.mean_cap)} ({_reference_text(year, rule.mean_multiplier)}) "
            f"pour {label}"
        )
    if outcome.top is not None and outcome.top > outcome.top_cap:
        out.append(
            f"la plus haute rémunération (en équivalent temps plein annuel) dépasse de "
            f"{excess_euros(outcome.top - outcome.top_cap)} le plafond de {euros(outcome.top_cap)} "
            f"({_reference_text(year, rule.top_multiplier)}) pour {label}"
        )
    return out


def _tables(years: list[_Year]) -> list[Table]:
    tables: list[Table] = []
    summary_rows: list[tuple[CellValue, ...]] = []
    for year in years:
        if (
            year.reference is not None
            and year.exact_reference is not None
            and year.rule is not None
        ):
            main = year.main
            summary_rows.append(
                (
                    str(year.closing_year),
                    stored(year.exact_reference),
                    "minimum de branche" if year.reference.uses_branch_minimum else "SMIC",
                    main.n if main else None,
                    stored(main.mean) if main and main.mean is not None else None,
                    stored(exact(year.rule.mean_multiplier) * year.exact_reference),
                    stored(main.top) if main and main.top is not None else None,
                    stored(exact(year.rule.top_multiplier) * year.exact_reference),
                    _status(year).value,
                )
            )
            tables.append(
                Table(
                    id=f"smic-{year.closing_year}",
                    title="SMIC mensuel brut retenu, "
                    + year_label(year.item or year.closing_year, with_article=False),
                    columns=(
                        Column(key="mois", label="Mois (1er jour)", unit="date"),
                        Column(key="smic_mensuel", label="SMIC mensuel brut", unit="euros"),
                    ),
                    rows=tuple((day, amount) for day, amount in year.reference.months),
                    year=year.closing_year,
                    note=(
                        f"Somme des SMIC mensuels en vigueur le 1er de chaque mois : "
                        f"{euros(sum((exact(a) for _, a in year.reference.months), Fraction(0)))}"
                        + (
                            f", ramenée à 12 mois ({year.reference.month_count} mois d'exercice)"
                            if year.reference.month_count != legal_working_time().months_per_year
                            else ""
                        )
                        + "."
                    ),
                )
            )
        if year.item is None or not year.item.paid_people:
            continue
        computed = {person.rank: person for person in year.people}
        kept = set()
        if year.rule is not None:
            ordered = sorted(year.people, key=lambda person: person.figure, reverse=True)
            kept = {person.rank for person in ordered[: year.rule.mean_top_n]}
        rows: list[tuple[CellValue, ...]] = []
        for position, person in enumerate(year.item.paid_people, start=1):
            rank = person.rank or position
            done = computed.get(rank)
            rows.append(
                (
                    rank,
                    _ROLE_LABELS.get(person.role or ""),
                    person.gross_annual,
                    person.benefits_in_kind,
                    person.fte_share,
                    person.months_present,
                    stored(done.figure) if done else None,
                    stored(done.with_benefits) if done else None,
                    ("oui" if rank in kept else "non") if done else None,
                )
            )
        tables.append(
            Table(
                id=f"remunerations-{year.closing_year}",
                title="Rémunérations les plus élevées, "
                + year_label(year.item, with_article=False),
                columns=(
                    Column(key="ligne", label="Ligne", unit="nombre"),
                    Column(key="fonction", label="Fonction", unit="texte"),
                    Column(key="brut_annuel", label="Brut versé, primes comprises", unit="euros"),
                    Column(key="avantages_nature", label="Avantages en nature", unit="euros"),
                    Column(key="quotite", label="Quotité", unit="quotite"),
                    Column(key="mois", label="Mois de présence", unit="mois"),
                    Column(
                        key="equivalent_temps_plein",
                        label="Équivalent temps plein annuel",
                        unit="euros",
                    ),
                    Column(key="avec_avantages", label="Avec avantages en nature", unit="euros"),
                    Column(key="retenu", label="Dans la moyenne", unit="texte"),
                ),
                rows=tuple(rows),
                year=year.closing_year,
                note=(
                    "Équivalent temps plein annuel = brut primes comprises ÷ quotité × 12 ÷ mois "
                    "de présence ; les avantages en nature sont montrés à part et ne comptent "
                    "pas dans le statut."
                ),
            )
        )
    if summary_rows:
        tables.insert(
            0,
            Table(
                id="plafonds",
                title="Plafonds de rémunération par exercice",
                columns=(
                    Column(key="exercice", label="Exercice", unit="texte"),
                    Column(key="reference", label="Référence annuelle", unit="euros"),
                    Column(key="source", label="Base", unit="texte"),
                    Column(key="n", label="Personnes retenues", unit="nombre"),
                    Column(key="moyenne", label="Moyenne", unit="euros"),
                    Column(key="plafond_moyenne", label="Plafond de la moyenne", unit="euros"),
                    Column(key="plus_haute", label="Plus haute", unit="euros"),
                    Column(
                        key="plafond_plus_haute", label="Plafond de la plus haute", unit="euros"
                    ),
                    Column(key="statut", label="Statut", unit="texte"),
                ),
                rows=tuple(summary_rows),
            ),
        )
    return tables


def _figures(years: list[_Year], inputs: EsusInputs) -> list[Figure]:
    figures: list[Figure] = [
        Figure(
            key="minimum-branche",
            label="Salaire minimum de branche (annuel, temps complet)",
            value=inputs.branch_minimum,
            unit="euros",
        )
    ]
    for year in years:
        y = year.closing_year
        if year.reference is None or year.exact_reference is None or year.rule is None:
            continue
        rule = year.rule
        figures += [
            Figure(
                key="smic-annuel",
                label="SMIC annuel de référence",
                value=stored(_exact_reference(year.reference, branch=False)),
                unit="euros",
                year=y,
            ),
            Figure(
                key="reference-annuelle",
                label="Référence annuelle retenue",
                value=stored(year.exact_reference),
                unit="euros",
                year=y,
            ),
            Figure(
                key="multiple-moyenne",
                label="Multiple du plafond de la moyenne",
                value=rule.mean_multiplier,
                unit="multiple",
                year=y,
            ),
            Figure(
                key="multiple-plus-haute",
                label="Multiple du plafond de la plus haute",
                value=rule.top_multiplier,
                unit="multiple",
                year=y,
            ),
            Figure(
                key="plafond-moyenne",
                label="Plafond de la moyenne",
                value=stored(exact(rule.mean_multiplier) * year.exact_reference),
                unit="euros",
                year=y,
            ),
            Figure(
                key="plafond-plus-haute",
                label="Plafond de la plus haute rémunération",
                value=stored(exact(rule.top_multiplier) * year.exact_reference),
                unit="euros",
                year=y,
            ),
            Figure(
                key="mois-exercice",
                label="Mois de l'exercice (1ers du mois)",
                value=year.reference.month_count,
                unit="nombre",
                year=y,
            ),
        ]
        for key, outcome, suffix in (
            ("", year.main, ""),
            ("-avec-avantages", year.benefits, " (avec avantages en nature)"),
        ):
            if outcome is None:
                continue
            figures += [
                Figure(
                    key=f"nombre-retenu{key}",
                    label=f"Personnes rémunérées retenues{suffix}",
                    value=outcome.n,
                    unit="nombre",
                    year=y,
                ),
                Figure(
                    key=f"moyenne{key}",
                    label=f"Moyenne des plus hautes rémunérations{suffix}",
                    value=None if outcome.mean is None else stored(outcome.mean),
                    unit="euros",
                    year=y,
                ),
                Figure(
                    key=f"plus-haute{key}",
                    label=f"Plus haute rémunération{suffix}",
                    value=None if outcome.top is None else stored(outcome.top),
                    unit="euros",
                    year=y,
                ),
            ]
    return figures


def _legal(on: dt.date, years: list[_Year]) -> tuple[LegalBasis, ...]:
    _, condition = condition_basis("remuneration", on)
    rule = pay_cap_rule(on)
    label = esus_text_label("article_l3332_17_1")
    bases: list[LegalBasis] = [
        condition,
        basis(
            article=f"{label}, I, 3°, a et b",
            version=rule.start.isoformat(),
            start=rule.start,
            end=rule.end,
            act=rule.act,
            certainty=rule.certainty,
            sources=rule.sources,
            text=f"a) {rule.text_a} ; b) {rule.text_b}",
            text_is_verbatim=rule.certainty.is_verbatim,
            note=rule.note,
        ),
    ]
    seen: set[dt.date] = set()
    for year in years:
        if year.reference is None:
            continue
        for day, _ in year.reference.months:
            row = smic_in_force(day)
            if row.start in seen:
                continue
            seen.add(row.start)
            bases.append(
                basis(
                    article=(
                        f"SMIC horaire brut en vigueur le {format_date(row.start)} "
                        f"({euros(row.hourly)} de l'heure)"
                    ),
                    version=row.start.isoformat(),
                    start=row.start,
                    end=row.end,
                    act=row.act,
                    certainty=row.certainty,
                    sources=row.sources,
                    note=row.note,
                )
            )
    return tuple(bases)


def _worst(years: list[_Year], outcome_of: str) -> Status:
    statuses: list[Status] = []
    for year in years:
        outcome: _Outcome | None = getattr(year, outcome_of)
        if year.missing:
            statuses.append(Status.A_COMPLETER)
        elif outcome is None:
            statuses.append(Status.A_VERIFIER)
        else:
            statuses.append(Status.CONFORME if outcome.passes else Status.NON_CONFORME)
    return Status.worst(statuses)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _conforming_reason(years: list[_Year]) -> str:
    """Pay under the caps: the years, and the figures of the latest year."""
    labels = join_fr([str(year.closing_year) for year in years])
    span = f"les exercices {labels}" if len(years) > 1 else year_label(years[0].closing_year)
    latest = years[-1]
    assert latest.item is not None
    assert latest.main is not None
    if latest.declared_none:
        detail = f"aucune personne rémunérée pour {year_label(latest.item)}"
    else:
        main = latest.main
        assert main.mean is not None
        assert main.top is not None
        few = ""
        if latest.rule is not None and main.n < latest.rule.mean_top_n:
            plural = "s" if main.n > 1 else ""
            few = f", moyenne sur {main.n} personne{plural} rémunérée{plural}"
        detail = (
            f"pour {year_label(latest.item)}, moyenne de {euros(main.mean)} (plafond "
            f"{euros(main.mean_cap)}) et plus haute de {euros(main.top)} (plafond "
            f"{euros(main.top_cap)}){few}"
        )
    return (
        f"la moyenne des plus hautes rémunérations et la plus haute restent sous les plafonds "
        f"pour {span} ; {detail}."
    )


def check_pay(
    inputs: EsusInputs,
    on: dt.date,
    selection: YearSelection,
    *,
    plein_droit: bool,
) -> CheckResult:
    """L3332-17-1 I 3°: mean of the best paid ≤ the mean cap, best paid ≤ the top cap."""
    if plein_droit:
        applicable = plein_droit_conditions(on)
        pay_condition, condition = condition_basis("remuneration", on)
        if pay_condition.number not in applicable.condition_numbers:
            return CheckResult(
                id="remuneration",
                title=_TITLE,
                status=Status.NON_APPLICABLE,
                reason=(
                    "bénéficiaire de plein droit : à la date de la demande, "
                    + (
                        "seules les conditions "
                        if len(applicable.condition_numbers) > 1
                        else "seule la condition "
                    )
                    + f"{join_fr(list(applicable.condition_numbers))} du I de l'article "
                    + "L3332-17-1 "
                    + ("s'appliquent" if len(applicable.condition_numbers) > 1 else "s'applique")
                    + ", pas les plafonds de rémunération."
                ),
                legal=(condition,),
            )
    if not selection.closing_years:
        _, condition = condition_basis("remuneration", on)
        return CheckResult(
            id="remuneration",
            title=_TITLE,
            status=Status.A_VERIFIER,
            reason="aucun exercice clos à la date de la demande : les plafonds ne peuvent être "
            "vérifiés sur des rémunérations versées.",
            legal=(condition,),
            remedy="Joignez la politique de rémunération prévue pour la durée de l'agrément.",
        )
    years = [_year(y, inputs.year(y), inputs) for y in selection.closing_years]
    statuses = [_status(year) for year in years]
    status = Status.worst(statuses)
    missing = list(dict.fromkeys(cell for year in years for cell in year.missing))
    notes: list[str] = list(selection.notes)
    if inputs.branch_minimum is not None:
        notes.append(
            f"Minimum de branche déclaré ({euros(inputs.branch_minimum)} par an) appliqué à "
            "chaque exercice où il dépasse le SMIC annuel."
        )
    for year in years:
        if year.reference is not None and not year.reference.starts_on_first_of_month:
            notes.append(
                f"{_capitalised(year_label(year.item or year.closing_year))} "
                "ne commence pas le 1er d'un mois : la référence annuelle (SMIC en vigueur le 1er "
                "de chaque mois) est à vérifier."
            )
        if year.declared_none:
            notes.append(
                "Aucune personne rémunérée déclarée pour "
                f"{year_label(year.item or year.closing_year)}."
            )
    notes.append(
        "Le statut compte les sommes versées primes comprises, hors avantages en nature ; la "
        "lecture qui les compte est donnée à part."
    )
    reasons: list[str] = []
    for year in years:
        if year.main is not None and not year.main.passes:
            reasons += _statements(year)
    if status is Status.NON_CONFORME:
        reason = " ; ".join(reasons) + "."
        remedy = (
            "Ramenez les rémunérations concernées sous les plafonds (ou vérifiez la quotité et "
            "les mois de présence déclarés) ; un minimum de branche plus élevé que le SMIC "
            "relève la référence."
        )
    elif status is Status.A_COMPLETER:
        count = len(missing)
        reason = (
            f"{count} donnée{'s' if count > 1 else ''} manquante{'s' if count > 1 else ''} "
            f"pour vérifier les plafonds (exercices {join_fr([str(y.closing_year) for y in years])}"
            ")."
        )
        if reasons:
            reason = reason.rstrip(".") + " ; " + " ; ".join(reasons) + "."
        remedy = (
            "Complétez les cellules listées (indiquez 0 en brut annuel sur la première ligne "
            "si personne n'est rémunéré)."
        )
    elif status is Status.A_VERIFIER:
        parts: list[str] = []
        for year in years:
            label = year_label(year.item or year.closing_year)
            if year.problems:
                parts.append(f"{label} : " + " ; ".join(year.problems))
            elif year.reference is not None and not year.reference.starts_on_first_of_month:
                assert year.main is not None
                assert year.item is not None
                assert year.item.start is not None
                verdict = "sous les plafonds" if year.main.passes else "au-dessus des plafonds"
                parts.append(
                    f"{label} commence le {format_date(year.item.start)}, pas le 1er d'un mois : "
                    f"référence annuelle de {euros(year.exact_reference or Fraction(0))} à "
                    "vérifier "
                    f"(rémunérations {verdict} avec cette référence)"
                )
        reason = " ; ".join(parts + reasons) + "."
        remedy = "Faites confirmer la référence annuelle retenue pour cet exercice."
    else:
        reason = _conforming_reason(years)
        remedy = None
    readings: list[Reading] = []
    if any(year.main is not None for year in years):
        benefits_status = _worst(years, "benefits")
        end_status = _worst(years, "at_end")
        main_status = _worst(years, "main")
        readings = [
            Reading(
                id="sans-avantages-en-nature",
                label="Sommes versées primes comprises, hors avantages en nature",
                status=main_status,
                explanation="lecture retenue pour le statut.",
                used=True,
            ),
            Reading(
                id="avec-avantages-en-nature",
                label="Sommes versées primes comprises, avantages en nature compris",
                status=benefits_status,
                explanation=" ; ".join(
                    f"{y.closing_year} : moyenne {euros(y.benefits.mean)}, "
                    f"plus haute {euros(y.benefits.top)}"
                    for y in years
                    if y.benefits is not None
                    and y.benefits.mean is not None
                    and y.benefits.top is not None
                )
                or "aucune rémunération.",
            ),
            Reading(
                id="smic-mensuel",
                label="Référence : somme des SMIC mensuels en vigueur le 1er de chaque mois",
                status=main_status,
                explanation="lecture retenue pour le statut.",
                used=True,
            ),
            Reading(
                id="smic-cloture",
                label="Référence : SMIC mensuel en vigueur à la clôture × 12",
                status=end_status,
                explanation=" ; ".join(
                    f"{y.closing_year} : référence {euros(y.exact_reference_end)}"
                    for y in years
                    if y.exact_reference_end is not None
                )
                + ".",
            ),
        ]
    return CheckResult(
        id="remuneration",
        title=_TITLE,
        status=status,
        reason=reason,
        legal=_legal(on, years),
        figures=tuple(_figures(years, inputs)),
        tables=tuple(_tables(years)),
        missing=tuple(missing),
        readings=tuple(readings),
        remedy=remedy,
        notes=tuple(notes),
    )
