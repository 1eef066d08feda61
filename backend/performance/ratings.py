"""Ratings (评分): a manager's 1..5 on a RATING dimension and everyone's 360 ratings (self, peers,
reports, managers), the rating tasks each person has, and what the person rated may see of them.
The one writer of Rating rows."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import ValidationFailed
from backend.org import tree
from backend.org.models import Employee, EmployeeStatus
from backend.performance import dirty, person_dimensions, policy
from backend.performance.models import Dimension, DimensionSource, RaterRelation, Rating

MIN_SCORE, MAX_SCORE = 1, 5
MAX_COMMENT = 1000
# Below this many raters in a peer or report group, the person rated sees none of that group's ratings:
# with two peers, "one gave me a 2" would all but name them.
ANONYMITY_THRESHOLD = 3
ANONYMOUS_RELATIONS = (RaterRelation.PEER, RaterRelation.REPORT)
_KEY = ["cycle_id", "employee_id", "rater_id", "dimension_code"]


@dataclass(frozen=True, slots=True)
class RatingTask:
    employee_id: UUID
    dimension: Dimension
    relation: RaterRelation
    current: Rating | None  # the rater's rating so far


@dataclass(frozen=True, slots=True)
class ReceivedRating:
    rating: Rating
    rater_visible: bool  # False: a peer or report rating shown to the person rated, without who gave it


async def rate_employee(actor: Actor, *, cycle_id: UUID, employee_id: UUID, dimension_code: str, score: int,
                        comment: str = "") -> Rating:
    """Rate a person on a RATING or REVIEW_360 dimension of their scorecard in an open cycle; rating again
    replaces the earlier score. The relation is derived: self, manager (anyone above them in the reporting
    line), report (the rater reports directly to them), else peer. A RATING dimension takes only their
    managers' or HR's rating (recorded as manager). Requires PERFORMANCE_REVIEW; audited as rating.saved;
    queues a recompute. Raises Forbidden, NotFound, Conflict (cycle closed), ValidationFailed."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    rater = policy.person_id(actor)
    cycle = await person_dimensions.open_cycle(actor, cycle_id)
    person = await person_dimensions.employee(actor, employee_id)
    code = dimension_code.strip()
    dimension = (await person_dimensions.for_person(actor, person)).rated(person.id, code)
    if dimension is None:
        raise ValidationFailed(f"{person.name}'s scorecard has no rated dimension “{code}”.", field="dimensionCode")
    if dimension.source == DimensionSource.RATING:
        await policy.require_assessor(actor, person.id)
        relation = RaterRelation.MANAGER
    else:
        relation = await relation_between(actor, rater_id=rater, person=person)
    if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
        raise ValidationFailed(f"Give a whole score from {MIN_SCORE} to {MAX_SCORE}.", field="score")
    text = validation.trimmed(comment, field="comment", max_length=MAX_COMMENT, required=False)
    async with db.transaction():
        before = await Rating.of(actor).get_or_none(cycle_id=cycle.id, employee_id=person.id, rater_id=rater,
                                                    dimension_code=code)
        saved = await put_rating(actor, cycle_id=cycle.id, employee_id=person.id, rater_id=rater, relation=relation,
                                 dimension_code=code, score=score, comment=text)
        await audit.record(actor, action="rating.saved", entity_type="rating", entity_id=saved.id,
                           before={"score": before.score, "comment": before.comment} if before else None,
                           after={"cycle_id": cycle.id, "employee_id": person.id, "dimension_code": code,
                                  "relation": relation, "score": score, "comment": text})
    return saved


async def put_rating(actor: Actor, *, cycle_id: UUID, employee_id: UUID, rater_id: UUID, relation: RaterRelation,
                     dimension_code: str, score: int, comment: str = "") -> Rating:
    """INTERNAL (callers validated and audit): insert or replace one rater's rating, in the caller's
    transaction or its own, and mark the person stale. An upsert, so two racing saves cannot collide."""
    async with db.transaction():
        await Rating.bulk_create([Rating.build_for(
            actor, cycle_id=cycle_id, employee_id=employee_id, rater_id=rater_id, relation=relation,
            dimension_code=dimension_code, score=score, comment=comment[:MAX_COMMENT], updated_at=clock.now())],
            on_conflict=_KEY, update_fields=["relation", "score", "comment", "updated_at"])
        await dirty.mark(actor, cycle_id=cycle_id, employee_ids=[employee_id])
    return await Rating.of(actor).get(cycle_id=cycle_id, employee_id=employee_id, rater_id=rater_id,
                                      dimension_code=dimension_code)


