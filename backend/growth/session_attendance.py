"""Taking attendance of a learning session: the trainer or HR marks who attended; each attendee's
enrolment becomes ATTENDED (walk-ins get one) and they get a CONFIRMED record (source SESSION,
source_ref "session:<session>:<employee>", so marking someone twice makes one record); the session
becomes COMPLETED. Marking more people later adds their records."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import Locale
from backend.access.permissions import Permission, has
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.growth import notify, record_changes, record_policy
from backend.growth.models import (
    EnrolmentStatus, GrowthRecord, LearningSession, RecordSource, RecordStatus, SessionEnrolment, SessionStatus,
)
from backend.org.models import Employee
from backend.org.queries import get_organization

MAX_ATTENDEES = 1000


@dataclass(frozen=True, slots=True)
class Attendance:
    session: LearningSession
    attended: int  # people marked present in this call
    created: int  # records created (0 when everyone already had theirs)


def source_ref(session_id: UUID, employee_id: UUID) -> str:
    return f"session:{session_id}:{employee_id}"


async def record_attendance(actor: Actor, session_id: UUID, employee_ids: list[UUID]) -> Attendance:
    """The session's trainer or HR (never for themselves) marks attendees once the session has started.
    Idempotent per attendee. Audited; each new record is audited, emitted (growth.record_verified),
    marked for recompute and told to its owner. Raises Forbidden, NotFound (employeeIds),
    ValidationFailed (employeeIds, not started), Conflict (cancelled)."""
    me = record_policy.person_id(actor)
    session = await LearningSession.get_for(actor, session_id, what="session")
    if session.trainer_id != me and not has(actor, Permission.GROWTH_MANAGE):
        raise Forbidden("Only the session's trainer or HR can take attendance.")
    wanted = list(dict.fromkeys(employee_ids))
    if not 1 <= len(wanted) <= MAX_ATTENDEES:
        raise ValidationFailed(f"Mark 1 to {MAX_ATTENDEES} people.", field="employeeIds")
    if me in wanted:
        raise ValidationFailed("Someone else records your own attendance.", field="employeeIds")
    if session.starts_at > clock.now():
        raise ValidationFailed("Attendance is taken once the session has started.", field="sessionId")
    people = {p.id: p for p in await Employee.of(actor).filter(id__in=wanted)}
    if len(people) < len(wanted):
        raise NotFound("No such employee.", field="employeeIds")
    organization = await get_organization(actor)
    by = await Employee.of(actor).get(id=me)
    async with db.transaction():
        # Also the serialising step: two attendance calls for one session queue behind each other.
        if not await LearningSession.of(actor).filter(
                id=session.id, status__in=[SessionStatus.SCHEDULED, SessionStatus.COMPLETED]).update(
                status=SessionStatus.COMPLETED):
            raise Conflict("This session was cancelled.")
        await _mark_enrolments(actor, session.id, wanted)
        refs = {source_ref(session.id, e): e for e in wanted}
        existing = {str(r) for r in await GrowthRecord.of(actor).filter(source_ref__in=list(refs)).values_list(
            "source_ref", flat=True)}
        title = session.title_zh if organization.locale == Locale.ZH_CN else session.title_en
        day = session.starts_at.astimezone(ZoneInfo(organization.time_zone)).date()
        created = 0
        for ref, employee_id in refs.items():
            if ref in existing:
                continue
            record = await GrowthRecord.create_for(
                actor, employee_id=employee_id, kind=session.evidence_kind, title=title, occurred_on=day,
                quantity=session.hours or None, attributes={**session.attributes, "session_id": str(session.id)},
                status=RecordStatus.CONFIRMED, source=RecordSource.SESSION, source_ref=ref, recorded_by_id=me,
                confirmed_by_id=me, confirmed_at=clock.now(), created_at=clock.now())
            entry = await record_changes.changed(actor, record, action="attended", after=record_changes.summary(record))
            await notify.decided(actor, record, entry, by=by)
            created += 1
        await audit.record(actor, action="learning_session.attendance", entity_type="learning_session",
                           entity_id=session.id, after={"attended": len(wanted), "records_created": created})
    return Attendance(session=await LearningSession.of(actor).get(id=session.id), attended=len(wanted), created=created)


async def _mark_enrolments(actor: Actor, session_id: UUID, employee_ids: list[UUID]) -> None:
    enrolled = set(await SessionEnrolment.of(actor).filter(session_id=session_id, employee_id__in=employee_ids)
                   .values_list("employee_id", flat=True))
    await SessionEnrolment.of(actor).filter(session_id=session_id, employee_id__in=employee_ids).update(
        status=EnrolmentStatus.ATTENDED, updated_at=clock.now())
    walk_ins = [SessionEnrolment.build_for(actor, id=uuid.uuid4(), session_id=session_id, employee_id=e,
                                           status=EnrolmentStatus.ATTENDED)
                for e in employee_ids if e not in {UUID(str(x)) for x in enrolled}]
    if walk_ins:
        await SessionEnrolment.bulk_create(walk_ins)
