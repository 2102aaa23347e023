"""ESUS checks on hand-computed cases at the edges: statuses AND figures (DESIGN §7).

SMIC monthly amounts used below (reference data, hourly × 35 × 52 ÷ 12, to the cent):
2022: 1 603,12 € (January–April), 1 645,58 € (May–July), 1 678,95 € (August–December),
sum 19 743,97 €; 2023: 1 709,28 € (January–April), 1 747,20 € (May–December), sum
20 814,72 €; 2024: 1 766,92 € (January–October), 1 801,80 € (November, December), sum
21 272,80 €.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from utilite_sociale.esus import (
    Activity,
    CriterionEvidence,
    EsusInputs,
    FinancialYear,
    IndicatorEvidence,
    PaidPerson,
    ProfitabilityFigures,
    Status,
    Statutes,
    run_checks,
)

ON = dt.date(2025, 6, 1)
D = Decimal


def person(
    gross: str, *, fte: str = "1", months: str = "12", benefits: str | None = None
) -> PaidPerson:
    return PaidPerson(
        role="salarie",
        gross_annual=D(gross),
        fte_share=D(fte),
        months_present=D(months),
        benefits_in_kind=None if benefits is None else D(benefits),
    )


def year(
    closing: int,
    *,
    social: str = "70000",
    total: str = "100000",
    people: tuple[PaidPerson, ...] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    profitability: ProfitabilityFigures | None = None,
) -> FinancialYear:
    return FinancialYear(
        closing_year=closing,
        start=start or dt.date(closing, 1, 1),
        end=end or dt.date(closing, 12, 31),
        approved=True,
        total_operating_charges=D(total),
        activities=(
            Activity(label="Accompagnement", charges=D(social), social_utility=True),
            Activity(
                label="Location de salles",
                charges=D(total) - D(social),
                social_utility=False,
                allocation_key="au prorata des surfaces",
            ),
        ),
        paid_people=people or (person("40000"),),
        profitability=profitability,
    )


OBJECTIVE = (CriterionEvidence(criterion="ess2019-2", score=D("62.5")),)


def make(**changes: Any) -> EsusInputs:
    base = EsusInputs(
        name="Le Fil d'Ariane",
        legal_form="association",
        creation_date=dt.date(2001, 3, 1),
        departement="31",
        years=(year(2022), year(2023), year(2024)),
        listed_securities=False,
        statutes=Statutes(social_object_article="2"),
        objective=OBJECTIVE,
    )
    return dataclasses.replace(base, **changes)


def with_years(*years: FinancialYear, **changes: Any) -> EsusInputs:
    return make(years=years, **changes)


# --- the whole picture ---------------------------------------------------------------------


def test_a_complete_conforming_association() -> None:
    result = run_checks(make(), on=ON)
    assert [c.id for c in result.checks] == [
        "ess",
        "objectif",
        "impact",
        "remuneration",
        "titres",
        "plein-droit",
        "statuts",
        "duree",
    ]
    statuses = {c.id: c.status for c in result.checks}
    assert statuses == {
        "ess": Status.CONFORME,
        "objectif": Status.CONFORME,
        "impact": Status.CONFORME,
        "remuneration": Status.CONFORME,
        "titres": Status.CONFORME,
        "plein-droit": Status.NON_APPLICABLE,
        "statuts": Status.CONFORME,
        "duree": Status.CONFORME,
    }
    assert result.status is Status.CONFORME
    assert result.plein_droit is False
    assert result.file_type is not None
    assert result.file_type.id == "B1"
    assert result.agrement_years == 5
    assert result.closing_years == (2022, 2023, 2024)
    assert result.young_company is False
    assert result.authority.startswith("Préfet du département du siège social")
    assert result.missing == ()
    assert {doc.id for doc in result.documents} >= {"statuts", "attestation-titres"}
    assert "fiche-demande" in {doc.id for doc in result.documents}
    assert any("L3332-17-1" in legal.article for legal in result.law_versions)
    assert any("R3332-21-1" in legal.article for legal in result.law_versions)
    assert any(legal.article.startswith("SMIC horaire brut") for legal in result.law_versions)
    assert result.summary == "7 conditions conformes, 1 non applicable"
    data = result.to_dict()
    assert data["type_dossier"] == "B1"
    assert data["verifications"][2]["statut"] == "conforme"
    for check in result.checks:
        assert check.reason
        assert check.reason == check.reason.strip()
        assert check.status is Status.NON_APPLICABLE or check.legal


# --- significant impact (R3332-21-1) --------------------------------------------------------


def test_exactly_the_threshold_passes() -> None:
    inputs = with_years(*(year(y, social="66000") for y in (2022, 2023, 2024)))
    impact = run_checks(inputs, on=ON).check("impact")
    assert impact.status is Status.CONFORME
    assert impact.figure("ratio-cumul").value == D("0.66")
    assert impact.figure("ratio-cumul").text == "66,00\u00a0%"
    assert impact.figure("ratio", 2023).value == D("0.66")
    assert impact.figure("charges-utilite-sociale-cumul").value == D("198000")
    assert impact.figure("charges-totales-cumul").value == D("300000")
    assert impact.figure("seuil").value == D("0.66")
    assert "66,00\u00a0%" in impact.reason
    assert "seuil 66\u00a0%" in impact.reason
    assert impact.reading("cumul-et-chaque-exercice").used
    assert impact.remedy is None


def test_just_under_the_threshold_fails_and_is_never_shown_as_reaching_it() -> None:
    inputs = with_years(*(year(y, social="65990") for y in (2022, 2023, 2024)))
    impact = run_checks(inputs, on=ON).check("impact")
    assert impact.status is Status.NON_CONFORME
    assert impact.figure("ratio-cumul").value == D("0.6599")
    assert "65,99\u00a0%" in impact.reason
    # 0.66 × 300 000 − 197 970 = 30 € of social-utility charges missing.
    assert impact.figure("ecart-cumul").value == D("30")
    assert impact.remedy is not None
    assert "30,00\u00a0€" in impact.remedy
    # A ratio a hair under the threshold is truncated, never rounded up to 66,00 %.
    inputs = with_years(*(year(y, social="65999.99") for y in (2022, 2023, 2024)))
    impact = run_checks(inputs, on=ON).check("impact")
    assert impact.status is Status.NON_CONFORME
    assert impact.figure("ratio-cumul").value < D("0.66")
    assert impact.figure("ratio-cumul").text == "65,99\u00a0%"
    assert impact.table("ratios").text_rows()[-1][6] == "65,99\u00a0%"


def test_aggregate_passing_with_one_year_below_is_to_check() -> None:
    inputs = with_years(year(2022), year(2023, social="65000"), year(2024))
    impact = run_checks(inputs, on=ON).check("impact")
    assert impact.status is Status.A_VERIFIER
    # (70 000 + 65 000 + 70 000) / 300 000 = 68,333… %
    assert impact.figure("ratio-cumul").text == "68,33\u00a0%"
    assert impact.figure("ratio", 2023).value == D("0.65")
    assert "l'exercice 2023 (65,00\u00a0%)" in impact.reason
    assert impact.reading("cumul").status is Status.CONFORME
    assert impact.reading("chaque-exercice").status is Status.NON_CONFORME
    assert impact.reading("cumul-et-chaque-exercice").status is Status.A_VERIFIER
    assert [r.id for r in impact.readings if r.used] == ["cumul-et-chaque-exercice"]
    table = impact.table("ratios")
    assert [row[0] for row in table.rows] == ["2022", "2023", "2024", "Cumul"]
    assert [row[7] for row in table.rows] == ["oui", "non", "oui", "oui"]


def test_aggregate_failing_is_not_conforming_even_if_a_year_passes() -> None:
    inputs = with_years(
        year(2022, social="80000"), year(2023, social="50000"), year(2024, social="60000")
    )
    impact = run_checks(inputs, on=ON).check("impact")
    assert impact.status is Status.NON_CONFORME
    assert impact.figure("ratio-cumul").text == "63,33\u00a0%"


def test_profitability_route_is_never_better_than_to_check() -> None:
    route = ProfitabilityFigures(
        dividends=D("1000"),
        financing_remuneration=D("500"),
        equity=D("90000"),
        financing=D("10000"),
    )
    years = tuple(year(y, social="50000", profitability=route) for y in (2022, 2023, 2024))
    impact = run_checks(with_years(*years, tmo_rate=D("0.035")), on=ON).check("impact")
    # 66 % test fails (50 %); rapport 1 500 / 100 000 = 1,5 % < 3,5 % + 5 points = 8,5 %.
    assert impact.status is Status.A_VERIFIER
    assert impact.figure("ratio-rentabilite-cumul").value == D("0.015")
    assert impact.figure("limite-rentabilite").value == D("0.085")
    assert impact.reading("rentabilite-points").status is Status.A_VERIFIER
    assert impact.reading("rentabilite-points").used
    # Read as TMO × 1,05: 3,675 %, still above 1,5 %.
    assert impact.reading("rentabilite-majoration").status is Status.A_VERIFIER
    assert "taux TMO saisi" in impact.reason
    # Without the TMO rate, the route is incomplete and names its cell.
    impact = run_checks(with_years(*years), on=ON).check("impact")
    assert impact.status is Status.A_COMPLETER
    assert "esus.taux_tmo" in impact.missing
    # A route that fails leaves the 66 % status.
    costly = dataclasses.replace(route, dividends=D("20000"))
    years = tuple(year(y, social="50000", profitability=costly) for y in (2022, 2023, 2024))
    impact = run_checks(with_years(*years, tmo_rate=D("0.035")), on=ON).check("impact")
    assert impact.status is Status.NON_CONFORME
    assert impact.reading("rentabilite-points").status is Status.NON_CONFORME


def test_split_not_matching_the_total_is_to_check() -> None:
    item = year(2024)
    item = dataclasses.replace(item, activities=item.activities[:1])  # 70 000 of 100 000 split
    impact = run_checks(with_years(year(2022), year(2023), item), on=ON).check("impact")
    assert impact.status is Status.A_VERIFIER
    assert "ne correspond pas au total" in impact.reason


def test_missing_years_name_their_cells() -> None:
    result = run_checks(with_years(year(2024)), on=ON)
    impact = result.check("impact")
    assert impact.status is Status.A_COMPLETER
    assert impact.missing == (
        "esus.2022.charges_exploitation_totales",
        "esus.2022.activite.1.charges",
        "esus.2022.activite.1.utilite_sociale",
        "esus.2023.charges_exploitation_totales",
        "esus.2023.activite.1.charges",
        "esus.2023.activite.1.utilite_sociale",
    )
    assert impact.figure("ratio", 2024).value == D("0.7")
    pay = result.check("remuneration")
    assert pay.status is Status.A_COMPLETER
    assert pay.missing == (
        "esus.2022.debut",
        "esus.2022.fin",
        "esus.2022.remuneration.1.brut_annuel",
        "esus.2023.debut",
        "esus.2023.fin",
        "esus.2023.remuneration.1.brut_annuel",
    )
    assert result.status is Status.A_COMPLETER
    assert result.missing[:3] == impact.missing[:3]
    # Nothing at all: no crash, every check says what is missing.
    empty = run_checks(EsusInputs(), on=ON)
    assert empty.check("ess").missing == ("org.forme_juridique",)
    assert empty.check("duree").missing == ("org.date_creation",)
    assert empty.check("titres").missing == ("esus.titres_cotes",)
    assert empty.check("objectif").status is Status.A_COMPLETER
    assert empty.check("objectif").missing == ("esus.statuts.article_objet_social",)
    assert empty.agrement_years is None
    assert empty.file_type is None
    assert all(c.status is not Status.CONFORME for c in empty.checks)


def test_a_missing_cell_within_a_year() -> None:
    item = year(2024)
    blank = dataclasses.replace(item.activities[0], social_utility=None, line=1)
    item = dataclasses.replace(item, total_operating_charges=None, activities=(blank,))
    impact = run_checks(with_years(year(2022), year(2023), item), on=ON).check("impact")
    assert impact.status is Status.A_COMPLETER
    assert impact.missing == (
        "esus.2024.charges_exploitation_totales",
        "esus.2024.activite.1.utilite_sociale",
    )


def test_years_not_closed_at_the_request_date_are_left_out() -> None:
    inputs = with_years(year(2022), year(2023), year(2024), year(2025, social="10000"))
    result = run_checks(inputs, on=ON)
    assert result.closing_years == (2022, 2023, 2024)
    impact = result.check("impact")
    assert impact.status is Status.CONFORME
    assert any("2025" in note and "pas clos" in note for note in impact.notes)


def test_a_company_two_years_old() -> None:
    inputs = with_years(
        year(2023, social="60000"),
        year(2024, social="80000"),
        creation_date=dt.date(2023, 3, 1),
    )
    result = run_checks(inputs, on=ON)
    assert result.young_company is True
    assert result.closing_years == (2023, 2024)
    assert result.agrement_years == 2
    duree = result.check("duree")
    assert duree.status is Status.CONFORME
    assert duree.figure("duree").value == 2
    assert "agrément de 2 ans" in duree.reason
    assert "depuis moins de 3 ans" in duree.reason
    impact = result.check("impact")
    # (60 000 + 80 000) / 200 000 = 70 %, but 2023 is at 60 %.
    assert impact.status is Status.A_VERIFIER
    assert impact.figure("ratio-cumul").value == D("0.7")
    assert impact.figure("exercices").value == "2023 et 2024"
    assert any("tous ses exercices clos" in note for note in impact.notes)
    # Exactly three years old at the request date: standard duration, last 3 years.
    older = run_checks(make(creation_date=dt.date(2022, 6, 1)), on=ON)
    assert older.agrement_years == 5
    assert older.young_company is False
    assert older.closing_years == (2022, 2023, 2024)


def test_a_company_with_no_closed_year_yet() -> None:
    result = run_checks(with_years(creation_date=dt.date(2025, 2, 1)), on=ON)
    assert result.closing_years == ()
    assert result.check("impact").status is Status.A_VERIFIER
    assert result.check("remuneration").status is Status.A_VERIFIER
    assert result.agrement_years == 2


# --- pay caps (L3332-17-1 I 3°) -------------------------------------------------------------


def five(amount: str, **kwargs: Any) -> tuple[PaidPerson, ...]:
    return tuple(person(amount, **kwargs) for _ in range(5))


def test_the_design_example_sentence() -> None:
    # Mean 153 119,60 € = 148 909,60 € + 4 210,00 €.
    inputs = with_years(year(2022), year(2023), year(2024, people=five("153119.60")))
    pay = run_checks(inputs, on=ON).check("remuneration")
    assert pay.status is Status.NON_CONFORME
    assert pay.reason == (
        "la moyenne des 5 plus hautes rémunérations dépasse de 4\u202f210,00\u00a0€ le plafond "
        "de 148\u202f909,60\u00a0€ (7 × 21\u202f272,80\u00a0€) pour l'exercice 2024."
    )
    assert pay.figure("reference-annuelle", 2024).value == D("21272.80")
    assert pay.figure("plafond-moyenne", 2024).value == D("148909.60")
    assert pay.figure("plafond-plus-haute", 2024).value == D("212728.00")
    assert pay.figure("moyenne", 2024).value == D("153119.60")
    assert pay.figure("nombre-retenu", 2024).value == 5
    assert pay.figure("multiple-moyenne", 2024).value == D("7")
    assert pay.remedy is not None


def test_exactly_at_the_cap_passes() -> None:
    inputs = with_years(year(2022), year(2023), year(2024, people=five("148909.60")))
    pay = run_checks(inputs, on=ON).check("remuneration")
    assert pay.status is Status.CONFORME
    inputs = with_years(year(2022), year(2023), year(2024, people=five("148909.61")))
    pay = run_checks(inputs, on=ON).check("remuneration")
    assert pay.status is Status.NON_CONFORME
    assert "dépasse de 0,01\u00a0€" in pay.reason


def test_2022_three_smic_values_and_2023_two() -> None:
    inputs = with_years(year(2022), year(2023), year(2024))
    pay = run_checks(inputs, on=ON).check("remuneration")
    assert pay.figure("reference-annuelle", 2022).value == D("19743.97")
    assert pay.figure("plafond-moyenne", 2022).value == D("138207.79")
    assert pay.figure("plafond-plus-haute", 2022).value == D("197439.70")
    assert pay.figure("reference-annuelle", 2023).value == D("20814.72")
    assert pay.figure("plafond-moyenne", 2023).value == D("145703.04")
    smic_2022 = pay.table("smic-2022")
    assert [row[1] for row in smic_2022.rows] == (
        [D("1603.12")] * 4 + [D("1645.58")] * 3 + [D("1678.95")] * 5
    )
    assert [row[0] for row in smic_2022.rows][4] == dt.date(2022, 5, 1)
    smic_2023 = pay.table("smic-2023")
    assert sorted({row[1] for row in smic_2023.rows}) == [D("1709.28"), D("1747.20")]
    # The alternative reading: the SMIC in force at closing × 12.
    reading = pay.reading("smic-cloture")
    assert not reading.used
    assert "2022 : référence 20\u202f147,40\u00a0€" in reading.explanation
    # Every SMIC row used is a law version of the manifest.
    smic_rows = [legal for legal in pay.legal if legal.article.startswith("SMIC")]
    assert [legal.start for legal in smic_rows][:3] == [
        dt.date(2022, 1, 1),
        dt.date(2022, 5, 1),
        dt.date(2022, 8, 1),
    ]


def test_a_financial_year_from_july_to_june() -> None:
    item = year(
        2024,
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
        people=five("147593.04"),
    )
    earlier = (
        year(2022, start=dt.date(2021, 7, 1), end=dt.date(2022, 6, 30)),
        year(2023, start=dt.date(2022, 7, 1), end=dt.date(2023, 6, 30)),
    )
    result = run_checks(with_years(*earlier, item), on=ON)
    # Last closed year at 1 June 2025: the one closed on 30 June 2024.
    assert result.closing_years == (2022, 2023, 2024)
    pay = result.check("remuneration")
    # 6 × 1 747,20 (July–December 2023) + 6 × 1 766,92 (January–June 2024) = 21 084,72 €.
    assert pay.figure("reference-annuelle", 2024).value == D("21084.72")
    assert pay.figure("plafond-moyenne", 2024).value == D("147593.04")
    assert pay.figure("plafond-plus-haute", 2024).value == D("210847.20")
    assert pay.status is Status.CONFORME
    assert "l'exercice clos le 30 juin 2024" in pay.reason
    over = dataclasses.replace(item, paid_people=five("147593.05"))
    pay = run_checks(with_years(*earlier, over), on=ON).check("remuneration")
    assert pay.status is Status.NON_CONFORME
    assert "pour l'exercice clos le 30 juin 2024" in pay.reason


def test_a_year_not_starting_on_the_first_of_a_month_is_to_check() -> None:
    item = year(2024, start=dt.date(2024, 1, 15), people=five("100000"))
    pay = run_checks(with_years(year(2022), year(2023), item), on=ON).check("remuneration")
    assert pay.status is Status.A_VERIFIER
    # February–December 2024: 9 × 1 766,92 + 2 × 1 801,80 = 19 505,88 € for 11 months,
    # × 12 ÷ 11 = 21 279,141818… €.
    reference = pay.figure("reference-annuelle", 2024).value
    assert isinstance(reference, Decimal)
    assert reference.quantize(D("0.000001")) == D("21279.141818")
    assert pay.figure("mois-exercice", 2024).value == 11
    assert "commence le 15 janvier 2024" in pay.reason
    assert pay.remedy is not None


def test_a_branch_minimum_above_the_smic() -> None:
    inputs = with_years(
        year(2022), year(2023), year(2024, people=five("150000")), branch_minimum=D("24000")
    )
    pay = run_checks(inputs, on=ON).check("remuneration")
    # 150 000 > 7 × 21 272,80 but ≤ 7 × 24 000 = 168 000.
    assert pay.status is Status.CONFORME
    assert pay.figure("reference-annuelle", 2024).value == D("24000")
    assert pay.figure("smic-annuel", 2024).value == D("21272.80")
    assert pay.figure("plafond-moyenne", 2024).value == D("168000")
    assert pay.table("plafonds").rows[-1][2] == "minimum de branche"
    without = run_checks(dataclasses.replace(inputs, branch_minimum=None), on=ON)
    assert without.check("remuneration").status is Status.NON_CONFORME


def test_a_part_time_best_paid_exceeds_once_converted() -> None:
    people = (person("110000", fte="0.5"), *five("30000")[:4])
    pay = run_checks(with_years(year(2022), year(2023), year(2024, people=people)), on=ON).check(
        "remuneration"
    )
    # 110 000 ÷ 0,5 × 12 ÷ 12 = 220 000 > 212 728 = 10 × 21 272,80.
    assert pay.status is Status.NON_CONFORME
    assert pay.figure("plus-haute", 2024).value == D("220000")
    assert pay.figure("moyenne", 2024).value == D("68000")
    assert pay.reason == (
        "la plus haute rémunération (en équivalent temps plein annuel) dépasse de "
        "7\u202f272,00\u00a0€ le plafond de 212\u202f728,00\u00a0€ (10 × 21\u202f272,80\u00a0€) "
        "pour l'exercice 2024."
    )
    table = pay.table("remunerations-2024")
    assert table.rows[0][6] == D("220000")
    assert table.text_rows()[0][4] == "50\u00a0%"
    # Months present annualise too: 9 000 for 1 month full time is 108 000 a year.
    short = (person("9000", months="1"),)
    pay = run_checks(with_years(year(2022), year(2023), year(2024, people=short)), on=ON).check(
        "remuneration"
    )
    assert pay.figure("plus-haute", 2024).value == D("108000")


def test_three_paid_people_mean_over_three() -> None:
    people = (person("160000"), person("150000"), person("140000"))
    pay = run_checks(with_years(year(2022), year(2023), year(2024, people=people)), on=ON).check(
        "remuneration"
    )
    assert pay.status is Status.NON_CONFORME
    assert pay.figure("nombre-retenu", 2024).value == 3
    assert pay.figure("moyenne", 2024).value == D("150000")
    assert pay.reason == (
        "la moyenne des 3 rémunérations déclarées (moins de 5 personnes rémunérées) dépasse "
        "de 1\u202f090,40\u00a0€ le plafond de 148\u202f909,60\u00a0€ (7 × 21\u202f272,80\u00a0€) "
        "pour l'exercice 2024."
    )
    ok = (person("150000"), person("146000"), person("140000"))
    pay = run_checks(with_years(year(2022), year(2023), year(2024, people=ok)), on=ON).check(
        "remuneration"
    )
    assert pay.status is Status.CONFORME
    assert "moyenne sur 3 personnes rémunérées" in pay.reason
    assert "moyenne de 145\u202f333,33\u00a0€ (plafond 148\u202f909,60\u00a0€)" in pay.reason


def test_more_than_five_rows_keep_the_five_best_paid() -> None:
    people = (*five("100000"), person("200000"))
    pay = run_checks(with_years(year(2022), year(2023), year(2024, people=people)), on=ON).check(
        "remuneration"
    )
    assert pay.figure("nombre-retenu", 2024).value == 5
    assert pay.figure("moyenne", 2024).value == D("120000")
    assert [row[8] for row in pay.table("remunerations-2024").rows].count("non") == 1


def test_benefits_in_kind_only_change_the_alternative_reading() -> None:
    people = (person("148000", benefits="5000"), *five("148000")[:4])
    pay = run_checks(with_years(year(2022), year(2023), year(2024, people=people)), on=ON).check(
        "remuneration"
    )
    assert pay.status is Status.CONFORME
    assert pay.figure("moyenne", 2024).value == D("148000")
    # With benefits: (5 × 148 000 + 5 000) ÷ 5 = 149 000 > 148 909,60.
    assert pay.figure("moyenne-avec-avantages", 2024).value == D("149000")
    assert pay.reading("sans-avantages-en-nature").used
    assert pay.reading("sans-avantages-en-nature").status is Status.CONFORME
    assert pay.reading("avec-avantages-en-nature").status is Status.NON_CONFORME
    assert not pay.reading("avec-avantages-en-nature").used
    assert pay.table("remunerations-2024").rows[0][7] == D("153000")


def test_nobody_paid() -> None:
    item = dataclasses.replace(year(2024), paid_people=(PaidPerson(gross_annual=D("0")),))
    result = run_checks(with_years(year(2022), year(2023), item), on=ON)
    pay = result.check("remuneration")
    assert pay.status is Status.CONFORME
    assert "aucune personne rémunérée pour l'exercice 2024" in pay.reason
    blank = dataclasses.replace(year(2024), paid_people=())
    pay = run_checks(with_years(year(2022), year(2023), blank), on=ON).check("remuneration")
    assert pay.status is Status.A_COMPLETER
    assert pay.missing == ("esus.2024.remuneration.1.brut_annuel",)


def test_a_person_without_quotite() -> None:
    item = year(2024, people=(PaidPerson(gross_annual=D("40000"), months_present=D("12")),))
    pay = run_checks(with_years(year(2022), year(2023), item), on=ON).check("remuneration")
    assert pay.status is Status.A_COMPLETER
    assert pay.missing == ("esus.2024.remuneration.1.quotite",)


# --- plein droit, securities, ESS, statutes -------------------------------------------------


def test_a_plein_droit_esat() -> None:
    inputs = make(
        statutes=Statutes(
            plein_droit_category="esat",
            plein_droit_proof="Arrêté d'autorisation de l'ARS du 12 mars 2010",
        ),
        objective=(),
        years=(year(2022, social="10000"), year(2023), year(2024, people=five("150000"))),
    )
    result = run_checks(inputs, on=ON)
    assert result.plein_droit is True
    assert result.plein_droit_category is not None
    assert result.plein_droit_category.number == 11
    assert result.file_type is not None
    assert result.file_type.id == "A1"
    assert result.check("plein-droit").status is Status.CONFORME
    assert result.check("objectif").status is Status.NON_APPLICABLE
    assert result.check("impact").status is Status.NON_APPLICABLE
    assert result.check("statuts").status is Status.NON_APPLICABLE
    # Pay caps and securities still apply since the loi PACTE.
    assert result.check("remuneration").status is Status.NON_CONFORME
    assert result.check("titres").status is Status.CONFORME
    assert {doc.id for doc in result.documents} == {
        "statuts",
        "justificatif-plein-droit",
        "attestation-titres",
    }
    # Before the loi PACTE, only the securities condition applied to plein-droit applicants.
    before = run_checks(inputs, on=dt.date(2018, 6, 30))
    assert before.check("remuneration").status is Status.NON_APPLICABLE
    assert before.check("titres").status is Status.CONFORME
    # Without its proof, the route is not established.
    unproven = dataclasses.replace(inputs, statutes=Statutes(plein_droit_category="esat"))
    result = run_checks(unproven, on=ON)
    assert result.plein_droit is None
    assert result.check("plein-droit").status is Status.A_COMPLETER
    assert result.check("plein-droit").missing == ("esus.statuts.preuve_plein_droit",)
    # Checked as « sous conditions » meanwhile: (10 000 + 70 000 + 70 000) / 300 000 = 50 %.
    assert result.check("impact").status is Status.NON_CONFORME
    assert result.file_type is not None
    assert result.file_type.id == "B1"


def test_a_rup_association_needs_the_article_2_proof() -> None:
    statutes = Statutes(
        social_object_article="3",
        plein_droit_category="associations-fondations-rup",
        plein_droit_proof="Décret du 4 mai 1998 portant reconnaissance d'utilité publique",
    )
    without = run_checks(make(statutes=statutes, objective=()), on=ON)
    plein = without.check("plein-droit")
    assert plein.status is Status.A_COMPLETER
    assert "article 2" in plein.reason
    assert without.plein_droit is None
    assert without.file_type is not None
    assert without.file_type.id == "B1"
    assert without.check("impact").status is Status.CONFORME  # checked as sous conditions
    assert without.check("objectif").status is Status.A_COMPLETER
    # A health-fragility proof counts for a RUP association (art. 2 as a whole)…
    health = (
        CriterionEvidence(
            criterion="ess2019-1",
            score=D("75"),
            indicators=(
                IndicatorEvidence(
                    id="acces-soins", label="Accès aux soins", score=D("75"), fragility=("sante",)
                ),
            ),
        ),
    )
    result = run_checks(make(statutes=statutes, objective=health), on=ON)
    assert result.check("plein-droit").status is Status.CONFORME
    assert result.plein_droit is True
    assert result.file_type is not None
    assert result.file_type.id == "A1"
    objective = result.check("objectif")
    assert objective.status is Status.CONFORME
    assert objective.figure("score-ess2019-1").value == D("75")
    assert result.check("impact").status is Status.NON_APPLICABLE
    # … but not for the same association applying « sous conditions ».
    plain = run_checks(make(objective=health), on=ON)
    assert plain.check("objectif").status is Status.NON_CONFORME


def test_fragility_health_counts_before_pacte_not_after() -> None:
    evidence = tuple(
        CriterionEvidence(
            criterion=criterion,
            score=D("70"),
            indicators=(
                IndicatorEvidence(
                    id="sante-1", label="Suivi médical", score=D("70"), fragility=("sante",)
                ),
            ),
        )
        for criterion in ("ess2014-1", "ess2019-1")
    )
    inputs = make(objective=evidence)
    before = run_checks(inputs, on=dt.date(2018, 6, 30)).check("objectif")
    assert before.status is Status.CONFORME
    assert before.figure("version-article-2").value == "2014"
    assert before.figure("version-l3332-17-1").value == "2014"
    assert before.legal[0].version == "2014"
    assert before.table("criteres").rows[0][4] == "oui"
    after = run_checks(inputs, on=dt.date(2019, 5, 24)).check("objectif")
    assert after.status is Status.NON_CONFORME
    assert after.figure("version-article-2").value == "2019"
    assert after.legal[0].version == "2019"
    assert "fragilité «\u00a0santé\u00a0» seulement" in after.reason
    assert "seules les fragilités «\u00a0économique\u00a0» et «\u00a0sociale\u00a0»" in after.reason
    assert after.table("criteres").rows[0][4] == "non"
    assert after.remedy is not None
    # The day before PACTE is still the 2014 version.
    assert run_checks(inputs, on=dt.date(2019, 5, 23)).check("objectif").status is (Status.CONFORME)
    # Economic fragility counts after PACTE.
    economic = tuple(
        dataclasses.replace(
            item,
            indicators=(dataclasses.replace(item.indicators[0], fragility=("economique",)),),
        )
        for item in evidence
    )
    result = run_checks(make(objective=economic), on=ON).check("objectif")
    assert result.status is Status.CONFORME


def test_criterion_4_counts_only_with_its_impact() -> None:
    bare = (CriterionEvidence(criterion="ess2019-4", score=D("80")),)
    objective = run_checks(make(objective=bare), on=ON).check("objectif")
    assert objective.status is Status.NON_CONFORME
    linked = (
        CriterionEvidence(criterion="ess2019-4", score=D("80"), links=("publics-vulnerables",)),
    )
    objective = run_checks(make(objective=linked), on=ON).check("objectif")
    assert objective.status is Status.CONFORME
    assert "4°" in objective.reason


def test_objective_without_the_article_is_to_check() -> None:
    result = run_checks(make(statutes=Statutes()), on=ON)
    objective = result.check("objectif")
    assert objective.status is Status.A_VERIFIER
    assert objective.missing == ("esus.statuts.article_objet_social",)
    statuts = result.check("statuts")
    assert statuts.status is Status.A_VERIFIER
    assert statuts.missing == ("esus.statuts.article_objet_social",)
    # The 2014 version also required the pay caps in the statutes.
    before = run_checks(make(), on=dt.date(2018, 6, 30)).check("statuts")
    assert before.status is Status.A_VERIFIER
    assert before.missing == ("esus.statuts.article_remuneration",)
    cited = make(statutes=Statutes(social_object_article="2", pay_policy_article="14"))
    assert run_checks(cited, on=dt.date(2018, 6, 30)).check("statuts").status is (Status.CONFORME)


def test_listed_securities() -> None:
    titres = run_checks(make(listed_securities=True), on=ON).check("titres")
    assert titres.status is Status.NON_CONFORME
    assert titres.figure("titres-cotes").value is True
    assert titres.remedy is not None
    missing = run_checks(make(listed_securities=None), on=ON).check("titres")
    assert missing.status is Status.A_COMPLETER
    assert missing.missing == ("esus.titres_cotes",)


def test_a_commercial_company_without_the_allocation_articles() -> None:
    statutes = Statutes(social_object_article="2", governance_article="12")
    result = run_checks(make(legal_form="societe-commerciale-ess", statutes=statutes), on=ON)
    ess = result.check("ess")
    assert ess.status is Status.A_VERIFIER
    assert ess.missing == (
        "esus.statuts.article_affectation_fonds",
        "esus.statuts.article_affectation_reserves",
    )
    assert ess.figure("part-fonds-developpement").value == D("0.20")
    assert ess.figure("part-report-reserves").value == D("0.50")
    rows = ess.table("clauses").rows
    assert [row[3] for row in rows] == ["conforme", "conforme", "à vérifier", "à vérifier"]
    assert "20\u00a0%" in str(rows[2][1])
    assert "50\u00a0%" in str(rows[3][1])
    assert result.file_type is not None
    assert result.file_type.id == "B2"
    complete = dataclasses.replace(statutes, development_fund_article="15", reserves_article="15")
    result = run_checks(make(legal_form="societe-commerciale-ess", statutes=complete), on=ON)
    assert result.check("ess").status is Status.CONFORME


def test_legal_forms_outside_the_ess() -> None:
    assert run_checks(make(legal_form="fonds-dotation"), on=ON).check("ess").status is (
        Status.NON_CONFORME
    )
    other = run_checks(make(legal_form="autre"), on=ON)
    assert other.check("ess").status is Status.A_VERIFIER
    assert other.file_type is None


def test_a_plein_droit_category_added_by_pacte_before_it_existed() -> None:
    statutes = Statutes(plein_droit_category="etablissements-handicap", plein_droit_proof="x")
    state = run_checks(make(statutes=statutes), on=dt.date(2018, 6, 30)).check("plein-droit")
    assert state.status is Status.NON_CONFORME


def test_request_date_typed_differs() -> None:
    inputs = make(statutes=Statutes(social_object_article="2", request_date=dt.date(2025, 3, 1)))
    result = run_checks(inputs, on=ON)
    assert any("diffère" in note for note in result.notes)


def test_dates_before_the_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="pas toutes en vigueur"):
        run_checks(make(), on=dt.date(2015, 1, 1))


def test_results_are_frozen_and_json_ready() -> None:
    import json

    result = run_checks(make(), on=ON)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.status = Status.NON_CONFORME  # type: ignore[misc]
    text = json.dumps(result.to_dict(), ensure_ascii=False)
    assert "148909.6" in text or "plafond" in text
    pay = result.check("remuneration")
    records = pay.table("plafonds").records()
    assert records[-1]["reference"] == D("21272.80")
