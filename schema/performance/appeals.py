"""GraphQL for appeals: one's own, the reviewer's queue, one appeal; filing, deciding, withdrawing."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry

from backend.performance import appeal_queries, appeals
from backend.performance.models import Appeal as AppealModel
from backend.performance.models import AppealStatus
from schema.context import Info
from schema.core import enums as _enums  # noqa: F401  (registers AppealStatus)
from schema.core.errors import UserError
from schema.core.ids import required_uuid
from schema.core.results import attempt
from schema.recognition.types import EmployeeRef, load_employee

if TYPE_CHECKING:
    from schema.performance.cycles import ReviewCycle

ReviewCycleRef = Annotated["ReviewCycle", strawberry.lazy("schema.performance.cycles")]


@strawberry.type(description="An appeal against a score (申诉), answered by a second reviewer within 72 hours.")
class Appeal:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    dimension_code: str | None = strawberry.field(description="The dimension appealed; null for the total as a whole.")
    reason: str = strawberry.field(description="Why the person appeals.")
    evidence: list[str] = strawberry.field(description="Links and notes the person attached.")
    status: AppealStatus = strawberry.field(description="Open, upheld, rejected or withdrawn.")
    due_at: datetime = strawberry.field(description="When the answer is due (filed + 72 hours).")
    overdue: bool = strawberry.field(description="Still open after its answer was due.")
    decision: str = strawberry.field(description="The reviewer's answer; empty while open.")
    decided_at: datetime | None = strawberry.field(description="When it was decided.")
    total_before: float | None = strawberry.field(description="The total under appeal (when filed, then when decided).")
    total_after: float | None = strawberry.field(
        description="The total after the decision: null until the recompute of an upheld correction has run.")
    filed_at: datetime = strawberry.field(description="When it was filed.")
    model: strawberry.Private[AppealModel]

    @strawberry.field(description="The review cycle appealed.")
    async def cycle(self, info: Info) -> ReviewCycleRef:
        from schema.performance.cycles import ReviewCycle

        found = await info.context.performance.cycle.load(self.model.cycle_id)
        assert found is not None  # an appeal's cycle is deleted with it
        return ReviewCycle.from_model(found)

    @strawberry.field(description="The upheld correction arrived after the cycle's bonus pool was locked: the "
                                  "score is corrected, but tiers and bonus stay as they were paid.")
    async def correction_after_lock(self, info: Info) -> bool:
        if self.model.status != AppealStatus.UPHELD:
            return False
        return await info.context.performance.correction_after_lock.load(self.model.id)

    @strawberry.field(description="The person appealing.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.employee_id)

    @strawberry.field(description="Who answers it: the manager's manager, else HR (never the manager who rated).")
    async def reviewer(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.reviewer_id)

    @strawberry.field(description="Who decided it.")
    async def decided_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.decided_by_id)

    @classmethod
    def from_model(cls, a: AppealModel) -> Appeal:
        return cls(id=strawberry.ID(str(a.id)), dimension_code=a.dimension_code, reason=a.reason,
                   evidence=list(a.evidence), status=a.status, due_at=a.due_at, overdue=appeal_queries.is_overdue(a),
                   decision=a.decision, decided_at=a.decided_at, total_before=a.total_before,
                   total_after=a.total_after, filed_at=a.filed_at, model=a)


@strawberry.input(description="An appeal against one's own score in a cycle.")
class FileAppealInput:
    cycle_id: strawberry.ID = strawberry.field(description="The review cycle.")
    reason: str = strawberry.field(description="Why (10–2000 characters).")
    client_key: str = strawberry.field(description="The phone's key for this submission (8–64 characters): a retry "
                                                   "returns the first appeal.")
    dimension_code: str | None = strawberry.field(default=None, description="The dimension; null for the total.")
    evidence: list[str] = strawberry.field(default_factory=list, description="Up to 10 links or notes, each ≤ 500 characters.")


@strawberry.type(description="An appeal was filed, decided or withdrawn.")
class AppealChanged:
    appeal: Appeal = strawberry.field(description="The appeal now.")


AppealResult = Annotated[AppealChanged | UserError, strawberry.union("AppealResult")]


@strawberry.type
class AppealsQuery:
    @strawberry.field(description="The signed-in person's appeals, newest first.")
    async def my_appeals(self, info: Info) -> list[Appeal]:
        return [Appeal.from_model(a) for a in await appeal_queries.list_my_appeals(info.context.actor)]

    @strawberry.field(description="Managers: appeals routed to me; HR: every appeal. Soonest due first; status "
                                  "null for every status.")
    async def appeals_to_decide(self, info: Info, status: AppealStatus | None = AppealStatus.OPEN) -> list[Appeal]:
        found = await appeal_queries.list_appeals_to_decide(info.context.actor, status=status)
        return [Appeal.from_model(a) for a in found]

    @strawberry.field(description="One appeal: for the person who filed it, its reviewer and HR.")
    async def appeal(self, info: Info, id: strawberry.ID) -> Appeal:
        found = await appeal_queries.get_appeal(info.context.actor, appeal_id=required_uuid(id, field="id"))
        return Appeal.from_model(found)


@strawberry.type
class AppealsMutation:
    @strawberry.mutation(description="Appeal one's own score in a cycle, until the end of its last day + appeal days. "
                                     "One open appeal per score; the reviewer is told.")
    async def file_appeal(self, info: Info, input: FileAppealInput) -> AppealResult:
        async def body() -> AppealChanged:
            appeal = await appeals.file_appeal(
                info.context.actor, cycle_id=required_uuid(input.cycle_id, field="cycleId"), reason=input.reason,
                client_key=input.client_key, dimension_code=input.dimension_code, evidence=input.evidence)
            return AppealChanged(appeal=Appeal.from_model(appeal))
        return await attempt(body)

    @strawberry.mutation(description="The assigned reviewer or HR (never the appellant nor the manager who gave the "
                                     "rating) upholds or rejects an open appeal. UPHELD with correctedValue rewrites "
                                     "the appealed metric value or manager rating and recomputes the score. Audited.")
    async def decide_appeal(self, info: Info, id: strawberry.ID, outcome: AppealStatus, decision: str,
                            corrected_value: float | None = None) -> AppealResult:
        async def body() -> AppealChanged:
            appeal = await appeals.decide_appeal(info.context.actor, appeal_id=required_uuid(id, field="id"),
                                                 outcome=outcome, decision=decision, corrected_value=corrected_value)
            return AppealChanged(appeal=Appeal.from_model(appeal))
        return await attempt(body)

    @strawberry.mutation(description="The person who appealed withdraws an open appeal.")
    async def withdraw_appeal(self, info: Info, id: strawberry.ID) -> AppealResult:
        async def body() -> AppealChanged:
            appeal = await appeals.withdraw_appeal(info.context.actor, appeal_id=required_uuid(id, field="id"))
            return AppealChanged(appeal=Appeal.from_model(appeal))
        return await attempt(body)
