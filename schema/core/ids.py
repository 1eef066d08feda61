"""Client ids to UUIDs; a malformed id is exactly as unknown as another organisation's id."""
from __future__ import annotations

from uuid import UUID

import strawberry

from backend.access.actor import Actor
from backend.core.errors import Forbidden, NotFound


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


def person_or_self(actor: Actor, employee_id: strawberry.ID | None, *, field: str = "employeeId") -> UUID:
    """The person a field asks about: the given id, or the signed-in person (a kiosk has no self)."""
    if employee_id is not None:
        return required_uuid(employee_id, field=field)
    if actor.employee_id is None:
        raise Forbidden("Only people can ask about themselves.")
    return actor.employee_id
