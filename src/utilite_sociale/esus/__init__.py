"""ESUS agrément checks (DESIGN §7): typed inputs, pure checks, results ready for a dossier.

Build :class:`EsusInputs` from a member workbook (:func:`esus_inputs_from_member`) or in
Python, then :func:`run_checks` at the request date::

    import datetime as dt
    import utilite_sociale as us

    member = us.read_member_file("retour.xlsx", us.load_indicator_set("ess-socle"))
    inputs = us.esus_inputs_from_member(member)
    assessment = us.run_checks(inputs, on=dt.date(2025, 6, 1))
    for check in assessment.checks:
        print(check.title, check.status, check.reason)
"""

from __future__ import annotations

from .checks import run_checks
from .evidence import LINK_SOURCES, objective_evidence
from .inputs import (
    COMMERCIAL_COMPANY,
    Activity,
    CriterionEvidence,
    EsusInputs,
    FinancialYear,
    IndicatorEvidence,
    PaidPerson,
    ProfitabilityFigures,
    Role,
    Statutes,
    activity_cell,
    common_cell,
    esus_inputs_from_member,
    identity_cell,
    pay_cell,
    statutes_cell,
    year_cell,
)
from .results import (
    CHECK_IDS,
    CellValue,
    CheckResult,
    Column,
    EsusAssessment,
    Figure,
    LegalBasis,
    Reading,
    Status,
    Table,
    Unit,
    format_value,
)

__all__ = [
    "CHECK_IDS",
    "COMMERCIAL_COMPANY",
    "LINK_SOURCES",
    "Activity",
    "CellValue",
    "CheckResult",
    "Column",
    "CriterionEvidence",
    "EsusAssessment",
    "EsusInputs",
    "Figure",
    "FinancialYear",
    "IndicatorEvidence",
    "LegalBasis",
    "PaidPerson",
    "ProfitabilityFigures",
    "Reading",
    "Role",
    "Status",
    "Statutes",
    "Table",
    "Unit",
    "activity_cell",
    "common_cell",
    "esus_inputs_from_member",
    "format_value",
    "identity_cell",
    "objective_evidence",
    "pay_cell",
    "run_checks",
    "statutes_cell",
    "year_cell",
]
