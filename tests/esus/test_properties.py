"""Whatever is given (or missing), the checks never raise and never pass silently."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from utilite_sociale.esus import (
    CHECK_IDS,
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

amounts = st.none() | st.decimals(
    min_value=-1000, max_value=10**7, places=2, allow_nan=False, allow_infinity=False
)
shares = st.none() | st.decimals(min_value=0, max_value=2, places=2)
months = st.none() | st.decimals(min_value=0, max_value=18, places=1)
dates = st.none() | st.dates(dt.date(2013, 1, 1), dt.date(2027, 12, 31))
texts = st.none() | st.sampled_from(["2", "Article 4", "x"])


@st.composite
def financial_years(draw: st.DrawFn) -> FinancialYear:
    closing = draw(st.integers(2014, 2026))
    return FinancialYear(
        closing_year=closing,
        start=draw(dates),
        end=draw(dates),
        approved=draw(st.none() | st.booleans()),
        total_operating_charges=draw(amounts),
        activities=tuple(
            Activity(
                label=draw(texts),
                charges=draw(amounts),
                social_utility=draw(st.none() | st.booleans()),
                line=draw(st.none() | st.integers(1, 8)),
            )
            for _ in range(draw(st.integers(0, 3)))
        ),
        paid_people=tuple(
            PaidPerson(
                role=draw(st.none() | st.sampled_from(["salarie", "dirigeant"])),
                gross_annual=draw(amounts),
                benefits_in_kind=draw(amounts),
                fte_share=draw(shares),
                months_present=draw(months),
            )
            for _ in range(draw(st.integers(0, 6)))
        ),
        profitability=draw(
            st.none()
            | st.builds(
                ProfitabilityFigures,
                dividends=amounts,
                financing_remuneration=amounts,
                equity=amounts,
                financing=amounts,
            )
        ),
    )


evidence = st.builds(
    CriterionEvidence,
    criterion=st.sampled_from(["ess2014-1", "ess2014-3", "ess2019-1", "ess2019-4", "autre"]),
    score=st.none() | st.decimals(0, 100, places=1),
    indicators=st.lists(
        st.builds(
            IndicatorEvidence,
            id=st.just("i"),
            label=st.just("I"),
            score=st.none() | st.decimals(0, 100, places=1),
            fragility=st.lists(
                st.sampled_from(["economique", "sociale", "situation-personnelle", "sante"]),
                max_size=2,
            ).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    links=st.lists(st.sampled_from(["publics-vulnerables", "objectif-1", "x"]), max_size=2).map(
        tuple
    ),
)


@settings(max_examples=200, deadline=None)
@given(
    years=st.lists(financial_years(), max_size=4).map(tuple),
    legal_form=st.none()
    | st.sampled_from(["association", "societe-commerciale-ess", "fonds-dotation", "autre"]),
    creation=dates,
    branch=amounts,
    listed=st.none() | st.booleans(),
    category=st.none() | st.sampled_from(["esat", "associations-fondations-rup", "inconnue"]),
    proof=texts,
    article=texts,
    objective=st.lists(evidence, max_size=3).map(tuple),
    tmo=st.none() | st.decimals(0, Decimal("0.2"), places=3),
    on=st.dates(dt.date(2015, 7, 1), dt.date(2027, 12, 31)),
)
def test_checks_never_raise(
    years: tuple[FinancialYear, ...],
    legal_form: str | None,
    creation: dt.date | None,
    branch: Decimal | None,
    listed: bool | None,
    category: str | None,
    proof: str | None,
    article: str | None,
    objective: tuple[CriterionEvidence, ...],
    tmo: Decimal | None,
    on: dt.date,
) -> None:
    inputs = EsusInputs(
        legal_form=legal_form,
        creation_date=creation,
        years=years,
        branch_minimum=branch if branch is None or branch >= 0 else None,
        listed_securities=listed,
        statutes=Statutes(
            social_object_article=article, plein_droit_category=category, plein_droit_proof=proof
        ),
        objective=objective,
        tmo_rate=tmo,
    )
    result = run_checks(inputs, on=on)
    assert tuple(check.id for check in result.checks) == CHECK_IDS
    for check in result.checks:
        assert check.reason
        if check.status is Status.A_COMPLETER and check.id not in {"objectif", "plein-droit"}:
            assert check.missing, check
        if check.status is Status.CONFORME:
            assert not check.missing, check
        for table in check.tables:
            assert all(len(row) == len(table.columns) for row in table.rows)
            table.text_rows()
        for figure in check.figures:
            assert figure.text
    assert result.status is Status.worst([check.status for check in result.checks])
    result.to_dict()
