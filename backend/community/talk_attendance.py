"""Who came to a tech talk, and the talk being held. Attendees check in by scanning the door QR (its code
is valid from 30 minutes before the start to the end), or the speaker, creator or HR marks them. Completing
the talk (once started) makes it HELD, exactly once: the speaker's TechTalkGiven and each attendee's
TechTalkAttended go to the outbox under dedupe keys (growth turns them into TECH_TALK and TRAINING
records, the rules engine may reward them); people marked after that get their event as they are marked."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.community import live
from backend.community.models import SignupStatus, TalkSignup, TalkStatus, TechTalk
from backend.community.talk_events import TechTalkAttended, TechTalkGiven
from backend.community.talks import HOLDS_SEAT, TalkFull, managed, person, recount
from backend.core import clock, db, outbox
from backend.core.errors import Conflict, NotFound, ValidationFailed
from backend.org.models import Employee, EmployeeStatus

DOORS_OPEN = timedelta(minutes=30)
MAX_MARKED = 1000
_LIVE = (TalkStatus.SCHEDULED, TalkStatus.HELD)


async def check_in(actor: Actor, door_code: str) -> TechTalk:
    """The signed-in person scanned the door code: their sign-up becomes ATTENDED (a walk-in takes a free
    seat). Repeats change nothing. Requires COMMUNITY_TAKE_PART. Raises Forbidden, NotFound (doorCode: no
    talk open for check-in under it), Conflict (the speaker), TalkFull."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me, now = person(actor), clock.now()
    code = door_code.strip().upper()
    talk = await TechTalk.of(actor).filter(door_code=code, status__in=_LIVE, starts_at__lte=now + DOORS_OPEN,
                                           ends_at__gte=now).first() if len(code) == 8 else None
    if talk is None:
        raise NotFound("No talk is open for check-in with this code.", field="doorCode")
    if talk.speaker_id == me:
        raise Conflict("You are the speaker of this talk.")
    try:
        await _check_in(actor, talk, me, now)
    except IntegrityError:  # the same person's racing check-in won (unique talk, employee): nothing to add
        pass
    return await TechTalk.of(actor).get(id=talk.id)


async def _check_in(actor: Actor, talk: TechTalk, me: UUID, now: datetime) -> None:
    async with db.transaction():
        await _lock(actor, talk.id)
        existing = await TalkSignup.of(actor).get_or_none(talk_id=talk.id, employee_id=me)
        if existing is not None and existing.status == SignupStatus.ATTENDED:
            return
        if existing is None or existing.status not in HOLDS_SEAT:
            if await TalkSignup.of(actor).filter(talk_id=talk.id, status__in=HOLDS_SEAT).count() >= talk.capacity:
                raise TalkFull("This talk is full.")
        if existing is None:
            await TalkSignup.create_for(actor, talk_id=talk.id, employee_id=me, status=SignupStatus.ATTENDED,
                                        checked_in_at=now, created_at=now)
        else:
            await TalkSignup.of(actor).filter(id=existing.id).update(status=SignupStatus.ATTENDED, checked_in_at=now,
                                                                     checked_in_by_id=None)
        await recount(actor, talk.id)
        if talk.status == TalkStatus.HELD:
            await _attended(actor, talk, [me])


