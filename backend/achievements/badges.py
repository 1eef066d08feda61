"""Badge definitions: HR creates and edits them; granting happens in recognition (people) and
rules (automatic), which use the lookups and the monthly cap check here."""
from __future__ import annotations

from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements.models import Achievement, AchievementKind, Badge, BadgeGranter
from backend.audit import service as audit
from backend.org import calendar
from backend.core import db
from backend.core.validation import trimmed
from backend.core.errors import Conflict, LimitExceeded, ValidationFailed

CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")
BADGE_FIELDS = ("code", "name_en", "name_zh", "criteria_en", "criteria_zh", "icon", "level", "granted_by",
                "monthly_cap", "active")


def _validated(*, code: str, name_en: str, name_zh: str, criteria_en: str, criteria_zh: str, icon: str,
               level: int, granted_by: BadgeGranter, monthly_cap: int | None) -> dict[str, object]:
    code = code.strip().lower()
    if not code or len(code) > 40 or not set(code) <= CODE_CHARS:
        raise ValidationFailed("Use 1–40 lowercase letters, digits, '-' or '_'.", field="code")
    if level not in (1, 2, 3):
        raise ValidationFailed("Level is 1 (bronze), 2 (silver) or 3 (gold).", field="level")
    if monthly_cap is not None and not 1 <= monthly_cap <= 10_000:
        raise ValidationFailed("The monthly cap is between 1 and 10000, or none.", field="monthlyCap")
    return {
        "code": code, "name_en": trimmed(name_en, field="nameEn", max_length=80),
        "name_zh": trimmed(name_zh, field="nameZh", max_length=80),
        "criteria_en": trimmed(criteria_en, field="criteriaEn", max_length=500),
        "criteria_zh": trimmed(criteria_zh, field="criteriaZh", max_length=500),
        "icon": trimmed(icon, field="icon", max_length=16), "level": level, "granted_by": granted_by,
        "monthly_cap": monthly_cap,
    }


async def create_badge(actor: Actor, *, code: str, name_en: str, name_zh: str, criteria_en: str, criteria_zh: str,
                       icon: str, level: int = 1, granted_by: BadgeGranter = BadgeGranter.MANAGER,
                       monthly_cap: int | None = None) -> Badge:
    """HR defines a badge. Requires RECOGNITION_CONFIGURE. Raises ValidationFailed, Conflict (code taken)."""
    require(actor, Permission.RECOGNITION_CONFIGURE)
    values = _validated(code=code, name_en=name_en, name_zh=name_zh, criteria_en=criteria_en, criteria_zh=criteria_zh,
                        icon=icon, level=level, granted_by=granted_by, monthly_cap=monthly_cap)
    try:
        async with db.transaction():
            badge = await Badge.create_for(actor, **values)
            await audit.record(actor, action="badge.created", entity_type="badge", entity_id=badge.id,
                               after=_snapshot(badge))
    except IntegrityError:
        raise Conflict("A badge with this code exists.", field="code") from None
    return badge


async def update_badge(actor: Actor, badge_id: UUID, *, name_en: str, name_zh: str, criteria_en: str,
                       criteria_zh: str, icon: str, level: int, granted_by: BadgeGranter, monthly_cap: int | None,
                       active: bool) -> Badge:
    """HR edits a badge (the code stays). Requires RECOGNITION_CONFIGURE. Badges already earned keep
    the definition's current text: the wall shows what the badge is now called."""
    require(actor, Permission.RECOGNITION_CONFIGURE)
    badge = await Badge.get_for(actor, badge_id, what="badge")
    values = _validated(code=badge.code, name_en=name_en, name_zh=name_zh, criteria_en=criteria_en,
                        criteria_zh=criteria_zh, icon=icon, level=level, granted_by=granted_by, monthly_cap=monthly_cap)
    async with db.transaction():
        before = _snapshot(badge)
        for key, value in {**values, "active": active}.items():
            setattr(badge, key, value)
        await badge.save()
        changed_before, changed_after = audit.diff(before, _snapshot(badge))
        if changed_after:
            await audit.record(actor, action="badge.updated", entity_type="badge", entity_id=badge.id,
                               before=changed_before, after=changed_after)
    return badge


async def list_badges(actor: Actor, *, include_inactive: bool = False) -> list[Badge]:
    """Requires DIRECTORY_READ (people, not kiosks)."""
    require(actor, Permission.DIRECTORY_READ)
    query = Badge.of(actor)
    if not include_inactive:
        query = query.filter(active=True)
    return await query.order_by("-level", "code")


async def badges_by_ids(actor: Actor, ids: list[UUID]) -> list[Badge | None]:
    found = {b.id: b for b in await Badge.of(actor).filter(id__in=ids)}
    return [found.get(i) for i in ids]


async def get_active_by_code(actor: Actor, code: str) -> Badge | None:
    return await Badge.of(actor).get_or_none(code=code, active=True)


async def holds(actor: Actor, *, employee_id: UUID, badge_id: UUID) -> bool:
    return await Achievement.of(actor).filter(employee_id=employee_id, badge_id=badge_id, kind=AchievementKind.BADGE,
                                              revoked_at=None).exists()


async def check_monthly_cap(actor: Actor, badge: Badge) -> None:
    """Raises LimitExceeded when this month's grants of the badge reached its cap. Checked before a
    grant; two racing grants may pass the last slot together (a cap is a budget, not a ledger)."""
    if badge.monthly_cap is None:
        return
    granted = await Achievement.of(actor).filter(
        badge_id=badge.id, kind=AchievementKind.BADGE, revoked_at=None, earned_at__gte=await calendar.month_start(actor)
    ).count()
    if granted >= badge.monthly_cap:
        raise LimitExceeded(f"This badge was granted {granted} times this month, its cap.", field="badgeId")


def _snapshot(badge: Badge) -> dict[str, object]:
    return {f: getattr(badge, f) for f in BADGE_FIELDS}
