"""Who may see and change whose performance data. Pure role checks come from backend.access; the
reporting line comes from org's Visibility. Writes nothing."""
from __future__ import annotations

from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.core.errors import Forbidden
from backend.org.views import Visibility


def person_id(actor: Actor) -> UUID:
    """The signed-in person; kiosks, bridges and system jobs have none."""
    if actor.employee_id is None:
        raise Forbidden("Only people can do that.")
    return actor.employee_id


def sees_everyone(actor: Actor) -> bool:
    return has(actor, Permission.PERFORMANCE_READ_ANY)


async def may_see(actor: Actor, employee_id: UUID, visibility: Visibility | None = None) -> bool:
    """A person's scores, statement and appeals are seen by them, anyone above them in the reporting
    line, and HR."""
    if sees_everyone(actor) or actor.employee_id == employee_id:
        return True
    return employee_id in await (visibility or Visibility(actor)).subordinates()


async def require_may_see(actor: Actor, employee_id: UUID) -> None:
    if not await may_see(actor, employee_id):
        raise Forbidden("Only the person, their managers and HR can see this.")


async def require_assessor(actor: Actor, employee_id: UUID) -> None:
    """Entering metric values, manager ratings and a report's OKRs: HR for anyone, a manager for people
    below them, never for oneself. Raises Forbidden."""
    if actor.employee_id is not None and actor.employee_id == employee_id:
        raise Forbidden("You cannot assess yourself.")
    if has(actor, Permission.PERFORMANCE_CONFIGURE):
        return
    require(actor, Permission.PERFORMANCE_ASSESS)
    if employee_id not in await Visibility(actor).subordinates():
        raise Forbidden("Only their managers or HR can assess this person.")
