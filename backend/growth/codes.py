"""Confirmation codes: what the claimant's QR code shows and a supervisor scans or types. Eight
characters from an alphabet without look-alikes (no 0/O, 1/I/L), unique per organisation by the
database constraint; a collision is retried with a fresh code.

A code is a one-time capability: it confirms or rejects only a CLAIMED record and is cleared (set to
null) when the record leaves CLAIMED, so an old screenshot of the QR code cannot act again and the
code space is not used up."""
from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import TypeVar

from tortoise.exceptions import IntegrityError

from backend.core import db
from backend.core.errors import Conflict

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
ATTEMPTS = 5
T = TypeVar("T")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str | None:
    """What a person typed or a scanner read, as a code (case, spaces and dashes forgiven), or None
    when it cannot be one."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t\r\n")
    if len(cleaned) != LENGTH:
        return None
    return cleaned if all(ch in ALPHABET for ch in cleaned) else None


async def with_fresh_code(create: Callable[[str], Awaitable[T]], *,
                          generate: Callable[[], str] = new_code) -> T:
    """Runs `create(code)` in a savepoint until the unique constraint accepts the code. Raises
    Conflict after ATTEMPTS collisions (practically never: 31^8 codes)."""
    for _ in range(ATTEMPTS):
        try:
            async with db.transaction():  # a savepoint: PostgreSQL aborts the outer transaction otherwise
                return await create(generate())
        except IntegrityError:
            continue
    raise Conflict("Could not issue a confirmation code; try again.")
