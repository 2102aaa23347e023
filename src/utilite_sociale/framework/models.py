"""The référentiel (indicator set) model: the spec, apart from the engine.

Field names are English (they are the keys of the YAML file and of the JSON Schema);
enumerated values are French, as on the command line (``"croissant"``, ``"bornes"``…).
Cross-field rules (unknown dimension, weights, depths, shares…) live in
:mod:`utilite_sociale.framework.checks`, which reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from .scales import BUILTIN_SCALES

__all__ = [
    "AggregationMethod",
    "Answer",
    "AnswerType",
    "Band",
    "Choice",
    "Dimension",
    "Direction",
    "Fragility",
    "Indicator",
    "IndicatorSet",
    "Lens",
    "LensGroup",
    "Level",
    "Normalisation",
    "NormalisationMethod",
    "RespondentAggregation",
    "Scale",
    "ScaleRange",
    "Source",
    "Subject",
    "Target",
]

AnswerType = Literal[
    "likert", "oui-non", "nombre", "pourcentage", "montant", "effectif", "choix", "texte"
]
Level = Literal["organisation", "repondant"]
RespondentAggregation = Literal["moyenne", "part-favorable", "mediane"]
Direction = Literal["croissant", "decroissant", "cible"]
NormalisationMethod = Literal[
    "bornes", "minmax", "zscore", "rang", "cible", "paliers", "likert", "oui-non", "categories"
]
AggregationMethod = Literal["amean", "gmean", "min"]
Fragility = Literal["economique", "sociale", "situation-personnelle", "sante"]
Subject = Literal["adherent", "federation"]
LegalVersion = Literal["auto", "2014", "2019"]
LensKind = Literal["strategique", "autre"]

#: Answer types whose organisation-level value is a number.
NUMERIC_TYPES: frozenset[str] = frozenset({"nombre", "pourcentage", "montant", "effectif"})

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
_SLUG_PATTERN = r"^[a-z0-9][a-z0-9\-]*$"


def _to_str(value: Any) -> Any:
    """Accept numbers where text is expected (YAML reads ``2019`` or ``4.1`` as numbers)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


def _keys_to_str(value: Any) -> Any:
    """Turn the keys of a mapping into text (YAML reads ``{1: 0}`` with integer keys)."""
    if isinstance(value, dict):
        return {_to_str(key): item for key, item in value.items()}
    return value


def _list_to_str(value: Any) -> Any:
    if isinstance(value, list):
        return [_to_str(item) for item in value]
    return value


def _blank_to_none(value: Any) -> Any:
    """An empty text or list means « not given » (a blank cell reads the same)."""
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, list | dict) and not value:
        return None
    return value


Id = Annotated[str, BeforeValidator(_to_str), Field(pattern=_ID_PATTERN, max_length=80)]
Text = Annotated[str, BeforeValidator(_to_str)]
#: A required text: must not be empty.
Label = Annotated[str, BeforeValidator(_to_str), Field(min_length=1)]
#: An optional text: blank means absent.
OptText = Annotated[str | None, BeforeValidator(_blank_to_none)]
Number = float


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True
    )


class Source(_Model):
    """A source cited by the référentiel's rationales."""

    id: Annotated[str, Field(pattern=_SLUG_PATTERN)]
    title: Label
    url: OptText = None


class ScaleRange(_Model):
    """The range of normalised scores (default [0, 100], 100 = best)."""

    min: Number = 0.0
    max: Number = 100.0


class Scale(_Model):
    """A Likert scale: values 1…n with their labels, 1 the least favourable."""

    label: OptText = None
    labels: list[Label] = Field(min_length=2, max_length=11)


class Choice(_Model):
    """One possible answer of a ``choix`` question."""

    value: Label
    label: Label


class Answer(_Model):
    """What the question expects."""

    type: AnswerType
    unit: OptText = None
    min: Number | None = None
    max: Number | None = None
    scale: Annotated[Text | None, BeforeValidator(_blank_to_none)] = None
    choices: Annotated[list[Choice] | None, BeforeValidator(_blank_to_none)] = None


class Band(_Model):
    """One threshold of a ``paliers`` normalisation: values ≥ ``from`` score ``score``."""

    from_: Number = Field(alias="from")
    score: Number


