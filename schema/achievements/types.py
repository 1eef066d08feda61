"""GraphQL types for what people earned: achievements (the items on the wall)."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import strawberry

from backend.achievements import wall
from backend.achievements.models import Achievement as AchievementModel
from backend.achievements.wall import WallItem
from backend.core.config import get_settings
from schema.context import Info
from schema.core.enums import AchievementKind
from schema.recognition.types import Badge, EmployeeRef, load_employee


@strawberry.type(description="Something a person earned: praise, kudos, a badge, an award, a bonus, a milestone.")
class Achievement:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: AchievementKind = strawberry.field(description="What kind of item it is.")
    title_en: str = strawberry.field(description="Title in English.")
    title_zh: str = strawberry.field(description="Title in Chinese.")
    detail: str = strawberry.field(description="The giver's own words, if any.")
    points: int = strawberry.field(description="Points that came with it.")
    amount_minor: int = strawberry.field(description="Money that came with it, in the currency's minor unit (fen).")
    is_public: bool = strawberry.field(description="Colleagues see it on the public wall; the owner decides.")
    earned_at: datetime = strawberry.field(description="When it was earned.")
    badge_id: strawberry.Private[UUID | None]
    given_by_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The badge, for badge items.")
    async def badge(self, info: Info) -> Badge | None:
        found = await info.context.recognition.badge.load(self.badge_id) if self.badge_id else None
        return Badge.from_model(found) if found else None

    @strawberry.field(description="Who gave it; null for automatic awards.")
    async def given_by(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.given_by_id)

    @strawberry.field(description="Open Badges 2.0 assertion anyone can verify (hosted verification).")
    def open_badge_url(self) -> str:
        return f"{get_settings().public_url}/openbadges/assertions/{self.id}.json"

    @classmethod
    def from_model(cls, a: AchievementModel | WallItem) -> Achievement:
        return cls(id=strawberry.ID(str(a.id)), kind=a.kind, title_en=a.title_en, title_zh=a.title_zh, detail=a.detail,
                   points=a.points, amount_minor=a.amount_minor, is_public=a.is_public, earned_at=a.earned_at,
                   badge_id=a.badge_id, given_by_id=a.given_by_id)


@strawberry.type(description="Counts and sums over a set of wall items.")
class WallTotals:
    points: int = strawberry.field(description="Points earned.")
    amount_minor: int = strawberry.field(description="Money earned, in the currency's minor unit (fen).")
    counts: list[KindCount] = strawberry.field(description="How many items of each kind (only kinds present).")

    @classmethod
    def from_data(cls, t: wall.WallTotals) -> WallTotals:
        return cls(points=t.points, amount_minor=t.amount_minor,
                   counts=[KindCount(kind=k, count=n) for k, n in t.counts.items()])


@strawberry.type(description="How many items of one kind.")
class KindCount:
    kind: AchievementKind = strawberry.field(description="The kind.")
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="One quarter of a year on the wall, with its totals.")
class WallQuarter:
    year: int = strawberry.field(description="Calendar year, in the organisation's time zone.")
    quarter: int = strawberry.field(description="1 to 4.")
    totals: WallTotals = strawberry.field(description="What the quarter adds up to.")
    summary_en: str = strawberry.field(description="The totals in a sentence, in English.")
    summary_zh: str = strawberry.field(description="The totals in a sentence, in Chinese.")
    items: list[Achievement] = strawberry.field(description="Newest first.")


@strawberry.type(description="One year on the wall.")
class WallYear:
    year: int = strawberry.field(description="Calendar year.")
    totals: WallTotals = strawberry.field(description="What the year adds up to.")
    summary_en: str = strawberry.field(description="The totals in a sentence, in English.")
    summary_zh: str = strawberry.field(description="The totals in a sentence, in Chinese.")
    quarters: list[WallQuarter] = strawberry.field(description="Newest first, only quarters with items.")


@strawberry.type(description="A person's achievement wall (成就墙). Colleagues see public items only, and totals count only what they see.")
class AchievementWall:
    employee_id: strawberry.ID = strawberry.field(description="Whose wall.")
    is_owner: bool = strawberry.field(description="True on your own wall: you choose what is public.")
    shows_private: bool = strawberry.field(description="True when private items are included (owner, HR).")
    currency: str = strawberry.field(description="ISO 4217 code of money amounts.")
    totals: WallTotals = strawberry.field(description="Everything shown, added up.")
    summary_en: str = strawberry.field(description="The totals in a sentence, in English.")
    summary_zh: str = strawberry.field(description="The totals in a sentence, in Chinese.")
    years: list[WallYear] = strawberry.field(description="Newest first.")
    truncated: bool = strawberry.field(description="Older items exist: ask for a year to see them.")

    @strawberry.field(description="Who this wall belongs to.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, UUID(str(self.employee_id)))

    @classmethod
    def from_data(cls, w: wall.Wall) -> AchievementWall:
        return cls(
            employee_id=strawberry.ID(str(w.employee_id)), is_owner=w.is_owner, shows_private=w.shows_private,
            currency=w.currency, totals=WallTotals.from_data(w.totals), summary_en=w.summary_en, summary_zh=w.summary_zh,
            truncated=w.truncated,
            years=[WallYear(year=y.year, totals=WallTotals.from_data(y.totals), summary_en=y.summary_en,
                            summary_zh=y.summary_zh,
                            quarters=[WallQuarter(year=q.year, quarter=q.quarter, totals=WallTotals.from_data(q.totals),
                                                  summary_en=q.summary_en, summary_zh=q.summary_zh,
                                                  items=[Achievement.from_model(i) for i in q.items])
                                      for q in y.quarters])
                   for y in w.years],
        )
