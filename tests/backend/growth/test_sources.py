"""Other modules' events become confirmed SYSTEM evidence through the outbox drain: a tier, praise tied to a
dimension, a completed key result, a granted badge; once each, however often the event is handled."""
from __future__ import annotations

import uuid

from backend import event_handlers
from backend.achievements.models import Badge
from backend.core import db as core_db
from backend.core import outbox
from backend.core.models import OutboxEvent
from backend.growth import sources
from backend.growth.models import EvidenceKind, GrowthRecompute, GrowthRecord, RecordSource, RecordStatus
from backend.performance.events import KeyResultCompleted, TierReached
from backend.recognition import badges, feedback
from backend.recognition import defaults as recognition_defaults
from backend.recognition.events import FeedbackGiven
from backend.recognition.models import FeedbackKind
from tests.factories.org import Company, make_company


async def _records(c: Company) -> list[GrowthRecord]:
    return list(await GrowthRecord.of(c.system).filter(employee_id=c.employee.employee.id).order_by("kind"))


async def test_praise_tied_to_a_dimension_becomes_evidence(db):
    # given the manager praises the worker for quality, and coaches them too
    c = await make_company()
    praise = await feedback.give_feedback(c.manager.actor, receiver_id=c.employee.employee.id, kind=FeedbackKind.PRAISE,
                                          message="Zero defects", dimension="quality", is_public=True)
    await feedback.give_feedback(c.manager.actor, receiver_id=c.employee.employee.id, kind=FeedbackKind.COACHING,
                                 message="Slow down", dimension="quality")
    # when
    await event_handlers.drain()
    # then
    (record,) = await _records(c)
    assert (record.kind, record.status, record.source, record.source_ref) == (
        EvidenceKind.PRAISE, RecordStatus.CONFIRMED, RecordSource.SYSTEM, f"{FeedbackGiven.type}:{praise.id}")
    assert record.attributes == {"dimension": "quality", "value_code": None}
    assert record.confirmed_at is not None
    assert await GrowthRecompute.of(c.system).filter(employee_id=c.employee.employee.id).exists()


async def test_tiers_key_results_and_badges_become_evidence(db):
    # given a tier reached, a key result completed (real events, emitted) and a badge granted
    c = await make_company()
    worker = str(c.employee.employee.id)
    cycle, key_result = str(uuid.uuid4()), str(uuid.uuid4())
    async with core_db.transaction():
        await outbox.emit(c.system, TierReached(employee_id=worker, cycle_id=cycle, tier="top20", total=91.5))
        await outbox.emit(c.system, KeyResultCompleted(employee_id=worker, cycle_id=cycle, objective_id=str(uuid.uuid4()),
                                                       key_result_id=key_result, title="Ship v2"))
    await recognition_defaults.install_defaults(c.system)
    badge = await Badge.of(c.system).get(code="team-player")
    await badges.grant_badge(c.manager.actor, employee_id=c.employee.employee.id, badge_id=badge.id)
    # when
    await event_handlers.drain()
    # then
    found = {r.kind: r for r in await _records(c)}
    assert set(found) == {EvidenceKind.TIER_REACHED, EvidenceKind.KEY_RESULT, EvidenceKind.BADGE}
    assert found[EvidenceKind.TIER_REACHED].attributes == {"tier": "top20", "cycle_id": cycle}
    assert found[EvidenceKind.KEY_RESULT].attributes == {"cycle_id": cycle, "key_result_id": key_result}
    assert found[EvidenceKind.BADGE].attributes == {"badge_code": "team-player"}
    assert all(r.source == RecordSource.SYSTEM and r.status == RecordStatus.CONFIRMED for r in found.values())


async def test_handling_an_event_twice_records_it_once(db):
    # given a tier event already handled once
    c = await make_company()
    async with core_db.transaction():
        await outbox.emit(c.system, TierReached(employee_id=str(c.employee.employee.id), cycle_id=str(uuid.uuid4()),
                                                tier="top10", total=97.0))
    await event_handlers.drain()
    event = await OutboxEvent.get(tenant_id=c.org.id, type=TierReached.type)
    # when it is delivered again (at least once)
    await sources.on_source_event(c.system, outbox.recorded(event))
    # then
    assert len(await _records(c)) == 1


async def test_the_registry_and_the_handler_table_agree():
    # when / then: every registered source is wired into the outbox handlers
    assert set(sources.SOURCES) == {TierReached.type, FeedbackGiven.type, KeyResultCompleted.type,
                                    "recognition.badge_granted", "community.tech_talk_given",
                                    "community.tech_talk_attended"}
    for event_type in sources.SOURCES:
        assert sources.on_source_event in event_handlers.HANDLERS[event_type]
