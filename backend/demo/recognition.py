"""Fourteen months of recognition history for the demo company, made through the real use cases at
frozen past moments: kudos, praise, coaching, badges and key-project awards, so walls, quarters and
rule previews have something true to show. Deterministic; runs once, right after the people."""
from __future__ import annotations

import random
from collections.abc import Awaitable
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.access.permissions import Role
from backend.achievements import record
from backend.achievements.models import AchievementKind, Badge
from backend.core import clock, db
from backend.org.models import Employee
from backend.points import ledger
from backend.recognition import badges as badge_grants
from backend.recognition import defaults, feedback, kudos
from backend.recognition.models import CompanyValue, FeedbackKind
from backend.rules.defaults import install_default_rules

ZONE = ZoneInfo("Asia/Shanghai")
THANKS = [
    ("帮我顶了夜班，谢谢！", "Covered my night shift, thank you!"),
    ("换型只用了 18 分钟，太厉害了", "Changeover done in 18 minutes, impressive"),
    ("耐心教我看图纸", "Patiently taught me to read the drawings"),
    ("客户验厂时讲解得很清楚", "Explained our process clearly during the customer audit"),
    ("主动清理了 5S 区域", "Cleaned up the 5S area without being asked"),
    ("帮忙排查了主轴异响", "Helped track down the spindle noise"),
]
PRAISE = [
    "本月零缺陷，质量意识值得大家学习。",
    "主动提出夹具改进，节拍缩短 12%。",
    "带新人很用心，三周就能独立上岗。",
    "客户投诉当天闭环，处理得非常专业。",
]
PROJECTS = [("Line 1 changeover to the new housing", "一号线新壳体换型项目", 800_000),
            ("Scrap rate halved on CNC cell 3", "三号数控单元废品率减半", 400_000),
            ("Customer audit passed with no findings", "客户审核零不符合项", 0)]


def _user(employee: Employee, role: Role, account_id: uuid.UUID | None) -> Actor:
    return Actor.user(tenant_id=employee.tenant_id, account_id=account_id or uuid.uuid5(employee.id, "demo"),
                      employee_id=employee.id, role=role, label=employee.name)


async def seed_recognition(system: Actor, *, star_email: str, manager_email: str) -> None:
    """Values, badges and rules first; then history month by month, oldest first."""
    await defaults.install_defaults(system)
    await install_default_rules(system)
    star = await Employee.of(system).get(email=star_email)
    boss = await Employee.of(system).get(email=manager_email)
    accounts = {a.employee_id: a for a in await UserAccount.of(system).all()}
    team = [e for e in await Employee.of(system).filter(manager_id=boss.id).order_by("employee_number") if e.id != star.id]
    others = await Employee.of(system).exclude(id__in=[star.id, boss.id]).order_by("employee_number").limit(80)
    value_ids = [v.id for v in await CompanyValue.of(system).order_by("code")]
    grantable = [b for b in await Badge.of(system).filter(code__in=["team-player", "customer-first", "mentor"]).order_by("code")]
    rng = random.Random(7)
    manager = _user(boss, Role.MANAGER, getattr(accounts.get(boss.id), "id", None))
    today = clock.now().astimezone(ZONE)
    for months_ago in range(14, -1, -1):
        month = (today.replace(day=1) - timedelta(days=months_ago * 30)).replace(day=1, hour=10, minute=0, second=0, microsecond=0)
        for n in range(rng.randint(1, 3)):  # colleagues thank the star
            giver = rng.choice(team)
            await _at(month + timedelta(days=2 + n * 7), kudos.give_kudos(
                _user(giver, Role.EMPLOYEE, None), receiver_id=star.id, points=rng.choice([5, 10, 20]),
                message=rng.choice(THANKS)[0], client_key=f"demo-{giver.id}-{months_ago}-{n}",
                value_id=rng.choice(value_ids)))
        for n in range(6):  # and each other
            giver, receiver = rng.sample(others, 2)
            await _at(month + timedelta(days=3 + n * 4, hours=n), kudos.give_kudos(
                _user(giver, Role.EMPLOYEE, None), receiver_id=receiver.id, points=rng.choice([0, 5, 10]),
                message=rng.choice(THANKS)[0], client_key=f"demo-{giver.id}-{months_ago}-x{n}"))
        if months_ago % 2 == 0:
            await _at(month + timedelta(days=12), feedback.give_feedback(
                manager, receiver_id=star.id, kind=FeedbackKind.PRAISE, message=rng.choice(PRAISE),
                value_id=rng.choice(value_ids), is_public=True))
        if months_ago % 3 == 1 and grantable:
            await _at(month + timedelta(days=20), badge_grants.grant_badge(
                manager, employee_id=star.id, badge_id=grantable[months_ago % len(grantable)].id, message="一线之星"))
        if months_ago in (11, 6, 2):
            await _at(month + timedelta(days=25), _key_project(system, star, boss, PROJECTS[(months_ago // 4) % 3]))
    await _at(today - timedelta(days=9), feedback.give_feedback(
        manager, receiver_id=star.id, kind=FeedbackKind.COACHING,
        message="换刀前记得再核对一次刀补参数，这周有两次差点撞刀。"))


async def _key_project(system: Actor, star: Employee, boss: Employee, project: tuple[str, str, int]) -> None:
    title_en, title_zh, bonus = project
    source = uuid.uuid5(star.id, title_en)
    async with db.transaction():
        await ledger.award(system, employee_id=star.id, points=200, idempotency_key=f"demo-project:{source}",
                           memo=title_en, source_type="key_project", source_id=source)
        await record.record(system, record.Earned(
            employee_id=star.id, kind=AchievementKind.AWARD, title_en=f"Key project: {title_en}",
            title_zh=f"重点项目：{title_zh}", points=200, source_type="key_project", source_id=source,
            given_by_id=boss.id))
        if bonus:
            await record.record(system, record.Earned(
                employee_id=star.id, kind=AchievementKind.BONUS, title_en=f"Project bonus: {title_en}",
                title_zh=f"项目奖金：{title_zh}", amount_minor=bonus, source_type="key_project", source_id=source,
                given_by_id=boss.id))


async def _at(moment: datetime, work: Awaitable[object]) -> None:
    """Runs a use case (a coroutine not yet started) as if it were `moment`, never in the future."""
    with clock.frozen_at(min(moment, clock.now() - timedelta(minutes=5))):
        await work
