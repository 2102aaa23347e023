"""Hypothesis strategies: valid référentiels as plain data (shared by several test modules)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

LEGAL_2019 = ["ess2019-1", "ess2019-2", "ess2019-3", "ess2019-4"]
LEGAL_2014 = ["ess2014-1", "ess2014-2", "ess2014-3"]
GUIDE = ["guide-gouvernance", "guide-usagers", "guide-emploi", "guide-ethique"]

weights = st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0])
texts = st.text(
    alphabet=st.sampled_from("abcdeéèàçôï ’«»-:;,.?0123456789ABCDE"), min_size=1, max_size=40
).map(lambda text: text.strip() or "x")


@st.composite
def shares(draw: st.DrawFn, groups: list[str]) -> dict[str, float]:
    chosen = draw(st.lists(st.sampled_from(groups), min_size=1, max_size=2, unique=True))
    return {group: 1.0 / len(chosen) for group in chosen}


@st.composite
def answers(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]:
    """An answer spec, its normalisation and the extra indicator fields it needs."""
    kind = draw(
        st.sampled_from(["likert", "oui-non", "pourcentage", "effectif", "choix", "nombre"])
    )
    extra: dict[str, Any] = {}
    if kind == "likert":
        answer: dict[str, Any] = {
            "type": "likert",
            "scale": draw(st.sampled_from(["accord-5", "confiance-3"])),
        }
        if draw(st.booleans()):
            extra = {
                "level": "repondant",
                "respondent_aggregation": "part-favorable",
                "favourable": ["2", "3"],
            }
        return answer, None, extra
    if kind == "oui-non":
        if draw(st.booleans()):
            return (
                {"type": "oui-non"},
                {"method": "oui-non", "scores": {"oui": 90.0, "non": 10.0}},
                {},
            )
        return {"type": "oui-non"}, None, extra
    if kind == "nombre":
        starts = sorted(draw(st.sets(st.integers(-5, 50), min_size=1, max_size=4)))
        bands = [{"from": float(v), "score": float(10 * i)} for i, v in enumerate(starts)]
        return (
            {"type": "nombre", "unit": "heures"},
            {"method": "paliers", "bands": bands},
            {
                "fragility": draw(
                    st.lists(st.sampled_from(["economique", "sociale", "sante"]), unique=True)
                )
            },
        )
    if kind == "pourcentage":
        target = draw(st.integers(0, 100))
        extra = {"targets": [{"value": float(target), "deadline": "2027-12-31", "label": "cap"}]}
        return {"type": "pourcentage", "unit": "%"}, None, extra
    if kind == "effectif":
        low = draw(st.integers(0, 50))
        high = low + draw(st.integers(1, 500))
        norm = {"method": "bornes", "low": float(low), "high": float(high)}
        direction = draw(st.sampled_from(["croissant", "decroissant"]))
        return {"type": "effectif", "unit": "personnes", "min": 0.0}, norm, {"direction": direction}
    values = draw(st.lists(st.sampled_from("abcdef"), min_size=2, max_size=4, unique=True))
    answer = {"type": "choix", "choices": [{"value": v, "label": f"Choix {v}"} for v in values]}
    norm = {"method": "categories", "scores": {v: float(i * 10) for i, v in enumerate(values)}}
    return answer, norm, extra


@st.composite
def indicator_sets(draw: st.DrawFn) -> dict[str, Any]:
    """A valid référentiel (1 or 2 levels of dimensions) as it would be read from YAML."""
    two_levels = draw(st.booleans())
    dimensions: list[dict[str, Any]] = []
    leaves: list[str] = []
    for top in range(draw(st.integers(1, 3))):
        top_id = f"d{top + 1}"
        dimensions.append({"id": top_id, "label": draw(texts), "weight": draw(weights)})
        if two_levels:
            for sub in range(draw(st.integers(1, 2))):
                sub_id = f"{top_id}-{sub + 1}"
                dimensions.append(
                    {"id": sub_id, "label": draw(texts), "parent": top_id, "weight": draw(weights)}
                )
                leaves.append(sub_id)
        else:
            leaves.append(top_id)
    indicators: list[dict[str, Any]] = []
    for leaf in leaves:
        for number in range(draw(st.integers(1, 3))):
            answer, norm, extra = draw(answers())
            indicator: dict[str, Any] = {
                "id": f"I-{leaf}-{number + 1}",
                "label": draw(texts),
                "question": draw(texts) + " ?",
                "dimension": leaf,
                "answer": answer,
                "weight": draw(weights),
                "evidence": draw(texts),
                "mappings": {
                    "loi-2019": draw(shares(LEGAL_2019)),
                    "loi-2014": draw(shares(LEGAL_2014)),
                },
                **extra,
            }
            if norm is not None:
                indicator["normalisation"] = norm
            if draw(st.booleans()):
                indicator["mappings"]["guide"] = draw(shares(GUIDE))
            if draw(st.booleans()):
                indicator["mappings"]["axes"] = draw(shares(["1", "2.1", "b"]))
            if draw(st.booleans()):
                indicator["help"] = draw(texts)
                indicator["rationale"] = draw(texts)
                indicator["required"] = draw(st.booleans())
            indicators.append(indicator)
    indicators.append(
        {
            "id": "CTX-ETP",
            "label": "ETP",
            "question": "Combien d'ETP ?",
            "answer": {"type": "nombre", "unit": "ETP", "min": 0.0},
            "scored": False,
        }
    )
    aggregation = draw(
        st.one_of(
            st.sampled_from(["amean", "gmean", "min"]),
            st.lists(
                st.sampled_from(["amean", "gmean", "min"]),
                min_size=3 if two_levels else 2,
                max_size=3 if two_levels else 2,
            ),
        )
    )
    return {
        "id": "genere",
        "title": draw(texts),
        "version": draw(st.sampled_from(["1.0.0", "2025.1", "0.3"])),
        "subject": draw(st.sampled_from(["adherent", "federation"])),
        "legal_version": draw(st.sampled_from(["auto", "2014", "2019"])),
        "aggregation": aggregation,
        "min_coverage": draw(st.sampled_from([0.0, 0.5, 0.75, 1.0])),
        "dimensions": dimensions,
        "indicators": indicators,
        "description": draw(st.one_of(st.none(), texts)),
        "authors": draw(st.lists(texts, max_size=2)),
        "sources": [{"id": "seed", "title": draw(texts), "url": "https://exemple.org/a"}],
        "scales": {"confiance-3": {"label": "Confiance", "labels": ["Faible", "Moyenne", "Forte"]}},
        "lenses": [
            {
                "id": "axes",
                "label": draw(texts),
                "groups": [
                    {"id": "1", "label": draw(texts)},
                    {"id": "2.1", "label": draw(texts), "description": draw(texts)},
                    {"id": "b", "label": draw(texts)},
                ],
            }
        ],
    }
