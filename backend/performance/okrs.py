"""OKRs (目标与关键结果): a person's objectives in a cycle, each with weighted key results (start, current,
target). The person keeps their own, managers those of people below them, HR anyone's. The first time a
key result reaches its target, performance.key_result_completed is recorded (rules can reward it)."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, outbox, validation
from backend.core.errors import NotFound, ValidationFailed
from backend.performance import dirty, person_dimensions, policy, scoring
from backend.performance.events import KeyResultCompleted
from backend.performance.models import KeyResult, Objective

MAX_TITLE = 200
MAX_KEY_RESULTS = 10
MAX_OBJECTIVES = 10
MAX_WEIGHT = 100
MAX_ABS_VALUE = 1e12


@dataclass(frozen=True, slots=True)
class KeyResultDraft:
    """A key result as submitted; `id` None adds one, an existing id edits it, a missing one is removed."""

    title: str
    target_value: float
    start_value: float = 0.0
    current_value: float = 0.0
    weight: int = 1
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class ObjectiveView:
    objective: Objective
    key_results: list[KeyResult]

    @property
    def progress(self) -> float:
        """Weighted progress of the key results, 0..1 (0 without any)."""
        found = scoring.objective_progress(scoring.ObjectiveInput(weight=self.objective.weight, key_results=[
            _scored(kr) for kr in self.key_results]))
        return found if found is not None else 0.0


def key_result_progress(kr: KeyResult) -> float:
    return scoring.key_result_progress(_scored(kr))


def reached(*, start: float, current: float, target: float) -> bool:
    """Lower-is-better key results (target below start) are reached at or below the target."""
    return current <= target if target < start else current >= target


async def save_objective(actor: Actor, *, cycle_id: UUID, title: str, key_results: Sequence[KeyResultDraft],
                         employee_id: UUID | None = None, objective_id: UUID | None = None,
                         weight: int = 1) -> ObjectiveView:
    """Create an objective (for oneself when `employee_id` is None) or replace an existing one's title,
    weight and key results, in an open cycle. The person: PERFORMANCE_REVIEW; their managers and HR:
    policy.require_assessor. Audited as okr.objective_saved; emits key_result_completed for key results
    reaching their target; queues a recompute. Raises Forbidden, NotFound, Conflict (cycle closed),
    ValidationFailed (title ≤ 200, weights 1..100, 1..10 key results, target ≠ start, 10 objectives)."""
    cycle = await person_dimensions.open_cycle(actor, cycle_id)
    existing = await _objective(actor, objective_id) if objective_id is not None else None
    if existing is not None and existing.cycle_id != cycle.id:
        raise ValidationFailed("This objective belongs to another cycle.", field="cycleId")
    owner = existing.employee_id if existing else (employee_id or policy.person_id(actor))
    await _require_editor(actor, (await person_dimensions.employee(actor, owner)).id)
    text = validation.trimmed(title, field="title", max_length=MAX_TITLE)
    _check_weight(weight, "weight")
    drafts = _checked_drafts(key_results)
    async with db.transaction():
        if existing is None:
            count = await Objective.of(actor).filter(cycle_id=cycle.id, employee_id=owner).count()
            if count >= MAX_OBJECTIVES:
                raise ValidationFailed(f"Keep to at most {MAX_OBJECTIVES} objectives per cycle.", field="title")
            objective = await Objective.create_for(actor, cycle_id=cycle.id, employee_id=owner, title=text,
                                                   weight=weight, position=count)
        else:
            objective = existing
            await Objective.of(actor).filter(id=objective.id).update(title=text, weight=weight)
        await _replace_key_results(actor, objective, drafts)
        await audit.record(actor, action="okr.objective_saved", entity_type="objective", entity_id=objective.id,
                           after={"title": text, "weight": weight, "key_results": [d.title for d in drafts]})
        await dirty.mark(actor, cycle_id=cycle.id, employee_ids=[owner])
    return await _view(actor, objective.id)


async def update_key_result_progress(actor: Actor, *, key_result_id: UUID, current_value: float) -> ObjectiveView:
    """Move a key result's current value. Same editors and errors as save_objective; audited as
    okr.key_result_progress; emits key_result_completed the first time it reaches the target."""
    kr = await _key_result(actor, key_result_id)
    objective = await Objective.of(actor).get(id=kr.objective_id)
    await person_dimensions.open_cycle(actor, objective.cycle_id)
    await _require_editor(actor, objective.employee_id)
    value = _number(current_value, "currentValue")
    async with db.transaction():
        await KeyResult.of(actor).filter(id=kr.id).update(current_value=value, updated_at=clock.now())
        await _complete_if_reached(actor, objective, kr, value)
        await audit.record(actor, action="okr.key_result_progress", entity_type="key_result", entity_id=kr.id,
                           before={"current_value": kr.current_value}, after={"current_value": value})
        await dirty.mark(actor, cycle_id=objective.cycle_id, employee_ids=[objective.employee_id])
    return await _view(actor, objective.id)


async def delete_objective(actor: Actor, *, objective_id: UUID) -> UUID:
    """Remove an objective and its key results from an open cycle. Same editors and errors as
    save_objective; audited as okr.objective_deleted; queues a recompute."""
    objective = await _objective(actor, objective_id)
    await person_dimensions.open_cycle(actor, objective.cycle_id)
    await _require_editor(actor, objective.employee_id)
    async with db.transaction():
        await KeyResult.of(actor).filter(objective_id=objective.id).delete()
        await Objective.of(actor).filter(id=objective.id).delete()
        await audit.record(actor, action="okr.objective_deleted", entity_type="objective", entity_id=objective.id,
                           before={"title": objective.title, "weight": objective.weight})
        await dirty.mark(actor, cycle_id=objective.cycle_id, employee_ids=[objective.employee_id])
    return objective.id


async def list_objectives(actor: Actor, *, cycle_id: UUID, employee_id: UUID) -> list[ObjectiveView]:
    """A person's objectives in a cycle (in their order) with key results; two queries. Seen by the
    person, their managers and HR. Raises Forbidden, NotFound."""
    cycle = await person_dimensions.cycle(actor, cycle_id)
    person = await person_dimensions.employee(actor, employee_id)
    await policy.require_may_see(actor, person.id)
    objectives = list(await Objective.of(actor).filter(cycle_id=cycle.id, employee_id=person.id).order_by(
        "position", "created_at"))
    results: dict[UUID, list[KeyResult]] = {o.id: [] for o in objectives}
    for kr in await KeyResult.of(actor).filter(objective_id__in=list(results)).order_by("title", "id"):
        results[kr.objective_id].append(kr)
    return [ObjectiveView(objective=o, key_results=results[o.id]) for o in objectives]


async def _replace_key_results(actor: Actor, objective: Objective, drafts: list[KeyResultDraft]) -> None:
    current = {kr.id: kr for kr in await KeyResult.of(actor).filter(objective_id=objective.id)}
    unknown = [d.id for d in drafts if d.id is not None and d.id not in current]
    if unknown:
        raise NotFound("No such key result on this objective.", field="keyResults")
    kept = {d.id for d in drafts}
    removed = [i for i in current if i not in kept]
    if removed:
        await KeyResult.of(actor).filter(id__in=removed).delete()
    now = clock.now()
    for d in drafts:
        values = {"title": d.title, "start_value": d.start_value, "current_value": d.current_value,
                  "target_value": d.target_value, "weight": d.weight, "updated_at": now}
        if d.id is None:
            kr = await KeyResult.create_for(actor, objective_id=objective.id, **values)
        else:
            await KeyResult.of(actor).filter(id=d.id).update(**values)
            kr = current[d.id]
        await _complete_if_reached(actor, objective, kr, d.current_value, start=d.start_value, target=d.target_value,
                                   title=d.title)


async def _complete_if_reached(actor: Actor, objective: Objective, kr: KeyResult, current: float, *,
                               start: float | None = None, target: float | None = None, title: str | None = None) -> None:
    start = kr.start_value if start is None else start
    target = kr.target_value if target is None else target
    if not reached(start=start, current=current, target=target):
        return
    # Conditional: of two saves racing past the target only one records the completion (and the
    # dedupe key stops a second event even after a reset and a new completion).
    if await KeyResult.of(actor).filter(id=kr.id, completed_at=None).update(completed_at=clock.now()):
        await outbox.emit(actor, KeyResultCompleted(
            employee_id=str(objective.employee_id), cycle_id=str(objective.cycle_id), objective_id=str(objective.id),
            key_result_id=str(kr.id), title=title or kr.title), dedupe_key=f"okr:key_result_completed:{kr.id}")


async def _require_editor(actor: Actor, owner_id: UUID) -> None:
    if actor.employee_id is not None and actor.employee_id == owner_id:
        require(actor, Permission.PERFORMANCE_REVIEW)
    else:
        await policy.require_assessor(actor, owner_id)


def _checked_drafts(drafts: Sequence[KeyResultDraft]) -> list[KeyResultDraft]:
    if not 1 <= len(drafts) <= MAX_KEY_RESULTS:
        raise ValidationFailed(f"Give 1 to {MAX_KEY_RESULTS} key results.", field="keyResults")
    checked = []
    for n, d in enumerate(drafts):
        path = f"keyResults.{n}"
        start, current = _number(d.start_value, f"{path}.startValue"), _number(d.current_value, f"{path}.currentValue")
        target = _number(d.target_value, f"{path}.targetValue")
        if target == start:
            raise ValidationFailed("The target must differ from the start value.", field=f"{path}.targetValue")
        _check_weight(d.weight, f"{path}.weight")
        checked.append(KeyResultDraft(
            id=d.id, title=validation.trimmed(d.title, field=f"{path}.title", max_length=MAX_TITLE),
            start_value=start, current_value=current, target_value=target, weight=d.weight))
    return checked


def _number(value: float, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or abs(value) > MAX_ABS_VALUE:
        raise ValidationFailed("Give a number within ±1,000,000,000,000.", field=field)
    return float(value)


def _check_weight(weight: int, field: str) -> None:
    if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= MAX_WEIGHT:
        raise ValidationFailed(f"A weight is a whole number from 1 to {MAX_WEIGHT}.", field=field)


async def _objective(actor: Actor, objective_id: UUID) -> Objective:
    try:
        return await Objective.get_for(actor, objective_id, what="objective")
    except NotFound as err:
        raise NotFound(err.message, field="id") from None


async def _key_result(actor: Actor, key_result_id: UUID) -> KeyResult:
    try:
        return await KeyResult.get_for(actor, key_result_id, what="key result")
    except NotFound as err:
        raise NotFound(err.message, field="id") from None


async def _view(actor: Actor, objective_id: UUID) -> ObjectiveView:
    objective = await Objective.of(actor).get(id=objective_id)
    return ObjectiveView(objective=objective, key_results=list(
        await KeyResult.of(actor).filter(objective_id=objective.id).order_by("title", "id")))


def _scored(kr: KeyResult) -> scoring.KeyResultInput:
    return scoring.KeyResultInput(start=kr.start_value, current=kr.current_value, target=kr.target_value,
                                  weight=kr.weight)
