"""Reading the achievement wall (成就墙): a person's items grouped by year and quarter in the
organisation's time zone, with totals computed only from what the viewer may see; and the owner's
public/private switch per item. Never writes achievements themselves (that is .record)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access import policies
from backend.access.actor import Actor
from backend.access.models import Organization
from backend.access.permissions import Permission, has
from backend.achievements.models import Achievement, AchievementKind
from backend.audit import service as audit
from backend.core import db
from backend.core.errors import Forbidden, ValidationFailed
from backend.org import queries as org_queries
from backend.org.models import Employee

WALL_LIMIT = 500  # newest items per call without `year`: a phone never needs more at once
YEAR_LIMIT = 5000  # a safety net only: nobody earns this many items in one year


@dataclass(frozen=True, slots=True)
class WallTotals:
    counts: dict[AchievementKind, int]  # only kinds present, in AchievementKind order
    points: int
    amount_minor: int  # money, in the organisation currency's minor unit

    @property
    def items(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class WallItem:
    id: UUID
    kind: AchievementKind
    title_en: str
    title_zh: str
    detail: str
    points: int
    amount_minor: int
    badge_id: UUID | None
    given_by_id: UUID | None
    is_public: bool
    earned_at: datetime  # aware UTC
    local_earned_at: datetime  # the same moment in the organisation's time zone
    year: int
    quarter: int


@dataclass(frozen=True, slots=True)
class WallGroup:
    """One quarter of one year."""

    year: int
    quarter: int
    totals: WallTotals
    summary_en: str
    summary_zh: str
    items: tuple[WallItem, ...]  # newest first


@dataclass(frozen=True, slots=True)
class WallYear:
    year: int
    totals: WallTotals
    summary_en: str
    summary_zh: str
    quarters: tuple[WallGroup, ...]  # newest first, only quarters with items


@dataclass(frozen=True, slots=True)
class Wall:
    employee_id: UUID
    is_owner: bool
    shows_private: bool  # False: the viewer sees (and totals count) public items only
    year: int | None
    time_zone: str
    currency: str
    totals: WallTotals
    summary_en: str
    summary_zh: str
    years: tuple[WallYear, ...]  # newest first
    truncated: bool  # older items exist beyond WALL_LIMIT (or YEAR_LIMIT): ask per year


async def get_wall(actor: Actor, *, employee_id: UUID, year: int | None = None) -> Wall:
    """The person and HR (EMPLOYEE_READ_PRIVATE) see every item; colleagues with DIRECTORY_READ see
    public items only, and the totals count only those. Without `year`, the newest WALL_LIMIT items;
    with it, that calendar year in the organisation's time zone. Raises NotFound, Forbidden,
    ValidationFailed."""
    employee = await Employee.get_for(actor, employee_id, what="employee")
    if not may_view(actor, employee.id):
        raise Forbidden("You cannot see this wall.")
    if year is not None and not 1900 <= year <= 2999:
        raise ValidationFailed("Give a year between 1900 and 2999.", field="year")
    org = await org_queries.get_organization(actor)
    return await build_wall(actor, employee=employee, org=org, year=year,
                            limit=WALL_LIMIT if year is None else YEAR_LIMIT)


async def list_recent(actor: Actor, *, employee_id: UUID, first: int = 3) -> list[Achievement]:
    """The newest items of a wall (a home card), with the wall's visibility. Raises NotFound,
    Forbidden, ValidationFailed (first outside 1..20)."""
    if not 1 <= first <= 20:
        raise ValidationFailed("Ask for 1 to 20 items.", field="first")
    employee = await Employee.get_for(actor, employee_id, what="employee")
    if not may_view(actor, employee.id):
        raise Forbidden("You cannot see this wall.")
    query = Achievement.of(actor).filter(employee_id=employee.id, revoked_at__isnull=True)
    if not sees_private(actor, employee.id):
        query = query.filter(is_public=True)
    return await query.order_by("-earned_at", "-id").limit(first)


def may_view(actor: Actor, employee_id: UUID) -> bool:
    """Anyone with DIRECTORY_READ (not kiosks) sees a colleague's public wall; everyone their own."""
    return policies.is_self(actor, employee_id) or has(actor, Permission.DIRECTORY_READ)


