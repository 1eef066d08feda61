"""Condition trees: validated against the trigger's fields with a path to the offending part, and
matched against payloads without evaluating anything."""
from __future__ import annotations

from typing import Any

import pytest

from backend.core.errors import ValidationFailed
from backend.rules import conditions
from backend.rules.catalogue import TRIGGERS

FEEDBACK = TRIGGERS["feedback_received"]
KUDOS = TRIGGERS["kudos_received"]


def _leaf(field: str, op: str, value: Any) -> dict[str, Any]:
    return {"field": field, "op": op, "value": value}


def _nested(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = _leaf("points", "gt", 0)
    for _ in range(depth - 1):
        node = {"not": node}
    return node


@pytest.mark.parametrize("tree", [None, {}, {"all": []}])
def test_no_conditions_normalise_to_none(tree):
    # when / then
    assert conditions.validate(tree, KUDOS) is None


def test_a_valid_tree_is_returned_normalised():
    # given an "in" list with a repeated value
    tree = {"all": [_leaf("kind", "eq", "praise"), {"any": [_leaf("value_code", "in", ["care", "care", "grit"]),
                                                            {"not": _leaf("is_public", "eq", False)}]}]}
    # when
    normalised = conditions.validate(tree, FEEDBACK)
    # then
    assert normalised == {"all": [_leaf("kind", "eq", "praise"), {"any": [_leaf("value_code", "in", ["care", "grit"]),
                                                                          {"not": _leaf("is_public", "eq", False)}]}]}


@pytest.mark.parametrize(("tree", "field"), [
    ("praise", "conditions"),
    ({"all": "x"}, "conditions.all"),
    ({"any": []}, "conditions.any"),
    ({"all": [], "any": []}, "conditions"),
    ({"field": "kind", "op": "eq"}, "conditions"),
    ({"all": [_leaf("kind", "eq", "praise"), _leaf("giver_id", "eq", "x")]}, "conditions.all[1].field"),
    ({"all": [_leaf("kind", "gt", "praise")]}, "conditions.all[0].op"),
    ({"all": [_leaf("kind", "eq", "praise"), _leaf("kind", "eq", "scolding")]}, "conditions.all[1].value"),
    ({"not": _leaf("is_public", "ne", True)}, "conditions.not.op"),
    (_leaf("is_public", "eq", "yes"), "conditions.value"),
    (_leaf("dimension", "eq", 3), "conditions.value"),
    (_leaf("dimension", "eq", "x" * 101), "conditions.value"),
    (_leaf("dimension", "in", []), "conditions.value"),
    (_leaf("dimension", "in", "teamwork"), "conditions.value"),
    (_leaf("dimension", "in", [f"d{i}" for i in range(51)]), "conditions.value"),
    (_leaf("kind", "in", ["praise", "blame"]), "conditions.value[1]"),
])
def test_invalid_feedback_conditions_name_the_offending_field(tree, field):
    # when
    with pytest.raises(ValidationFailed) as raised:
        conditions.validate(tree, FEEDBACK)
    # then
    assert raised.value.field == field


@pytest.mark.parametrize("value", [True, "5", 1.5, 10**13])
def test_an_int_field_needs_a_whole_number(value):
    # when
    with pytest.raises(ValidationFailed) as raised:
        conditions.validate(_leaf("points", "gte", value), KUDOS)
    # then
    assert raised.value.field == "conditions.value"


def test_a_tree_nests_at_most_five_levels():
    # given
    assert conditions.validate(_nested(5), KUDOS) is not None
    # when
    with pytest.raises(ValidationFailed) as raised:
        conditions.validate(_nested(6), KUDOS)
    # then
    assert raised.value.field == "conditions.not.not.not.not.not"


def test_a_tree_has_at_most_fifty_nodes():
    # given the root and 50 leaves: 51 nodes
    tree = {"any": [_leaf("points", "eq", i) for i in range(50)]}
    # when
    with pytest.raises(ValidationFailed) as raised:
        conditions.validate(tree, KUDOS)
    # then
    assert raised.value.field == "conditions.any[49]"


def test_a_trigger_without_fields_accepts_no_conditions():
    # when
    with pytest.raises(ValidationFailed) as raised:
        conditions.validate(_leaf("years", "gt", 1), TRIGGERS["birthday"])
    # then
    assert raised.value.field == "conditions.field"
    assert "none" in raised.value.message


@pytest.mark.parametrize(("tree", "payload", "expected"), [
    (None, {}, True),
    (_leaf("points", "eq", 5), {"points": 5}, True),
    (_leaf("points", "ne", 5), {"points": 5}, False),
    (_leaf("points", "gt", 5), {"points": 6}, True),
    (_leaf("points", "gt", 5), {"points": 5}, False),
    (_leaf("points", "gte", 5), {"points": 5}, True),
    (_leaf("points", "lt", 5), {"points": 4}, True),
    (_leaf("points", "lte", 5), {"points": 6}, False),
    (_leaf("points", "in", [1, 2]), {"points": 2}, True),
    (_leaf("points", "in", [1, 2]), {"points": 3}, False),
    (_leaf("points", "gt", 0), {}, False),
    (_leaf("points", "gt", 0), {"points": None}, False),
    (_leaf("points", "gt", 0), {"points": "7"}, False),
    (_leaf("points", "eq", 1), {"points": True}, False),
    (_leaf("value_code", "ne", ""), {"value_code": "care"}, True),
    (_leaf("value_code", "ne", ""), {"value_code": ""}, False),
    (_leaf("value_code", "ne", ""), {"value_code": None}, False),
    (_leaf("is_public", "eq", True), {"is_public": 1}, False),
    ({"not": _leaf("value_code", "eq", "care")}, {}, True),
    ({"all": [_leaf("points", "gt", 0), _leaf("value_code", "eq", "care")]}, {"points": 1, "value_code": "care"}, True),
    ({"all": [_leaf("points", "gt", 0), _leaf("value_code", "eq", "care")]}, {"points": 1, "value_code": "grit"}, False),
    ({"any": [_leaf("points", "gt", 9), _leaf("value_code", "eq", "care")]}, {"points": 1, "value_code": "care"}, True),
    ({"any": [_leaf("points", "gt", 9), _leaf("value_code", "eq", "care")]}, {"points": 1}, False),
])
def test_matches(tree, payload, expected):
    # when / then
    assert conditions.matches(tree, payload) is expected
