"""A starting reward catalogue for the demo (and for a new organisation to edit): one or more items of
every kind, voucher codes, CEO lunch slots, and the ¥1,000 bonus ↔ 1 remote day conversion rule."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.core import clock
from backend.org import calendar
from backend.rewards import catalogue, conversions, policy, slots, vouchers
from backend.rewards.models import ConversionRule, ConversionUnit, LimitPeriod, RewardItem, RewardKind

VOUCHER_CODES = 30
MEETING_SLOTS = 4


@dataclass(frozen=True, slots=True)
class _Item:
    kind: RewardKind
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    cost_points: int
    extra: dict[str, Any] = field(default_factory=dict)


ITEMS = [
    _Item(RewardKind.CASH_BONUS, "¥1,000 cash bonus", "¥1,000 现金奖励", "Paid with your next bonus run.",
          "随下一次奖金发放。", 1000, {"amount_minor": 100_000, "per_person_limit": 2, "eligibility": {"min_tenure_months": 6}}),
    _Item(RewardKind.TRAINING, "External training: Lean production", "外部培训：精益生产",
          "Two days with a certified lean coach: value streams, 5S, standard work. Lunch included.",
          "两天精益生产外训：价值流、5S、标准化作业，由认证教练授课，含午餐。", 1500, {"stock": 5}),
    _Item(RewardKind.TRAINING, "Tech conference ticket", "技术大会门票",
          "A full pass to this year's developer conference in Shanghai; share one idea at a tech-sharing session after.",
          "上海开发者大会全程票；回来后在技术分享会上分享一个收获。", 2000,
          {"stock": 3, "eligibility": {"min_tenure_months": 12}}),
    _Item(RewardKind.EXTRA_LEAVE, "One extra day of paid leave", "带薪假 1 天",
          "A day off on top of your annual leave; your manager confirms the date.", "年假之外额外一天带薪假，日期与主管确认。", 800,
          {"days": 1, "per_person_limit": 3}),
    _Item(RewardKind.EXTRA_LEAVE, "Two extra days of paid leave", "带薪假 2 天",
          "For the top 20 % of the last review cycle.", "面向最近一次考核获评优秀（前 20%）的同事。", 1500,
          {"days": 2, "eligibility": {"min_tier": "top20"}}),
    _Item(RewardKind.REMOTE_DAYS, "One remote-work day", "远程办公 1 天", "Work from home for a day of your choosing.",
          "任选一天居家办公。", 300, {"days": 1, "per_person_limit": 4, "limit_period": LimitPeriod.MONTH}),
    _Item(RewardKind.CEO_MEETING, "Lunch 1:1 with the CEO", "与 CEO 共进午餐 1:1",
          "An hour over lunch: your ideas, your questions, your career.", "午餐一小时：聊想法、提问题、谈发展。", 1200,
          {"per_person_limit": 1}),
    _Item(RewardKind.VOUCHER, "¥50 milk tea voucher", "¥50 奶茶券", "A code for any milk tea shop on the delivery app.",
          "外卖平台奶茶店通用券码。", 120,
          {"requires_approval": False, "per_person_limit": 4, "limit_period": LimitPeriod.MONTH}),
]


async def install_demo_catalogue(actor: Actor, *, ceo_id: UUID) -> list[RewardItem]:
    """Creates the items not present yet (matched by English name; existing ones are left as HR edited
    them), with codes and slots for newly created ones, and the bonus → remote day rule if none is set.
    Idempotent. Requires REWARDS_MANAGE. Returns the catalogue's items of this set, in ITEMS order."""
    tz = await calendar.zone(actor)
    now = clock.now().astimezone(tz)
    next_month = (now.replace(day=1) + timedelta(days=32)).replace(day=15)
    sessions = {"External training: Lean production": (datetime.combine(next_month.date(), time(9), tz),
                                                       "苏州工业园区精益管理学院（星湖街 328 号）"),
                "Tech conference ticket": (datetime.combine((now + timedelta(days=45)).date(), time(9), tz),
                                           "上海世博中心")}
    have = {item.name_en: item for item in await RewardItem.of(actor).filter(name_en__in=[i.name_en for i in ITEMS])}
    result = []
    for spec in ITEMS:
        if (item := have.get(spec.name_en)) is None:
            starts_at, location = sessions.get(spec.name_en, (None, None))
            item = await catalogue.create_item(actor, kind=spec.kind, name_en=spec.name_en, name_zh=spec.name_zh,
                                               description_en=spec.description_en, description_zh=spec.description_zh,
                                               cost_points=spec.cost_points, starts_at=starts_at, location=location,
                                               **spec.extra)
            item = await _stock_up(actor, item, ceo_id=ceo_id, now=now)
        result.append(item)
    if not await ConversionRule.of(actor).filter(from_unit=ConversionUnit.BONUS_MINOR, to_unit=ConversionUnit.REMOTE_DAYS,
                                                 active=True).exists():
        await conversions.set_conversion_rule(actor, from_unit=ConversionUnit.BONUS_MINOR, from_amount=100_000,
                                              to_unit=ConversionUnit.REMOTE_DAYS, to_amount=1)
    return result


async def _stock_up(actor: Actor, item: RewardItem, *, ceo_id: UUID, now: datetime) -> RewardItem:
    if item.kind == RewardKind.VOUCHER:
        await vouchers.upload_codes(actor, item_id=item.id, codes=[_code(actor, n) for n in range(1, VOUCHER_CODES + 1)],
                                    mode=vouchers.UploadMode.VALID_ROWS)
    elif item.kind == RewardKind.CEO_MEETING:
        wednesday = now.date() + timedelta(days=(2 - now.weekday()) % 7 or 7)  # the next Wednesday, not today
        lunches = [datetime.combine(wednesday + timedelta(weeks=w), time(12), now.tzinfo) for w in range(MEETING_SLOTS)]
        await slots.publish_slots(actor, item_id=item.id, host_id=ceo_id,
                                  slots=[(start, start + timedelta(hours=1), "总部 8 楼 CEO 办公室") for start in lunches])
    else:
        return item
    return await RewardItem.of(actor).get(id=item.id)


def _code(actor: Actor, n: int) -> str:
    digest = hashlib.sha256(f"{actor.tenant_id}:milk-tea:{n}".encode()).hexdigest()[:10].upper()
    return f"MT50-{digest[:5]}-{digest[5:]}"
