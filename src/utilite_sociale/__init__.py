"""utilite_sociale — measure, steer and prove the social utility of ESS organisations.

The public API is listed in ``__all__``; names are imported lazily (PEP 562) so that the
command line starts fast. The legal reference lives in :mod:`utilite_sociale.reference`.

Examples
--------
>>> import utilite_sociale as us
>>> ref = us.load_indicator_set("ess-socle")
>>> ref.id
'ess-socle'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Dimension": "utilite_sociale.framework.models",
    "IndicatorSet": "utilite_sociale.framework.models",
    "Indicator": "utilite_sociale.framework.models",
    "Lens": "utilite_sociale.framework.models",
    "IndicatorSetReport": "utilite_sociale.framework.io",
    "validate_indicator_set": "utilite_sociale.framework.io",
    "save_indicator_set": "utilite_sociale.framework.io",
    "dump_indicator_set": "utilite_sociale.framework.io",
    "indicator_set_json_schema": "utilite_sociale.framework.io",
    "check_indicator_set": "utilite_sociale.framework.checks",
    "load_indicator_set": "utilite_sociale.framework.registry",
    "builtin_indicator_set_ids": "utilite_sociale.framework.registry",
    "summarise_indicator_set": "utilite_sociale.framework.summary",
    "MemberFile": "utilite_sociale.survey.reader",
    "read_member_file": "utilite_sociale.survey.reader",
    "build_template": "utilite_sociale.survey.template",
    "write_template": "utilite_sociale.survey.template",
    "write_member_templates": "utilite_sociale.survey.members",
    "SurveyReport": "utilite_sociale.survey.validation",
    "ExportMapping": "utilite_sociale.survey.exports",
    "Campaign": "utilite_sociale.scoring.campaign",
    "campaign_from_members": "utilite_sociale.scoring.campaign",
    "campaign_from_table": "utilite_sociale.scoring.campaign",
    "campaign_from_respondents": "utilite_sociale.scoring.campaign",
    "ScoringOptions": "utilite_sociale.scoring.options",
    "Scores": "utilite_sociale.scoring.results",
    "score_campaign": "utilite_sociale.scoring.engine",
    "Sensitivity": "utilite_sociale.scoring.sensitivity",
    "run_sensitivity": "utilite_sociale.scoring.sensitivity",
    "benchmark": "utilite_sociale.scoring.compare",
    "trends": "utilite_sociale.scoring.compare",
    "target_attainment": "utilite_sociale.scoring.compare",
    "Evaluation": "utilite_sociale.scoring.api",
    "read_campaign": "utilite_sociale.scoring.api",
    "score": "utilite_sociale.scoring.api",
    "SurveyExport": "utilite_sociale.survey.exports",
    "load_export_mapping": "utilite_sociale.survey.exports",
    "read_survey_export": "utilite_sociale.survey.exports",
    "validate_survey": "utilite_sociale.survey.validation",
    "Issue": "utilite_sociale.errors",
    "UtiliteSocialeError": "utilite_sociale.errors",
    "UsageError": "utilite_sociale.errors",
    "InputFileError": "utilite_sociale.errors",
    "InvalidDataError": "utilite_sociale.errors",
    "IndicatorSetError": "utilite_sociale.errors",
    "EsusInputs": "utilite_sociale.esus.inputs",
    "FinancialYear": "utilite_sociale.esus.inputs",
    "Statutes": "utilite_sociale.esus.inputs",
    "esus_inputs_from_member": "utilite_sociale.esus.inputs",
    "CheckResult": "utilite_sociale.esus.results",
    "EsusAssessment": "utilite_sociale.esus.results",
    "Status": "utilite_sociale.esus.results",
    "run_checks": "utilite_sociale.esus.checks",
    "EsusDossier": "utilite_sociale.dossier.build",
    "write_esus_dossier": "utilite_sociale.dossier.build",
}

__all__ = [
    "Campaign",
    "CheckResult",
    "Dimension",
    "EsusAssessment",
    "EsusDossier",
    "EsusInputs",
    "Evaluation",
    "ExportMapping",
    "FinancialYear",
    "Indicator",
    "IndicatorSet",
    "IndicatorSetError",
    "IndicatorSetReport",
    "InputFileError",
    "InvalidDataError",
    "Issue",
    "Lens",
    "MemberFile",
    "Scores",
    "ScoringOptions",
    "Sensitivity",
    "Status",
    "Statutes",
    "SurveyExport",
    "SurveyReport",
    "UsageError",
    "UtiliteSocialeError",
    "__version__",
    "benchmark",
    "build_template",
    "builtin_indicator_set_ids",
    "campaign_from_members",
    "campaign_from_respondents",
    "campaign_from_table",
    "check_indicator_set",
    "dump_indicator_set",
    "esus_inputs_from_member",
    "indicator_set_json_schema",
    "load_export_mapping",
    "load_indicator_set",
    "read_campaign",
    "read_member_file",
    "read_survey_export",
    "run_checks",
    "run_sensitivity",
    "save_indicator_set",
    "score",
    "score_campaign",
    "summarise_indicator_set",
    "target_attainment",
    "trends",
    "validate_indicator_set",
    "validate_survey",
    "write_esus_dossier",
    "write_member_templates",
    "write_template",
]

if TYPE_CHECKING:
    from .dossier.build import EsusDossier, write_esus_dossier
    from .errors import (
        IndicatorSetError,
        InputFileError,
        InvalidDataError,
        Issue,
        UsageError,
        UtiliteSocialeError,
    )
    from .esus.checks import run_checks
    from .esus.inputs import EsusInputs, FinancialYear, Statutes, esus_inputs_from_member
    from .esus.results import CheckResult, EsusAssessment, Status
    from .framework.checks import check_indicator_set
    from .framework.io import (
        IndicatorSetReport,
        dump_indicator_set,
        indicator_set_json_schema,
        save_indicator_set,
        validate_indicator_set,
    )
    from .framework.models import Dimension, Indicator, IndicatorSet, Lens
    from .framework.registry import builtin_indicator_set_ids, load_indicator_set
    from .framework.summary import summarise_indicator_set
    from .scoring.api import Evaluation, read_campaign, score
    from .scoring.campaign import (
        Campaign,
        campaign_from_members,
        campaign_from_respondents,
        campaign_from_table,
    )
    from .scoring.compare import benchmark, target_attainment, trends
    from .scoring.engine import score_campaign
    from .scoring.options import ScoringOptions
    from .scoring.results import Scores
    from .scoring.sensitivity import Sensitivity, run_sensitivity
    from .survey.exports import (
        ExportMapping,
        SurveyExport,
        load_export_mapping,
        read_survey_export,
    )
    from .survey.members import write_member_templates
    from .survey.reader import MemberFile, read_member_file
    from .survey.template import build_template, write_template
    from .survey.validation import SurveyReport, validate_survey


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'utilite_sociale' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