async def relation_between(actor: Actor, *, rater_id: UUID, person: Employee) -> RaterRelation:
    if rater_id == person.id:
        return RaterRelation.SELF
    managers: dict[UUID, UUID | None] = dict(await Employee.of(actor).values_list("id", "manager_id"))
    if person.manager_id is not None and tree.walks_up_to(managers, person.manager_id, rater_id):
        return RaterRelation.MANAGER
    if managers.get(rater_id) == person.id:
        return RaterRelation.REPORT
    return RaterRelation.PEER


async def rating_tasks(actor: Actor, *, cycle_id: UUID) -> list[RatingTask]:
    """What the signed-in person is asked to rate in a cycle: their own 360 dimensions (self), their
    direct manager's 360 dimensions (as a report), and, for managers and HR, the RATING and 360
    dimensions of everyone below them (as manager), each with the rating given so far. Requires
    PERFORMANCE_REVIEW. Raises Forbidden, NotFound."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    me = policy.person_id(actor)
    cycle = await person_dimensions.cycle(actor, cycle_id)
    managers: dict[UUID, UUID | None] = dict(await Employee.of(actor).values_list("id", "manager_id"))
    below = tree.all_below(managers, me) if has(actor, Permission.PERFORMANCE_ASSESS) else set()
    my_manager = managers.get(me)
    wanted = below | {me} | ({my_manager} if my_manager else set())
    people = list(await Employee.of(actor).filter(id__in=list(wanted), status=EmployeeStatus.ACTIVE).order_by("name"))
    dimensions = await person_dimensions.for_people(actor, people)
    given = {(r.employee_id, r.dimension_code): r for r in await Rating.of(actor).filter(cycle_id=cycle.id, rater_id=me)}

    def tasks_for(person: Employee, relation: RaterRelation, sources: tuple[DimensionSource, ...]) -> list[RatingTask]:
        return [RatingTask(employee_id=person.id, dimension=d, relation=relation, current=given.get((person.id, d.code)))
                for d in dimensions.of(person.id) if d.source in sources]

    tasks: list[RatingTask] = []
    for person in people:
        if person.id == me:
            tasks[:0] = tasks_for(person, RaterRelation.SELF, (DimensionSource.REVIEW_360,))
        elif person.id in below:
            tasks += tasks_for(person, RaterRelation.MANAGER, (DimensionSource.RATING, DimensionSource.REVIEW_360))
        else:
            tasks += tasks_for(person, RaterRelation.REPORT, (DimensionSource.REVIEW_360,))
    return tasks


async def ratings_received(actor: Actor, *, cycle_id: UUID, employee_id: UUID) -> list[ReceivedRating]:
    """A person's ratings in a cycle by dimension and relation. Their managers and HR see every rating and
    rater. The person sees self and manager ratings with the rater, peer and report ratings without
    (anonymous), and none of a peer or report group with fewer than 3 raters on a dimension. Raises
    Forbidden, NotFound."""
    cycle = await person_dimensions.cycle(actor, cycle_id)
    person = await person_dimensions.employee(actor, employee_id)
    await policy.require_may_see(actor, person.id)
    ratings = list(await Rating.of(actor).filter(cycle_id=cycle.id, employee_id=person.id).order_by(
        "dimension_code", "relation", "-updated_at", "id"))
    if actor.employee_id != person.id:
        return [ReceivedRating(rating=r, rater_visible=True) for r in ratings]
    raters: dict[tuple[str, RaterRelation], int] = {}
    for r in ratings:
        raters[(r.dimension_code, r.relation)] = raters.get((r.dimension_code, r.relation), 0) + 1
    return [ReceivedRating(rating=r, rater_visible=r.relation not in ANONYMOUS_RELATIONS) for r in ratings
            if r.relation not in ANONYMOUS_RELATIONS or raters[(r.dimension_code, r.relation)] >= ANONYMITY_THRESHOLD]
