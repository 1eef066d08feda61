"""Running a mutation body so expected failures come back as UserError results, not errors."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from backend.core.errors import DomainError
from schema.core.errors import UserError

Fact = TypeVar("Fact")


async def attempt(body: Callable[[], Awaitable[Fact]]) -> Fact | UserError:
    try:
        return await body()
    except DomainError as err:
        return UserError.from_domain(err)