def sees_private(actor: Actor, employee_id: UUID) -> bool:
    """Private items: the person and HR only (not their manager: the owner chose to hide them)."""
    return policies.is_self(actor, employee_id) or has(actor, Permission.EMPLOYEE_READ_PRIVATE)


async def build_wall(actor: Actor, *, employee: Employee, org: Organization, year: int | None, limit: int) -> Wall:
    """For callers that have checked `may_view` already (get_wall, the archive). One query."""
    zone = ZoneInfo(org.time_zone)
    private = sees_private(actor, employee.id)
    query = Achievement.of(actor).filter(employee_id=employee.id, revoked_at__isnull=True)
    if not private:
        query = query.filter(is_public=True)
    if year is not None:
        # Bounds in UTC: SQLite compares stored timestamps as text, so offsets must match.
        start, end = (datetime(y, 1, 1, tzinfo=zone).astimezone(UTC) for y in (year, year + 1))
        query = query.filter(earned_at__gte=start, earned_at__lt=end)
    rows = await query.order_by("-earned_at", "-id").limit(limit + 1)
    items = [_item(a, zone) for a in rows[:limit]]
    totals = totals_of(items)
    return Wall(
        employee_id=employee.id, is_owner=policies.is_self(actor, employee.id), shows_private=private,
        year=year, time_zone=org.time_zone, currency=org.currency, totals=totals,
        summary_en=summarize(totals, org.currency, "en"), summary_zh=summarize(totals, org.currency, "zh-CN"),
        years=_years(items, org.currency), truncated=len(rows) > limit,
    )


async def set_achievement_visibility(actor: Actor, *, achievement_id: UUID, is_public: bool) -> Achievement:
    """Only the owner chooses; HR cannot. Audited when the value changes. Raises NotFound (also for
    another organisation's id) and Forbidden."""
    achievement = await Achievement.get_for(actor, achievement_id, what="achievement")
    if not policies.is_self(actor, achievement.employee_id):
        raise Forbidden("Only the owner can show or hide an item on their wall.")
    async with db.transaction():
        # A conditional update: of two racing toggles only the one that changes the row is audited.
        changed = await Achievement.of(actor).filter(id=achievement.id, is_public=not is_public).update(is_public=is_public)
        if changed:
            await audit.record(actor, action="achievement.visibility_changed", entity_type="achievement",
                               entity_id=achievement.id, before={"is_public": not is_public}, after={"is_public": is_public})
    achievement.is_public = is_public
    return achievement


async def achievements_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Achievement | None]:
    """For loaders: the same visibility as the wall (revoked or hidden from this viewer: None)."""
    found = {a.id: a for a in await Achievement.of(actor).filter(id__in=list(ids), revoked_at__isnull=True)}
    return [a if a is not None and _visible(actor, a) else None for a in (found.get(i) for i in ids)]


def _visible(actor: Actor, achievement: Achievement) -> bool:
    if sees_private(actor, achievement.employee_id):
        return True
    return achievement.is_public and may_view(actor, achievement.employee_id)


def _item(a: Achievement, zone: ZoneInfo) -> WallItem:
    local = a.earned_at.astimezone(zone)
    return WallItem(
        id=a.id, kind=AchievementKind(a.kind), title_en=a.title_en, title_zh=a.title_zh, detail=a.detail,
        points=a.points, amount_minor=a.amount_minor, badge_id=a.badge_id, given_by_id=a.given_by_id,
        is_public=a.is_public, earned_at=a.earned_at, local_earned_at=local, year=local.year,
        quarter=(local.month - 1) // 3 + 1,
    )


