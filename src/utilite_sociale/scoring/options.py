"""Method options of the scoring pipeline, and their French command-line spelling (DESIGN §6).

``minmax[:l,u]``, ``bornes``, ``zscore[:m,s]``, ``rang``, ``cible``; ``amean|gmean|min`` or one
per aggregation step (``amean,gmean,gmean``); ``aucune|moyenne|mediane|moyenne-groupe:COL|
mediane-groupe:COL|periode-precedente``; ``aucun|winsor[:winmax]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..errors import UsageError

__all__ = [
    "AGGREGATION_METHODS",
    "ImputationOption",
    "NormalisationOption",
    "ScoringOptions",
    "TreatmentOption",
    "parse_aggregation",
    "parse_imputation",
    "parse_normalisation",
    "parse_treatment",
]

AGGREGATION_METHODS = ("amean", "gmean", "min")
NormalisationName = Literal["minmax", "bornes", "zscore", "rang", "cible"]


@dataclass(frozen=True)
class NormalisationOption:
    """A normalisation applied to every numeric indicator, overriding the référentiel's.

    Attributes
    ----------
    method
        ``minmax`` (observed, range ``[first, second]``), ``bornes`` (the référentiel's fixed
        goalposts), ``zscore`` (mean ``first``, sd ``second``), ``rang``, ``cible``.
    first, second
        The method's two parameters, when it has them.
    """

    method: NormalisationName
    first: float | None = None
    second: float | None = None

    def describe(self) -> str:
        """The option as typed on the command line."""
        if self.first is None or self.second is None:
            return self.method
        return f"{self.method}:{_short(self.first)},{_short(self.second)}"


@dataclass(frozen=True)
class ImputationOption:
    """How missing values are filled (never over an observed value; always flagged)."""

    method: Literal["aucune", "moyenne", "mediane", "periode-precedente"] = "aucune"
    group: str | None = None

    def describe(self) -> str:
        """The option as typed on the command line."""
        if self.group:
            return f"{self.method}-groupe:{self.group}"
        return self.method


@dataclass(frozen=True)
class TreatmentOption:
    """Outlier treatment: none, or winsorisation with the log fallback (COINr's rule)."""

    method: Literal["aucun", "winsor"] = "aucun"
    winmax: int = 5

    def describe(self) -> str:
        """The option as typed on the command line."""
        return "aucun" if self.method == "aucun" else f"winsor:{self.winmax}"


@dataclass(frozen=True)
class ScoringOptions:
    """Choices of the pipeline; ``None`` keeps the référentiel's own.

    Attributes
    ----------
    normalisation
        One method for every numeric indicator, else each indicator's own.
    aggregation
        One method per aggregation step from the indicators upward, else the référentiel's.
    imputation, treatment
        Off by default.
    denomination
        Divide indicators by their denominator (default: the référentiel's ``denomination``).
    min_coverage
        Minimum coverage of a node (0 to 1), else the référentiel's ``min_coverage``.
    """

    normalisation: NormalisationOption | None = None
    aggregation: tuple[str, ...] | None = None
    imputation: ImputationOption = ImputationOption()
    treatment: TreatmentOption = TreatmentOption()
    denomination: bool | None = None
    min_coverage: float | None = None


def _short(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _numbers(text: str, option: str, example: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise UsageError(
            f"{option} : « {text} » n'est pas une paire de nombres (exemple : {example})."
        ) from None


def parse_normalisation(text: str) -> NormalisationOption:
    """Read ``--normalisation``: ``minmax[:l,u]``, ``bornes``, ``zscore[:m,s]``, ``rang``…"""
    name, _, parameters = text.strip().partition(":")
    name = name.strip().lower()
    if name == "minmax":
        if not parameters:
            return NormalisationOption("minmax")
        low, high = _numbers(parameters, "--normalisation minmax", "minmax:0,100")
        if not low < high:
            raise UsageError(
                f"--normalisation minmax:{parameters} : la borne basse doit être inférieure à "
                "la borne haute."
            )
        return NormalisationOption("minmax", low, high)
    if name == "zscore":
        if not parameters:
            return NormalisationOption("zscore", 0.0, 1.0)
        mean, sd = _numbers(parameters, "--normalisation zscore", "zscore:10,2")
        if not sd > 0:
            raise UsageError(f"--normalisation zscore:{parameters} : l'écart-type doit être > 0.")
        return NormalisationOption("zscore", mean, sd)
    if name in {"bornes", "rang", "cible"} and not parameters:
        return NormalisationOption(name)  # type: ignore[arg-type]
    raise UsageError(
        f"--normalisation : « {text} » inconnu ; valeurs possibles : minmax[:l,u], bornes, "
        "zscore[:m,s], rang, cible."
    )


def parse_aggregation(text: str, *, steps: int | None = None) -> tuple[str, ...]:
    """Read ``--agregation``: one method, or one per step (``amean,gmean,gmean``).

    Parameters
    ----------
    text
        The option's value.
    steps
        The référentiel's number of aggregation steps: a list of another length is refused.
    """
    methods = tuple(part.strip().lower() for part in text.split(","))
    unknown = [method for method in methods if method not in AGGREGATION_METHODS]
    if unknown or not methods:
        raise UsageError(
            f"--agregation : « {text} » inconnu ; valeurs possibles : amean, gmean, min, ou une "
            "méthode par étape séparées par des virgules (amean,gmean,gmean)."
        )
    if len(methods) == 1:
        return methods * (steps or 1)
    if steps is not None and len(methods) != steps:
        raise UsageError(
            f"--agregation : {len(methods)} méthodes données, mais le référentiel a {steps} "
            f"étapes d'agrégation (des indicateurs vers le score global)."
        )
    return methods


def parse_imputation(text: str) -> ImputationOption:
    """Read ``--imputation`` (``aucune``, ``moyenne``, ``mediane``, ``…-groupe:COL``,
    ``periode-precedente``)."""
    name, _, group = text.strip().partition(":")
    name = name.strip().lower()
    if name in {"aucune", "moyenne", "mediane", "periode-precedente"} and not group:
        return ImputationOption(name)  # type: ignore[arg-type]
    if name in {"moyenne-groupe", "mediane-groupe"} and group.strip():
        return ImputationOption(name.removesuffix("-groupe"), group.strip())  # type: ignore[arg-type]
    raise UsageError(
        f"--imputation : « {text} » inconnu ; valeurs possibles : aucune, moyenne, mediane, "
        "moyenne-groupe:COLONNE, mediane-groupe:COLONNE, periode-precedente."
    )


def parse_treatment(text: str) -> TreatmentOption:
    """Read ``--traitement`` (``aucun`` or ``winsor[:winmax]``, winmax 5 by default)."""
    name, _, parameter = text.strip().partition(":")
    name = name.strip().lower()
    if name == "aucun" and not parameter:
        return TreatmentOption()
    if name == "winsor":
        if not parameter:
            return TreatmentOption("winsor", 5)
        if parameter.strip().isdigit():
            return TreatmentOption("winsor", int(parameter))
    raise UsageError(
        f"--traitement : « {text} » inconnu ; valeurs possibles : aucun, winsor, winsor:N "
        "(N points au plus écrêtés par indicateur)."
    )
