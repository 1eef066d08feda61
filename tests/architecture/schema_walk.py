"""Builds one operation per root field of the schema with every selectable field (to a depth),
arguments filled from a table of ids; used by test_schema_walk."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    Undefined,
    GraphQLEnumType, GraphQLField, GraphQLInputObjectType, GraphQLInputType, GraphQLList, GraphQLNonNull,
    GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLUnionType,
)

MAX_DEPTH = 4


def _unwrap(t: Any) -> Any:
    while isinstance(t, GraphQLNonNull | GraphQLList):
        t = t.of_type
    return t


def selection(t: Any, depth: int = 0) -> str:
    t = _unwrap(t)
    if isinstance(t, GraphQLScalarType | GraphQLEnumType):
        return ""
    if isinstance(t, GraphQLUnionType):
        parts = [f"... on {member.name} {selection(member, depth)}" for member in t.types]
        return "{ __typename " + " ".join(parts) + " }"
    assert isinstance(t, GraphQLObjectType)
    fields = []
    for name, field in t.fields.items():
        inner = _unwrap(field.type)
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
            fields.append(name)
        elif depth < MAX_DEPTH:
            fields.append(f"{name} {selection(inner, depth + 1)}")
    return "{ __typename " + " ".join(fields) + " }"


def value_for(t: GraphQLInputType, name: str, id_for: Callable[[str], str]) -> Any:
    if isinstance(t, GraphQLNonNull):
        return value_for(t.of_type, name, id_for)
    if isinstance(t, GraphQLList):
        return [value_for(t.of_type, name, id_for)]
    if isinstance(t, GraphQLEnumType):
        return next(iter(t.values))
    if isinstance(t, GraphQLInputObjectType):
        return {k: value_for(f.type, k, id_for) for k, f in t.fields.items()}
    assert isinstance(t, GraphQLScalarType)
    return {
        "ID": lambda: id_for(name), "String": lambda: f"walk {name}", "Int": lambda: 5, "Float": lambda: 5.0, "Boolean": lambda: True,
        "Date": lambda: "2024-05-01", "DateTime": lambda: "2024-05-01T08:00:00+00:00", "JSON": lambda: {},
        "Time": lambda: "22:00:00", "Fen": lambda: 5,
    }[t.name]()


def literal(value: Any, t: GraphQLInputType) -> str:
    """A GraphQL literal (enums unquoted) for `value` of type `t`."""
    inner = t.of_type if isinstance(t, GraphQLNonNull) else t
    if isinstance(inner, GraphQLEnumType):
        return str(value)
    if isinstance(inner, GraphQLInputObjectType):
        return "{" + ", ".join(f"{k}: {literal(v, inner.fields[k].type)}" for k, v in value.items()) + "}"
    if isinstance(inner, GraphQLList):
        return "[" + ", ".join(literal(v, inner.of_type) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    import json

    return json.dumps(value, ensure_ascii=False)


def operation(kind: str, name: str, field: GraphQLField, id_for: Callable[[str], str]) -> str:
    args = [f"{arg}: {literal(value_for(a.type, arg, id_for), a.type)}"
            for arg, a in field.args.items() if isinstance(a.type, GraphQLNonNull) and a.default_value is Undefined]
    call = f"{name}({', '.join(args)})" if args else name
    return f"{kind} {{ {call} {selection(field.type)} }}"


def root_fields(schema: GraphQLSchema) -> list[tuple[str, str, GraphQLField]]:
    out = []
    for kind, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        if root is not None:
            out.extend((kind, name, field) for name, field in root.fields.items())
    return out
