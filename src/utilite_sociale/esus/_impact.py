"""R3332-21-1: significant impact of the social-utility charges on the income statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from ..reference import SignificantImpactRule, esus_text_label, significant_impact_rule
from ._common import (
    YearSelection,
    basis,
    condition_basis,
    euros,
    exact,
    join_fr,
    percent,
    stored,
    year_label,
)
from .inputs import EsusInputs, FinancialYear, activity_cell, common_cell, year_cell
from .results import (
    CellValue,
    CheckResult,
    Column,
    Figure,
    LegalBasis,
    Reading,
    Status,
    Table,
    format_value,
)

__all__ = ["check_impact"]

_TITLE = "Impact significatif sur le compte de résultat"
#: Gap tolerated between the split by activity and the total (same as ``verifier``).
_SPLIT_TOLERANCE = Fraction(1)


@dataclass
class _Year:
    closing_year: int
    item: FinancialYear | None
    missing: list[str] = field(default_factory=list)
    social: Fraction | None = None
    total: Fraction | None = None
    split: Fraction | None = None

    @property
    def ratio(self) -> Fraction | None:
        if self.social is None or self.total is None or self.total <= 0:
            return None
        return self.social / self.total


def _year(closing_year: int, item: FinancialYear | None) -> _Year:
    result = _Year(closing_year, item)
    if item is None:
        result.missing += [
            year_cell(closing_year, "charges_exploitation_totales"),
            activity_cell(closing_year, 1, "charges"),
            activity_cell(closing_year, 1, "utilite_sociale"),
        ]
        return result
    if item.total_operating_charges is None:
        result.missing.append(year_cell(closing_year, "charges_exploitation_totales"))
    activities = [activity for activity in item.activities if not activity.is_blank]
    if not activities:
        result.missing += [
            activity_cell(closing_year, 1, "charges"),
            activity_cell(closing_year, 1, "utilite_sociale"),
        ]
    social = Fraction(0)
    split = Fraction(0)
    for position, activity in enumerate(activities, start=1):
        line = activity.line or position
        if activity.charges is None:
            result.missing.append(activity_cell(closing_year, line, "charges"))
            continue
        split += exact(activity.charges)
        if activity.social_utility is None:
            if activity.charges != 0:
                result.missing.append(activity_cell(closing_year, line, "utilite_sociale"))
        elif activity.social_utility:
            social += exact(activity.charges)
    if result.missing:
        return result
    assert item.total_operating_charges is not None
    result.social = social
    result.total = exact(item.total_operating_charges)
    result.split = split
    return result


@dataclass(frozen=True, slots=True)
class _Profitability:
    status: Status | None  # None: route not asked
    passes: bool | None  # None: incomplete or not computable
    figures: tuple[Figure, ...]
    table: Table | None
    readings: tuple[Reading, ...]
    missing: tuple[str, ...]
    text: str


def _profitability(
    inputs: EsusInputs, years: list[_Year], rule: SignificantImpactRule
) -> _Profitability:
    asked = inputs.tmo_rate is not None or any(
        year.item is not None and year.item.profitability is not None for year in years
    )
    if not asked:
        return _Profitability(None, None, (), None, (), (), "")
    missing: list[str] = []
    if inputs.tmo_rate is None:
        missing.append(common_cell("taux_tmo"))
    rows: list[tuple[Fraction, Fraction, Fraction | None, _Year]] = []
    for year in years:
        figures = year.item.profitability if year.item else None
        names = {
            "dividendes": figures.dividends if figures else None,
            "remuneration_concours_non_bancaires": figures.financing_remuneration
            if figures
            else None,
            "capitaux_propres": figures.equity if figures else None,
            "concours_non_bancaires": figures.financing if figures else None,
        }
        absent = [
            year_cell(year.closing_year, name) for name, value in names.items() if value is None
        ]
        if absent:
            missing += absent
            continue
        assert figures is not None
        assert figures.dividends is not None
        assert figures.financing_remuneration is not None
        assert figures.equity is not None
        assert figures.financing is not None
        paid = exact(figures.dividends) + exact(figures.financing_remuneration)
        base = exact(figures.equity) + exact(figures.financing)
        rows.append((paid, base, paid / base if base > 0 else None, year))
    margin = exact(rule.profitability_margin)
    figures_out: list[Figure] = [
        Figure(key="taux-tmo", label="Taux TMO saisi", value=inputs.tmo_rate, unit="pourcentage"),
        Figure(
            key="majoration",
            label="Majoration (R3332-21-1, 2°)",
            value=rule.profitability_margin,
            unit="pourcentage",
        ),
    ]
    table = Table(
        id="rentabilite",
        title="Voie de la rentabilité financière (R3332-21-1, 2°)",
        columns=(
            Column(key="exercice", label="Exercice", unit="texte"),
            Column(key="verse", label="Dividendes et rémunération des concours", unit="euros"),
            Column(key="base", label="Capitaux propres et concours", unit="euros"),
            Column(key="ratio", label="Rapport", unit="pourcentage"),
        ),
        rows=tuple(
            (
                str(year.closing_year),
                stored(paid),
                stored(base),
                None if ratio is None else stored(ratio, down=True),
            )
            for paid, base, ratio, year in rows
        ),
    )
    if missing or inputs.tmo_rate is None:
        return _Profitability(
            Status.A_COMPLETER,
            None,
            tuple(figures_out),
            table,
            (),
            tuple(missing),
            "voie de la rentabilité incomplète",
        )
    tmo = exact(inputs.tmo_rate)
    limit_points = tmo + margin
    limit_scaled = tmo * (1 + margin)
    paid_total = sum((paid for paid, _, _, _ in rows), Fraction(0))
    base_total = sum((base for _, base, _, _ in rows), Fraction(0))
    aggregate = paid_total / base_total if base_total > 0 else None
    figures_out += [
        Figure(
            key="limite-rentabilite",
            label="Limite : TMO majoré (en points)",
            value=stored(limit_points),
            unit="pourcentage",
        ),
        Figure(
            key="ratio-rentabilite-cumul",
            label="Rapport sur le cumul des exercices",
            value=None if aggregate is None else stored(aggregate, down=True),
            unit="pourcentage",
        ),
    ]
    for _, _, ratio, year in rows:
        figures_out.append(
            Figure(
                key="ratio-rentabilite",
                label="Rapport de l'exercice",
                value=None if ratio is None else stored(ratio, down=True),
                unit="pourcentage",
                year=year.closing_year,
            )
        )

    def passes(limit: Fraction) -> bool | None:
        values = [ratio for _, _, ratio, _ in rows] + [aggregate]
        if any(value is None for value in values):
            return None
        return all(value is not None and value < limit for value in values)

    def status_of(result: bool | None) -> Status:
        # A rate typed by the user never gives better than « à vérifier ».
        return Status.NON_CONFORME if result is False else Status.A_VERIFIER

    by_points, by_scale = passes(limit_points), passes(limit_scaled)
    margin_text = format_value(rule.profitability_margin, "quotite")
    agg_text = "non calculable" if aggregate is None else percent(aggregate)
    readings = (
        Reading(
            id="rentabilite-points",
            label="Rentabilité : TMO majoré de points de pourcentage",
            status=status_of(by_points),
            explanation=(
                f"rapport {agg_text} sur le cumul, limite {percent(limit_points)} "
                f"(TMO {percent(tmo)} + {format_value(rule.profitability_margin, 'quotite')})."
            ),
            used=True,
        ),
        Reading(
            id="rentabilite-majoration",
            label="Rentabilité : TMO multiplié par la majoration",
            status=status_of(by_scale),
            explanation=(
                f"rapport {agg_text} sur le cumul, limite {percent(limit_scaled)} "
                f"(TMO {percent(tmo)} × (1 + {margin_text}))."
            ),
        ),
    )
    if by_points:
        text = (
            f"la voie de la rentabilité serait remplie (rapport {agg_text} sous la limite de "
            f"{percent(limit_points)}), sur un taux TMO saisi par l'organisation"
        )
    elif by_points is None:
        text = (
            "la voie de la rentabilité n'est pas calculable (capitaux propres et concours nuls "
            "ou négatifs)"
        )
    else:
        text = (
            f"la voie de la rentabilité n'est pas remplie non plus (rapport {agg_text} pour "
            f"une limite de {percent(limit_points)})"
        )
    return _Profitability(
        status_of(by_points), by_points, tuple(figures_out), table, readings, (), text
    )


def _ratio_text(year: _Year) -> str:
    return "non calculable" if year.ratio is None else percent(year.ratio)


def _legal(rule: SignificantImpactRule, on: dt.date) -> tuple[LegalBasis, ...]:
    _, condition = condition_basis("impact", on)
    return (
        condition,
        basis(
            article=f"{esus_text_label('article_r3332_21_1')}, 1°",
            version=rule.start.isoformat(),
            start=rule.start,
            end=rule.end,
            act=rule.act,
            certainty=rule.certainty,
            sources=rule.sources,
            text=rule.operating_charges_text,
            text_is_verbatim=rule.certainty.is_verbatim,
            note=rule.note,
        ),
        basis(
            article=f"{esus_text_label('article_r3332_21_1')}, 2°",
            version=rule.start.isoformat(),
            start=rule.start,
            end=rule.end,
            act=rule.act,
            certainty=rule.certainty,
            sources=rule.sources,
            text=rule.profitability_text,
            text_is_verbatim=rule.certainty.is_verbatim,
        ),
    )


def _tables(
    years: list[_Year], aggregate: tuple[Fraction, Fraction] | None, threshold: Fraction
) -> list[Table]:
    columns = (
        Column(key="exercice", label="Exercice", unit="texte"),
        Column(key="debut", label="Début", unit="date"),
        Column(key="fin", label="Fin", unit="date"),
        Column(key="approuve", label="Comptes approuvés", unit="oui-non"),
        Column(key="charges_utilite_sociale", label="Charges d'utilité sociale", unit="euros"),
        Column(key="charges_totales", label="Charges d'exploitation totales", unit="euros"),
        Column(key="ratio", label="Part d'utilité sociale", unit="pourcentage"),
        Column(key="atteint", label="Seuil atteint", unit="texte"),
    )
    rows: list[tuple[CellValue, ...]] = []
    for year in years:
        ratio = year.ratio
        item = year.item
        rows.append(
            (
                str(year.closing_year),
                item.start if item else None,
                item.end if item else None,
                item.approved if item else None,
                None if year.social is None else stored(year.social),
                None if year.total is None else stored(year.total),
                None if ratio is None else stored(ratio, down=True),
                None if ratio is None else ("oui" if ratio >= threshold else "non"),
            )
        )
    if aggregate is not None:
        social, total = aggregate
        rows.append(
            (
                "Cumul",
                None,
                None,
                None,
                stored(social),
                stored(total),
                stored(social / total, down=True),
                "oui" if social / total >= threshold else "non",
            )
        )
    tables = [
        Table(
            id="ratios",
            title="Part des charges d'exploitation liées aux activités d'utilité sociale",
            columns=columns,
            rows=tuple(rows),
            note="Parts tronquées à deux décimales (jamais arrondies au-dessus du seuil).",
        )
    ]
    for year in years:
        if year.item is None or not year.item.activities:
            continue
        tables.append(
            Table(
                id=f"activites-{year.closing_year}",
                title="Répartition des charges d'exploitation, "
                + year_label(year.item, with_article=False),
                columns=(
                    Column(key="ligne", label="Ligne", unit="nombre"),
                    Column(key="activite", label="Activité", unit="texte"),
                    Column(key="charges", label="Charges d'exploitation", unit="euros"),
                    Column(key="utilite_sociale", label="Utilité sociale", unit="oui-non"),
                    Column(key="cle", label="Clé de répartition", unit="texte"),
                ),
                rows=tuple(
                    (
                        activity.line or position,
                        activity.label,
                        activity.charges,
                        activity.social_utility,
                        activity.allocation_key,
                    )
                    for position, activity in enumerate(year.item.activities, start=1)
                ),
                year=year.closing_year,
            )
        )
    return tables


def check_impact(
    inputs: EsusInputs, on: dt.date, selection: YearSelection, *, applies: bool
) -> CheckResult:
    """R3332-21-1: the social-utility share of the operating charges (or profitability)."""
    rule = significant_impact_rule(on)
    legal = _legal(rule, on)
    threshold = exact(rule.threshold)
    threshold_text = format_value(rule.threshold, "quotite")
    if not applies:
        return CheckResult(
            id="impact",
            title=_TITLE,
            status=Status.NON_APPLICABLE,
            reason=(
                "bénéficiaire de plein droit : l'impact significatif sur le compte de résultat "
                "n'est pas exigé (article L3332-17-1, II)."
            ),
            legal=legal,
        )
    notes = list(selection.notes) + [
        f"{why[:1].upper()}{why[1:]} : non retenu." for _, why in selection.excluded
    ]
    if not selection.closing_years:
        return CheckResult(
            id="impact",
            title=_TITLE,
            status=Status.A_VERIFIER,
            reason=(
                "aucun exercice clos à la date de la demande : l'impact ne peut être calculé "
                "que sur les comptes de résultat prévisionnels (règle non précisée)."
            ),
            legal=legal,
            remedy="Joignez les comptes de résultat prévisionnels des exercices de l'agrément.",
            notes=tuple(notes),
        )
    years = [_year(year, inputs.year(year)) for year in selection.closing_years]
    missing = [cell for year in years for cell in year.missing]
    labels = join_fr([str(year.closing_year) for year in years])
    complete = not missing
    aggregate: tuple[Fraction, Fraction] | None = None
    figures: list[Figure] = [
        Figure(key="seuil", label="Seuil", value=rule.threshold, unit="pourcentage"),
        Figure(key="exercices", label="Exercices examinés", value=labels, unit="texte"),
    ]
    caveats: list[str] = []
    for year in years:
        if year.item is not None and year.item.approved is False:
            notes.append(f"Les comptes de {year_label(year.item)} ne sont pas approuvés.")
        if year.total is not None and year.total <= 0:
            caveats.append(f"le total des charges de {year_label(year.closing_year)} est nul")
        if (
            year.split is not None
            and year.total is not None
            and abs(year.split - year.total) > _SPLIT_TOLERANCE
        ):
            caveats.append(
                f"pour {year_label(year.item or year.closing_year)}, la répartition par activité "
                f"({euros(year.split)}) ne correspond pas au total des charges "
                f"({euros(year.total)})"
            )
        ratio = year.ratio
        figures += [
            Figure(
                key="charges-utilite-sociale",
                label="Charges des activités d'utilité sociale",
                value=None if year.social is None else stored(year.social),
                unit="euros",
                year=year.closing_year,
            ),
            Figure(
                key="charges-totales",
                label="Charges d'exploitation totales",
                value=None if year.total is None else stored(year.total),
                unit="euros",
                year=year.closing_year,
            ),
            Figure(
                key="ratio",
                label="Part d'utilité sociale",
                value=None if ratio is None else stored(ratio, down=True),
                unit="pourcentage",
                year=year.closing_year,
            ),
        ]
    readings: list[Reading] = []
    reason: str
    remedy: str | None = None
    status: Status
    if complete:
        social = sum((year.social or Fraction(0) for year in years), Fraction(0))
        total = sum((year.total or Fraction(0) for year in years), Fraction(0))
        aggregate = (social, total) if total > 0 else None
    if aggregate is not None:
        social, total = aggregate
        ratio = social / total
        figures += [
            Figure(
                key="charges-utilite-sociale-cumul",
                label="Charges d'utilité sociale, cumul",
                value=stored(social),
                unit="euros",
            ),
            Figure(
                key="charges-totales-cumul",
                label="Charges d'exploitation totales, cumul",
                value=stored(total),
                unit="euros",
            ),
            Figure(
                key="ratio-cumul",
                label="Part d'utilité sociale, cumul",
                value=stored(ratio, down=True),
                unit="pourcentage",
            ),
        ]
        below = [year for year in years if year.ratio is not None and year.ratio < threshold]
        undefined = [year for year in years if year.ratio is None]
        each_ok = not below and not undefined
        aggregate_ok = ratio >= threshold
        span = (
            f"sur les exercices {labels}"
            if len(years) > 1
            else f"sur {year_label(years[0].item or years[0].closing_year)}"
        )
        if aggregate_ok and each_ok:
            status = Status.CONFORME
            reason = (
                f"les charges d'exploitation des activités d'utilité sociale représentent "
                f"{percent(ratio)} du total {span}, et au moins {threshold_text} chaque année "
                f"(seuil {threshold_text})."
            )
        elif aggregate_ok:
            status = Status.A_VERIFIER
            weak = join_fr(
                [
                    f"{year_label(y.item or y.closing_year)} ({_ratio_text(y)})"
                    for y in below + undefined
                ]
            )
            reason = (
                f"le cumul atteint {percent(ratio)} {span} (seuil {threshold_text}), mais "
                f"{weak} reste{'nt' if len(below) + len(undefined) > 1 else ''} sous le seuil."
            )
            remedy = (
                "Le texte ne dit pas si le seuil s'apprécie sur le cumul ou chaque année : "
                "expliquez l'écart de l'exercice concerné dans la fiche de demande."
            )
        else:
            status = Status.NON_CONFORME
            gap = threshold * total - social
            figures.append(
                Figure(
                    key="ecart-cumul",
                    label="Charges d'utilité sociale manquantes pour atteindre le seuil",
                    value=stored(gap),
                    unit="euros",
                )
            )
            reason = (
                f"les charges d'exploitation des activités d'utilité sociale ne représentent "
                f"que {percent(ratio)} du total {span} (seuil {threshold_text})."
            )
            remedy = (
                f"Il faudrait {euros(gap)} de charges d'utilité sociale de plus sur le cumul "
                "(à total inchangé), ou remplir la voie de la rentabilité (R3332-21-1, 2°)."
            )
        readings += [
            Reading(
                id="cumul",
                label="Seuil apprécié sur le cumul des exercices",
                status=Status.CONFORME if aggregate_ok else Status.NON_CONFORME,
                explanation=f"cumul : {percent(ratio)} (seuil {threshold_text}).",
            ),
            Reading(
                id="chaque-exercice",
                label="Seuil apprécié exercice par exercice",
                status=Status.CONFORME if each_ok else Status.NON_CONFORME,
                explanation=" ; ".join(f"{y.closing_year} : {_ratio_text(y)}" for y in years) + ".",
            ),
            Reading(
                id="cumul-et-chaque-exercice",
                label="Conforme si le cumul et chaque exercice atteignent le seuil ; à vérifier "
                "si seul le cumul l'atteint",
                status=status,
                explanation="règle retenue (les deux lectures sont calculées).",
                used=True,
            ),
        ]
    elif complete:
        status = Status.A_VERIFIER
        reason = (
            "le total des charges d'exploitation est nul sur les exercices examinés : part non "
            "calculable."
        )
        remedy = "Vérifiez le total des charges d'exploitation."
    else:
        status = Status.A_COMPLETER
        count = len(missing)
        reason = (
            f"{count} donnée{'s' if count > 1 else ''} manquante{'s' if count > 1 else ''} "
            f"pour calculer la part des charges d'utilité sociale (exercices {labels})."
        )
        remedy = "Complétez les cellules listées de la feuille « Finances ESUS »."
    if caveats and status is Status.CONFORME:
        status = Status.A_VERIFIER
        reason = reason.rstrip(".") + " ; mais " + " ; ".join(caveats) + "."
        remedy = "Répartissez toutes les charges d'exploitation entre les activités."
    elif caveats:
        notes += [f"{text[:1].upper()}{text[1:]}." for text in caveats]
    route = _profitability(inputs, years, rule)
    tables = _tables(years, aggregate, threshold)
    if route.table is not None:
        tables.append(route.table)
    figures += route.figures
    readings += route.readings
    if route.status is not None:
        notes.append(
            "La voie de la rentabilité repose sur un taux TMO saisi par l'organisation : elle "
            "ne donne jamais mieux que « à vérifier ». Sa survie depuis la loi PACTE (qui a "
            "retiré « ou la rentabilité financière » de L3332-17-1) est incertaine."
        )
        if route.passes and status is not Status.CONFORME:
            status = Status.A_VERIFIER
            reason = reason.rstrip(".") + f" ; {route.text}."
            remedy = (
                "Faites confirmer le taux TMO retenu et joignez l'engagement de respecter le "
                "rapport pendant toute la durée de l'agrément."
            )
        elif status is not Status.CONFORME:
            reason = reason.rstrip(".") + f" ; {route.text}."
            if route.missing and status is Status.NON_CONFORME:
                missing += [cell for cell in route.missing if cell not in missing]
                status = Status.A_COMPLETER
                remedy = (
                    "Complétez la voie de la rentabilité (cellules listées), seule voie encore "
                    "possible."
                )
    return CheckResult(
        id="impact",
        title=_TITLE,
        status=status,
        reason=reason,
        legal=legal,
        figures=tuple(figures),
        tables=tuple(tables),
        missing=tuple(dict.fromkeys(missing)),
        readings=tuple(readings),
        remedy=remedy if status is not Status.CONFORME else None,
        notes=tuple(notes),
    )
