"""People granting badges: a manager to someone in their team, HR to anyone, within the badge's
rules (who may grant it, its monthly cap). Automatic grants come from the rules engine."""
from __future__ import annotations

import uuid
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements import badges, record
from backend.achievements.models import Achievement, AchievementKind, Badge, BadgeGranter
from backend.core import db, outbox, validation
from backend.core.errors import Forbidden, ValidationFailed
from backend.notifications import service as notifications
from backend.recognition import people
from backend.recognition.events import BadgeGranted

SOURCE = "badge_grant"


async def grant_badge(
    actor: Actor, *, employee_id: UUID, badge_id: UUID, message: str = "", client_key: str | None = None,
) -> Achievement:
    """Requires BADGE_GRANT; HR-only badges need RECOGNITION_CONFIGURE; rules-only badges cannot be
    granted by hand. A retry with the same `client_key` returns the first grant. Emits
    recognition.badge_granted. Raises ValidationFailed, NotFound, Forbidden, LimitExceeded (the
    badge's monthly cap)."""
    require(actor, Permission.BADGE_GRANT)
    giver = people.giver_id(actor)
    # The grant's source id comes from the client key, so the wall's unique key absorbs a retry.
    source_id = uuid.uuid5(giver, validation.client_key(client_key)) if client_key is not None else uuid.uuid4()
    if (done := await Achievement.of(actor).get_or_none(source_type=SOURCE, source_id=source_id)) is not None:
        return done
    await people.require_in_charge(actor, employee_id)
    badge = await Badge.get_for(actor, badge_id, what="badge")
    if not badge.active:
        raise ValidationFailed("This badge is retired.", field="badgeId")
    _check_granter(actor, badge)
    receiver = await people.active_colleague(actor, employee_id, field="employeeId")
    note = message.strip()
    if len(note) > 500:
        raise ValidationFailed("At most 500 characters.", field="message")
    async with db.transaction():
        await badges.check_monthly_cap(actor, badge)
        achievement = await record.record_once(actor, record.Earned(
            employee_id=receiver.id, kind=AchievementKind.BADGE, title_en=badge.name_en, title_zh=badge.name_zh,
            detail=note, badge_id=badge.id, given_by_id=giver, source_type=SOURCE, source_id=source_id,
        ))
        if achievement is None:  # the same submission raced in twice: the first one stands
            return await Achievement.of(actor).get(source_type=SOURCE, source_id=source_id)
        await notifications.notify(actor, recipient_id=receiver.id, dedupe_key=f"badge:{achievement.id}",
                                   message=notifications.Message(
                                       kind="badge_received", title_en=f"{badge.icon} New badge: {badge.name_en}",
                                       title_zh=f"{badge.icon} 你获得了徽章：{badge.name_zh}", body_en=note, body_zh=note,
                                       link=f"/wall?highlight={achievement.id}"))
        await outbox.emit(actor, BadgeGranted(achievement_id=str(achievement.id), badge_id=str(badge.id),
                                              badge_code=badge.code, employee_id=str(receiver.id), granted_by_id=str(giver)))
    return achievement


def _check_granter(actor: Actor, badge: Badge) -> None:
    if badge.granted_by == BadgeGranter.RULES:
        raise Forbidden("This badge is awarded only by a rule.")
    if badge.granted_by == BadgeGranter.HR and Permission.RECOGNITION_CONFIGURE not in actor.permissions:
        raise Forbidden("Only HR can grant this badge.")
