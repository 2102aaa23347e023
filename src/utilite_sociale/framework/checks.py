"""Cross-field checks of a référentiel, reporting every problem at once.

The checks work on a *view* of the référentiel that may be partial: when some dimensions or
indicators failed structural validation, the others are still checked, and references to the
failed ones do not produce cascading errors.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import ERROR, WARNING, Issue, Severity
from ._locate import Path_
from .lenses import builtin_lenses
from .models import (
    NUMERIC_TYPES,
    AggregationMethod,
    Dimension,
    Indicator,
    IndicatorSet,
    Lens,
    Normalisation,
    Scale,
    ScaleRange,
)
from .scales import BUILTIN_SCALES

__all__ = ["check_indicator_set"]

_RESERVED_PREFIXES = ("org.", "esus.")
_RESERVED_IDS = frozenset({"repondant", "global"})
_SHARE_TOLERANCE = 1e-9


@dataclass(slots=True)
class View:
    """What the checks look at: the valid parts of a référentiel and the ids of broken ones."""

    scale: ScaleRange = field(default_factory=ScaleRange)
    aggregation: AggregationMethod | list[AggregationMethod] = "amean"
    scales: dict[str, Scale] = field(default_factory=dict)
    dimensions: list[tuple[int, Dimension]] = field(default_factory=list)
    lenses: list[tuple[int, Lens]] = field(default_factory=list)
    indicators: list[tuple[int, Indicator]] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    broken_refs: set[str] = field(default_factory=set)
    broken_lens_ids: set[str] = field(default_factory=set)
    header_ok: bool = True

    @classmethod
    def of(cls, indicator_set: IndicatorSet) -> View:
        """Build the view of a complete référentiel."""
        return cls(
            scale=indicator_set.scale,
            aggregation=indicator_set.aggregation,
            scales=dict(indicator_set.scales),
            dimensions=list(enumerate(indicator_set.dimensions)),
            lenses=list(enumerate(indicator_set.lenses)),
            indicators=list(enumerate(indicator_set.indicators)),
        )


Finding = tuple[Path_, Issue]


def check_indicator_set(indicator_set: IndicatorSet) -> list[Issue]:
    """Check the cross-field rules of a référentiel.

    Parameters
    ----------
    indicator_set
        The référentiel to check.

    Returns
    -------
    list of Issue
        Every error and warning found, in file order (no file or line: see
        :func:`utilite_sociale.load_indicator_set` for located issues).
    """
    return [issue for _, issue in check_view(View.of(indicator_set))]


def check_view(view: View) -> list[Finding]:
    """Run every check on ``view`` and return the findings with their paths."""
    checker = _Checker(view)
    checker.run()
    return checker.findings


class _Checker:
    def __init__(self, view: View) -> None:
        self.view = view
        self.findings: list[Finding] = []
        self.dims = {dim.id: dim for _, dim in view.dimensions}
        self.dim_index = {dim.id: index for index, dim in view.dimensions}
        self.inds = {ind.id: ind for _, ind in view.indicators}
        self.lenses: dict[str, dict[str, str]] = {
            lens.id: {group.id: group.label for group in lens.groups} for lens in builtin_lenses()
        }
        self.builtin_lens_ids = set(self.lenses)
        self.depth_of: dict[str, int] = {}
        self.cyclic: set[str] = set()

    # -- reporting ---------------------------------------------------------------------

    def add(
        self,
        path: Path_,
        code: str,
        message: str,
        *,
        fix: str | None = None,
        owner: str | None = None,
        field_name: str | None = None,
        found: object = None,
        expected: str | None = None,
        severity: Severity = ERROR,
    ) -> None:
        issue = Issue(
            code=code,
            message=message,
            severity=severity,
            indicator=owner,
            field=field_name,
            found=None if found is None else _fmt(found),
            expected=expected,
            fix=fix,
        )
        self.findings.append((path, issue))

    # -- driver ------------------------------------------------------------------------

    def run(self) -> None:
        self.check_header()
        self.check_ids()
        self.check_lenses()
        self.check_dimensions()
        for index, indicator in self.view.indicators:
            self.check_indicator(index, indicator)
        self.check_indicator_weights()
        self.check_depth()

    # -- header ------------------------------------------------------------------------

    def check_header(self) -> None:
        scale = self.view.scale
        if not scale.min < scale.max:
            self.add(
                ("scale",),
                "bornes-inversees",
                f"L'échelle des scores va de {_fmt(scale.min)} à {_fmt(scale.max)} : "
                "le minimum doit être inférieur au maximum.",
                fix="Indiquez par exemple scale: {min: 0, max: 100}.",
                field_name="scale",
            )
        for scale_id in self.view.scales:
            if scale_id in BUILTIN_SCALES:
                self.add(
                    ("scales", scale_id),
                    "echelle-redefinie",
                    f"L'échelle « {scale_id} » existe déjà d'office ; elle ne peut pas être "
                    "redéfinie.",
                    fix="Donnez un autre identifiant à votre échelle.",
                    field_name=f"scales.{scale_id}",
                )

    def check_ids(self) -> None:
        seen: dict[str, str] = {}
        entries: list[tuple[Path_, str, str]] = [
            (("dimensions", index, "id"), dim.id, "dimension")
            for index, dim in self.view.dimensions
        ]
        entries += [
            (("indicators", index, "id"), ind.id, "indicateur")
            for index, ind in self.view.indicators
        ]
        for path, item_id, kind in entries:
            key = item_id.casefold()
            if key in seen:
                self.add(
                    path,
                    "id-duplique",
                    f"L'identifiant « {item_id} » est déjà utilisé par {seen[key]}.",
                    fix="Chaque dimension et chaque indicateur doit avoir un identifiant unique "
                    "(la casse n'est pas distinguée).",
                    owner=item_id,
                    field_name="id",
                    found=item_id,
                )
            else:
                article = "une dimension" if kind == "dimension" else "un indicateur"
                seen[key] = f"{article} plus haut"
        for index, ind in self.view.indicators:
            if ind.id.startswith(_RESERVED_PREFIXES) or ind.id in _RESERVED_IDS:
                self.add(
                    ("indicators", index, "id"),
                    "id-reserve",
                    f"L'identifiant « {ind.id} » est réservé (préfixes « org. » et « esus. », "
                    "mots « repondant » et « global »).",
                    fix="Choisissez un autre identifiant.",
                    owner=ind.id,
                    field_name="id",
                    found=ind.id,
                )

    # -- lenses ------------------------------------------------------------------------

    def check_lenses(self) -> None:
        for index, lens in self.view.lenses:
            if lens.id in self.builtin_lens_ids:
                self.add(
                    ("lenses", index, "id"),
                    "lentille-reservee",
                    f"La lentille « {lens.id} » existe d'office (critères légaux, thèmes du "
                    "Guide) ; elle ne peut pas être redéclarée.",
                    fix="Supprimez cette déclaration ou donnez un autre identifiant.",
                    field_name="id",
                    found=lens.id,
                )
                continue
            if lens.id in self.lenses:
                self.add(
                    ("lenses", index, "id"),
                    "id-duplique",
                    f"La lentille « {lens.id} » est déclarée deux fois.",
                    fix="Fusionnez les deux déclarations.",
                    field_name="id",
                    found=lens.id,
                )
                continue
            counts = Counter(group.id for group in lens.groups)
            for group_index, group in enumerate(lens.groups):
                if counts[group.id] > 1:
                    self.add(
                        ("lenses", index, "groups", group_index, "id"),
                        "id-duplique",
                        f"Le groupe « {group.id} » apparaît plusieurs fois dans la lentille "
                        f"« {lens.id} ».",
                        fix="Donnez à chaque groupe un identifiant unique.",
                        field_name="groups.id",
                        found=group.id,
                    )
                    counts[group.id] = 0
            self.lenses[lens.id] = {group.id: group.label for group in lens.groups}

    # -- dimensions --------------------------------------------------------------------

    def check_dimensions(self) -> None:
        broken = self.view.broken_ids
        for index, dim in self.view.dimensions:
            if dim.parent is not None and dim.parent not in self.dims and dim.parent not in broken:
                self.add(
                    ("dimensions", index, "parent"),
                    "parent-inconnu",
                    f"La dimension parente « {dim.parent} » n'existe pas.",
                    fix=_suggest("Dimensions connues", self.dims),
                    owner=dim.id,
                    field_name="parent",
                    found=dim.parent,
                )
            self.check_weight(("dimensions", index, "weight"), dim.weight, dim.id, "la dimension")
        # cycles and depths
        for index, dim in self.view.dimensions:
            chain: list[str] = []
            current: str | None = dim.id
            while current is not None and current in self.dims:
                if current in chain:
                    self.cyclic.update(chain[chain.index(current) :])
                    if current == dim.id:
                        self.add(
                            ("dimensions", index, "parent"),
                            "cycle-dimensions",
                            "Les dimensions forment une boucle : "
                            + " → ".join([*chain, current])
                            + ".",
                            fix="Une dimension ne peut pas être sa propre ancêtre : corrigez "
                            "le champ parent.",
                            owner=dim.id,
                            field_name="parent",
                        )
                    break
                chain.append(current)
                current = self.dims[current].parent
            else:
                if current is None:
                    self.depth_of[dim.id] = len(chain)
        # siblings without a positive weight
        by_parent: dict[str | None, list[tuple[int, Dimension]]] = defaultdict(list)
        for index, dim in self.view.dimensions:
            by_parent[dim.parent].append((index, dim))
        for parent, siblings in by_parent.items():
            if siblings and all(dim.weight <= 0 for _, dim in siblings):
                where = "au premier niveau" if parent is None else f"sous « {parent} »"
                names = ", ".join(f"{dim.id} ({_fmt(dim.weight)})" for _, dim in siblings)
                self.add(
                    ("dimensions", siblings[0][0], "weight"),
                    "groupe-sans-poids",
                    f"Aucune dimension {where} n'a de poids positif : {names}.",
                    fix="Donnez un poids supérieur à 0 à au moins une d'entre elles.",
                    owner=siblings[0][1].id,
                    field_name="weight",
                )
        # empty dimensions, indicators attached to non-leaf dimensions
        has_child = {dim.parent for _, dim in self.view.dimensions if dim.parent is not None}
        used = {ind.dimension for _, ind in self.view.indicators if ind.is_scored}
        for index, dim in self.view.dimensions:
            unused = dim.id not in has_child and dim.id not in used
            if unused and dim.id not in self.view.broken_refs:
                self.add(
                    ("dimensions", index),
                    "dimension-vide",
                    f"La dimension « {dim.id} » n'a ni sous-dimension ni indicateur noté.",
                    fix="Rattachez-lui des indicateurs (champ dimension) ou supprimez-la.",
                    owner=dim.id,
                )

    def check_weight(self, path: Path_, weight: float, owner: str, what: str) -> None:
        if not math.isfinite(weight) or weight < 0:
            self.add(
                path,
                "poids-negatif",
                f"Le poids de {what} « {owner} » vaut {_fmt(weight)} : un poids doit être "
                "positif ou nul.",
                fix="Indiquez un poids ≥ 0 (0 désactive l'élément).",
                owner=owner,
                field_name="weight",
                found=weight,
                expected="un nombre ≥ 0",
            )
        elif weight == 0:
            self.add(
                path,
                "poids-nul",
                f"Le poids de {what} « {owner} » est nul : elle ne comptera pas dans les scores.",
                fix="Laissez 0 si c'est voulu ; sinon indiquez un poids positif.",
                owner=owner,
                field_name="weight",
                found=weight,
                severity=WARNING,
            )

    # -- indicators --------------------------------------------------------------------

    def check_indicator(self, index: int, ind: Indicator) -> None:
        base: Path_ = ("indicators", index)
        self.check_indicator_dimension(base, ind)
        if ind.is_scored:
            self.check_weight((*base, "weight"), ind.weight, ind.id, "l'indicateur")
        self.check_answer(base, ind)
        self.check_level(base, ind)
        if ind.is_scored:
            self.check_normalisation(base, ind)
        self.check_denominator(base, ind)
        self.check_targets(base, ind)
        self.check_mappings(base, ind)

    def check_indicator_dimension(self, base: Path_, ind: Indicator) -> None:
        if ind.dimension is None:
            if ind.is_scored:
                self.add(
                    (*base, "dimension"),
                    "dimension-manquante",
                    "Un indicateur noté doit être rattaché à une dimension.",
                    fix=_suggest("Dimensions connues", self.dims)
                    + " Ou mettez scored: false pour un indicateur de contexte.",
                    owner=ind.id,
                    field_name="dimension",
                )
            return
        if ind.dimension not in self.dims:
            if ind.dimension not in self.view.broken_ids:
                self.add(
                    (*base, "dimension"),
                    "dimension-inconnue",
                    f"La dimension « {ind.dimension} » n'existe pas.",
                    fix=_suggest("Dimensions connues", self.dims),
                    owner=ind.id,
                    field_name="dimension",
                    found=ind.dimension,
                )
            return
        if ind.dimension in self.cyclic:
            return  # already reported as a loop of dimensions
        children = [dim.id for _, dim in self.view.dimensions if dim.parent == ind.dimension]
        if children and ind.is_scored:
            self.add(
                (*base, "dimension"),
                "dimension-non-feuille",
                f"La dimension « {ind.dimension} » a des sous-dimensions "
                f"({', '.join(children)}) : un indicateur noté se rattache à une dimension du "
                "niveau le plus bas.",
                fix="Rattachez l'indicateur à l'une de ses sous-dimensions.",
                owner=ind.id,
                field_name="dimension",
                found=ind.dimension,
            )

    def check_answer(self, base: Path_, ind: Indicator) -> None:
        answer = ind.answer
        path = (*base, "answer")
        if answer.type == "likert":
            if answer.scale is None:
                self.add(
                    (*path, "type"),
                    "echelle-manquante",
                    "Une réponse de type likert doit nommer son échelle (answer.scale).",
                    fix=_suggest("Échelles disponibles", self.scale_ids()),
                    owner=ind.id,
                    field_name="answer.scale",
                )
            elif answer.scale not in self.view.scales and answer.scale not in BUILTIN_SCALES:
                self.add(
                    (*path, "scale"),
                    "echelle-inconnue",
                    f"L'échelle « {answer.scale} » n'existe pas.",
                    fix=_suggest("Échelles disponibles", self.scale_ids()),
                    owner=ind.id,
                    field_name="answer.scale",
                    found=answer.scale,
                )
        if answer.type == "choix":
            if not answer.choices:
                self.add(
                    (*path, "type"),
                    "choix-manquants",
                    "Une réponse de type choix doit lister ses valeurs possibles (answer.choices).",
                    fix="Ajoutez par exemple choices: [{value: a, label: …}, …].",
                    owner=ind.id,
                    field_name="answer.choices",
                )
            else:
                counts = Counter(choice.value for choice in answer.choices)
                for value, count in counts.items():
                    if count > 1:
                        self.add(
                            (*path, "choices"),
                            "id-duplique",
                            f"La valeur « {value} » apparaît {count} fois dans les choix.",
                            fix="Chaque choix doit avoir une valeur unique.",
                            owner=ind.id,
                            field_name="answer.choices",
                            found=value,
                        )
        if answer.min is not None and answer.max is not None and answer.min > answer.max:
            self.add(
                (*path, "min"),
                "bornes-inversees",
                f"La borne minimale de saisie ({_fmt(answer.min)}) dépasse la borne maximale "
                f"({_fmt(answer.max)}).",
                fix="Échangez answer.min et answer.max.",
                owner=ind.id,
                field_name="answer.min",
            )
        if answer.type == "texte" and ind.scored:
            self.add(
                (*base, "scored"),
                "texte-note",
                "Une réponse en texte libre ne peut pas être notée.",
                fix="Mettez scored: false, ou changez le type de réponse.",
                owner=ind.id,
                field_name="scored",
            )

    def check_level(self, base: Path_, ind: Indicator) -> None:
        if ind.level == "organisation":
            if ind.respondent_aggregation is not None:
                self.add(
                    (*base, "respondent_aggregation"),
                    "agregation-inutile",
                    "respondent_aggregation ne s'applique qu'aux indicateurs renseignés par "
                    "chaque répondant.",
                    fix="Supprimez ce champ ou mettez level: repondant.",
                    owner=ind.id,
                    field_name="respondent_aggregation",
                )
            return
        aggregation = ind.aggregation
        if aggregation in {"moyenne", "mediane"} and ind.answer.type in {"choix", "texte"}:
            self.add(
                (*base, "respondent_aggregation"),
                "agregation-incompatible",
                f"On ne peut pas calculer une {aggregation} sur des réponses de type "
                f"{ind.answer.type}.",
                fix="Utilisez respondent_aggregation: part-favorable avec la liste favourable.",
                owner=ind.id,
                field_name="respondent_aggregation",
                found=aggregation,
            )
        if aggregation == "part-favorable":
            values = ind.favourable_values
            if not values:
                self.add(
                    (*base, "favourable"),
                    "favorables-manquants",
                    "Une part de réponses favorables demande la liste des réponses favorables.",
                    fix="Ajoutez par exemple favourable: [4, 5].",
                    owner=ind.id,
                    field_name="favourable",
                )
            allowed = self.answer_values(ind)
            if allowed is not None:
                for value in values:
                    if value not in allowed:
                        self.add(
                            (*base, "favourable"),
                            "favorable-invalide",
                            f"La réponse favorable « {value} » n'est pas une réponse possible.",
                            fix="Réponses possibles : " + ", ".join(allowed) + ".",
                            owner=ind.id,
                            field_name="favourable",
                            found=value,
                        )

    def answer_values(self, ind: Indicator) -> list[str] | None:
        """Possible raw answers as text, for enumerated types."""
        answer = ind.answer
        if answer.type == "oui-non":
            return ["oui", "non"]
        if answer.type == "choix" and answer.choices:
            return [choice.value for choice in answer.choices]
        if answer.type == "likert" and answer.scale is not None:
            n_points = self.scale_size(answer.scale)
            if n_points is not None:
                return [str(point) for point in range(1, n_points + 1)]
        return None

    def scale_ids(self) -> list[str]:
        return [*BUILTIN_SCALES, *self.view.scales]

    def scale_size(self, scale_id: str) -> int | None:
        if scale_id in self.view.scales:
            return len(self.view.scales[scale_id].labels)
        if scale_id in BUILTIN_SCALES:
            return len(BUILTIN_SCALES[scale_id][1])
        return None

    # -- normalisation -----------------------------------------------------------------

    def check_normalisation(self, base: Path_, ind: Indicator) -> None:
        norm = ind.effective_normalisation()
        path = (*base, "normalisation")
        if norm is None:
            self.add(
                path if ind.normalisation is not None else (*base, "answer", "type"),
                "normalisation-manquante",
                f"Un indicateur noté de type {ind.answer.type} doit déclarer sa normalisation.",
                fix="Ajoutez par exemple normalisation: {method: bornes, low: 0, high: 100} "
                "(bornes fixes, comparables d'une année à l'autre).",
                owner=ind.id,
                field_name="normalisation",
            )
            return
        method = norm.method
        aggregation = ind.aggregation
        kind = ind.answer.type
        compatible = {
            "likert": kind == "likert" and aggregation != "part-favorable",
            "oui-non": kind == "oui-non" and ind.level == "organisation",
            "categories": kind == "choix" and ind.level == "organisation",
        }
        if method in compatible and not compatible[method]:
            expected = {
                "likert": "une réponse likert (moyenne ou médiane des répondants)",
                "oui-non": "une réponse oui-non de l'organisation",
                "categories": "une réponse choix de l'organisation",
            }[method]
            self.add(
                (*path, "method"),
                "normalisation-incompatible",
                f"La normalisation « {method} » s'applique à {expected}, pas à une réponse "
                f"{kind}" + (" agrégée en part de réponses favorables." if aggregation else "."),
                fix="Choisissez une normalisation adaptée (bornes, paliers, cible…).",
                owner=ind.id,
                field_name="normalisation.method",
                found=method,
            )
        if (
            kind in {"choix", "texte"}
            and method not in {"categories"}
            and ind.level == ("organisation")
        ):
            self.add(
                (*path, "method"),
                "normalisation-incompatible",
                f"Une réponse {kind} se normalise avec method: categories.",
                fix="Indiquez un score pour chaque choix (scores: {valeur: score}).",
                owner=ind.id,
                field_name="normalisation.method",
                found=method,
            )
        if ind.direction == "cible" and method != "cible":
            self.add(
                (*base, "direction"),
                "direction-incompatible",
                "Le sens « cible » demande la normalisation « cible » (distance à la cible).",
                fix="Mettez normalisation: {method: cible, target: …, tolerance: …}.",
                owner=ind.id,
                field_name="direction",
            )
        if ind.direction == "decroissant" and method == "cible":
            self.add(
                (*base, "direction"),
                "direction-incompatible",
                "Avec la normalisation « cible », le sens découle de low et target : "
                "« decroissant » l'inverserait une seconde fois.",
                fix="Mettez direction: croissant et placez low du côté des mauvaises valeurs "
                "(ex. low: 100, target: 20 pour une valeur à faire baisser).",
                owner=ind.id,
                field_name="direction",
            )
        getattr(self, f"norm_{method.replace('-', '_')}")(path, ind, norm)
        if norm.scores:
            for key, score in norm.scores.items():
                self.check_score_in_scale((*path, "scores", key), ind, score)
        for band_index, band in enumerate(norm.bands or []):
            self.check_score_in_scale((*path, "bands", band_index, "score"), ind, band.score)

    def check_score_in_scale(self, path: Path_, ind: Indicator, score: float) -> None:
        scale = self.view.scale
        if not scale.min <= score <= scale.max:
            self.add(
                path,
                "score-hors-echelle",
                f"Le score {_fmt(score)} sort de l'échelle du référentiel "
                f"[{_fmt(scale.min)} ; {_fmt(scale.max)}].",
                fix="Indiquez des scores compris dans l'échelle.",
                owner=ind.id,
                field_name=".".join(str(part) for part in path[2:]),
                found=score,
            )

    def missing_param(self, path: Path_, ind: Indicator, method: str, names: str) -> None:
        self.add(
            path,
            "parametre-manquant",
            f"La normalisation « {method} » demande {names}.",
            fix="Complétez la normalisation (voir docs/format-referentiel.md).",
            owner=ind.id,
            field_name="normalisation",
        )

    def norm_bornes(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        if norm.low is None or norm.high is None:
            self.missing_param(path, ind, "bornes", "les bornes low et high")
        elif not norm.low < norm.high:
            self.add(
                (*path, "low"),
                "bornes-inversees",
                f"Les bornes sont inversées ou égales : low = {_fmt(norm.low)}, "
                f"high = {_fmt(norm.high)}.",
                fix="low est la valeur la plus basse et high la plus haute, quel que soit le "
                "sens (direction) de l'indicateur : échangez-les.",
                owner=ind.id,
                field_name="normalisation.low",
                found=f"{_fmt(norm.low)} ; {_fmt(norm.high)}",
                expected="low < high",
            )

    def norm_minmax(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        if norm.range is not None and not norm.range[0] < norm.range[1]:
            self.add(
                (*path, "range"),
                "bornes-inversees",
                f"L'intervalle range [{_fmt(norm.range[0])} ; {_fmt(norm.range[1])}] est "
                "inversé ou vide.",
                fix="Indiquez range: [l, u] avec l < u.",
                owner=ind.id,
                field_name="normalisation.range",
            )

    def norm_zscore(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        if norm.sd is not None and not norm.sd > 0:
            self.add(
                (*path, "sd"),
                "parametre-invalide",
                f"L'écart-type sd vaut {_fmt(norm.sd)} : il doit être strictement positif.",
                fix="Indiquez sd > 0 (1 par défaut).",
                owner=ind.id,
                field_name="normalisation.sd",
                found=norm.sd,
            )

    def norm_rang(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        return

    def norm_cible(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        if norm.target is None:
            self.missing_param(path, ind, "cible", "la valeur cible (target)")
            return
        self.check_value_in_range((*path, "target"), ind, norm.target, "La cible")
        if ind.direction == "cible":
            if norm.tolerance is None or not norm.tolerance > 0:
                self.add(
                    (*path, "tolerance"),
                    "parametre-manquant",
                    "Le sens « cible » demande l'écart à la cible à partir duquel le score est "
                    "nul (tolerance > 0).",
                    fix="Ajoutez par exemple tolerance: 10.",
                    owner=ind.id,
                    field_name="normalisation.tolerance",
                )
        elif norm.low is None:
            self.missing_param(path, ind, "cible", "la valeur notée 0 (low)")
        elif norm.low == norm.target:
            self.add(
                (*path, "low"),
                "bornes-inversees",
                "La valeur notée 0 (low) est égale à la cible.",
                fix="Choisissez une valeur low différente de target.",
                owner=ind.id,
                field_name="normalisation.low",
            )

    def norm_paliers(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        if not norm.bands:
            self.missing_param(path, ind, "paliers", "la liste des paliers (bands)")
            return
        starts = [band.from_ for band in norm.bands]
        if any(b <= a for a, b in itertools.pairwise(starts)):
            self.add(
                (*path, "bands"),
                "paliers-non-croissants",
                "Les seuils des paliers doivent être strictement croissants : "
                + ", ".join(_fmt(start) for start in starts)
                + ".",
                fix="Rangez les paliers du plus petit seuil au plus grand, sans doublon.",
                owner=ind.id,
                field_name="normalisation.bands",
            )

    def norm_likert(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        if norm.scores is None or ind.answer.scale is None:
            return
        size = self.scale_size(ind.answer.scale)
        if size is None:
            return
        expected = {str(point) for point in range(1, size + 1)}
        if set(norm.scores) != expected:
            self.add(
                (*path, "scores"),
                "scores-incomplets",
                f"Les scores doivent couvrir exactement les valeurs 1 à {size} de l'échelle "
                f"« {ind.answer.scale} » ; trouvé : {', '.join(sorted(norm.scores))}.",
                fix="Donnez un score pour chaque valeur de l'échelle.",
                owner=ind.id,
                field_name="normalisation.scores",
            )

    def norm_oui_non(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        if norm.scores is not None and set(norm.scores) != {"oui", "non"}:
            self.add(
                (*path, "scores"),
                "scores-incomplets",
                "Les scores d'une normalisation oui-non portent sur « oui » et « non » ; "
                f"trouvé : {', '.join(sorted(norm.scores))}.",
                fix="Écrivez scores: {oui: 100, non: 0}.",
                owner=ind.id,
                field_name="normalisation.scores",
            )

    def norm_categories(self, path: Path_, ind: Indicator, norm: Normalisation) -> None:
        values = [choice.value for choice in ind.answer.choices or []]
        scores = norm.scores or {}
        missing = [value for value in values if value not in scores]
        unknown = [key for key in scores if key not in values]
        if missing:
            self.add(
                (*path, "scores"),
                "scores-incomplets",
                "Chaque choix doit recevoir un score ; il manque : " + ", ".join(missing) + ".",
                fix="Ajoutez ces valeurs dans normalisation.scores.",
                owner=ind.id,
                field_name="normalisation.scores",
            )
        if unknown and values:
            self.add(
                (*path, "scores"),
                "choix-inconnu",
                "Ces scores portent sur des choix qui n'existent pas : " + ", ".join(unknown) + ".",
                fix="Valeurs possibles : " + ", ".join(values) + ".",
                owner=ind.id,
                field_name="normalisation.scores",
            )

    # -- denominator, targets, mappings -----------------------------------------------

    def check_denominator(self, base: Path_, ind: Indicator) -> None:
        if ind.denominator is None:
            return
        path = (*base, "denominator")
        denominator = self.inds.get(ind.denominator)
        problem: str | None = None
        if ind.denominator == ind.id:
            problem = "Un indicateur ne peut pas être son propre dénominateur."
        elif denominator is None:
            if ind.denominator in self.view.broken_ids:
                return
            problem = (
                f"Le dénominateur « {ind.denominator} » n'est pas un indicateur du référentiel."
            )
        elif denominator.answer.type not in {"nombre", "effectif", "montant"}:
            problem = (
                f"Le dénominateur « {ind.denominator} » est de type {denominator.answer.type} : "
                "il doit être un nombre, un effectif ou un montant."
            )
        elif denominator.level != "organisation":
            problem = (
                f"Le dénominateur « {ind.denominator} » est renseigné par les répondants : il "
                "doit être un chiffre de l'organisation."
            )
        elif denominator.denominator is not None:
            problem = (
                f"Le dénominateur « {ind.denominator} » a lui-même un dénominateur ; les "
                "dénominations en chaîne ne sont pas admises."
            )
        elif ind.answer.type not in NUMERIC_TYPES or ind.level != "organisation":
            problem = (
                "Seul un chiffre de l'organisation (nombre, effectif, montant, pourcentage) peut "
                "être rapporté à un dénominateur."
            )
        if problem:
            self.add(
                path,
                "denominateur-invalide",
                problem,
                fix="Indiquez l'id d'un autre indicateur numérique (ETP, budget…) ou supprimez "
                "le champ denominator.",
                owner=ind.id,
                field_name="denominator",
                found=ind.denominator,
            )

    def value_range(self, ind: Indicator) -> tuple[float | None, float | None] | None:
        """Range of the organisation-level value, or ``None`` when targets make no sense."""
        if ind.denominator is not None:
            return (None, None)
        if ind.aggregation == "part-favorable":
            return (0.0, 100.0)
        kind = ind.answer.type
        if kind == "likert":
            size = self.scale_size(ind.answer.scale or "")
            return (1.0, float(size)) if size else (None, None)
        if kind == "pourcentage":
            low = ind.answer.min if ind.answer.min is not None else 0.0
            high = ind.answer.max if ind.answer.max is not None else 100.0
            return (low, high)
        if kind in {"nombre", "montant", "effectif"}:
            floor = ind.answer.min
            if floor is None and kind == "effectif":
                floor = 0.0
            return (floor, ind.answer.max)
        return None

    def check_value_in_range(self, path: Path_, ind: Indicator, value: float, what: str) -> None:
        bounds = self.value_range(ind)
        field_name = ".".join(str(part) for part in path[2:] if not isinstance(part, int))
        if bounds is None:
            self.add(
                path,
                "cible-incompatible",
                f"{what} n'a pas de sens pour une réponse {ind.answer.type}.",
                fix="Supprimez la cible, ou changez le type de réponse.",
                owner=ind.id,
                field_name=field_name,
            )
            return
        low, high = bounds
        if (low is not None and value < low) or (high is not None and value > high):
            shown = f"[{_fmt(low) if low is not None else '−∞'} ; "
            shown += f"{_fmt(high) if high is not None else '+∞'}]"
            self.add(
                path,
                "cible-hors-echelle",
                f"{what} {_fmt(value)} sort de l'échelle de réponse {shown}.",
                fix="Indiquez une cible que la réponse peut atteindre.",
                owner=ind.id,
                field_name=field_name,
                found=value,
                expected=f"une valeur dans {shown}",
            )

    def check_targets(self, base: Path_, ind: Indicator) -> None:
        for index, target in enumerate(ind.targets):
            self.check_value_in_range(
                (*base, "targets", index, "value"), ind, target.value, "La cible"
            )

    def check_mappings(self, base: Path_, ind: Indicator) -> None:
        for lens_id, shares in ind.mappings.items():
            path = (*base, "mappings", lens_id)
            if lens_id not in self.lenses:
                if lens_id not in self.view.broken_lens_ids:
                    self.add(
                        path,
                        "lentille-inconnue",
                        f"La lentille « {lens_id} » n'existe pas.",
                        fix=_suggest("Lentilles connues", self.lenses),
                        owner=ind.id,
                        field_name=f"mappings.{lens_id}",
                        found=lens_id,
                    )
                continue
            groups = self.lenses[lens_id]
            for group_id, share in shares.items():
                group_path = (*path, group_id)
                if group_id not in groups:
                    self.add(
                        group_path,
                        "groupe-inconnu",
                        f"« {group_id} » n'est pas un groupe de la lentille « {lens_id} ».",
                        fix=_suggest("Groupes possibles", groups),
                        owner=ind.id,
                        field_name=f"mappings.{lens_id}",
                        found=group_id,
                    )
                if not math.isfinite(share) or not 0 < share <= 1:
                    self.add(
                        group_path,
                        "part-invalide",
                        f"La part de l'indicateur dans « {group_id} » vaut {_fmt(share)} : elle "
                        "doit être comprise entre 0 (exclu) et 1.",
                        fix="Indiquez une part entre 0 et 1 (1 = l'indicateur compte entièrement).",
                        owner=ind.id,
                        field_name=f"mappings.{lens_id}.{group_id}",
                        found=share,
                    )
            total = sum(share for share in shares.values() if math.isfinite(share))
            if total > 1 + _SHARE_TOLERANCE:
                detail = ", ".join(f"{group} : {_fmt(share)}" for group, share in shares.items())
                self.add(
                    path,
                    "parts-superieures-a-1",
                    f"Les parts de l'indicateur dans la lentille « {lens_id} » totalisent "
                    f"{_fmt(total)} ({detail}) : leur somme ne doit pas dépasser 1.",
                    fix="Répartissez l'indicateur, par exemple 0,5 et 0,5.",
                    owner=ind.id,
                    field_name=f"mappings.{lens_id}",
                    found=total,
                    expected="une somme ≤ 1",
                )

    def check_indicator_weights(self) -> None:
        by_dimension: dict[str, list[tuple[int, Indicator]]] = defaultdict(list)
        for index, ind in self.view.indicators:
            if ind.is_scored and ind.dimension in self.dims:
                by_dimension[ind.dimension].append((index, ind))
        for dimension_id, members in by_dimension.items():
            if all(ind.weight <= 0 for _, ind in members):
                names = ", ".join(f"{ind.id} ({_fmt(ind.weight)})" for _, ind in members)
                self.add(
                    ("dimensions", self.dim_index[dimension_id], "id"),
                    "groupe-sans-poids",
                    f"Aucun indicateur de la dimension « {dimension_id} » n'a de poids "
                    f"positif : {names}.",
                    fix="Donnez un poids supérieur à 0 à au moins un indicateur.",
                    owner=dimension_id,
                    field_name="weight",
                )

    def check_depth(self) -> None:
        depths: dict[int, list[tuple[int, Indicator]]] = defaultdict(list)
        for index, ind in self.view.indicators:
            if ind.is_scored and ind.dimension in self.depth_of:
                depths[self.depth_of[ind.dimension]].append((index, ind))
        if len(depths) > 1:
            deepest = max(depths)
            summary = " ; ".join(
                f"profondeur {depth} : {len(members)} indicateur(s)"
                for depth, members in sorted(depths.items())
            )
            for depth, members in sorted(depths.items()):
                if depth == deepest:
                    continue
                for index, ind in members:
                    self.add(
                        ("indicators", index, "dimension"),
                        "profondeur-inegale",
                        f"L'indicateur est rattaché à une dimension de profondeur {depth}, alors "
                        f"que d'autres sont à la profondeur {deepest} ({summary}).",
                        fix="Tous les indicateurs notés doivent être au même niveau de l'arbre : "
                        "ajoutez une sous-dimension ou rattachez-le ailleurs.",
                        owner=ind.id,
                        field_name="dimension",
                        found=ind.dimension,
                    )
        aggregation = self.view.aggregation
        if isinstance(aggregation, list) and depths and self.view.header_ok:
            steps = max(depths) + 1
            if len(aggregation) != steps:
                self.add(
                    ("aggregation",),
                    "agregation-profondeur",
                    f"{len(aggregation)} méthode(s) d'agrégation pour {steps} étape(s) : l'arbre "
                    f"a {steps - 1} niveau(x) de dimensions, il faut une méthode par étape, des "
                    "indicateurs jusqu'au score global.",
                    fix=f"Indiquez {steps} méthodes, par exemple "
                    f"[{', '.join(['amean'] * steps)}], ou une seule méthode pour toutes.",
                    field_name="aggregation",
                    found=", ".join(aggregation),
                )


def _fmt(value: object) -> str:
    """Format a number the French way for messages (``0,5``, ``12``)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.6g}".replace(".", ",")
    return str(value)


def _suggest(what: str, known: Iterable[str]) -> str:
    names: Sequence[str] = list(known)
    if not names:
        return ""
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"{what} : {shown}."