class Normalisation(_Model):
    """How an indicator's raw value becomes a score (see the format documentation)."""

    method: NormalisationMethod
    low: Number | None = None
    high: Number | None = None
    range: tuple[Number, Number] | None = None
    mean: Number | None = None
    sd: Number | None = None
    target: Number | None = None
    tolerance: Number | None = None
    bands: Annotated[list[Band] | None, BeforeValidator(_blank_to_none)] = None
    scores: Annotated[
        dict[str, Number] | None, BeforeValidator(_keys_to_str), BeforeValidator(_blank_to_none)
    ] = None


class Target(_Model):
    """A target value for an indicator, with its deadline."""

    value: Number
    deadline: dt.date | None = None
    label: OptText = None


class Dimension(_Model):
    """A node of the main tree (``parent`` links it to a higher dimension)."""

    id: Id
    label: Label
    description: OptText = None
    parent: Annotated[Id | None, BeforeValidator(_blank_to_none)] = None
    weight: Number = 1.0


class LensGroup(_Model):
    """A group of a lens (a strategic axis, a criterion, a theme)."""

    id: Id
    label: Label
    description: OptText = None


class Lens(_Model):
    """An independent reading grid onto which indicators map with a share."""

    id: Annotated[str, Field(pattern=_SLUG_PATTERN)]
    label: Label
    kind: LensKind = "strategique"
    groups: list[LensGroup] = Field(min_length=1)


class Indicator(_Model):
    """One indicator: the question, how it is answered, normalised, weighted and mapped."""

    id: Id
    label: Label
    question: Label
    help: OptText = None
    dimension: Annotated[Id | None, BeforeValidator(_blank_to_none)] = None
    answer: Answer
    level: Level = "organisation"
    respondent_aggregation: RespondentAggregation | None = None
    favourable: Annotated[
        list[str] | None, BeforeValidator(_list_to_str), BeforeValidator(_blank_to_none)
    ] = None
    scored: bool | None = None
    direction: Direction = "croissant"
    normalisation: Normalisation | None = None
    weight: Number = 1.0
    denominator: Annotated[Id | None, BeforeValidator(_blank_to_none)] = None
    required: bool = True
    evidence: OptText = None
    rationale: OptText = None
    fragility: list[Fragility] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    mappings: Annotated[dict[str, dict[str, Number]], BeforeValidator(_keys_to_str)] = Field(
        default_factory=dict
    )

    @property
    def is_scored(self) -> bool:
        """Whether the indicator contributes to scores (free text and context never do)."""
        if self.scored is None:
            return self.answer.type != "texte"
        return self.scored

    @property
    def aggregation(self) -> RespondentAggregation | None:
        """The respondent aggregation in force (explicit, else the type's default)."""
        if self.level != "repondant":
            return None
        if self.respondent_aggregation is not None:
            return self.respondent_aggregation
        if self.answer.type in {"oui-non", "choix"}:
            return "part-favorable"
        return "moyenne"

    @property
    def favourable_values(self) -> list[str]:
        """Answers counted as favourable for ``part-favorable`` (default: ``oui``)."""
        if self.favourable is not None:
            return list(self.favourable)
        return ["oui"] if self.answer.type == "oui-non" else []

    def effective_normalisation(self) -> Normalisation | None:
        """The normalisation in force: explicit, else the default for the answer type.

        Defaults: ``likert`` for a Likert scale, ``oui-non`` for yes/no, ``bornes`` 0–100 for
        a percentage and for a share of favourable answers; ``None`` otherwise.
        """
        if self.normalisation is not None:
            return self.normalisation
        if self.aggregation == "part-favorable" or self.answer.type == "pourcentage":
            return Normalisation(method="bornes", low=0.0, high=100.0)
        if self.answer.type == "likert":
            return Normalisation(method="likert")
        if self.answer.type == "oui-non":
            return Normalisation(method="oui-non")
        return None


def _coerce_aggregation(value: Any) -> Any:
    if isinstance(value, str) and "," in value:
        return [part.strip() for part in value.split(",")]
    return value


#: How :meth:`IndicatorSet._repr_html_` names the subject.
_SUBJECT_LABELS: dict[str, str] = {
    "adherent": "renseigné par chaque organisation adhérente sur elle-même",
    "federation": "plan d'actions de la fédération elle-même",
}

#: Fields added after templates were first generated, with their default value.
_LATER_FIELDS: dict[str, Any] = {"overall": "global", "denomination": True}


