"""Deciding records: confirm or reject a claim (by id or by its QR code), revoke, dispute, resolve.
Who may, what each transition does, and that two deciders at once get one winner and one Conflict."""
from __future__ import annotations

import asyncio

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.growth import record_queries, verification
from backend.growth.models import GrowthRecord, RecordStatus
from tests.factories.growth_evidence import claim, inbox_of
from tests.factories.org import make_company


async def test_the_manager_confirms_a_claim_and_its_code_is_cleared(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    # when
    confirmed = await verification.confirm_record(c.manager.actor, record.id)
    # then
    assert (confirmed.status, confirmed.confirmed_by_id, confirmed.confirmation_code) == (
        RecordStatus.CONFIRMED, c.manager.employee.id, None)
    assert [n.kind for n in await inbox_of(c.employee)] == ["growth_record_confirmed"]
    event = await OutboxEvent.get(type="growth.record_verified")
    assert (event.payload["status"], event.payload["by_id"]) == ("confirmed", str(c.manager.employee.id))
    audit = await AuditEntry.of(c.system).filter(entity_id=str(record.id)).order_by("at").values_list("action", flat=True)
    assert audit == ["growth_record.claimed", "growth_record.confirmed"]


async def test_a_supervisor_confirms_by_the_scanned_code_typed_loosely(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    code = str(record.confirmation_code)
    typed = f" {code[:4].lower()}-{code[4:]} "
    # when
    seen = await record_queries.record_by_code(c.manager.actor, typed)
    confirmed = await verification.confirm_record_by_code(c.manager.actor, typed)
    # then
    assert seen is not None and seen.id == record.id
    assert confirmed.id == record.id and confirmed.status == RecordStatus.CONFIRMED


async def test_a_used_code_confirms_nothing_more(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    code = str(record.confirmation_code)
    await verification.confirm_record_by_code(c.manager.actor, code)
    # when / then
    with pytest.raises(NotFound):
        await verification.confirm_record_by_code(c.hr.actor, code)
    assert await record_queries.record_by_code(c.hr.actor, code) is None


@pytest.mark.parametrize("who", ["employee", "peer"])
async def test_the_owner_and_people_outside_the_chain_cannot_confirm(db, who):
    # given
    c = await make_company()
    record = await claim(c.employee)
    actor = getattr(c, who).actor
    # when / then: the owner is told no; the peer cannot even see the record
    with pytest.raises(Forbidden if who == "employee" else NotFound):
        await verification.confirm_record(actor, record.id)
    with pytest.raises(NotFound):
        await verification.confirm_record_by_code(actor, str(record.confirmation_code))
    assert await record_queries.record_by_code(actor, str(record.confirmation_code)) is None
    assert (await GrowthRecord.of(c.system).get(id=record.id)).status == RecordStatus.CLAIMED


async def test_the_trainer_of_the_named_session_may_confirm(db):
    # given a claim naming a session the peer trains
    from tests.factories.growth_sessions import make_session

    c = await make_company()
    session = await make_session(c, trainer=c.peer)
    record = await claim(c.employee, session_id=str(session.id), category="equipment")
    # when
    confirmed = await verification.confirm_record_by_code(c.peer.actor, str(record.confirmation_code))
    # then
    assert confirmed.confirmed_by_id == c.peer.employee.id
    assert "asks you to confirm" in (await inbox_of(c.peer))[0].title_en


async def test_two_confirmers_at_once_one_wins_the_other_gets_conflict(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    # when the manager and HR confirm at the same moment
    results = await asyncio.gather(verification.confirm_record(c.manager.actor, record.id),
                                   verification.confirm_record(c.hr.actor, record.id), return_exceptions=True)
    # then
    winners = [r for r in results if isinstance(r, GrowthRecord)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1 and isinstance(losers[0], Conflict | NotFound)
    assert await AuditEntry.of(c.system).filter(action="growth_record.confirmed").count() == 1
    assert await OutboxEvent.filter(type="growth.record_verified").count() == 1


async def test_confirm_and_reject_racing_leave_one_decision(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    # when
    results = await asyncio.gather(verification.confirm_record(c.manager.actor, record.id),
                                   verification.reject_record(c.hr.actor, record.id, reason="No certificate"),
                                   return_exceptions=True)
    # then
    assert sum(isinstance(r, Conflict) for r in results) == 1
    final = await GrowthRecord.of(c.system).get(id=record.id)
    assert final.status in (RecordStatus.CONFIRMED, RecordStatus.REJECTED)
    assert await AuditEntry.of(c.system).filter(action__in=["growth_record.confirmed",
                                                            "growth_record.rejected"]).count() == 1


async def test_a_rejection_needs_a_reason_and_tells_the_owner(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    # when
    with pytest.raises(ValidationFailed):
        await verification.reject_record(c.manager.actor, record.id, reason="  ")
    rejected = await verification.reject_record(c.manager.actor, record.id, reason="Not on the course list")
    # then
    assert (rejected.status, rejected.status_reason, rejected.confirmation_code) == (
        RecordStatus.REJECTED, "Not on the course list", None)
    note = (await inbox_of(c.employee))[-1]
    assert (note.kind, note.body_en) == ("growth_record_rejected", "Not on the course list")


async def test_a_decided_claim_cannot_be_decided_again(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    await verification.confirm_record(c.manager.actor, record.id)
    # when / then
    with pytest.raises(Conflict):
        await verification.reject_record(c.hr.actor, record.id, reason="Changed my mind")


async def test_hr_revokes_a_confirmed_record_and_the_owner_disputes_it(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    await verification.confirm_record(c.manager.actor, record.id)
    # when
    revoked = await verification.revoke_record(c.hr.actor, record.id, reason="Course did not take place")
    disputed = await verification.dispute_record(c.employee.actor, record.id, reason="I have the attendance sheet")
    # then
    assert revoked.status == RecordStatus.REVOKED
    assert (disputed.status, disputed.status_reason) == (RecordStatus.DISPUTED, "I have the attendance sheet")
    hr_notes = [n.kind for n in await inbox_of(c.hr)]
    assert hr_notes == ["growth_record_disputed"]


async def test_hr_reinstates_a_disputed_rejection(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    await verification.reject_record(c.manager.actor, record.id, reason="No proof")
    await verification.dispute_record(c.employee.actor, record.id, reason="Proof attached now")
    # when
    resolved = await verification.resolve_dispute(c.hr.actor, record.id, reinstate=True, reason="Proof is fine")
    # then
    assert (resolved.status, resolved.confirmed_by_id) == (RecordStatus.CONFIRMED, c.hr.employee.id)
    assert (await inbox_of(c.employee))[-1].title_en.startswith("Your dispute was accepted")


@pytest.mark.parametrize(("first", "back"), [("reject", RecordStatus.REJECTED), ("revoke", RecordStatus.REVOKED)])
async def test_an_upheld_dispute_returns_to_the_contested_state_and_stands(db, first, back):
    # given
    c = await make_company()
    record = await claim(c.employee)
    if first == "reject":
        await verification.reject_record(c.manager.actor, record.id, reason="No proof")
    else:
        await verification.confirm_record(c.manager.actor, record.id)
        await verification.revoke_record(c.hr.actor, record.id, reason="Audit found no sheet")
    await verification.dispute_record(c.employee.actor, record.id, reason="Please look again")
    # when
    upheld = await verification.resolve_dispute(c.owner.actor, record.id, reinstate=False, reason="Decision stands")
    # then
    assert (upheld.status, upheld.status_reason) == (back, "Decision stands")
    with pytest.raises(Conflict):
        await verification.dispute_record(c.employee.actor, record.id, reason="Again")


async def test_only_hr_revokes_and_resolves_and_never_their_own(db):
    # given a confirmed record of the employee and one of the HR admin
    c = await make_company()
    record = await claim(c.employee)
    await verification.confirm_record(c.manager.actor, record.id)
    own = await claim(c.hr)
    await verification.confirm_record(c.owner.actor, own.id)
    # when / then
    with pytest.raises(Forbidden):
        await verification.revoke_record(c.manager.actor, record.id, reason="x")
    with pytest.raises(Forbidden):
        await verification.revoke_record(c.hr.actor, own.id, reason="x")
    with pytest.raises(Conflict):
        await verification.resolve_dispute(c.hr.actor, record.id, reinstate=True, reason="not disputed")


async def test_only_the_owner_disputes_and_only_a_rejection_or_revocation(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    # when / then
    with pytest.raises(Conflict):
        await verification.dispute_record(c.employee.actor, record.id, reason="still claimed")
    await verification.reject_record(c.manager.actor, record.id, reason="No proof")
    with pytest.raises(Forbidden):
        await verification.dispute_record(c.manager.actor, record.id, reason="on their behalf")
    with pytest.raises(NotFound):
        await verification.dispute_record(c.peer.actor, record.id, reason="not even visible")
