"""Client ids to UUIDs; a malformed id is exactly as unknown as another organisation's id."""
from __future__ import annotations

from uuid import UUID

import strawberry

from backend.core.errors import NotFound


def to_uuid(value: strawberry.ID | None, *, field: str | None = None) -> UUID | None:
    if value is None:
        return None
    try:
        return UUID(str(value))
    except ValueError:
        raise NotFound("No such item.", field=field) from None


def required_uuid(value: strawberry.ID, *, field: str | None = None) -> UUID:
    found = to_uuid(value, field=field)
    assert found is not None
    return found
