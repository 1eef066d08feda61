"""Evidence from other modules' events: a registry of event type → a pure function turning the event's
payload into a record spec (or None), and the one outbox handler that writes those as SYSTEM records,
CONFIRMED, idempotently (source_ref "<event type>:<key>"), marking the person for a recompute. A new
source (community talks → TECH_TALK) is one register() line."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.community.talk_events import TechTalkAttended, TechTalkGiven
from backend.core import clock, db
from backend.core.events import RecordedEvent
from backend.growth import dirty
from backend.growth.models import EvidenceKind, GrowthRecord, RecordSource, RecordStatus
from backend.org import calendar
from backend.org.models import Employee
from backend.performance.events import KeyResultCompleted, TierReached
from backend.recognition.events import BadgeGranted, FeedbackGiven


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """The record an event yields. `key` makes it unique per event type (the source_ref)."""

    employee_id: str
    kind: EvidenceKind
    title: str
    key: str
    attributes: Mapping[str, Any] = field(default_factory=dict)
    quantity: float | None = None


Source = Callable[[Mapping[str, Any]], RecordSpec | None]
SOURCES: dict[str, Source] = {}
TIER_TITLES = {"top10": "卓越 Top 10 %", "top20": "优秀 Top 20 %", "improved": "进步最快 Most improved"}


def register(event_type: str, source: Source) -> None:
    SOURCES[event_type] = source


def _tier(p: Mapping[str, Any]) -> RecordSpec:
    return RecordSpec(employee_id=p["employee_id"], kind=EvidenceKind.TIER_REACHED,
                      title=f"绩效等级 Tier: {TIER_TITLES.get(p['tier'], p['tier'])}",
                      key=f"{p['cycle_id']}:{p['employee_id']}:{p['tier']}",
                      attributes={"tier": p["tier"], "cycle_id": p["cycle_id"]})


def _praise(p: Mapping[str, Any]) -> RecordSpec | None:
    if p.get("kind") != "praise" or not p.get("dimension"):
        return None
    return RecordSpec(employee_id=p["receiver_id"], kind=EvidenceKind.PRAISE, title=f"表扬 Praise: {p['dimension']}",
                      key=p["feedback_id"], attributes={"dimension": p["dimension"], "value_code": p.get("value_code")})


def _key_result(p: Mapping[str, Any]) -> RecordSpec:
    return RecordSpec(employee_id=p["employee_id"], kind=EvidenceKind.KEY_RESULT,
                      title=f"关键结果 Key result: {p.get('title', '')}"[:200], key=p["key_result_id"],
                      attributes={"cycle_id": p["cycle_id"], "key_result_id": p["key_result_id"]})


def _badge(p: Mapping[str, Any]) -> RecordSpec:
    return RecordSpec(employee_id=p["employee_id"], kind=EvidenceKind.BADGE, title=f"徽章 Badge: {p['badge_code']}",
                      key=p["achievement_id"], attributes={"badge_code": p["badge_code"]})


def _talk(p: Mapping[str, Any]) -> RecordSpec:
    return RecordSpec(employee_id=p["speaker_id"], kind=EvidenceKind.TECH_TALK, title=f"技术分享 Tech talk: {p['topic']}",
                      key=p["talk_id"], attributes={"topic": p["topic"], "talk_id": p["talk_id"]})


def _talk_attended(p: Mapping[str, Any]) -> RecordSpec:
    return RecordSpec(employee_id=p["employee_id"], kind=EvidenceKind.TRAINING, title=f"听技术分享 Attended: {p['topic']}",
                      key=f"{p['talk_id']}:{p['employee_id']}", attributes={"topic": p["topic"], "talk_id": p["talk_id"]})


register(TierReached.type, _tier)
register(FeedbackGiven.type, _praise)
register(KeyResultCompleted.type, _key_result)
register(BadgeGranted.type, _badge)
register(TechTalkGiven.type, _talk)
register(TechTalkAttended.type, _talk_attended)


async def on_source_event(actor: Actor, event: RecordedEvent) -> None:
    """Outbox handler (at least once): the event's record, written once; a repeat finds the source_ref
    taken and does nothing. The record dates from the day the event happened in the organisation."""
    source = SOURCES.get(event.type)
    spec = source(event.payload) if source is not None else None
    if spec is None:
        return
    employee = await Employee.of(actor).get_or_none(id=UUID(spec.employee_id))
    if employee is None:
        return
    day = event.occurred_at.astimezone(await calendar.zone(actor)).date()
    try:
        async with db.transaction():
            await GrowthRecord.create_for(
                actor, employee_id=employee.id, kind=spec.kind, title=spec.title[:200], occurred_on=day,
                quantity=spec.quantity, attributes=dict(spec.attributes), status=RecordStatus.CONFIRMED,
                source=RecordSource.SYSTEM, source_ref=f"{event.type}:{spec.key}"[:120], confirmed_at=clock.now())
            await dirty.mark(actor, [employee.id])
    except IntegrityError:
        return  # recorded before (the source_ref is unique)


# Event type → handlers, merged into backend.event_handlers (register sources above this line).
GROWTH_HANDLERS: dict[str, list[Callable[[Actor, RecordedEvent], Awaitable[None]]]] = {
    event_type: [on_source_event] for event_type in SOURCES}
