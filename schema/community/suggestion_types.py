"""GraphQL types for the suggestion box. The submitter of an anonymous suggestion never leaves the server:
`submitter` and `department` are null for everyone (HR included); only `mine` tells the author it is theirs."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry

from backend.community import suggestion_queries, suggestions
from backend.community.models import Suggestion as SuggestionModel
from backend.community.models import SuggestionStatus
from backend.community.suggestion_queries import Scope
from schema.context import Info
from schema.recognition.types import EmployeeRef, load_employee

if TYPE_CHECKING:
    from schema.org.types import Department

DepartmentRef = Annotated["Department", strawberry.lazy("schema.org.types")]

strawberry.enum(SuggestionStatus, name="SuggestionStatus",
                description="Received (the 24-hour clock runs), answered, accepted, declined, implemented.")
strawberry.enum(Scope, name="SuggestionScope",
                description="MINE: what I submitted; TO_ANSWER: where I am owner or escalation target; ALL: HR only.")
_DECIDABLE = (SuggestionStatus.RECEIVED, SuggestionStatus.ANSWERED, SuggestionStatus.ACCEPTED)


@strawberry.type(description="A suggestion in the box, with its answer clock.")
class Suggestion:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    title: str = strawberry.field(description="Title.")
    body: str = strawberry.field(description="The suggestion.")
    anonymous: bool = strawberry.field(description="Submitted anonymously: nobody sees who wrote it.")
    status: SuggestionStatus = strawberry.field(description="Where it stands.")
    due_at: datetime = strawberry.field(description="The answer is due by then (24 hours after submission).")
    answered_at: datetime | None = strawberry.field(description="When it was answered.")
    answer: str = strawberry.field(description="The answer (and decision notes).")
    reminded_at: datetime | None = strawberry.field(description="When the owner was reminded (20 hours in).")
    escalated_at: datetime | None = strawberry.field(description="When it was escalated (24 hours in, unanswered).")
    outcome: str = strawberry.field(description="What changed (\"we did\"), once implemented.")
    implemented_at: datetime | None = strawberry.field(description="When it was implemented.")
    reward_points: int = strawberry.field(description="Points its author received for it.")
    created_at: datetime = strawberry.field(description="When it was submitted.")
    model: strawberry.Private[SuggestionModel]

    @classmethod
    def from_model(cls, s: SuggestionModel) -> Suggestion:
        return cls(id=strawberry.ID(str(s.id)), title=s.title, body=s.body, anonymous=s.anonymous, status=s.status,
                   due_at=s.due_at, answered_at=s.answered_at, answer=s.answer, reminded_at=s.reminded_at,
                   escalated_at=s.escalated_at, outcome=s.outcome, implemented_at=s.implemented_at,
                   reward_points=s.reward_points, created_at=s.created_at, model=s)

    @strawberry.field(description="Who wrote it; ALWAYS null when anonymous, for everyone including HR.")
    async def submitter(self, info: Info) -> EmployeeRef | None:
        return None if self.model.anonymous else await load_employee(info, self.model.submitter_id)

    @strawberry.field(description="You wrote it.")
    def mine(self, info: Info) -> bool:
        return info.context.actor.employee_id == self.model.submitter_id

    @strawberry.field(description="The author's department when submitted; null when anonymous.")
    async def department(self, info: Info) -> DepartmentRef | None:
        from schema.org.types import Department

        if self.model.anonymous or self.model.department_id is None:
            return None
        found = await info.context.org.department.load(self.model.department_id)
        return Department.from_model(found) if found else None

    @strawberry.field(description="Who must answer it.")
    async def owner(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.owner_id)

    @strawberry.field(description="Who it was escalated to (the owner's manager) when unanswered for 24 hours.")
    async def escalated_to(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.escalated_to_id)

    @strawberry.field(description="Still unanswered after its due time.")
    def overdue(self) -> bool:
        return suggestion_queries.is_overdue(self.model)

    @strawberry.field(description="Seconds until the answer is due while unanswered (0 when overdue); else null.")
    def seconds_left(self) -> int | None:
        return suggestion_queries.seconds_left(self.model)

    @strawberry.field(description="You may answer it now (owner, escalation target or HR; while unanswered).")
    def can_answer(self, info: Info) -> bool:
        return self.model.status == SuggestionStatus.RECEIVED and suggestions.may_answer(info.context.actor, self.model)

    @strawberry.field(description="You may accept or decline it, or, once accepted, mark it implemented.")
    def can_decide(self, info: Info) -> bool:
        return self.model.status in _DECIDABLE and suggestions.may_answer(info.context.actor, self.model)


@strawberry.type(description="Suggestions in one status.")
class StatusCount:
    status: SuggestionStatus = strawberry.field(description="The status.")
    count: int = strawberry.field(description="Suggestions in it.")


@strawberry.type(description="Suggestions from one department (departments of 5 or more people only).")
class DepartmentCount:
    count: int = strawberry.field(description="Suggestions submitted from it.")
    department_id: strawberry.Private[UUID]

    @strawberry.field(description="The department.")
    async def department(self, info: Info) -> DepartmentRef | None:
        from schema.org.types import Department

        found = await info.context.org.department.load(self.department_id)
        return Department.from_model(found) if found else None


@strawberry.type(description="HR's view of the suggestion box and its 24-hour answer clock.")
class SuggestionStats:
    total: int = strawberry.field(description="Suggestions ever submitted.")
    answered_on_time: int = strawberry.field(description="Answered within 24 hours.")
    answered_late: int = strawberry.field(description="Answered after their due time.")
    open: int = strawberry.field(description="Not answered yet.")
    overdue: int = strawberry.field(description="Not answered and past their due time.")
    median_answer_hours: float | None = strawberry.field(description="Median hours to an answer.")
    by_status: list[StatusCount] = strawberry.field(description="Counts per status, every status.")
    by_department: list[DepartmentCount] = strawberry.field(
        description="Counts per department, most first; departments with fewer than 5 people (active people "
                    "in the department now) are omitted so nobody is traced by elimination.")
    hidden_departments: int = strawberry.field(description="Departments with suggestions left out for being small.")

    @classmethod
    def from_stats(cls, s: suggestion_queries.Stats) -> SuggestionStats:
        return cls(total=s.total, answered_on_time=s.answered_on_time, answered_late=s.answered_late, open=s.open,
                   overdue=s.overdue, median_answer_hours=s.median_answer_hours,
                   by_status=[StatusCount(status=st, count=n) for st, n in s.by_status],
                   by_department=[DepartmentCount(count=n, department_id=d) for d, n in s.by_department],
                   hidden_departments=s.hidden_departments)
