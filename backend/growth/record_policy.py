"""Who may see and decide whose evidence records. The data a decision needs (the viewer's
subordinates, the sessions they train) is loaded once into a Scope; the decisions are pure.

Read: the person, anyone above them, HR (GROWTH_READ_ANY). Confirm or reject a CLAIMED record: anyone
above the person with GROWTH_CONFIRM, the trainer of the session the record names
(attributes.session_id), or HR (GROWTH_MANAGE); never the person themself. Revoke a CONFIRMED record
and resolve a DISPUTED one: HR, never on their own record. Dispute a REJECTED or REVOKED record: its
owner."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has
from backend.core.errors import Forbidden
from backend.growth.models import GrowthRecord, LearningSession, RecordStatus
from backend.org.views import Visibility


@dataclass(frozen=True, slots=True)
class Scope:
    actor: Actor
    subordinates: frozenset[UUID]
    trained_sessions: frozenset[UUID]  # sessions the viewer is the trainer of

    @property
    def me(self) -> UUID | None:
        return self.actor.employee_id


async def scope_of(actor: Actor, visibility: Visibility | None = None) -> Scope:
    """Two queries at most (the reporting line, the sessions the viewer trains); none for a kiosk."""
    if actor.employee_id is None:
        return Scope(actor=actor, subordinates=frozenset(), trained_sessions=frozenset())
    below = await (visibility or Visibility(actor)).subordinates()
    trained = await LearningSession.of(actor).filter(trainer_id=actor.employee_id).values_list("id", flat=True)
    return Scope(actor=actor, subordinates=frozenset(below), trained_sessions=frozenset(UUID(str(i)) for i in trained))


def person_id(actor: Actor) -> UUID:
    """The signed-in person; kiosks and system jobs have none."""
    if actor.employee_id is None:
        raise Forbidden("Only people can do that.")
    return actor.employee_id


def session_of(attributes: dict[str, Any]) -> UUID | None:
    """The learning session a record names, if any (attributes.session_id)."""
    raw = attributes.get("session_id") if isinstance(attributes, dict) else None
    try:
        return UUID(str(raw)) if raw else None
    except ValueError:
        return None


def may_read(scope: Scope, employee_id: UUID) -> bool:
    return (has(scope.actor, Permission.GROWTH_READ_ANY) or employee_id == scope.me
            or employee_id in scope.subordinates)


def may_record_for(scope: Scope, employee_id: UUID) -> bool:
    """Entering evidence for someone (confirmed at once): HR, or a confirmer above them; never oneself."""
    if scope.me is None or employee_id == scope.me:
        return False
    if has(scope.actor, Permission.GROWTH_MANAGE):
        return True
    return has(scope.actor, Permission.GROWTH_CONFIRM) and employee_id in scope.subordinates


def may_decide_claim(scope: Scope, employee_id: UUID, attributes: dict[str, Any]) -> bool:
    """Confirm or reject someone's claim, whatever its status (the status is checked separately)."""
    if scope.me is None or employee_id == scope.me:
        return False
    if may_record_for(scope, employee_id):
        return True
    session = session_of(attributes)
    return session is not None and session in scope.trained_sessions


def may_confirm(scope: Scope, record: GrowthRecord) -> bool:
    return record.status == RecordStatus.CLAIMED and may_decide_claim(scope, record.employee_id, record.attributes)


def may_revoke(scope: Scope, record: GrowthRecord) -> bool:
    return (record.status == RecordStatus.CONFIRMED and has(scope.actor, Permission.GROWTH_MANAGE)
            and scope.me is not None and record.employee_id != scope.me)


def may_resolve(scope: Scope, record: GrowthRecord) -> bool:
    return (record.status == RecordStatus.DISPUTED and has(scope.actor, Permission.GROWTH_MANAGE)
            and scope.me is not None and record.employee_id != scope.me)


def may_dispute(scope: Scope, record: GrowthRecord) -> bool:
    return (record.status in (RecordStatus.REJECTED, RecordStatus.REVOKED) and record.employee_id == scope.me
            and has(scope.actor, Permission.GROWTH_CLAIM))