def _years(items: Sequence[WallItem], currency: str) -> tuple[WallYear, ...]:
    # Items are newest first, so consecutive runs are exactly the years and quarters, newest first.
    years = []
    for year, in_year in groupby(items, key=lambda i: i.year):
        quarters = []
        for quarter, in_quarter in groupby(in_year, key=lambda i: i.quarter):
            group = tuple(in_quarter)
            totals = totals_of(group)
            quarters.append(WallGroup(year=year, quarter=quarter, totals=totals, items=group,
                                      summary_en=summarize(totals, currency, "en"),
                                      summary_zh=summarize(totals, currency, "zh-CN")))
        totals = totals_of(i for q in quarters for i in q.items)
        years.append(WallYear(year=year, totals=totals, quarters=tuple(quarters),
                              summary_en=summarize(totals, currency, "en"),
                              summary_zh=summarize(totals, currency, "zh-CN")))
    return tuple(years)


def totals_of(items: Iterable[WallItem]) -> WallTotals:
    counts = dict.fromkeys(AchievementKind, 0)
    points = amount = 0
    for item in items:
        counts[item.kind] += 1
        points += item.points
        amount += item.amount_minor
    return WallTotals(counts={k: n for k, n in counts.items() if n}, points=points, amount_minor=amount)


# Summaries: pure, so the PWA, the archive and the PDF phrase totals identically.
_EN = {
    AchievementKind.PRAISE: ("praise", "praises"), AchievementKind.KUDOS: ("kudos", "kudos"),
    AchievementKind.BADGE: ("badge", "badges"), AchievementKind.AWARD: ("award", "awards"),
    AchievementKind.BONUS: ("bonus", "bonuses"), AchievementKind.CERTIFICATE: ("certificate", "certificates"),
    AchievementKind.MILESTONE: ("milestone", "milestones"),
}
_ZH = {
    AchievementKind.PRAISE: ("表扬", "次"), AchievementKind.KUDOS: ("点赞", "次"), AchievementKind.BADGE: ("徽章", "枚"),
    AchievementKind.AWARD: ("奖项", "项"), AchievementKind.BONUS: ("奖金", "笔"),
    AchievementKind.CERTIFICATE: ("证书", "张"), AchievementKind.MILESTONE: ("里程碑", "个"),
}
_CURRENCIES = {"CNY": ("¥", 2), "JPY": ("¥", 0), "KRW": ("₩", 0), "USD": ("$", 2), "EUR": ("€", 2),
               "GBP": ("£", 2), "HKD": ("HK$", 2), "TWD": ("NT$", 2), "SGD": ("S$", 2)}


def summarize(totals: WallTotals, currency: str, locale: str) -> str:
    """e.g. en "5 praises, 2 badges, 120 points, ¥12,000.00 bonus"; zh "表扬 5 次，徽章 2 枚，积分 120，
    奖金 ¥12,000.00". Bonus items are told by their money, not counted (unless they carry none)."""
    zh = locale.lower().startswith("zh")
    parts = []
    for kind in AchievementKind:
        n = totals.counts.get(kind, 0)
        if not n or (kind == AchievementKind.BONUS and totals.amount_minor):
            continue
        if zh:
            noun, unit = _ZH[kind]
            parts.append(f"{noun} {n} {unit}")
        else:
            one, many = _EN[kind]
            parts.append(f"{n} {one if n == 1 else many}")
    if totals.points:
        parts.append(f"积分 {totals.points:,}" if zh else f"{totals.points:,} point{'' if totals.points == 1 else 's'}")
    if totals.amount_minor:
        money = format_money(totals.amount_minor, currency)
        parts.append(f"奖金 {money}" if zh else f"{money} bonus")
    if not parts:
        return "暂无" if zh else "Nothing yet"
    return ("，" if zh else ", ").join(parts)


def kind_label(kind: AchievementKind, locale: str) -> str:
    """"Praise" / "表扬": a heading for one item (the PDF); the PWA has its own catalogue."""
    return _ZH[kind][0] if locale.lower().startswith("zh") else _EN[kind][0].capitalize()


def format_money(amount_minor: int, currency: str) -> str:
    """Integer minor units to display text: 1200000 CNY -> "¥12,000.00"; unknown codes as "ABC 1.00"."""
    code = currency.upper()
    symbol, digits = _CURRENCIES.get(code, (f"{code} ", 2))
    major, minor = divmod(abs(amount_minor), 10**digits)
    text = f"{major:,}" + (f".{minor:0{digits}d}" if digits else "")
    return f"{'-' if amount_minor < 0 else ''}{symbol}{text}"
