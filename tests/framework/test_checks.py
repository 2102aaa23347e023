"""One mistake at a time: each check reports exactly its code, and nothing else."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from utilite_sociale.framework import check_indicator_set, validate_indicator_set_data

Data = dict[str, Any]


def base() -> Data:
    """A small valid référentiel: two dimensions, six indicators, one strategic lens."""
    return {
        "id": "mini",
        "title": "Mini",
        "version": "1",
        "subject": "federation",
        "scales": {"confiance-3": {"labels": ["Faible", "Moyenne", "Forte"]}},
        "dimensions": [
            {"id": "a", "label": "A"},
            {"id": "b", "label": "B", "weight": 2},
        ],
        "lenses": [
            {"id": "axes", "label": "Axes", "groups": [{"id": "1", "label": "Un"}]},
        ],
        "indicators": [
            {
                "id": "N1",
                "label": "Nombre",
                "question": "Combien ?",
                "dimension": "a",
                "answer": {"type": "effectif", "unit": "personnes"},
                "normalisation": {"method": "bornes", "low": 0, "high": 10},
                "mappings": {"loi-2019": {"ess2019-1": 1}, "axes": {"1": 1}},
            },
            {
                "id": "P1",
                "label": "Part",
                "question": "Quelle part ?",
                "dimension": "a",
                "answer": {"type": "pourcentage"},
                "targets": [{"value": 80, "deadline": "2026-12-31"}],
            },
            {
                "id": "L1",
                "label": "Likert",
                "question": "D'accord ?",
                "dimension": "b",
                "answer": {"type": "likert", "scale": "confiance-3"},
                "level": "repondant",
            },
            {
                "id": "C1",
                "label": "Choix",
                "question": "Lequel ?",
                "dimension": "b",
                "answer": {
                    "type": "choix",
                    "choices": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}],
                },
                "normalisation": {"method": "categories", "scores": {"x": 0, "y": 100}},
            },
            {
                "id": "R1",
                "label": "Ratio",
                "question": "Combien par ETP ?",
                "dimension": "b",
                "answer": {"type": "nombre"},
                "denominator": "ETP",
                "normalisation": {
                    "method": "paliers",
                    "bands": [{"from": 0, "score": 0}, {"from": 5, "score": 100}],
                },
            },
            {
                "id": "ETP",
                "label": "ETP",
                "question": "Combien d'ETP ?",
                "answer": {"type": "nombre", "unit": "ETP"},
                "scored": False,
            },
        ],
    }


def ind(data: Data, indicator_id: str) -> Data:
    return next(item for item in data["indicators"] if item["id"] == indicator_id)


def setter(path: str, value: Any) -> Callable[[Data], None]:
    def apply(data: Data) -> None:
        head, *rest = path.split(".")
        target: Any = ind(data, head) if head[0].isupper() else data
        keys = rest if head[0].isupper() else [head, *rest]
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[keys[-1]] = value

    return apply


MUTATIONS: list[tuple[str, Callable[[Data], None], list[str]]] = [
    ("id en double", setter("P1.id", "n1"), ["id-duplique"]),
    ("id réservé", setter("P1.id", "org.nom"), ["id-reserve"]),
    ("id invalide", setter("P1.id", "é 1"), ["id-invalide"]),
    ("champ inconnu", setter("P1.poids", 3), ["champ-inconnu"]),
    ("champ manquant", lambda d: ind(d, "P1").pop("question"), ["champ-manquant"]),
    ("type inconnu", setter("N1.answer.type", "entier"), ["valeur-inconnue"]),
    ("type invalide", setter("N1.weight", "lourd"), ["type-invalide"]),
    ("couverture > 1", setter("min_coverage", 1.5), ["hors-limites"]),
    (
        "échelle redéfinie",
        setter("scales", {"accord-5": {"labels": ["a", "b"]}}),
        ["echelle-redefinie", "echelle-inconnue"],
    ),
    ("échelle manquante", lambda d: ind(d, "L1")["answer"].pop("scale"), ["echelle-manquante"]),
    ("échelle inconnue", setter("L1.answer.scale", "accord-9"), ["echelle-inconnue"]),
    ("choix manquants", lambda d: ind(d, "C1")["answer"].pop("choices"), ["choix-manquants"]),
    (
        "lentille redéclarée",
        setter("lenses.0.id", "guide"),
        ["lentille-reservee", "lentille-inconnue"],
    ),
    ("lentille inconnue", setter("N1.mappings", {"axe": {"1": 1}}), ["lentille-inconnue"]),
    ("groupe inconnu", setter("N1.mappings", {"loi-2014": {"ess2019-1": 1}}), ["groupe-inconnu"]),
    ("part nulle", setter("N1.mappings", {"axes": {"1": 0}}), ["part-invalide"]),
    (
        "parts > 1",
        setter("N1.mappings", {"loi-2019": {"ess2019-1": 0.6, "ess2019-2": 0.6}}),
        ["parts-superieures-a-1"],
    ),
    ("parent inconnu", setter("dimensions.1.parent", "z"), ["parent-inconnu"]),
    (
        "boucle",
        lambda d: (d["dimensions"][0].update(parent="b"), d["dimensions"][1].update(parent="a")),
        ["cycle-dimensions", "cycle-dimensions"],
    ),
    (
        "dimension vide",
        lambda d: d["dimensions"].append({"id": "c", "label": "C"}),
        ["dimension-vide"],
    ),
    ("dimension manquante", lambda d: ind(d, "P1").pop("dimension"), ["dimension-manquante"]),
    ("dimension inconnue", setter("P1.dimension", "z"), ["dimension-inconnue"]),
    (
        "dimension non feuille",
        lambda d: d["dimensions"].append({"id": "b1", "label": "B1", "parent": "b"}),
        [
            "dimension-non-feuille",
            "dimension-non-feuille",
            "dimension-non-feuille",
            "dimension-vide",
        ],
    ),
    (
        "profondeur inégale",
        lambda d: (
            d["dimensions"].append({"id": "a1", "label": "A1", "parent": "a"}),
            ind(d, "N1").update(dimension="a1"),
            ind(d, "P1").update(dimension="a1"),
        ),
        ["profondeur-inegale"] * 3,
    ),
    ("agrégation", setter("aggregation", ["amean", "amean", "amean"]), ["agregation-profondeur"]),
    ("poids négatif", setter("N1.weight", -1), ["poids-negatif"]),
    ("poids nul", setter("N1.weight", 0), ["poids-nul"]),
    (
        "groupe sans poids",
        lambda d: (ind(d, "N1").update(weight=0), ind(d, "P1").update(weight=0)),
        ["poids-nul", "poids-nul", "groupe-sans-poids"],
    ),
    (
        "dimensions sans poids",
        lambda d: [dim.update(weight=0) for dim in d["dimensions"]],
        ["poids-nul", "poids-nul", "groupe-sans-poids"],
    ),
    (
        "texte noté",
        lambda d: ind(d, "P1").update(answer={"type": "texte"}, scored=True, targets=[]),
        ["texte-note", "normalisation-manquante"],
    ),
    ("agrégation inutile", setter("N1.respondent_aggregation", "moyenne"), ["agregation-inutile"]),
    (
        "agrégation incompatible",
        lambda d: ind(d, "C1").update(
            level="repondant", respondent_aggregation="moyenne", normalisation=None
        ),
        ["agregation-incompatible", "normalisation-manquante"],
    ),
    (
        "favorables manquants",
        lambda d: ind(d, "L1").update(respondent_aggregation="part-favorable"),
        ["favorables-manquants"],
    ),
    (
        "favorable invalide",
        lambda d: ind(d, "L1").update(respondent_aggregation="part-favorable", favourable=[3, 4]),
        ["favorable-invalide"],
    ),
    (
        "normalisation manquante",
        lambda d: ind(d, "N1").pop("normalisation"),
        ["normalisation-manquante"],
    ),
    (
        "normalisation incompatible",
        setter("N1.normalisation", {"method": "likert"}),
        ["normalisation-incompatible"],
    ),
    ("direction cible sans cible", setter("P1.direction", "cible"), ["direction-incompatible"]),
    (
        "cible et décroissant",
        lambda d: ind(d, "P1").update(
            direction="decroissant", normalisation={"method": "cible", "target": 20, "low": 100}
        ),
        ["direction-incompatible"],
    ),
    (
        "paramètre manquant",
        setter("N1.normalisation", {"method": "bornes", "low": 0}),
        ["parametre-manquant"],
    ),
    (
        "tolérance manquante",
        lambda d: ind(d, "P1").update(
            direction="cible", normalisation={"method": "cible", "target": 50}
        ),
        ["parametre-manquant"],
    ),
    (
        "écart-type nul",
        setter("N1.normalisation", {"method": "zscore", "sd": 0}),
        ["parametre-invalide"],
    ),
    ("bornes inversées", setter("N1.normalisation.high", 0), ["bornes-inversees"]),
    (
        "saisie inversée",
        lambda d: ind(d, "N1")["answer"].update(min=10, max=1),
        ["bornes-inversees"],
    ),
    ("paliers", setter("R1.normalisation.bands.1.from", 0), ["paliers-non-croissants"]),
    (
        "scores likert",
        setter("L1.normalisation", {"method": "likert", "scores": {1: 0, 2: 50}}),
        ["scores-incomplets"],
    ),
    ("score hors échelle", setter("C1.normalisation.scores.y", 120), ["score-hors-echelle"]),
    ("choix sans score", setter("C1.normalisation.scores", {"x": 0}), ["scores-incomplets"]),
    ("dénominateur inconnu", setter("R1.denominator", "ZZ"), ["denominateur-invalide"]),
    (
        "dénominateur texte",
        lambda d: ind(d, "R1").update(denominator="C1"),
        ["denominateur-invalide"],
    ),
    ("dénominateur de lui-même", setter("R1.denominator", "R1"), ["denominateur-invalide"]),
    ("cible hors échelle", setter("P1.targets.0.value", 120), ["cible-hors-echelle"]),
    ("cible sur un choix", setter("C1.targets", [{"value": 1}]), ["cible-incompatible"]),
]


def codes(data: Data) -> list[str]:
    return sorted(issue.code for issue in validate_indicator_set_data(data).issues)


def test_base_is_valid() -> None:
    report = validate_indicator_set_data(base())
    assert report.valid
    assert report.issues == ()
    assert check_indicator_set(report.raise_for_errors()) == []


@pytest.mark.parametrize(("label", "mutate", "expected"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_each_mistake_yields_its_code(
    label: str, mutate: Callable[[Data], None], expected: list[str]
) -> None:
    data = copy.deepcopy(base())
    mutate(data)
    assert codes(data) == sorted(expected), label


def test_from_data_raises_in_french_with_every_issue() -> None:
    from utilite_sociale import IndicatorSet, IndicatorSetError

    data = base()
    ind(data, "N1")["weight"] = -1
    ind(data, "C1")["dimension"] = "z"
    with pytest.raises(IndicatorSetError) as caught:
        IndicatorSet.from_data(data, file="notebook")
    assert sorted(issue.code for issue in caught.value.errors) == [
        "dimension-inconnue",
        "poids-negatif",
    ]
    assert "validation error" not in str(caught.value)
    assert IndicatorSet.from_data(base()).id == "mini"
