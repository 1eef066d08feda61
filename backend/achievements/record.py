"""Writing the wall: every earned item is recorded here, once per source and kind, inside the
caller's transaction. Callers (recognition, rules, growth) check permissions; this module does not."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.achievements.models import Achievement, AchievementKind, BonusLine
from backend.core import clock, db


@dataclass(frozen=True, slots=True)
class Earned:
    """What to put on someone's wall. `source_type`/`source_id` name the fact that produced it."""

    employee_id: UUID
    kind: AchievementKind
    title_en: str
    title_zh: str
    source_type: str
    source_id: UUID
    detail: str = ""
    points: int = 0
    amount_minor: int = 0
    badge_id: UUID | None = None
    given_by_id: UUID | None = None
    is_public: bool = True
    earned_at: datetime | None = None


async def record(actor: Actor, earned: Earned) -> Achievement:
    """Idempotent: the same (employee, source, kind) returns the row recorded the first time."""
    return await record_once(actor, earned) or await Achievement.of(actor).get(
        employee_id=earned.employee_id, source_type=earned.source_type, source_id=earned.source_id, kind=earned.kind
    )


async def record_once(actor: Actor, earned: Earned) -> Achievement | None:
    """The new row, or None when this (employee, source, kind) was recorded before: for callers
    whose other effects (a notification, an event) must happen only the first time."""
    values = {
        "employee_id": earned.employee_id, "kind": earned.kind, "title_en": earned.title_en[:200],
        "title_zh": earned.title_zh[:200], "detail": earned.detail, "points": earned.points,
        "amount_minor": earned.amount_minor, "badge_id": earned.badge_id, "given_by_id": earned.given_by_id,
        "source_type": earned.source_type, "source_id": earned.source_id, "is_public": earned.is_public,
        "earned_at": earned.earned_at or clock.now(),
    }
    try:
        async with db.transaction():  # a savepoint, so a duplicate leaves the caller's transaction usable
            return await Achievement.create_for(actor, **values)
    except IntegrityError:
        return None


async def add_bonus_line(
    actor: Actor, *, employee_id: UUID, amount_minor: int, reason: str, source_type: str, source_id: UUID
) -> BonusLine:
    """Money for the next bonus export; idempotent per (employee, source)."""
    try:
        async with db.transaction():
            return await BonusLine.create_for(
                actor, employee_id=employee_id, amount_minor=amount_minor, reason=reason[:200],
                source_type=source_type, source_id=source_id, created_at=clock.now(),
            )
    except IntegrityError:
        return await BonusLine.of(actor).get(employee_id=employee_id, source_type=source_type, source_id=source_id)


async def revoke_from_source(actor: Actor, *, source_type: str, source_id: UUID) -> int:
    """Takes items off the wall when what produced them was reversed; returns how many."""
    return await Achievement.of(actor).filter(source_type=source_type, source_id=source_id, revoked_at=None).update(
        revoked_at=clock.now()
    )
