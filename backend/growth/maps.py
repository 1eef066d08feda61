"""One person's growth map: their track, every level evaluated live over their confirmed records (the
same maths as the progress job, so a confirmation shows at once), the first time each level was
reached, and the next missing step with what completes it and when. A fixed number of SQL statements
whatever the number of levels. Reads only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.core import clock
from backend.core.errors import Forbidden
from backend.growth import estimates
from backend.growth.evaluation import LevelResult, Standing, by_kind, evaluate_person, next_of, tenure_for
from backend.growth.models import (
    GrowthRecord, LearningResource, LearningSession, LevelProgress, LevelRequirement, RecordStatus, SessionStatus,
    TrackMembership,
)
from backend.growth.requirements import Evidence, Outcome, RequirementStatus, Tenure, path_to
from backend.growth.track_queries import LevelView, TrackView, spec_of, tracks_by_ids
from backend.org import calendar
from backend.org.models import Employee
from backend.org.views import Visibility


@dataclass(frozen=True, slots=True)
class RequirementProgressView:
    requirement: LevelRequirement
    status: RequirementStatus
    current: float
    target: float
    record_ids: tuple[UUID, ...]


@dataclass(frozen=True, slots=True)
class LevelProgressView:
    level: LevelView
    percent: int
    complete: bool
    is_current: bool
    completed_at: datetime | None  # when the records first met it (LevelReached); null for levels held by promotion
    requirements: list[RequirementProgressView]


@dataclass(frozen=True, slots=True)
class NextStepView:
    level: LevelView
    requirement: LevelRequirement
    remaining: float
    estimated_on: date | None
    estimate_basis: str | None
    sessions: list[LearningSession]
    resources: list[LearningResource]


@dataclass(frozen=True, slots=True)
class GrowthMapView:
    employee_id: UUID
    track: TrackView | None
    current_level_id: UUID | None
    level_since: date | None
    levels: list[LevelProgressView]
    next_step: NextStepView | None
    computed_at: datetime | None  # the progress job's last write for this person
    records: dict[UUID, GrowthRecord]  # the confirmed records the requirements name


async def may_read_growth(actor: Actor, employee_id: UUID, visibility: Visibility | None = None) -> bool:
    """The person, anyone above them in the reporting line, and HR (GROWTH_READ_ANY)."""
    if actor.employee_id == employee_id or has(actor, Permission.GROWTH_READ_ANY):
        return True
    return employee_id in await (visibility or Visibility(actor)).subordinates()


async def growth_map(actor: Actor, *, employee_id: UUID | None = None, visibility: Visibility | None = None
                     ) -> GrowthMapView:
    """Someone's map (default: the signed-in person's). Requires GROWTH_CLAIM; others' maps: their managers
    and HR. Raises Forbidden, NotFound."""
    require(actor, Permission.GROWTH_CLAIM)
    who = employee_id or actor.employee_id
    if who is None or not await may_read_growth(actor, who, visibility):
        raise Forbidden("You may see only your own growth map and your team's.")
    employee = await Employee.get_for(actor, who, what="employee")
    membership = await TrackMembership.of(actor).get_or_none(employee_id=who)
    view = (await tracks_by_ids(actor, [membership.track_id]))[0] if membership else None
    if membership is None or view is None:
        return GrowthMapView(employee_id=who, track=None, current_level_id=None, level_since=None, levels=[],
                             next_step=None, computed_at=None, records={})
    rows = await GrowthRecord.of(actor).filter(employee_id=who, status=RecordStatus.CONFIRMED)
    stored = {p.level_id: p for p in await LevelProgress.of(actor).filter(employee_id=who)}
    zone = await calendar.zone(actor)
    today = clock.now().astimezone(zone).date()
    evidence = by_kind(Evidence(id=r.id, kind=str(r.kind), title=r.title, occurred_on=r.occurred_on,
                                quantity=r.quantity, attributes=r.attributes or {}) for r in rows)
    spec = spec_of(view)
    standing = Standing(current_level_id=membership.current_level_id, level_since=membership.level_since,
                        hire_date=employee.hire_date)
    results = evaluate_person(spec, evidence, standing, today=today)
    levels = [_level(view.levels[i], r, membership.current_level_id, stored.get(r.level.id))
              for i, r in enumerate(results)]
    found = next_of(results, membership.current_level_id)
    step = None
    if found is not None:
        sessions = await LearningSession.of(actor).filter(status=SessionStatus.SCHEDULED, starts_at__gt=clock.now()
                                                          ).order_by("starts_at", "id")
        upcoming = [estimates.UpcomingSession(id=s.id, starts_on=s.starts_at.astimezone(zone).date(),
                                              kind=str(s.evidence_kind), attributes=s.attributes or {}, hours=s.hours,
                                              requirement_id=s.requirement_id) for s in sessions]
        tenure = tenure_for(spec, found[0].level, standing, set(path_to({lv.id: lv for lv in spec.levels},
                                                                        membership.current_level_id)))
        step = _step(view, found, evidence, today=today, tenure=tenure, upcoming=upcoming, sessions=sessions)
    computed = [p.computed_at for p in stored.values()]
    return GrowthMapView(employee_id=who, track=view, current_level_id=membership.current_level_id,
                         level_since=membership.level_since, levels=levels, next_step=step,
                         computed_at=max(computed) if computed else None, records={r.id: r for r in rows})


def _level(view: LevelView, result: LevelResult, current: UUID | None, stored: LevelProgress | None
           ) -> LevelProgressView:
    requirements = [RequirementProgressView(requirement=r, status=o.status, current=o.current, target=o.target,
                                            record_ids=o.record_ids)
                    for r, o in zip(view.requirements, result.outcomes, strict=True)]
    return LevelProgressView(level=view, percent=result.percent, complete=result.complete,
                             is_current=view.level.id == current,
                             completed_at=stored.completed_at if stored is not None else None,
                             requirements=requirements)


def _step(view: TrackView, found: tuple[LevelResult, Outcome], evidence: dict[str, list[Evidence]], *, today: date,
          tenure: Tenure, upcoming: list[estimates.UpcomingSession], sessions: list[LearningSession]
          ) -> NextStepView:
    result, outcome = found
    level = view.level(result.level.id)
    assert level is not None
    spec = next(s for s in result.level.requirements if s.id == outcome.requirement_id)
    requirement = next(r for r in level.requirements if r.id == spec.id)
    guess = estimates.estimate(spec, outcome, evidence.get(spec.kind or "", []), today=today, tenure=tenure,
                               sessions=upcoming)
    matching = {s.id for s in estimates.sessions_for(spec, upcoming)}
    resources = ([x for x in level.resources if x.requirement_id == requirement.id]
                 + [x for x in level.resources if x.requirement_id is None])
    return NextStepView(level=level, requirement=requirement, remaining=estimates.remaining(spec, outcome),
                        estimated_on=guess.on, estimate_basis=guess.basis,
                        sessions=[s for s in sessions if s.id in matching], resources=resources)