class IndicatorSet(_Model):
    """A référentiel: dimensions, indicators, weights, normalisation and lenses.

    Build one with :func:`utilite_sociale.load_indicator_set` (which locates every problem
    in the file); constructing it directly runs the same checks and raises
    :class:`pydantic.ValidationError` listing them.
    """

    id: Annotated[str, Field(pattern=_SLUG_PATTERN, max_length=80)]
    title: Label
    version: Label
    subject: Subject
    description: OptText = None
    authors: list[Label] = Field(default_factory=list)
    licence: OptText = None
    sources: list[Source] = Field(default_factory=list)
    legal_version: Annotated[LegalVersion, BeforeValidator(_to_str)] = "auto"
    scale: ScaleRange = Field(default_factory=ScaleRange)
    aggregation: Annotated[
        AggregationMethod | list[AggregationMethod], BeforeValidator(_coerce_aggregation)
    ] = "amean"
    min_coverage: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    #: Code of the overall score, the root of the main tree (« Index » in COINr's ASEM).
    overall: Id = "global"
    #: Whether indicators are divided by their denominator unless told otherwise.
    denomination: bool = True
    scales: dict[str, Scale] = Field(default_factory=dict)
    dimensions: list[Dimension] = Field(min_length=1)
    lenses: list[Lens] = Field(default_factory=list)
    indicators: list[Indicator] = Field(min_length=1)

    @classmethod
    def from_data(cls, data: Any, *, file: str | None = None) -> IndicatorSet:
        """Build a référentiel from plain data, raising every problem at once, in French.

        Parameters
        ----------
        data
            A mapping with the référentiel's fields (as read from YAML or JSON).
        file
            Name used in the issues' locations.

        Raises
        ------
        IndicatorSetError
            Listing every problem (``.issues``), like :func:`load_indicator_set`.
        """
        from .io import validate_indicator_set_data

        return validate_indicator_set_data(data, file=file).raise_for_errors()

    @model_validator(mode="after")
    def _check_consistency(self, info: ValidationInfo) -> IndicatorSet:
        if info.context and info.context.get("skip_checks"):
            return self
        from .checks import check_indicator_set

        errors = [issue for issue in check_indicator_set(self) if issue.is_error]
        if errors:
            raise ValueError(" ; ".join(f"{issue.where} : {issue.message}" for issue in errors))
        return self

    # -- lookups -------------------------------------------------------------------------

    def indicator(self, indicator_id: str) -> Indicator:
        """Return the indicator ``indicator_id`` (``KeyError`` if unknown)."""
        return self._indicators_by_id[indicator_id]

    def dimension(self, dimension_id: str) -> Dimension:
        """Return the dimension ``dimension_id`` (``KeyError`` if unknown)."""
        return self._dimensions_by_id[dimension_id]

    @cached_property
    def _indicators_by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}

    @cached_property
    def _dimensions_by_id(self) -> dict[str, Dimension]:
        return {dimension.id: dimension for dimension in self.dimensions}

    @property
    def scored_indicators(self) -> list[Indicator]:
        """The indicators that contribute to scores."""
        return [indicator for indicator in self.indicators if indicator.is_scored]

    @property
    def respondent_indicators(self) -> list[Indicator]:
        """The indicators answered by each respondent."""
        return [indicator for indicator in self.indicators if indicator.level == "repondant"]

    def children(self, dimension_id: str | None) -> list[Dimension]:
        """The dimensions whose parent is ``dimension_id`` (``None``: the top level)."""
        return [dimension for dimension in self.dimensions if dimension.parent == dimension_id]

    def dimension_depth(self, dimension_id: str) -> int:
        """Depth of a dimension: 1 for a top-level dimension."""
        depth = 0
        current: str | None = dimension_id
        while current is not None:
            depth += 1
            current = self._dimensions_by_id[current].parent
        return depth

    @property
    def depth(self) -> int:
        """Number of dimension levels between the indicators and the global score."""
        leaves = {indicator.dimension for indicator in self.scored_indicators}
        return max((self.dimension_depth(leaf) for leaf in leaves if leaf), default=0)

    @property
    def aggregation_steps(self) -> list[AggregationMethod]:
        """One aggregation method per step, from the indicators upward to the global score."""
        if isinstance(self.aggregation, list):
            return list(self.aggregation)
        return [self.aggregation] * (self.depth + 1)

    def scale_labels(self, scale_id: str) -> list[str]:
        """Labels of a Likert scale declared here or built in (``KeyError`` if unknown)."""
        if scale_id in self.scales:
            return list(self.scales[scale_id].labels)
        return list(BUILTIN_SCALES[scale_id][1])

    def lens_groups(self, lens_id: str) -> dict[str, str]:
        """Group id → label for a lens (built-in or declared); ``KeyError`` if unknown."""
        from .lenses import builtin_lenses

        for lens in (*builtin_lenses(), *self.lenses):
            if lens.id == lens_id:
                return {group.id: group.label for group in lens.groups}
        raise KeyError(lens_id)

    def all_lenses(self) -> list[Lens]:
        """The built-in lenses (legal criteria 2014 and 2019, Guide themes) then declared ones."""
        from .lenses import builtin_lenses

        return [*builtin_lenses(), *self.lenses]

    def covered_groups(self, lens_id: str) -> list[str]:
        """Groups of ``lens_id`` that at least one scored indicator maps to, in lens order."""
        used = {
            group
            for indicator in self.scored_indicators
            for group, share in indicator.mappings.get(lens_id, {}).items()
            if share > 0
        }
        return [group for group in self.lens_groups(lens_id) if group in used]

    def legal_version_on(self, on: dt.date) -> str:
        """Version of ESS law art. 2 to read the scores with (``"2014"`` or ``"2019"``).

        Parameters
        ----------
        on
            The assessment's reference date (end of the period).

        Returns
        -------
        str
            The référentiel's ``legal_version`` when it is fixed; with ``"auto"``, the
            version in force on ``on``.
        """
        if self.legal_version != "auto":
            return self.legal_version
        from ..reference import article2_in_force

        return article2_in_force(on).id

    def _repr_html_(self) -> str:
        """Rich display in Jupyter: id, title, version, dimensions and indicator counts."""
        from .. import _html
        from .._format import format_number

        scored = self.scored_indicators
        respondents = [indicator for indicator in scored if indicator.level == "repondant"]
        context = [indicator for indicator in self.indicators if not indicator.is_scored]
        counts = _html.count(len(self.indicators), "indicateur", "indicateurs")
        details = [_html.count(len(scored), "noté", "notés")]
        if respondents:
            details.append(
                _html.count(
                    len(respondents),
                    "posé aux personnes accompagnées",
                    "posés aux personnes accompagnées",
                )
            )
        if context:
            details.append(_html.count(len(context), "de contexte", "de contexte"))
        lenses = [lens.label for lens in self.all_lenses() if self.covered_groups(lens.id)]
        facts = [
            f"Version {self.version} ; {_SUBJECT_LABELS[self.subject]}.",
            f"{_html.count(len(self.dimensions), 'dimension', 'dimensions')}, "
            f"{counts} ({', '.join(details)}).",
        ]
        if lenses:
            facts.append("Lectures : " + " ; ".join(lenses) + ".")
        in_dimension: dict[str, int] = {}
        for indicator in scored:
            if indicator.dimension is not None:
                in_dimension[indicator.dimension] = in_dimension.get(indicator.dimension, 0) + 1
        rows: list[list[_html.Cell | str]] = []
        for dimension in self.dimensions:
            indent = "\u2003" * (self.dimension_depth(dimension.id) - 1)
            weight = dimension.weight
            rows.append(
                [
                    dimension.id,
                    indent + dimension.label,
                    _html.Cell(
                        format_number(weight, 0 if float(weight).is_integer() else 2),
                        numeric=True,
                    ),
                    _html.Cell(format_number(in_dimension.get(dimension.id, 0), 0), numeric=True),
                ]
            )
        table = _html.table(
            [
                "Id",
                "Dimension",
                _html.Cell("Poids", numeric=True),
                _html.Cell("Indicateurs notés", numeric=True),
            ],
            rows,
        )
        return _html.block(
            f"Référentiel « {self.id} » — {self.title}",
            *(_html.paragraph(fact) for fact in facts),
            table,
        )

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON form: equal for equal content, whatever the file."""
        content = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        # Fields added later are left out at their default, so that the hash of a
        # référentiel — stored in every template — does not change with the library.
        for name, default in _LATER_FIELDS.items():
            if content.get(name) == default:
                content.pop(name, None)
        payload = json.dumps(
            content,
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
