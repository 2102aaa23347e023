"""Référentiels: the indicator-set model, its checks, YAML reading/writing and the registry."""

from __future__ import annotations

from .checks import check_indicator_set
from .io import (
    IndicatorSetReport,
    dump_indicator_set,
    indicator_set_json_schema,
    save_indicator_set,
    validate_indicator_set,
    validate_indicator_set_data,
)
from .lenses import builtin_lenses
from .models import (
    Answer,
    Dimension,
    Indicator,
    IndicatorSet,
    Lens,
    LensGroup,
    Normalisation,
    Target,
)
from .registry import builtin_indicator_set_ids, is_path_like, load_indicator_set, validate_builtin

__all__ = [
    "Answer",
    "Dimension",
    "Indicator",
    "IndicatorSet",
    "IndicatorSetReport",
    "Lens",
    "LensGroup",
    "Normalisation",
    "Target",
    "builtin_indicator_set_ids",
    "builtin_lenses",
    "check_indicator_set",
    "dump_indicator_set",
    "indicator_set_json_schema",
    "is_path_like",
    "load_indicator_set",
    "save_indicator_set",
    "validate_builtin",
    "validate_indicator_set",
    "validate_indicator_set_data",
]
