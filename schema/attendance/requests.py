"""GraphQL for attendance requests: asking, the manager's approvals inbox, deciding, cancelling and HR's
revoking. Each resolver calls one backend function (backend.attendance.requests / request_queries)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from backend.attendance import request_queries, requests
from backend.attendance.models import AttendanceRequest as AttendanceRequestModel
from backend.attendance.models import RequestKind, RequestStatus
from schema.attendance.request_types import AttendanceRequest
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt


@strawberry.input(description="A request about your attendance.")
class AttendanceRequestInput:
    kind: RequestKind = strawberry.field(description="What you ask for.")
    starts_on: date = strawberry.field(description="First day (a correction: the attendance day it corrects).")
    shift_id: strawberry.ID | None = strawberry.field(
        default=None, description="Flexible hours: one of flexibleOptions; shift change: the shift.")
    ends_on: date | None = strawberry.field(default=None, description="Last day: required for a shift change, "
                                                                      "optional for remote days (one day), none else.")
    punch_at: datetime | None = strawberry.field(default=None, description="A correction: when the missed punch was.")
    punch_direction: str | None = strawberry.field(default=None, description="A correction: \"in\" or \"out\".")
    reason: str = strawberry.field(default="", description="Why (up to 500 characters).")
    use_entitlement: bool = strawberry.field(default=False, description="Remote days: pay with reward-pool remote "
                                                                        "days (see myRemoteDayEntitlements).")

    def draft(self) -> requests.RequestDraft:
        return requests.RequestDraft(
            kind=self.kind, starts_on=self.starts_on, ends_on=self.ends_on,
            shift_id=to_uuid(self.shift_id, field="shiftId"), punch_at=self.punch_at,
            punch_direction=self.punch_direction or "", reason=self.reason, use_entitlement=self.use_entitlement)


@strawberry.type(description="An attendance request was made, decided, cancelled or revoked.")
class AttendanceRequestChanged:
    request: AttendanceRequest = strawberry.field(description="The request now.")


RequestAttendanceChangeResult = Annotated[AttendanceRequestChanged | UserError,
                                          strawberry.union("RequestAttendanceChangeResult")]
DecideAttendanceRequestResult = Annotated[AttendanceRequestChanged | UserError,
                                          strawberry.union("DecideAttendanceRequestResult")]
CancelAttendanceRequestResult = Annotated[AttendanceRequestChanged | UserError,
                                          strawberry.union("CancelAttendanceRequestResult")]
RevokeAttendanceRequestResult = Annotated[AttendanceRequestChanged | UserError,
                                          strawberry.union("RevokeAttendanceRequestResult")]


def _changed(request: AttendanceRequestModel) -> AttendanceRequestChanged:
    return AttendanceRequestChanged(request=AttendanceRequest.from_model(request))


def _all(found: list[AttendanceRequestModel]) -> list[AttendanceRequest]:
    return [AttendanceRequest.from_model(r) for r in found]


@strawberry.type
class RequestsQuery:
    @strawberry.field(description="Your attendance requests, newest first.")
    async def my_attendance_requests(self, info: Info) -> list[AttendanceRequest]:
        return _all(await request_queries.my_requests(info.context.actor))

    @strawberry.field(description="Managers: pending requests you may decide (yours to route, people below you), "
                                  "oldest first.")
    async def attendance_approvals(self, info: Info) -> list[AttendanceRequest]:
        return _all(await request_queries.approvals(info.context.actor, info.context.visibility))

    @strawberry.field(description="HR: everyone's requests, newest first, optionally of one status.")
    async def attendance_requests(self, info: Info, status: RequestStatus | None = None,
                                  first: int = 100) -> list[AttendanceRequest]:
        return _all(await request_queries.all_requests(info.context.actor, status=status, first=first))

    @strawberry.field(description="Remote days from the reward pool you may still request.")
    async def my_remote_day_entitlements(self, info: Info) -> int:
        return await request_queries.my_remote_days_left(info.context.actor)


@strawberry.type
class RequestsMutation:
    @strawberry.mutation(description="Ask for flexible hours, a shift change, a remote day or a punch correction; "
                                     "your manager (else HR) is asked to decide.")
    async def request_attendance_change(self, info: Info,
                                        input: AttendanceRequestInput) -> RequestAttendanceChangeResult:
        async def body() -> AttendanceRequestChanged:
            return _changed(await requests.request_change(info.context.actor, input.draft()))
        return await attempt(body)

    @strawberry.mutation(description="Managers (people below you) and HR: approve or decline a pending request in one "
                                     "step; an approval takes effect at once.")
    async def decide_attendance_request(self, info: Info, id: strawberry.ID, approve: bool,
                                        note: str = "") -> DecideAttendanceRequestResult:
        async def body() -> AttendanceRequestChanged:
            return _changed(await requests.decide_request(info.context.actor, required_uuid(id, field="id"),
                                                          approve=approve, note=note))
        return await attempt(body)

    @strawberry.mutation(description="Withdraw your pending request (reserved remote days come back).")
    async def cancel_attendance_request(self, info: Info, id: strawberry.ID) -> CancelAttendanceRequestResult:
        async def body() -> AttendanceRequestChanged:
            return _changed(await requests.cancel_request(info.context.actor, required_uuid(id, field="id")))
        return await attempt(body)

    @strawberry.mutation(description="HR: undo an approved request (its shift stops applying, remote days come back).")
    async def revoke_attendance_request(self, info: Info, id: strawberry.ID,
                                        note: str) -> RevokeAttendanceRequestResult:
        async def body() -> AttendanceRequestChanged:
            return _changed(await requests.revoke_request(info.context.actor, required_uuid(id, field="id"), note=note))
        return await attempt(body)
