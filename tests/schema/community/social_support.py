"""Running GraphQL for the poll, suggestion and talk tests: the real schema, a Context for the actor, and a
statement counter around one operation."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from schema.build import build_schema
from schema.context import Context

SCHEMA = build_schema()


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def statements(counter: Any, actor: Actor, query: str, **variables: Any) -> int:
    before = counter.count
    await run(actor, query, **variables)
    return int(counter.count - before)
