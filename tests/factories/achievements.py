"""Factories for the achievement wall: badges and achievements as direct rows (the tests here are
about reading the wall, not about how recognition or rules record items)."""
from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

from backend.access.actor import Actor
from backend.achievements.models import Achievement, AchievementKind, Badge
from backend.org.models import Employee

_codes = itertools.count(1)


async def make_badge(actor: Actor, *, name_en: str = "Safety Star", name_zh: str = "安全之星", level: int = 2,
                     icon: str = "⭐", criteria_en: str = "A full quarter without a safety incident.",
                     criteria_zh: str = "整个季度零安全事故。") -> Badge:
    return await Badge.create_for(actor, code=f"badge-{next(_codes)}", name_en=name_en, name_zh=name_zh,
                                  criteria_en=criteria_en, criteria_zh=criteria_zh, icon=icon, level=level)


async def make_achievement(
    actor: Actor, employee: Employee, *, kind: AchievementKind = AchievementKind.PRAISE,
    title_en: str = "Great teamwork", title_zh: str = "团队合作出色", points: int = 0, amount_minor: int = 0,
    earned_at: datetime | None = None, is_public: bool = True, badge: Badge | None = None,
    given_by: Employee | None = None, detail: str = "", revoked_at: datetime | None = None,
) -> Achievement:
    return await Achievement.create_for(
        actor, employee_id=employee.id, kind=kind, title_en=title_en, title_zh=title_zh, points=points,
        amount_minor=amount_minor, earned_at=earned_at or datetime(2023, 5, 10, 2, 0, tzinfo=UTC),
        is_public=is_public, badge_id=badge.id if badge else None, given_by_id=given_by.id if given_by else None,
        detail=detail, revoked_at=revoked_at, source_type="test", source_id=uuid.uuid4(),
    )
