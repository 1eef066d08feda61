"""GraphQL types for attendance requests. Build with `AttendanceRequest.from_model`; people and shifts
load through the per-request loaders, and the can* flags read the viewer's reporting line once."""
from __future__ import annotations

from datetime import date, datetime

import strawberry

from backend.attendance import request_queries as policy
from backend.attendance.models import AttendanceRequest as AttendanceRequestModel
from backend.attendance.models import RequestKind, RequestStatus
from schema.attendance.shift_types import Shift, load_person, load_shift
from schema.context import Info
from schema.org.types import Employee

strawberry.enum(RequestKind, name="RequestKind",
                description="Flexible hours (a flexible option from a day on), a shift change (a shift for a range), "
                            "a remote day (a range of days), a correction (a missed punch).")
strawberry.enum(RequestStatus, name="RequestStatus",
                description="Pending, approved (in effect), declined, cancelled by the requester, revoked by HR.")


@strawberry.type(description="A request about one's attendance, decided in one step by the manager (or HR).")
class AttendanceRequest:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: RequestKind = strawberry.field(description="What is asked for.")
    status: RequestStatus = strawberry.field(description="Where it stands.")
    starts_on: date = strawberry.field(description="First day (a correction: the attendance day it corrects).")
    ends_on: date | None = strawberry.field(
        description="Last day; null for flexible hours (open-ended) and corrections.")
    punch_at: datetime | None = strawberry.field(description="A correction: when the missed punch happened.")
    punch_direction: str | None = strawberry.field(description="A correction: \"in\" or \"out\".")
    days: int = strawberry.field(description="A remote-day request: working days it covers.")
    reason: str = strawberry.field(description="The requester's reason.")
    decided_at: datetime | None = strawberry.field(description="When it was decided.")
    decision_note: str = strawberry.field(description="The decider's (or revoker's) note.")
    created_at: datetime = strawberry.field(description="When it was asked.")
    uses_entitlement: bool = strawberry.field(description="Paid with reward-pool remote days.")
    model: strawberry.Private[AttendanceRequestModel]

    @classmethod
    def from_model(cls, r: AttendanceRequestModel) -> AttendanceRequest:
        return cls(id=strawberry.ID(str(r.id)), kind=r.kind, status=r.status, starts_on=r.starts_on,
                   ends_on=r.ends_on, punch_at=r.punch_at, punch_direction=r.punch_direction or None, days=r.days,
                   reason=r.reason, decided_at=r.decided_at, decision_note=r.decision_note, created_at=r.created_at,
                   uses_entitlement=r.entitlement_id is not None, model=r)

    @strawberry.field(description="Who asked.")
    async def employee(self, info: Info) -> Employee:
        person = await load_person(info, self.model.employee_id)
        assert person is not None  # a request the viewer may read is of a person they may read
        return person

    @strawberry.field(description="The shift asked for (flexible hours, shift change).")
    async def shift(self, info: Info) -> Shift | None:
        return await load_shift(info, self.model.shift_id)

    @strawberry.field(description="Who is expected to decide (the manager, else HR).")
    async def approver(self, info: Info) -> Employee | None:
        return await load_person(info, self.model.approver_id)

    @strawberry.field(description="Who decided it.")
    async def decided_by(self, info: Info) -> Employee | None:
        return await load_person(info, self.model.decided_by_id)

    @strawberry.field(description="You may approve or decline it now.")
    async def can_decide(self, info: Info) -> bool:
        return policy.may_decide(await policy.scope_of(info.context.actor, info.context.visibility), self.model)

    @strawberry.field(description="You may cancel it now (yours, pending).")
    async def can_cancel(self, info: Info) -> bool:
        return policy.may_cancel(await policy.scope_of(info.context.actor, info.context.visibility), self.model)

    @strawberry.field(description="You may revoke it now (HR, approved).")
    async def can_revoke(self, info: Info) -> bool:
        return policy.may_revoke(await policy.scope_of(info.context.actor, info.context.visibility), self.model)
