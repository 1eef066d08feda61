"""The scorecard statement (绩效说明): how a person's number was made, line by line: each dimension's raw
value, where it came from and who supplied it, its weight, the curve in words, the points; then the
total, ranks, tiers, the bonus line of a locked pool and the appeal window. Reads only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock
from backend.core.errors import NotFound
from backend.org.queries import get_organization
from backend.performance import explain, policy, queries, scoring
from backend.performance.models import (
    BonusAllocation, Dimension, DimensionSource, Direction, KeyResult, MetricValue, Objective, PoolStatus, ReviewCycle,
    Scorecard, ScorecardTemplate, TemplateVersion, TierCode, ValueSource,
)
from backend.performance.recompute_inputs import dimension_config

ANONYMOUS_BELOW = 3  # peers' and reports' 360 means are shown only from this many raters on
_ANONYMOUS_RELATIONS = ("peer", "report")


@dataclass(frozen=True, slots=True)
class StatementLine:
    code: str
    name_en: str
    name_zh: str
    source: DimensionSource
    weight: int
    raw: float | None
    unit: str
    target: float | None
    direction: Direction
    curve_en: str
    curve_zh: str
    points: float | None
    weighted: float
    progress: float
    missing: bool
    detail: dict[str, Any]
    metric_code: str | None = None  # METRIC and ATTENDANCE: the metric feeding it (attendance's default included)
    supplied_by_id: UUID | None = None
    source_label: str | None = None
    supplied_at: datetime | None = None
    value_source: ValueSource | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    cycle: ReviewCycle
    card: Scorecard
    template_name_en: str
    template_name_zh: str
    template_version: int
    lines: list[StatementLine]
    department_size: int | None
    organization_size: int
    tiers: list[TierCode]
    bonus_minor: int | None
    bonus_currency: str | None
    appeal_deadline: datetime
    appeal_open: bool


def appeal_deadline(cycle: ReviewCycle, zone: ZoneInfo) -> datetime:
    """Appeals may be filed through the whole day ends_on + appeal_days in the organisation's zone."""
    last_day = cycle.ends_on + timedelta(days=cycle.appeal_days + 1)
    return datetime.combine(last_day, time(0), tzinfo=zone)


