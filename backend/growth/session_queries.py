"""Reading learning sessions: the list people enrol from, and the per-session figures the API shows
(seats taken, the viewer's own enrolment), batched for DataLoaders. Writes nothing."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from tortoise.functions import Count

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock
from backend.growth.models import EnrolmentStatus, LearningSession, SessionEnrolment, SessionStatus

LIST_LIMIT = 200
# Seats are held by enrolled people and by those already marked present.
HOLDS_SEAT = (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED)


async def list_sessions(actor: Actor, *, upcoming_only: bool = True) -> list[LearningSession]:
    """Upcoming: scheduled sessions that have not ended, soonest first. Otherwise every session, the
    most recent first (at most 200). Requires GROWTH_CLAIM (every person)."""
    require(actor, Permission.GROWTH_CLAIM)
    if upcoming_only:
        query = LearningSession.of(actor).filter(status=SessionStatus.SCHEDULED, ends_at__gte=clock.now())
        return await query.order_by("starts_at", "id").limit(LIST_LIMIT)
    return await LearningSession.of(actor).order_by("-starts_at", "id").limit(LIST_LIMIT)


async def upcoming_for_levels(actor: Actor, level_ids: Sequence[UUID]) -> list[list[LearningSession]]:
    """Scheduled, not yet ended sessions attached to each level, soonest first (one query)."""
    if not level_ids:
        return []
    rows = await LearningSession.of(actor).filter(level_id__in=list(level_ids), status=SessionStatus.SCHEDULED,
                                                  ends_at__gte=clock.now()).order_by("starts_at", "id")
    by_level: dict[UUID, list[LearningSession]] = {}
    for row in rows:
        if row.level_id is not None:
            by_level.setdefault(row.level_id, []).append(row)
    return [by_level.get(i, []) for i in level_ids]


async def sessions_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[LearningSession | None]:
    found = {s.id: s for s in await LearningSession.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]


async def enrolled_counts(actor: Actor, session_ids: Sequence[UUID]) -> list[int]:
    """Seats taken per session (enrolled or attended), one grouped query."""
    if not session_ids:
        return []
    rows = await (SessionEnrolment.of(actor).filter(session_id__in=list(session_ids), status__in=HOLDS_SEAT)
                  .annotate(n=Count("id")).group_by("session_id").values_list("session_id", "n"))
    counts = {UUID(str(session)): int(n) for session, n in rows}
    return [counts.get(i, 0) for i in session_ids]


async def my_enrolments(actor: Actor, session_ids: Sequence[UUID]) -> list[EnrolmentStatus | None]:
    """The viewer's own enrolment status per session (None: never enrolled; kiosks have none)."""
    if not session_ids or actor.employee_id is None:
        return [None] * len(session_ids)
    rows = await SessionEnrolment.of(actor).filter(session_id__in=list(session_ids),
                                                   employee_id=actor.employee_id).values_list("session_id", "status")
    found = {UUID(str(session)): EnrolmentStatus(status) for session, status in rows}
    return [found.get(i) for i in session_ids]
