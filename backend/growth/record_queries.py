"""Reading evidence records: a person's list (same read rules as their map), the confirmation inbox,
what a scanned code shows, and records by id for the map. Writes nothing; a list is a constant number
of queries."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has
from backend.core.errors import Forbidden
from backend.growth import record_policy, verification
from backend.growth.models import GrowthRecord, RecordStatus
from backend.org.views import Visibility

LIST_LIMIT = 500
INBOX_LIMIT = 200


async def list_records(actor: Actor, *, employee_id: UUID | None = None, status: RecordStatus | None = None,
                       visibility: Visibility | None = None) -> list[GrowthRecord]:
    """A person's records (yours when `employee_id` is None), the latest first (at most 500): the
    person, anyone above them and HR. Raises Forbidden."""
    me = record_policy.person_id(actor) if employee_id is None else None
    person = employee_id or me
    assert person is not None
    scope = await record_policy.scope_of(actor, visibility)
    if not has(actor, Permission.GROWTH_CLAIM) or not record_policy.may_read(scope, person):
        raise Forbidden("Only the person, their managers and HR can see these records.")
    query = GrowthRecord.of(actor).filter(employee_id=person)
    if status is not None:
        query = query.filter(status=status)
    return await query.order_by("-occurred_on", "-created_at", "id").limit(LIST_LIMIT)


async def confirmation_inbox(actor: Actor, *, visibility: Visibility | None = None) -> list[GrowthRecord]:
    """CLAIMED records the actor may confirm (of people below them, of sessions they train; HR: all but
    their own), oldest first (at most 200). Anyone signed in as a person; empty for most employees."""
    record_policy.person_id(actor)
    if not has(actor, Permission.GROWTH_CLAIM):
        raise Forbidden("Only people can confirm records.")
    scope = await record_policy.scope_of(actor, visibility)
    query = GrowthRecord.of(actor).filter(status=RecordStatus.CLAIMED).exclude(employee_id=scope.me)
    if not has(actor, Permission.GROWTH_MANAGE):
        below = list(scope.subordinates) if has(actor, Permission.GROWTH_CONFIRM) else []
        if not below and not scope.trained_sessions:
            return []
        # A claim naming a session is found by its trainer: filtering JSON portably is not possible,
        # so claims outside the reporting line are narrowed in Python (pending claims are few).
        if not scope.trained_sessions:
            query = query.filter(employee_id__in=below)
    rows = await query.order_by("created_at", "id").limit(INBOX_LIMIT * 5 if scope.trained_sessions else INBOX_LIMIT)
    return [r for r in rows if record_policy.may_confirm(scope, r)][:INBOX_LIMIT]


async def record_by_code(actor: Actor, code: str) -> GrowthRecord | None:
    """What a scanned (or typed) code shows before confirming: the CLAIMED record with that code, only
    to someone who may confirm it (None otherwise, never an error: codes are not probed)."""
    record_policy.person_id(actor)
    return await verification.claim_by_code(actor, code)


async def records_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[GrowthRecord | None]:
    """For callers that already checked who may read the person's records (the map)."""
    found = {r.id: r for r in await GrowthRecord.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]

