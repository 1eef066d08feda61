"""The demo company's polls, suggestion box and tech talks, made through the real use cases at frozen past
moments: an open poll (火锅还是烧烤？) and a closed one with results; suggestions in every state, one of
them anonymous, implemented and rewarded on the board, one overdue (reminded and escalated by the clock);
an upcoming talk with sign-ups and a held one with ratings. Deterministic; runs after the people."""
from __future__ import annotations

import random
import uuid
from collections.abc import Awaitable
from datetime import datetime, timedelta
from typing import TypeVar

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.access.permissions import Role
from backend.community import polls, suggestion_clock, suggestions, talk_attendance, talks
from backend.community.models import PollOption, ResultsVisibility
from backend.core import clock
from backend.org.models import Employee, EmployeeStatus

T = TypeVar("T")
SUGGESTIONS = [  # (title, body, anonymous, days ago, state)
    ("食堂增加素食窗口 A vegetarian counter in the canteen", "每天有不少同事只吃素，希望增加一个窗口。", False, 20, "implemented"),
    ("夜班休息室加装空调 Air conditioning in the night-shift rest room", "夏天夜班休息室太热，影响休息。", True, 16, "rewarded"),
    ("停车场划分电动车充电位 EV charging spots in the car park", "越来越多同事开电动车上班。", False, 12, "accepted"),
    ("每周五下午提前一小时下班 Leave an hour early on Fridays", "提高周五士气。", True, 9, "declined"),
    ("工位配置双显示器 Two monitors per engineering desk", "画图和查资料同时进行效率更高。", False, 5, "answered"),
    ("更衣柜增加到每人一个 One locker per person", "现在两人共用一个更衣柜，不方便。", True, 1.25, "overdue"),
    ("班车增加 18:30 一班 An 18:30 shuttle bus", "加班到六点多没有班车。", False, 0.1, "received"),
]


async def seed_community_social(system: Actor, *, hr_email: str, manager_email: str, star_email: str) -> None:
    rng = random.Random(23)
    accounts = {a.employee_id: a for a in await UserAccount.of(system).all()}
    people = await Employee.of(system).filter(status=EmployeeStatus.ACTIVE).order_by("employee_number").limit(40)
    hr, boss, star = [await Employee.of(system).get(email=e) for e in (hr_email, manager_email, star_email)]
    actors = {e.id: _user(e, accounts.get(e.id)) for e in [*people, hr, boss, star]}
    crowd = [e for e in people if e.id not in (hr.id, star.id)]
    now = clock.now()
    await _polls(rng, actors, crowd, hr, boss, now)
    await _suggestions(actors, crowd, hr, now)
    await suggestion_clock.run(system)  # the overdue one is reminded and escalated now
    await _talks(rng, actors, crowd, hr, star, now)


async def _polls(rng: random.Random, actors: dict[uuid.UUID, Actor], crowd: list[Employee], hr: Employee,
                 boss: Employee, now: datetime) -> None:
    start = now - timedelta(days=1)
    open_poll = await _at(start, polls.create_poll(actors[hr.id], polls.PollDraft(
        question="火锅还是烧烤？Hotpot or barbecue this month?", options=["火锅 Hotpot", "烧烤 Barbecue", "都行 Either"],
        closes_at=now + timedelta(days=4), body="本月团建吃什么？投票周五截止。What's for this month's team dinner? "
                                                "Voting closes Friday.")))
    await _ballots(rng, open_poll.id, actors, crowd[:18], start + timedelta(hours=2), multiple=False)
    past = now - timedelta(days=14)
    closed_poll = await _at(past, polls.create_poll(actors[boss.id], polls.PollDraft(
        question="春游去哪里？Where to for the spring outing?", options=["太湖 Lake Tai", "拙政园 Humble Administrator's Garden",
                                                                    "阳澄湖 Yangcheng Lake"],
        closes_at=past + timedelta(days=5), multiple=True, max_choices=2,
        results_visibility=ResultsVisibility.AFTER_CLOSE)))
    await _ballots(rng, closed_poll.id, actors, crowd[5:32], past + timedelta(hours=3), multiple=True)
    await polls.mark_due_closed(actors[hr.id])


