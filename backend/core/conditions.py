"""Condition trees, the "filter" of the shared "rule over recorded events" vocabulary (rules,
growth requirements, reward eligibility): a declarative tree validated against named, typed fields
when it is saved, and matched against a payload. Pure: no I/O, never evaluates code."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from backend.core.errors import ValidationFailed

FieldType = Literal["int", "str", "bool", "enum"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldSpec:
    """A payload field a condition may test; `choices` lists an enum's values."""

    type: FieldType
    name_en: str
    name_zh: str
    choices: tuple[str, ...] = ()


MAX_DEPTH = 5
MAX_NODES = 50
MAX_LIST = 50
MAX_STRING = 100
MAX_INT = 10**12
OPS: dict[str, tuple[str, ...]] = {
    "int": ("eq", "ne", "gt", "gte", "lt", "lte", "in"),
    "str": ("eq", "ne", "in"),
    "enum": ("eq", "ne", "in"),
    "bool": ("eq",),
}
ROOT = "conditions"


def validate(tree: Mapping[str, Any] | None, fields: Mapping[str, FieldSpec], *, subject: str = "trigger"
             ) -> dict[str, Any] | None:
    """The normalised tree, or None for "no conditions" (None, {} or an empty root "all").
    Raises ValidationFailed whose `field` is the path of the offending part, e.g.
    "conditions.all[1].value"."""
    if tree is None or tree == {} or tree == {"all": []}:
        return None
    counter = [0]
    return _node(tree, _Fields(fields, subject), path=ROOT, depth=1, counter=counter)


@dataclass(frozen=True, slots=True)
class _Fields:
    fields: Mapping[str, FieldSpec]
    subject: str  # named in the "unknown field" message: "trigger", "evidence kind"


def _node(node: Any, allowed: _Fields, *, path: str, depth: int, counter: list[int]) -> dict[str, Any]:
    if depth > MAX_DEPTH:
        raise ValidationFailed(f"Conditions nest at most {MAX_DEPTH} levels deep.", field=path)
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise ValidationFailed(f"A rule has at most {MAX_NODES} conditions.", field=path)
    if not isinstance(node, Mapping):
        raise ValidationFailed("A condition is an object.", field=path)
    keys = set(node)
    if keys in ({"all"}, {"any"}):
        (key,) = keys
        children = node[key]
        if not isinstance(children, list) or not children:
            raise ValidationFailed(f'"{key}" needs a list of at least one condition.', field=f"{path}.{key}")
        return {key: [_node(child, allowed, path=f"{path}.{key}[{i}]", depth=depth + 1, counter=counter)
                      for i, child in enumerate(children)]}
    if keys == {"not"}:
        return {"not": _node(node["not"], allowed, path=f"{path}.not", depth=depth + 1, counter=counter)}
    if keys == {"field", "op", "value"}:
        return _leaf(node, allowed, path=path)
    if keys & {"field", "op", "value"}:
        raise ValidationFailed('A comparison has exactly "field", "op" and "value".', field=path)
    raise ValidationFailed('A condition is {"all": [...]}, {"any": [...]}, {"not": {...}} or '
                           '{"field": ..., "op": ..., "value": ...}.', field=path)


def _leaf(node: Mapping[str, Any], allowed: _Fields, *, path: str) -> dict[str, Any]:
    name = node["field"]
    spec = allowed.fields.get(name) if isinstance(name, str) else None
    if spec is None:
        known = ", ".join(sorted(allowed.fields)) or "none"
        raise ValidationFailed(f"Unknown field for this {allowed.subject} (it has: {known}).", field=f"{path}.field")
    op = node["op"]
    if op not in OPS[spec.type]:
        operators = ", ".join(OPS[spec.type])
        raise ValidationFailed(f"A {spec.type} field allows these operators: {operators}.", field=f"{path}.op")
    value = node["value"]
    if op == "in":
        if not isinstance(value, list) or not 1 <= len(value) <= MAX_LIST:
            raise ValidationFailed(f'"in" needs a list of 1 to {MAX_LIST} values.', field=f"{path}.value")
        items = [_value(v, spec, path=f"{path}.value[{i}]") for i, v in enumerate(value)]
        return {"field": name, "op": op, "value": list(dict.fromkeys(items))}
    return {"field": name, "op": op, "value": _value(value, spec, path=f"{path}.value")}


def _value(value: Any, spec: FieldSpec, *, path: str) -> Any:
    if spec.type == "int":
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > MAX_INT:
            raise ValidationFailed("Give a whole number.", field=path)
    elif spec.type == "bool":
        if not isinstance(value, bool):
            raise ValidationFailed("Give true or false.", field=path)
    elif not isinstance(value, str) or len(value) > MAX_STRING:
        raise ValidationFailed(f"Give a text of at most {MAX_STRING} characters.", field=path)
    elif spec.type == "enum" and value not in spec.choices:
        raise ValidationFailed(f"Give one of: {', '.join(spec.choices)}.", field=path)
    return value


def matches(tree: Mapping[str, Any] | None, payload: Mapping[str, Any]) -> bool:
    """Whether a validated tree holds for a payload. A leaf whose field is missing, null or of
    another type is False (so `not` of it is True)."""
    if tree is None:
        return True
    if "all" in tree:
        return all(matches(child, payload) for child in tree["all"])
    if "any" in tree:
        return any(matches(child, payload) for child in tree["any"])
    if "not" in tree:
        return not matches(tree["not"], payload)
    return _compare(payload.get(tree["field"]), tree["op"], tree["value"])


def _comparable(actual: Any, expected: Any) -> bool:
    if actual is None or isinstance(actual, bool) != isinstance(expected, bool):
        return False
    if isinstance(expected, int):
        return isinstance(actual, int)
    return isinstance(actual, type(expected))


def _compare(actual: Any, op: str, expected: Any) -> bool:
    if op == "in":
        return any(_comparable(actual, e) and actual == e for e in expected)
    if not _comparable(actual, expected):
        return False
    if op == "eq":
        return bool(actual == expected)
    if op == "ne":
        return bool(actual != expected)
    if op == "gt":
        return bool(actual > expected)
    if op == "gte":
        return bool(actual >= expected)
    if op == "lt":
        return bool(actual < expected)
    if op == "lte":
        return bool(actual <= expected)
    raise ValueError(f"unknown operator {op!r} (the tree was not validated)")
