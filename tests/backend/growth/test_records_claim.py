"""Claiming a record (CLAIMED with a confirmation code, the manager told) and a manager recording
evidence for a report (CONFIRMED at once): permissions, input checks, audit, events, dirty marks."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.db import transaction as db_transaction
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.growth import codes, records
from backend.growth.models import EvidenceKind, GrowthRecompute, RecordSource, RecordStatus
from tests.factories.growth_evidence import claim, draft, inbox_of, upload_photo
from tests.factories.org import make_company


async def test_a_claim_is_pending_with_a_code_and_the_manager_is_asked(db):
    # given
    c = await make_company()
    # when
    record = await claim(c.employee, title="CNC lathe safety course", hours=6)
    # then
    assert (record.status, record.source, record.recorded_by_id) == (RecordStatus.CLAIMED, RecordSource.SELF,
                                                                     c.employee.employee.id)
    assert record.confirmation_code and codes.normalise(record.confirmation_code) == record.confirmation_code
    notes = await inbox_of(c.manager)
    assert [(n.kind, n.link) for n in notes] == [("growth_record_claimed", "/growth/inbox")]
    assert "CNC lathe safety course" in notes[0].title_en and "请你确认" in notes[0].title_zh


async def test_a_claim_is_audited_emitted_and_marks_the_person(db):
    # given
    c = await make_company()
    # when
    record = await claim(c.employee)
    # then
    audit = await AuditEntry.of(c.system).get(entity_id=str(record.id))
    assert audit.action == "growth_record.claimed" and audit.after and audit.after["status"] == "claimed"
    event = await OutboxEvent.get(type="growth.record_claimed")
    assert event.payload["record_id"] == str(record.id)
    assert await GrowthRecompute.of(c.system).filter(employee_id=c.employee.employee.id).exists()


async def test_each_claim_gets_its_own_code(db):
    # given
    c = await make_company()
    # when
    claims = [await claim(c.employee) for _ in range(5)]
    # then
    assert len({r.confirmation_code for r in claims}) == 5


async def test_a_colliding_code_is_retried_with_a_fresh_one(db):
    # given an existing claim, and a generator that first repeats its code
    c = await make_company()
    first = await claim(c.employee)
    offered = iter([first.confirmation_code, "ABCDEFGH"])

    async def create(code: str) -> str:
        made = await records.GrowthRecord.create_for(
            c.system, employee_id=c.peer.employee.id, kind=EvidenceKind.TRAINING, title="x", occurred_on=clock.now().date(),
            status=RecordStatus.CLAIMED, source=RecordSource.SELF, confirmation_code=code)
        return str(made.confirmation_code)

    # when, inside a use case's transaction (PostgreSQL must not abort it)
    async with db_transaction():
        code = await codes.with_fresh_code(create, generate=lambda: next(offered))
        await records.GrowthRecord.of(c.system).count()
    # then
    assert code == "ABCDEFGH"
    assert await records.GrowthRecord.of(c.system).count() == 2


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": EvidenceKind.TIER_REACHED}, "kind"),
    ({"kind": EvidenceKind.BADGE}, "kind"),
    ({"title": "   "}, "title"),
    ({"hours": -1.0}, "quantity"),
    ({"hours": float("nan")}, "quantity"),
    ({"rank": "first", "kind": EvidenceKind.COMPETITION_AWARD}, "attributes.rank"),
    ({"Bad Key": "x"}, "attributes.Bad Key"),
])
async def test_bad_input_is_refused_naming_the_field(db, changes, field):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await claim(c.employee, **changes)
    assert raised.value.field == field
    assert await records.GrowthRecord.of(c.system).count() == 0


async def test_a_day_in_the_future_is_refused(db):
    # given
    c = await make_company()
    tomorrow = clock.today_in("Asia/Shanghai") + timedelta(days=1)
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await claim(c.employee, occurred_on=tomorrow)
    assert raised.value.field == "occurredOn"


async def test_a_claim_may_attach_only_the_claimants_own_upload(db):
    # given a photo the employee uploaded and one the peer uploaded
    c = await make_company()
    mine, theirs = await upload_photo(c.employee.actor), await upload_photo(c.peer.actor)
    # when
    record = await records.claim_record(c.employee.actor, replace(draft(), file_id=mine.id))
    # then
    assert record.file_id == mine.id
    with pytest.raises(NotFound) as raised:
        await records.claim_record(c.employee.actor, replace(draft(), file_id=theirs.id))
    assert raised.value.field == "fileId"


async def test_a_claim_naming_an_unknown_session_is_refused(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(NotFound) as raised:
        await claim(c.employee, session_id="9b2f0c56-41a5-4b8f-9f0e-3c1f2ab1c0de")
    assert raised.value.field == "attributes.session_id"


async def test_a_manager_records_evidence_for_a_report_confirmed_at_once(db):
    # given
    c = await make_company()
    # when
    record = await records.record_evidence(c.manager.actor, employee_id=c.employee.employee.id,
                                           draft=draft(EvidenceKind.PROJECT, title="Line 2 changeover", hours=None,
                                                       role="lead"))
    # then
    assert (record.status, record.source, record.confirmed_by_id) == (RecordStatus.CONFIRMED, RecordSource.MANAGER,
                                                                      c.manager.employee.id)
    assert record.confirmation_code is None and record.confirmed_at is not None
    notes = await inbox_of(c.employee)
    assert [n.kind for n in notes] == ["growth_record_confirmed"]
    event = await OutboxEvent.get(type="growth.record_verified")
    assert (event.payload["status"], event.payload["by_id"]) == ("confirmed", str(c.manager.employee.id))


@pytest.mark.parametrize("who", ["employee", "peer", "manager"])
async def test_evidence_cannot_be_recorded_for_oneself_or_outside_the_chain(db, who):
    # given: the manager tries for the peer (not below them); the others lack the permission or are themselves
    c = await make_company()
    target = {"employee": c.employee, "peer": c.employee, "manager": c.peer}[who]
    actor = getattr(c, who).actor
    # when / then
    with pytest.raises(Forbidden):
        await records.record_evidence(actor, employee_id=target.employee.id, draft=draft())


async def test_hr_records_for_anyone_but_themselves(db):
    # given
    c = await make_company()
    # when
    record = await records.record_evidence(c.hr.actor, employee_id=c.peer.employee.id, draft=draft())
    # then
    assert record.status == RecordStatus.CONFIRMED
    with pytest.raises(Forbidden):
        await records.record_evidence(c.hr.actor, employee_id=c.hr.employee.id, draft=draft())