async def record_attendance(actor: Actor, talk_id: UUID, employee_ids: list[UUID]) -> TechTalk:
    """The speaker, creator or HR marks people present (doors open 30 minutes before the start), over
    capacity if they were there. Idempotent per person. Audited. Raises Forbidden, NotFound (employeeIds),
    ValidationFailed (employeeIds, too early), Conflict (cancelled)."""
    talk = await managed(actor, talk_id)
    me, now = person(actor), clock.now()
    wanted = list(dict.fromkeys(employee_ids))
    if not 1 <= len(wanted) <= MAX_MARKED:
        raise ValidationFailed(f"Mark 1 to {MAX_MARKED} people.", field="employeeIds")
    if talk.speaker_id in wanted:
        raise ValidationFailed("The speaker is not an attendee.", field="employeeIds")
    if now < talk.starts_at - DOORS_OPEN:
        raise ValidationFailed("Attendance opens 30 minutes before the start.", field="talkId")
    if await Employee.of(actor).filter(id__in=wanted, status=EmployeeStatus.ACTIVE).count() < len(wanted):
        raise NotFound("No such employee.", field="employeeIds")
    async with db.transaction():
        await _lock(actor, talk.id)
        had = {UUID(str(e)): str(s) for e, s in await TalkSignup.of(actor).filter(
            talk_id=talk.id, employee_id__in=wanted).values_list("employee_id", "status")}
        new = [e for e in wanted if had.get(e) != SignupStatus.ATTENDED.value]
        await TalkSignup.of(actor).filter(talk_id=talk.id, employee_id__in=new).update(
            status=SignupStatus.ATTENDED, checked_in_at=now, checked_in_by_id=me)
        walk_ins = [TalkSignup.build_for(actor, id=uuid.uuid4(), talk_id=talk.id, employee_id=e, status=SignupStatus.ATTENDED,
                                         checked_in_at=now, checked_in_by_id=me, created_at=now)
                    for e in new if e not in had]
        if walk_ins:
            await TalkSignup.bulk_create(walk_ins)
        await recount(actor, talk.id)
        if talk.status == TalkStatus.HELD:
            await _attended(actor, talk, new)
        await audit.record(actor, action="tech_talk.attendance", entity_type="tech_talk", entity_id=talk.id,
                           after={"marked": len(wanted), "newly_attended": len(new)})
    return await TechTalk.of(actor).get(id=talk.id)


async def complete(actor: Actor, talk_id: UUID) -> TechTalk:
    """The speaker, creator or HR marks a started talk HELD, once. Audited. Raises Forbidden, NotFound,
    ValidationFailed (not started), Conflict (cancelled or already held)."""
    talk = await managed(actor, talk_id)
    now = clock.now()
    if now < talk.starts_at:
        raise ValidationFailed("A talk is completed once it has started.", field="id")
    async with db.transaction():
        if not await TechTalk.of(actor).filter(id=talk.id, status=TalkStatus.SCHEDULED).update(
                status=TalkStatus.HELD, held_at=now):
            raise Conflict("Only a scheduled talk can be completed (it is held or cancelled).")
        attendees = [UUID(str(e)) for e in await TalkSignup.of(actor).filter(
            talk_id=talk.id, status=SignupStatus.ATTENDED).values_list("employee_id", flat=True)]
        await outbox.emit(actor, TechTalkGiven(talk_id=str(talk.id), speaker_id=str(talk.speaker_id), topic=talk.topic,
                                               attendees=len(attendees)), dedupe_key=f"tech_talk_given:{talk.id}")
        await _attended(actor, talk, attendees)
        await audit.record(actor, action="tech_talk.held", entity_type="tech_talk", entity_id=talk.id,
                           before={"status": talk.status}, after={"status": TalkStatus.HELD, "attendees": len(attendees)})
        if talk.post_id:
            live.publish_after_commit(actor, "post_changed", talk.post_id)
    return await TechTalk.of(actor).get(id=talk.id)


async def _attended(actor: Actor, talk: TechTalk, employee_ids: list[UUID]) -> None:
    await outbox.emit_many(actor, [(TechTalkAttended(talk_id=str(talk.id), employee_id=str(e), speaker_id=str(talk.speaker_id),
                                                     topic=talk.topic), f"tech_talk_attended:{talk.id}:{e}")
                                   for e in employee_ids])


async def _lock(actor: Actor, talk_id: UUID) -> None:
    """Serialises attendance changes of one talk (and refuses a cancelled one)."""
    if not await TechTalk.of(actor).filter(id=talk_id, status__in=_LIVE).update(signup_count=F("signup_count")):
        raise Conflict("This talk was cancelled.")
