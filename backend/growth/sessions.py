"""Internal learning sessions: HR schedules and cancels them (enrollees are told), people enrol and cancel
their enrolment. Capacity holds under concurrency on both databases: an enrolment first updates its
session row (a row lock on PostgreSQL until commit; SQLite runs one writer at a time), then counts
the seats taken, then inserts; so racing enrolments queue and the last seat is taken once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import Conflict, NotFound, OutOfStock, ValidationFailed
from backend.growth import notify, record_input, record_policy
from backend.growth.models import (
    EnrolmentStatus, EvidenceKind, LearningSession, LevelRequirement, SessionEnrolment, SessionStatus, TrackLevel,
)
from backend.growth.session_queries import HOLDS_SEAT
from backend.org.models import Employee, EmployeeStatus
from backend.org.queries import get_organization

MAX_CAPACITY, MAX_HOURS, MAX_LENGTH = 1000, 1000.0, timedelta(days=14)


class SessionFull(OutOfStock):
    """Every seat of the session is taken."""


@dataclass(frozen=True, slots=True)
class SessionDraft:
    title_en: str
    title_zh: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    hours: float = 0.0
    location: str = ""
    trainer_id: UUID | None = None
    evidence_kind: EvidenceKind = EvidenceKind.TRAINING
    attributes: dict[str, Any] = field(default_factory=dict)
    level_id: UUID | None = None
    requirement_id: UUID | None = None


async def schedule_session(actor: Actor, draft: SessionDraft) -> LearningSession:
    """HR schedules a session (a trainer, seats, hours, the kind of record attending gives, optionally
    the level and requirement it prepares for). Requires GROWTH_MANAGE. Audited. Raises Forbidden,
    ValidationFailed, NotFound (trainerId, levelId, requirementId)."""
    require(actor, Permission.GROWTH_MANAGE)
    values = await _checked(actor, draft)
    async with db.transaction():
        session = await LearningSession.create_for(actor, **values)
        await audit.record(actor, action="learning_session.scheduled", entity_type="learning_session",
                           entity_id=session.id, after=values)
    return session


async def cancel_session(actor: Actor, session_id: UUID) -> LearningSession:
    """HR cancels a scheduled session; its enrolments are cancelled and the enrollees told. Requires
    GROWTH_MANAGE. Audited. Raises Forbidden, NotFound, Conflict (not scheduled)."""
    require(actor, Permission.GROWTH_MANAGE)
    session = await LearningSession.get_for(actor, session_id, what="session")
    organization = await get_organization(actor)
    async with db.transaction():
        if not await LearningSession.of(actor).filter(id=session.id, status=SessionStatus.SCHEDULED).update(
                status=SessionStatus.CANCELLED):
            raise Conflict("Only a scheduled session can be cancelled.")
        enrolled = [UUID(str(e)) for e in await SessionEnrolment.of(actor).filter(
            session_id=session.id, status=EnrolmentStatus.ENROLLED).values_list("employee_id", flat=True)]
        await SessionEnrolment.of(actor).filter(session_id=session.id, status=EnrolmentStatus.ENROLLED).update(
            status=EnrolmentStatus.CANCELLED)
        await audit.record(actor, action="learning_session.cancelled", entity_type="learning_session",
                           entity_id=session.id, before={"status": session.status},
                           after={"status": SessionStatus.CANCELLED, "enrolments_cancelled": len(enrolled)})
        when = session.starts_at.astimezone(ZoneInfo(organization.time_zone)).strftime("%Y-%m-%d %H:%M")
        await notify.session_cancelled(actor, session, enrolled, when=when)
    return await LearningSession.of(actor).get(id=session.id)


async def enrol(actor: Actor, session_id: UUID) -> SessionEnrolment:
    """The signed-in person takes a seat in a scheduled session that has not started. Enrolling again
    returns the enrolment; after a cancellation it is taken up again if a seat is free. Requires
    GROWTH_CLAIM. Raises Forbidden, NotFound, Conflict (not open), SessionFull."""
    require(actor, Permission.GROWTH_CLAIM)
    me = record_policy.person_id(actor)
    session = await LearningSession.get_for(actor, session_id, what="session")
    async with db.transaction():
        # The serialising update: concurrent enrolments in this session wait here until we commit.
        if not await LearningSession.of(actor).filter(id=session.id, status=SessionStatus.SCHEDULED,
                                                      starts_at__gt=clock.now()).update(status=SessionStatus.SCHEDULED):
            raise Conflict("This session is not open for enrolment.")
        existing = await SessionEnrolment.of(actor).get_or_none(session_id=session.id, employee_id=me)
        if existing is not None and existing.status in HOLDS_SEAT:
            return existing
        taken = await SessionEnrolment.of(actor).filter(session_id=session.id, status__in=HOLDS_SEAT).count()
        if taken >= session.capacity:
            raise SessionFull("This session is full.")
        if existing is None:
            return await SessionEnrolment.create_for(actor, session_id=session.id, employee_id=me)
        await SessionEnrolment.of(actor).filter(id=existing.id).update(status=EnrolmentStatus.ENROLLED,
                                                                       updated_at=clock.now())
    return await SessionEnrolment.of(actor).get(id=existing.id)


async def cancel_enrolment(actor: Actor, session_id: UUID) -> SessionEnrolment:
    """The signed-in person gives their seat back before the session starts. Requires GROWTH_CLAIM.
    Raises Forbidden, NotFound (not enrolled), Conflict (started, or already attended)."""
    require(actor, Permission.GROWTH_CLAIM)
    me = record_policy.person_id(actor)
    session = await LearningSession.get_for(actor, session_id, what="session")
    enrolment = await SessionEnrolment.of(actor).get_or_none(session_id=session.id, employee_id=me)
    if enrolment is None:
        raise NotFound("You are not enrolled in this session.")
    if enrolment.status == EnrolmentStatus.CANCELLED:
        return enrolment
    if enrolment.status == EnrolmentStatus.ATTENDED or session.starts_at <= clock.now():
        raise Conflict("The session has started; the enrolment stands.")
    await SessionEnrolment.of(actor).filter(id=enrolment.id, status=EnrolmentStatus.ENROLLED).update(
        status=EnrolmentStatus.CANCELLED, updated_at=clock.now())
    return await SessionEnrolment.of(actor).get(id=enrolment.id)


async def _checked(actor: Actor, draft: SessionDraft) -> dict[str, Any]:
    title_en = validation.trimmed(draft.title_en, field="titleEn", max_length=200)
    title_zh = validation.trimmed(draft.title_zh, field="titleZh", max_length=200)
    if draft.starts_at.tzinfo is None or draft.ends_at.tzinfo is None:
        raise ValidationFailed("Give times with their UTC offset.", field="startsAt")
    if not draft.starts_at < draft.ends_at <= draft.starts_at + MAX_LENGTH:
        raise ValidationFailed("A session ends after it starts, within 14 days.", field="endsAt")
    if draft.ends_at <= clock.now():
        raise ValidationFailed("The session is already over.", field="endsAt")
    if not 1 <= draft.capacity <= MAX_CAPACITY:
        raise ValidationFailed(f"Capacity is 1 to {MAX_CAPACITY} seats.", field="capacity")
    if not 0 <= draft.hours <= MAX_HOURS:
        raise ValidationFailed(f"Hours are 0 to {MAX_HOURS:,.0f}.", field="hours")
    if draft.evidence_kind not in record_input.HAND_KINDS:
        raise ValidationFailed("Sessions give hand-entered kinds of evidence only.", field="evidenceKind")
    if draft.trainer_id is not None and not await Employee.of(actor).filter(
            id=draft.trainer_id, status=EmployeeStatus.ACTIVE).exists():
        raise NotFound("No such trainer.", field="trainerId")
    if draft.level_id is not None and not await TrackLevel.of(actor).filter(id=draft.level_id).exists():
        raise NotFound("No such level.", field="levelId")
    level_id = draft.level_id
    if draft.requirement_id is not None:
        requirement = await LevelRequirement.of(actor).get_or_none(id=draft.requirement_id)
        if requirement is None or (level_id is not None and requirement.level_id != level_id):
            raise NotFound("No such requirement of that level.", field="requirementId")
        level_id = requirement.level_id
    return {"title_en": title_en, "title_zh": title_zh, "starts_at": draft.starts_at, "ends_at": draft.ends_at,
            "capacity": draft.capacity, "hours": float(draft.hours),
            "location": validation.trimmed(draft.location, field="location", max_length=200, required=False),
            "trainer_id": draft.trainer_id, "evidence_kind": draft.evidence_kind,
            "attributes": record_input.attributes_checked(draft.evidence_kind, draft.attributes),
            "level_id": level_id, "requirement_id": draft.requirement_id}
