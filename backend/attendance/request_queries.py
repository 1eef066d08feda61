"""Who may see and decide whose attendance requests, and the lists. The viewer's subordinates are
loaded once (Visibility); the decisions are pure.

Read: the requester, managers above them (ATTENDANCE_APPROVE), HR (ATTENDANCE_READ_ANY). Decide a
PENDING request: a manager above the requester, or HR (ATTENDANCE_MANAGE); never one's own. Cancel:
the requester while PENDING. Revoke an APPROVED request: HR, never their own."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tortoise.expressions import Q

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.attendance import assignments, request_effects
from backend.attendance.models import AttendanceRequest, RequestStatus
from backend.core.errors import Forbidden, ValidationFailed
from backend.org.views import Visibility

MAX_LIST = 500


@dataclass(frozen=True, slots=True)
class Scope:
    actor: Actor
    subordinates: frozenset[UUID]

    @property
    def me(self) -> UUID | None:
        return self.actor.employee_id


async def scope_of(actor: Actor, visibility: Visibility | None = None) -> Scope:
    """One query at most (the reporting line); none for an employee without reports' permission."""
    if actor.employee_id is None or not has(actor, Permission.ATTENDANCE_APPROVE):
        return Scope(actor=actor, subordinates=frozenset())
    return Scope(actor=actor, subordinates=frozenset(await (visibility or Visibility(actor)).subordinates()))


def person_id(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people can do that.")
    return actor.employee_id


def may_read(scope: Scope, employee_id: UUID) -> bool:
    return (employee_id == scope.me or has(scope.actor, Permission.ATTENDANCE_READ_ANY)
            or employee_id in scope.subordinates)


def may_decide(scope: Scope, request: AttendanceRequest) -> bool:
    if request.status != RequestStatus.PENDING or scope.me is None or request.employee_id == scope.me:
        return False
    return has(scope.actor, Permission.ATTENDANCE_MANAGE) or (
        has(scope.actor, Permission.ATTENDANCE_APPROVE) and request.employee_id in scope.subordinates)


def may_cancel(scope: Scope, request: AttendanceRequest) -> bool:
    return request.status == RequestStatus.PENDING and request.employee_id == scope.me


def may_revoke(scope: Scope, request: AttendanceRequest) -> bool:
    return (request.status == RequestStatus.APPROVED and has(scope.actor, Permission.ATTENDANCE_MANAGE)
            and scope.me is not None and request.employee_id != scope.me)


async def my_requests(actor: Actor) -> list[AttendanceRequest]:
    """The signed-in person's requests, newest first."""
    me = person_id(actor)
    return list(await AttendanceRequest.of(actor).filter(employee_id=me).order_by("-created_at", "-id").limit(MAX_LIST))


async def approvals(actor: Actor, visibility: Visibility | None = None) -> list[AttendanceRequest]:
    """PENDING requests waiting on me, oldest first: those routed to me and those of people below me
    (HR sees everyone's through `all_requests`). Requires ATTENDANCE_APPROVE."""
    require(actor, Permission.ATTENDANCE_APPROVE)
    scope = await scope_of(actor, visibility)
    me = person_id(actor)
    mine = Q(approver_id=me) | Q(employee_id__in=list(scope.subordinates)) if scope.subordinates else Q(approver_id=me)
    query = AttendanceRequest.of(actor).filter(status=RequestStatus.PENDING).filter(mine).exclude(employee_id=me)
    return [r for r in await query.order_by("created_at", "id").limit(MAX_LIST) if may_decide(scope, r)]


async def all_requests(actor: Actor, *, status: RequestStatus | None = None,
                       first: int = 100) -> list[AttendanceRequest]:
    """HR (ATTENDANCE_READ_ANY): everyone's requests, newest first, optionally of one status."""
    require(actor, Permission.ATTENDANCE_READ_ANY)
    if not 1 <= first <= MAX_LIST:
        raise ValidationFailed(f"Ask for 1 to {MAX_LIST} requests.", field="first")
    query = AttendanceRequest.of(actor)
    if status is not None:
        query = query.filter(status=status)
    return list(await query.order_by("-created_at", "-id").limit(first))


async def get_request(actor: Actor, request_id: UUID, visibility: Visibility | None = None) -> AttendanceRequest:
    """One request for those who may read it (else Forbidden). Raises NotFound."""
    request = await AttendanceRequest.get_for(actor, request_id, what="request")
    if not may_read(await scope_of(actor, visibility), request.employee_id):
        raise Forbidden("This is someone else's request.")
    return request


async def requests_by_ids(actor: Actor, ids: Sequence[UUID], visibility: Visibility | None = None,
                          ) -> list[AttendanceRequest | None]:
    """In the order of `ids`; None for unknown ids and for those the actor may not read. For loaders."""
    found = {r.id: r for r in await AttendanceRequest.of(actor).filter(id__in=list(ids))} if ids else {}
    scope = await scope_of(actor, visibility)
    return [r if r is not None and may_read(scope, r.employee_id) else None for r in (found.get(i) for i in ids)]


async def my_remote_days_left(actor: Actor) -> int:
    """Remote days from the reward pool the signed-in person may still request."""
    return await request_effects.remote_days_left(actor, person_id(actor), await assignments.local_today(actor))