async def get_statement(actor: Actor, *, cycle_id: UUID, employee_id: UUID) -> Statement:
    """The person, anyone above them and HR. Requires PERFORMANCE_REVIEW. Raises Forbidden, NotFound
    (also when the card is not computed yet)."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    await policy.require_may_see(actor, employee_id)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    card = await Scorecard.of(actor).get_or_none(cycle_id=cycle.id, employee_id=employee_id)
    if card is None:
        raise NotFound("This person has no scorecard in this cycle yet.", field="employeeId")
    version = await TemplateVersion.of(actor).get(id=card.template_version_id)
    template = await ScorecardTemplate.of(actor).get(id=version.template_id)
    dimensions = {d.code: d for d in await Dimension.of(actor).filter(version_id=version.id)}
    lines = await _lines(actor, card, dimensions, reveal_all=policy.sees_everyone(actor))
    organization = await get_organization(actor)
    sizes = Scorecard.of(actor).filter(cycle_id=cycle.id)
    deadline = appeal_deadline(cycle, ZoneInfo(organization.time_zone))
    bonus = await _bonus(actor, cycle.id, employee_id)
    return Statement(
        cycle=cycle, card=card, template_name_en=template.name_en, template_name_zh=template.name_zh,
        template_version=version.version, lines=lines,
        department_size=await sizes.filter(department_id=card.department_id).count() if card.department_id else None,
        organization_size=await sizes.count(), tiers=(await queries.tiers_by_cards(actor, [(cycle.id, employee_id)]))[0],
        bonus_minor=bonus, bonus_currency=organization.currency if bonus is not None else None,
        appeal_deadline=deadline, appeal_open=clock.now() < deadline)


async def _lines(actor: Actor, card: Scorecard, dimensions: dict[str, Dimension], *, reveal_all: bool) -> list[StatementLine]:
    values = {v.metric_code: v for v in await MetricValue.of(actor).filter(cycle_id=card.cycle_id,
                                                                            employee_id=card.employee_id)}
    okr = await _okr_detail(actor, card) if any(d.source == DimensionSource.OKR for d in dimensions.values()) else []
    lines = []
    for entry in card.dimensions:
        d = dimensions.get(entry["code"])
        if d is None:  # cannot happen: a card keeps its version, versions are never edited
            continue
        config = dimension_config(d.code, d.weight, d.source, d.metric_code, d.target, d.direction, d.floor_ratio,
                                  d.cap_points, d.relation_weights)
        text = explain.describe(config, d.unit)
        detail = dict(entry.get("detail") or {})
        if d.source == DimensionSource.REVIEW_360 and not reveal_all:
            detail = _anonymised(detail)
        if d.source == DimensionSource.OKR:
            detail["objectives"] = okr
        supplied = values.get(config.metric) if config.metric else None
        lines.append(StatementLine(
            code=d.code, name_en=d.name_en, name_zh=d.name_zh, source=d.source, weight=d.weight, raw=entry.get("raw"),
            unit=d.unit, target=d.target, direction=d.direction, curve_en=text.en, curve_zh=text.zh,
            points=entry.get("points"), weighted=entry.get("weighted", 0.0), progress=entry.get("progress", 0.0),
            missing=bool(entry.get("missing")), detail=detail, metric_code=config.metric,
            supplied_by_id=supplied.supplied_by_id if supplied else None,
            source_label=supplied.source_label if supplied else None,
            supplied_at=supplied.updated_at if supplied else None, value_source=supplied.source if supplied else None))
    return lines


def _anonymised(detail: dict[str, Any]) -> dict[str, Any]:
    """Peers' and reports' means stay hidden below three raters (the rated person could tell who)."""
    relations = {}
    for relation, shown in (detail.get("relations") or {}).items():
        if relation in _ANONYMOUS_RELATIONS and shown.get("count", 0) < ANONYMOUS_BELOW:
            relations[relation] = {"mean": None, "count": None, "weight": shown.get("weight"), "hidden": True}
        else:
            relations[relation] = shown
    return {**detail, "relations": relations}


async def _okr_detail(actor: Actor, card: Scorecard) -> list[dict[str, Any]]:
    objectives = await Objective.of(actor).filter(cycle_id=card.cycle_id, employee_id=card.employee_id).order_by(
        "position", "created_at")
    results: dict[UUID, list[KeyResult]] = {}
    for kr in await KeyResult.of(actor).filter(objective_id__in=[o.id for o in objectives]).order_by("id") if objectives else []:
        results.setdefault(kr.objective_id, []).append(kr)
    shown = []
    for o in objectives:
        krs = [scoring.KeyResultInput(start=k.start_value, current=k.current_value, target=k.target_value, weight=k.weight)
               for k in results.get(o.id, [])]
        progress = scoring.objective_progress(scoring.ObjectiveInput(weight=o.weight, key_results=krs))
        shown.append({"title": o.title, "weight": o.weight, "progress": None if progress is None else round(progress, 4),
                      "keyResults": [{"title": k.title, "start": k.start_value, "current": k.current_value,
                                      "target": k.target_value, "weight": k.weight,
                                      "progress": round(scoring.key_result_progress(i), 4)}
                                     for k, i in zip(results.get(o.id, []), krs, strict=True)]})
    return shown


async def _bonus(actor: Actor, cycle_id: UUID, employee_id: UUID) -> int | None:
    """The person's amount in the cycle's locked pools (a draft or preview is not money yet)."""
    amounts: list[int] = [a for (a,) in await BonusAllocation.of(actor).filter(
        employee_id=employee_id, pool__cycle_id=cycle_id, pool__status=PoolStatus.LOCKED).values_list("amount_minor")]
    return sum(amounts) if amounts else None
