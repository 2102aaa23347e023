"""Properties over generated référentiels (Hypothesis)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import indicator_sets
from utilite_sociale.framework import dump_indicator_set, validate_indicator_set_data
from utilite_sociale.framework._yaml import load_yaml_with_lines

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(indicator_sets())
def test_generated_referentiels_are_valid_and_round_trip_through_yaml(data: dict[str, Any]) -> None:
    report = validate_indicator_set_data(data)
    assert report.valid, [issue.describe() for issue in report.issues]
    ref = report.raise_for_errors()
    text = dump_indicator_set(ref)
    parsed, lines = load_yaml_with_lines(text)
    again = validate_indicator_set_data(parsed, locator=lines).raise_for_errors()
    assert again == ref
    assert again.content_hash() == ref.content_hash()
    assert dump_indicator_set(again) == text


@SETTINGS
@given(indicator_sets(), st.data())
def test_a_negative_weight_is_reported_once_at_its_line(
    data: dict[str, Any], pick: st.DataObject
) -> None:
    ref = validate_indicator_set_data(data).raise_for_errors()
    faulty = copy.deepcopy(data)
    scored = [i for i, item in enumerate(faulty["indicators"]) if item.get("scored", True)]
    index = pick.draw(st.sampled_from(scored))
    faulty["indicators"][index]["weight"] = -pick.draw(st.sampled_from([0.5, 1.0, 7.0]))
    text = dump_indicator_set(ref.model_validate(faulty, context={"skip_checks": True}))
    parsed, lines = load_yaml_with_lines(text)
    report = validate_indicator_set_data(parsed, file="f.yaml", locator=lines)
    errors = [issue for issue in report.issues if issue.is_error]
    weight_line = lines.line_of(("indicators", index, "weight"))
    indicator_id = faulty["indicators"][index]["id"]
    # A negative weight may also leave its dimension without any positive weight.
    assert [(e.code, e.indicator, e.line) for e in errors if e.code == "poids-negatif"] == [
        ("poids-negatif", indicator_id, weight_line)
    ]
    assert {e.code for e in errors} <= {"poids-negatif", "groupe-sans-poids"}
