"""GraphQL for internal learning sessions: the list, HR's scheduling and cancelling, enrolling and
cancelling an enrolment, and taking attendance. Each resolver calls one backend function."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from backend.growth import session_attendance, session_queries, sessions
from backend.growth.models import EvidenceKind as EvidenceKindModel
from backend.growth.models import LearningSession as LearningSessionModel
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.growth.enums import EnrolmentStatus, EvidenceKind
from schema.growth.session_types import LearningSession


@strawberry.input(description="HR: an internal session to schedule.")
class ScheduleLearningSessionInput:
    title_en: str = strawberry.field(description="Title in English.")
    title_zh: str = strawberry.field(description="Title in Chinese.")
    starts_at: datetime = strawberry.field(description="Start, with its UTC offset.")
    ends_at: datetime = strawberry.field(description="End (after the start, within 14 days).")
    capacity: int = strawberry.field(description="Seats (1–1,000).")
    hours: float = strawberry.field(default=0.0, description="Training hours each attendee's record carries.")
    location: str = strawberry.field(default="", description="A room or a link.")
    trainer_id: strawberry.ID | None = strawberry.field(default=None, description="Who runs it; they take attendance "
                                                                                  "and may confirm attendees' claims.")
    evidence_kind: EvidenceKind | None = strawberry.field(default=None, description="The kind of record attending "
                                                                                    "gives (default TRAINING).")
    attributes: JSON | None = strawberry.field(default=None, description="Copied onto attendees' records (e.g. "
                                                                         "category, provider).")
    level_id: strawberry.ID | None = strawberry.field(default=None, description="The track level it prepares for.")
    requirement_id: strawberry.ID | None = strawberry.field(default=None, description="The requirement it helps meet.")

    def draft(self) -> sessions.SessionDraft:
        attributes: Any = self.attributes
        return sessions.SessionDraft(
            title_en=self.title_en, title_zh=self.title_zh, starts_at=self.starts_at, ends_at=self.ends_at,
            capacity=self.capacity, hours=self.hours, location=self.location,
            trainer_id=to_uuid(self.trainer_id, field="trainerId"),
            evidence_kind=self.evidence_kind or EvidenceKindModel.TRAINING,
            attributes=attributes if attributes is not None else {}, level_id=to_uuid(self.level_id, field="levelId"),
            requirement_id=to_uuid(self.requirement_id, field="requirementId"))


@strawberry.type(description="A session was scheduled, cancelled or completed.")
class LearningSessionSaved:
    session: LearningSession = strawberry.field(description="The session now.")


@strawberry.type(description="Your enrolment changed.")
class EnrolmentChanged:
    session: LearningSession = strawberry.field(description="The session, with seats taken and your enrolment.")
    status: EnrolmentStatus = strawberry.field(description="Your enrolment now.")


@strawberry.type(description="Attendance was recorded.")
class SessionAttendanceRecorded:
    session: LearningSession = strawberry.field(description="The session, now COMPLETED.")
    attended: int = strawberry.field(description="People marked present in this call.")
    created: int = strawberry.field(description="Evidence records created (people marked before already had theirs).")


ScheduleLearningSessionResult = Annotated[LearningSessionSaved | UserError,
                                          strawberry.union("ScheduleLearningSessionResult")]
CancelLearningSessionResult = Annotated[LearningSessionSaved | UserError,
                                        strawberry.union("CancelLearningSessionResult")]
EnrolInSessionResult = Annotated[EnrolmentChanged | UserError, strawberry.union("EnrolInSessionResult")]
CancelEnrolmentResult = Annotated[EnrolmentChanged | UserError, strawberry.union("CancelEnrolmentResult")]
RecordSessionAttendanceResult = Annotated[SessionAttendanceRecorded | UserError,
                                          strawberry.union("RecordSessionAttendanceResult")]


def _saved(session: LearningSessionModel) -> LearningSessionSaved:
    return LearningSessionSaved(session=LearningSession.from_model(session))


@strawberry.type
class SessionsQuery:
    @strawberry.field(description="Internal learning sessions: upcoming (scheduled, not ended) soonest first, or all "
                                  "of them latest first.")
    async def learning_sessions(self, info: Info, upcoming_only: bool = True) -> list[LearningSession]:
        found = await session_queries.list_sessions(info.context.actor, upcoming_only=upcoming_only)
        return [LearningSession.from_model(s) for s in found]


@strawberry.type
class SessionsMutation:
    @strawberry.mutation(description="HR: schedule an internal learning session.")
    async def schedule_learning_session(self, info: Info,
                                        input: ScheduleLearningSessionInput) -> ScheduleLearningSessionResult:
        async def body() -> LearningSessionSaved:
            return _saved(await sessions.schedule_session(info.context.actor, input.draft()))
        return await attempt(body)

    @strawberry.mutation(description="HR: cancel a scheduled session; its enrollees are told.")
    async def cancel_learning_session(self, info: Info, id: strawberry.ID) -> CancelLearningSessionResult:
        async def body() -> LearningSessionSaved:
            return _saved(await sessions.cancel_session(info.context.actor, required_uuid(id, field="id")))
        return await attempt(body)

    @strawberry.mutation(description="Take a seat in a scheduled session (id: the session). OUT_OF_STOCK when full.")
    async def enrol_in_session(self, info: Info, id: strawberry.ID) -> EnrolInSessionResult:
        async def body() -> EnrolmentChanged:
            enrolment = await sessions.enrol(info.context.actor, required_uuid(id, field="id"))
            return await _enrolment(info, enrolment.session_id, enrolment.status)
        return await attempt(body)

    @strawberry.mutation(description="Give your seat back before the session starts (id: the session).")
    async def cancel_enrolment(self, info: Info, id: strawberry.ID) -> CancelEnrolmentResult:
        async def body() -> EnrolmentChanged:
            enrolment = await sessions.cancel_enrolment(info.context.actor, required_uuid(id, field="id"))
            return await _enrolment(info, enrolment.session_id, enrolment.status)
        return await attempt(body)

    @strawberry.mutation(description="The trainer or HR: mark who attended (once it started); each gets a confirmed "
                                     "record, once, and the session completes.")
    async def record_session_attendance(self, info: Info, session_id: strawberry.ID,
                                        employee_ids: list[strawberry.ID]) -> RecordSessionAttendanceResult:
        async def body() -> SessionAttendanceRecorded:
            done = await session_attendance.record_attendance(
                info.context.actor, required_uuid(session_id, field="sessionId"),
                [required_uuid(e, field="employeeIds") for e in employee_ids])
            return SessionAttendanceRecorded(session=LearningSession.from_model(done.session), attended=done.attended,
                                             created=done.created)
        return await attempt(body)


async def _enrolment(info: Info, session_id: Any, status: EnrolmentStatus) -> EnrolmentChanged:
    found = (await session_queries.sessions_by_ids(info.context.actor, [session_id]))[0]
    assert found is not None
    return EnrolmentChanged(session=LearningSession.from_model(found), status=status)