async def _ballots(rng: random.Random, poll_id: uuid.UUID, actors: dict[uuid.UUID, Actor], voters: list[Employee],
                   moment: datetime, *, multiple: bool) -> None:
    options = [o.id for o in await PollOption.of(actors[voters[0].id]).filter(poll_id=poll_id).order_by("position")]
    for voter in voters:
        chosen = rng.sample(options, rng.randint(1, 2)) if multiple else [rng.choices(options, weights=[5, 3, 1])[0]]
        await _at(moment, polls.vote(actors[voter.id], poll_id, chosen))


async def _suggestions(actors: dict[uuid.UUID, Actor], crowd: list[Employee], hr: Employee, now: datetime) -> None:
    me = actors[hr.id]
    for n, (title, body, anonymous, days, state) in enumerate(SUGGESTIONS):
        made_at = now - timedelta(days=days)
        s = await _at(made_at, suggestions.submit(actors[crowd[n * 3].id], title=title, body=body, anonymous=anonymous))
        if state in ("received", "overdue"):
            continue
        late = timedelta(hours=30 if n == 2 else 6)  # one was answered late
        await _at(made_at + late, suggestions.answer(me, s.id, "收到，我们会认真评估。Thanks, we will look into it."))
        if state == "answered":
            continue
        await _at(made_at + late + timedelta(days=1), suggestions.decide(
            me, s.id, accept=state != "declined", note="" if state != "declined" else "暂不调整工时。Hours stay as they are."))
        if state in ("implemented", "rewarded"):
            outcome = ("已开设素食窗口，每天 11:30–13:00。The vegetarian counter opens 11:30–13:00 daily."
                       if state == "implemented" else "夜班休息室已装两台空调。Two air conditioners installed in the rest room.")
            await _at(made_at + timedelta(days=6), suggestions.implement(
                me, s.id, outcome=outcome, reward_points=200 if state == "rewarded" else 0))


async def _talks(rng: random.Random, actors: dict[uuid.UUID, Actor], crowd: list[Employee], hr: Employee,
                 star: Employee, now: datetime) -> None:
    planned = now - timedelta(days=12)
    start = (now - timedelta(days=7)).replace(hour=7, minute=0, second=0, microsecond=0)  # 15:00 in Shanghai
    held = await _at(planned, talks.schedule(actors[hr.id], talks.TalkDraft(
        topic="SPC 控制图实战 SPC charts in practice", starts_at=start, ends_at=start + timedelta(hours=1), capacity=30,
        location="二楼培训室 2F Training Room", speaker_id=star.id,
        description="用控制图提前发现刀具磨损。Catching tool wear early with control charts.")))
    listeners = crowd[:14]
    for person in listeners:
        await _at(planned + timedelta(hours=2), talks.sign_up(actors[person.id], held.id))
    for person in listeners[:11]:
        await _at(start + timedelta(minutes=rng.randint(-20, 10)), talk_attendance.check_in(actors[person.id], held.door_code))
    await _at(start + timedelta(minutes=15), talk_attendance.record_attendance(actors[star.id], held.id, [crowd[20].id]))
    await _at(start + timedelta(hours=1), talk_attendance.complete(actors[star.id], held.id))
    for person in listeners[:9]:
        await _at(start + timedelta(hours=2), talks.rate(actors[person.id], held.id, rng.choice([4, 5, 5, 3, 5])))
    upcoming = (now + timedelta(days=3)).replace(hour=7, minute=30, second=0, microsecond=0)
    next_talk = await _at(now - timedelta(days=1), talks.schedule(actors[star.id], talks.TalkDraft(
        topic="用 Python 自动汇总 OEE Automating OEE reports with Python", starts_at=upcoming,
        ends_at=upcoming + timedelta(minutes=90), capacity=20, location="三楼会议室 3F Meeting Room",
        link="https://meeting.example.cn/oee")))
    for person in crowd[14:26]:
        await _at(now - timedelta(hours=20), talks.sign_up(actors[person.id], next_talk.id))


def _user(employee: Employee, account: UserAccount | None) -> Actor:
    return Actor.user(tenant_id=employee.tenant_id, account_id=account.id if account else uuid.uuid5(employee.id, "demo"),
                      employee_id=employee.id, role=account.role if account else Role.EMPLOYEE, label=employee.name)


async def _at(moment: datetime, work: Awaitable[T]) -> T:
    """Runs a use case (a coroutine not yet started) as if it were `moment`, never in the future."""
    with clock.frozen_at(min(moment, clock.now() - timedelta(minutes=5))):
        return await work
