"""Running GraphQL for the data-in tests: the real schema, a Context for the actor."""
from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from backend.access.actor import Actor
from schema.build import build_schema
from schema.context import Context

SCHEMA = build_schema()


async def execute(actor: Actor, query: str, **variables: Any) -> tuple[dict[str, Any] | None, list[GraphQLError] | None]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    return result.data, result.errors


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    data, errors = await execute(actor, query, **variables)
    assert errors is None, errors
    assert data is not None
    return data
