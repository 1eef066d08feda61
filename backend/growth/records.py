"""Entering evidence by hand: a person claims their own record (CLAIMED, with a confirmation code for
the QR), or a manager or HR records it for someone below them (CONFIRMED at once). Checking the
input is record_input's job; decisions on claims are verification's."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock, db
from backend.core.errors import Forbidden, NotFound
from backend.files import access as files
from backend.files.purposes import GROWTH_EVIDENCE
from backend.growth import codes, notify, record_changes, record_input, record_policy
from backend.growth.models import GrowthRecord, LearningSession, RecordSource, RecordStatus
from backend.growth.record_input import EvidenceDraft
from backend.org.models import Employee
from backend.org.queries import get_organization


async def claim_record(actor: Actor, draft: EvidenceDraft) -> GrowthRecord:
    """The signed-in person claims a record of their own: CLAIMED, counting only once a confirmer says
    yes, with a fresh confirmation code. A claim may name the learning session it comes from
    (attributes.session_id), whose trainer may then confirm it. The person's manager (and that
    trainer) are notified. Requires GROWTH_CLAIM. Audited; emits growth.record_claimed; marks the
    person for recompute. Raises Forbidden, ValidationFailed, NotFound (fileId, attributes.session_id)."""
    require(actor, Permission.GROWTH_CLAIM)
    me = record_policy.person_id(actor)
    draft = await _checked(actor, draft)
    owner = await Employee.of(actor).get(id=me)

    async def create(code: str) -> GrowthRecord:
        return await GrowthRecord.create_for(
            actor, employee_id=me, kind=draft.kind, title=draft.title, occurred_on=draft.occurred_on,
            ends_on=draft.ends_on, quantity=draft.quantity, attributes=draft.attributes, file_id=draft.file_id,
            status=RecordStatus.CLAIMED, source=RecordSource.SELF, recorded_by_id=me, confirmation_code=code,
            created_at=clock.now())

    async with db.transaction():
        record = await codes.with_fresh_code(create)
        entry = await record_changes.changed(actor, record, action="claimed", after=record_changes.summary(record))
        await notify.claimed(actor, record, owner, entry)
    return record


async def record_evidence(actor: Actor, *, employee_id: UUID, draft: EvidenceDraft) -> GrowthRecord:
    """A manager (for someone below them) or HR (for anyone) enters evidence that is CONFIRMED at once
    (source MANAGER); never for themselves. The owner is notified. Requires GROWTH_CONFIRM or
    GROWTH_MANAGE. Audited; emits growth.record_verified; marks the person for recompute. Raises
    Forbidden, NotFound (employeeId, fileId, attributes.session_id), ValidationFailed."""
    require(actor, Permission.GROWTH_CONFIRM)
    me = record_policy.person_id(actor)
    person = await Employee.get_for(actor, employee_id, what="employee")
    if not record_policy.may_record_for(await record_policy.scope_of(actor), person.id):
        raise Forbidden("Only their managers or HR can record evidence for this person.")
    draft = await _checked(actor, draft)
    me_row = await Employee.of(actor).get(id=me)
    async with db.transaction():
        record = await GrowthRecord.create_for(
            actor, employee_id=person.id, kind=draft.kind, title=draft.title, occurred_on=draft.occurred_on,
            ends_on=draft.ends_on, quantity=draft.quantity, attributes=draft.attributes, file_id=draft.file_id,
            status=RecordStatus.CONFIRMED, source=RecordSource.MANAGER, recorded_by_id=me, confirmed_by_id=me,
            confirmed_at=clock.now(), created_at=clock.now())
        entry = await record_changes.changed(actor, record, action="recorded", after=record_changes.summary(record))
        await notify.decided(actor, record, entry, by=me_row)
    return record


async def org_today(actor: Actor) -> date:
    return clock.today_in((await get_organization(actor)).time_zone)


async def _checked(actor: Actor, draft: EvidenceDraft) -> EvidenceDraft:
    """The input checked, its file the actor's own upload, its session (if named) one of the organisation's."""
    draft = record_input.checked(draft, today=await org_today(actor))
    if draft.file_id is not None:
        await files.attachable(actor, draft.file_id, purpose=GROWTH_EVIDENCE.code)
    if "session_id" in draft.attributes:
        session_id = record_policy.session_of(draft.attributes)
        if session_id is None or not await LearningSession.of(actor).filter(id=session_id).exists():
            raise NotFound("No such learning session.", field="attributes.session_id")
        draft.attributes["session_id"] = str(session_id)
    return draft
