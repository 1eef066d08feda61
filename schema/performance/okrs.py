"""GraphQL for OKRs: a person's objectives and key results in a cycle, saving them, moving progress."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from backend.performance import okrs
from backend.performance.models import KeyResult as KeyResultModel
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import person_or_self, required_uuid, to_uuid
from schema.core.results import attempt


@strawberry.type(description="A measurable result of an objective: from a start value to a target.")
class KeyResult:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    title: str = strawberry.field(description="What is measured.")
    start_value: float = strawberry.field(description="Where it started.")
    current_value: float = strawberry.field(description="Where it is now.")
    target_value: float = strawberry.field(description="Where it should get (below the start: lower is better).")
    weight: int = strawberry.field(description="Relative weight among the objective's key results.")
    progress: float = strawberry.field(description="Share of the way from start to target, 0–1.")
    completed_at: datetime | None = strawberry.field(description="The first time it reached its target.")

    @classmethod
    def from_model(cls, kr: KeyResultModel) -> KeyResult:
        return cls(id=strawberry.ID(str(kr.id)), title=kr.title, start_value=kr.start_value,
                   current_value=kr.current_value, target_value=kr.target_value, weight=kr.weight,
                   progress=okrs.key_result_progress(kr), completed_at=kr.completed_at)


@strawberry.type(description="An objective (目标) of a person in a cycle, with its key results.")
class Objective:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    title: str = strawberry.field(description="The objective.")
    weight: int = strawberry.field(description="Relative weight among the person's objectives.")
    progress: float = strawberry.field(description="Weighted progress of its key results, 0–1.")
    key_results: list[KeyResult] = strawberry.field(description="Its key results.")

    @classmethod
    def from_view(cls, v: okrs.ObjectiveView) -> Objective:
        o = v.objective
        return cls(id=strawberry.ID(str(o.id)), title=o.title, weight=o.weight, progress=v.progress,
                   key_results=[KeyResult.from_model(kr) for kr in v.key_results])


@strawberry.input(description="A key result; without id it is added, with an id it is edited. Key results left out "
                              "are removed.")
class KeyResultInput:
    title: str = strawberry.field(description="What is measured (≤ 200 characters).")
    target_value: float = strawberry.field(description="The target; must differ from the start.")
    id: strawberry.ID | None = strawberry.field(default=None, description="An existing key result of this objective.")
    start_value: float = strawberry.field(default=0.0, description="Where it starts.")
    current_value: float = strawberry.field(default=0.0, description="Where it is now.")
    weight: int = strawberry.field(default=1, description="1–100, relative among the key results.")


@strawberry.input(description="An objective with 1–10 key results, in an open cycle.")
class SaveObjectiveInput:
    cycle_id: strawberry.ID = strawberry.field(description="An open review cycle.")
    title: str = strawberry.field(description="The objective (≤ 200 characters).")
    key_results: list[KeyResultInput] = strawberry.field(description="Its key results, all of them.")
    employee_id: strawberry.ID | None = strawberry.field(
        default=None, description="Whose objective (null: yours). Managers for people below them, HR for anyone.")
    id: strawberry.ID | None = strawberry.field(default=None, description="An existing objective to replace.")
    weight: int = strawberry.field(default=1, description="1–100, relative among the person's objectives.")


@strawberry.type(description="An objective was saved.")
class ObjectiveSaved:
    objective: Objective = strawberry.field(description="The objective now.")


@strawberry.type(description="An objective was deleted with its key results.")
class ObjectiveDeleted:
    id: strawberry.ID = strawberry.field(description="The deleted objective's id.")


SaveObjectiveResult = Annotated[ObjectiveSaved | UserError, strawberry.union("SaveObjectiveResult")]
DeleteObjectiveResult = Annotated[ObjectiveDeleted | UserError, strawberry.union("DeleteObjectiveResult")]


def _drafts(inputs: list[KeyResultInput]) -> list[okrs.KeyResultDraft]:
    return [okrs.KeyResultDraft(id=to_uuid(k.id, field="keyResults"), title=k.title, target_value=k.target_value,
                                start_value=k.start_value, current_value=k.current_value, weight=k.weight) for k in inputs]


@strawberry.type
class OkrsQuery:
    @strawberry.field(description="A person's objectives in a cycle (yours when employeeId is null). The person, "
                                  "their managers and HR.")
    async def objectives(self, info: Info, cycle_id: strawberry.ID,
                         employee_id: strawberry.ID | None = None) -> list[Objective]:
        actor = info.context.actor
        found = await okrs.list_objectives(actor, cycle_id=required_uuid(cycle_id, field="cycleId"),
                                           employee_id=person_or_self(actor, employee_id))
        return [Objective.from_view(v) for v in found]


@strawberry.type
class OkrsMutation:
    @strawberry.mutation(description="Create or replace an objective and its key results (yours, a report's as their "
                                     "manager, anyone's as HR).")
    async def save_objective(self, info: Info, input: SaveObjectiveInput) -> SaveObjectiveResult:
        async def body() -> ObjectiveSaved:
            view = await okrs.save_objective(
                info.context.actor, cycle_id=required_uuid(input.cycle_id, field="cycleId"), title=input.title,
                key_results=_drafts(input.key_results), employee_id=to_uuid(input.employee_id, field="employeeId"),
                objective_id=to_uuid(input.id, field="id"), weight=input.weight)
            return ObjectiveSaved(objective=Objective.from_view(view))
        return await attempt(body)

    @strawberry.mutation(description="Move a key result's current value; reaching the target the first time is "
                                     "recorded (rules may reward it).")
    async def update_key_result_progress(self, info: Info, id: strawberry.ID, current_value: float) -> SaveObjectiveResult:
        async def body() -> ObjectiveSaved:
            view = await okrs.update_key_result_progress(info.context.actor, key_result_id=required_uuid(id, field="id"),
                                                         current_value=current_value)
            return ObjectiveSaved(objective=Objective.from_view(view))
        return await attempt(body)

    @strawberry.mutation(description="Delete an objective and its key results from an open cycle.")
    async def delete_objective(self, info: Info, id: strawberry.ID) -> DeleteObjectiveResult:
        async def body() -> ObjectiveDeleted:
            deleted = await okrs.delete_objective(info.context.actor, objective_id=required_uuid(id, field="id"))
            return ObjectiveDeleted(id=strawberry.ID(str(deleted)))
        return await attempt(body)
