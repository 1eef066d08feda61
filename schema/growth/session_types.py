"""GraphQL type for internal learning sessions (shared with the map's levels and next step). Build it
with `LearningSession.from_model`; seats taken and the viewer's enrolment load through the
per-request loaders (info.context.evidence)."""
from __future__ import annotations

from datetime import datetime

import strawberry

from backend.growth.models import LearningSession as LearningSessionModel
from schema.context import Info
from schema.growth.enums import EnrolmentStatus, EvidenceKind, SessionStatus
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.type(description="An internal session (a course run, an equipment training) people enrol in; attending "
                             "it gives a confirmed evidence record.")
class LearningSession:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    title_en: str = strawberry.field(description="Title in English.")
    title_zh: str = strawberry.field(description="Title in Chinese.")
    starts_at: datetime = strawberry.field(description="Start.")
    ends_at: datetime = strawberry.field(description="End.")
    location: str = strawberry.field(description="A room or a link.")
    capacity: int = strawberry.field(description="Seats.")
    hours: float = strawberry.field(description="Training hours an attendee's record carries.")
    evidence_kind: EvidenceKind = strawberry.field(description="The kind of record attending it gives.")
    status: SessionStatus = strawberry.field(description="Scheduled, cancelled or completed.")
    level_id: strawberry.ID | None = strawberry.field(description="The track level it prepares for.")
    requirement_id: strawberry.ID | None = strawberry.field(description="The requirement it helps meet.")
    model: strawberry.Private[LearningSessionModel]

    @classmethod
    def from_model(cls, s: LearningSessionModel) -> LearningSession:
        return cls(id=strawberry.ID(str(s.id)), title_en=s.title_en, title_zh=s.title_zh, starts_at=s.starts_at,
                   ends_at=s.ends_at, location=s.location, capacity=s.capacity, hours=s.hours,
                   evidence_kind=s.evidence_kind, status=s.status,
                   level_id=strawberry.ID(str(s.level_id)) if s.level_id else None,
                   requirement_id=strawberry.ID(str(s.requirement_id)) if s.requirement_id else None, model=s)

    @strawberry.field(description="Who runs it (they may confirm attendees' claims and take attendance).")
    async def trainer(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.trainer_id)

    @strawberry.field(description="Seats taken (enrolled or attended).")
    async def enrolled(self, info: Info) -> int:
        count: int = await info.context.evidence.enrolled.load(self.model.id)
        return count

    @strawberry.field(description="Your enrolment, if you ever enrolled.")
    async def my_enrolment(self, info: Info) -> EnrolmentStatus | None:
        status: EnrolmentStatus | None = await info.context.evidence.my_enrolment.load(self.model.id)
        return status
