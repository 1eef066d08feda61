"""The demo company's community feed over the last four weeks, made through the real use cases at
frozen past moments: warm moments, tech sharing, an HR announcement, recognition posts from the
public praise already seeded, reactions, comment threads with @mentions, and one post HR pinned and
rewarded. Deterministic; runs after recognition (it reads the praise) and the people."""
from __future__ import annotations

import random
import uuid
from collections.abc import Awaitable
from datetime import datetime, timedelta
from typing import TypeVar

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.access.permissions import Role
from backend.achievements.models import Badge
from backend.community import comments, pinning, posts, reactions, recognition_posts
from backend.community.models import Post, PostCategory, ReactionKind
from backend.core import clock
from backend.org.models import Employee, EmployeeStatus
from backend.recognition.models import Feedback, FeedbackKind

WARM = [
    "周五下班一起吃火锅，三号线的兄弟们都来！🍲 Hotpot after work on Friday, Line 3 friends all welcome!",
    "今天食堂的红烧肉太香了 The braised pork in the canteen today was amazing",
    "恭喜质检组的小王当爸爸了！👶 Congratulations to Xiao Wang in QC on becoming a dad!",
    "周末爬了穹窿山，风景很好，下次一起？Hiked Qionglong Mountain this weekend, who joins next time?",
    "感谢夜班同事帮忙盯了一整晚的设备 Thanks to the night shift for watching the machines all night",
    "篮球赛二号线 56:48 赢了研发部！🏀 Line 2 beat R&D 56:48 at basketball!",
    "新来的同事第一天就把 5S 做得很好，欢迎！A warm welcome to our new colleague, great 5S on day one!",
    "中秋月饼到了，前台领取 🥮 Mooncakes have arrived, pick them up at reception",
    "今天是入职三周年，谢谢大家一路的帮助 Three years here today, thank you all for the help",
    "车间新装的风扇终于不热了 The new fans in the workshop finally keep it cool",
    "谁捡到一把蓝色雨伞？放在一号门保安室了 Found a blue umbrella, it's at the Gate 1 guard room",
    "羽毛球俱乐部周三晚上七点体育馆见 Badminton club: Wednesday 7 pm at the gym",
    "二号线的绿萝终于开花了 🌱 The plants on Line 2 finally bloomed",
    "献血车明天在停车场，一起去 The blood donation bus is in the car park tomorrow, let's go",
    "销售部拿下了年度最大订单，晚上加鸡腿！Sales landed the year's biggest order, extra drumsticks tonight!",
    "宿舍楼热水修好了，感谢后勤 Dorm hot water is fixed, thanks to facilities",
]
TECH = [
    "分享：用 SPC 控制图提前发现刀具磨损，废品率降了 30%。Using SPC charts to catch tool wear early cut scrap by 30%.",
    "数控换型 SMED 小技巧：夹具预调放到线外做，换型时间从 40 分钟降到 18 分钟。SMED tip: preset fixtures offline.",
    "Python 脚本自动汇总设备 OEE，每天省一小时手工统计。A Python script now sums up OEE daily, saving an hour.",
    "主轴异响排查记录：轴承预紧力不足，附检查清单。Spindle noise root cause: bearing preload; checklist inside.",
    "Git 入门分享会的讲义放在共享盘了 Slides from the Git basics session are on the shared drive",
    "如何读懂 GD&T 位置度公差（图解）How to read GD&T position tolerances, illustrated",
    "新的扭矩扳手校准流程，大家注意第 3 步 New torque wrench calibration steps, mind step 3",
    "用 Excel Power Query 合并三条线的日报 Merging three lines' daily reports with Power Query",
    "防错（Poka-yoke）案例：装配工位加了定位销，漏装归零 Poka-yoke: a locating pin ended missed parts",
    "三坐标测量机的测头校准，十分钟看懂 CMM probe calibration in ten minutes",
]
T = TypeVar("T")
ANNOUNCEMENT = ("📢 本周六上午 9 点消防演练，请各部门准时到一号门集合。Fire drill this Saturday 9 am; "
                "all departments gather at Gate 1 on time.")
REPLIES = ["算我一个！Count me in!", "太实用了，谢谢分享 Very useful, thanks", "👍👍", "学到了 Learned something",
           "下次叫上我 Call me next time", "恭喜恭喜！Congratulations!", "已收藏 Saved it"]


async def seed_community_feed(system: Actor, *, hr_email: str, manager_email: str, star_email: str) -> int:
    """Returns how many posts the feed has afterwards."""
    rng = random.Random(11)
    accounts = {a.employee_id: a for a in await UserAccount.of(system).all()}
    people = await Employee.of(system).filter(status=EmployeeStatus.ACTIVE).order_by("employee_number").limit(60)
    hr, boss, star = [await Employee.of(system).get(email=e) for e in (hr_email, manager_email, star_email)]
    actors = {e.id: _user(e, accounts.get(e.id)) for e in [*people, hr, boss, star]}
    crowd = [e for e in people if e.id not in (hr.id,)]
    now = clock.now()
    made: list[Post] = []
    texts = [(PostCategory.WARM_MOMENT, t) for t in WARM] + [(PostCategory.TECH_SHARING, t) for t in TECH]
    rng.shuffle(texts)
    for n, (category, text) in enumerate(texts):
        author = star if n in (3, 11) else rng.choice(crowd)
        moment = now - timedelta(days=27 - n * 0.9, hours=rng.randint(0, 8))
        others = [e.id for e in rng.sample(crowd, 2) if e.id != author.id]
        made.append(await _at(moment, posts.create_post(actors[author.id], posts.PostDraft(
            category=category, body=text, mention_ids=others[:1] if n % 4 == 0 else []))))
    made.append(await _at(now - timedelta(days=2), posts.create_post(actors[hr.id], posts.PostDraft(
        category=PostCategory.ANNOUNCEMENT, body=ANNOUNCEMENT))))
    for praise in await Feedback.of(system).filter(kind=FeedbackKind.PRAISE, is_public=True, created_at__gte=now - timedelta(
            days=120)).order_by("created_at"):
        await recognition_posts.post_for_feedback(system, praise)
    for n, post in enumerate(made):
        await _liven(rng, post, crowd, actors, now, thread=n % 3 != 1)
    await _pin(system, made, actors[hr.id], star)
    return await Post.of(system).count()


async def _liven(rng: random.Random, post: Post, crowd: list[Employee], actors: dict[uuid.UUID, Actor],
                 now: datetime, *, thread: bool) -> None:
    later = min(post.created_at + timedelta(hours=2), now - timedelta(minutes=10))
    for person in rng.sample(crowd, rng.randint(2, 14)):
        kind = rng.choice([ReactionKind.LIKE, ReactionKind.LIKE, ReactionKind.CLAP, ReactionKind.LOVE, ReactionKind.LAUGH])
        await _at(later, reactions.react(actors[person.id], post.id, kind, on=True))
    if not thread:
        return
    first, second = rng.sample(crowd, 2)
    top = await _at(later, comments.add_comment(actors[first.id], post.id, rng.choice(REPLIES)))
    if rng.random() < 0.6 and post.author_id in actors:
        await _at(later + timedelta(minutes=20), comments.add_comment(
            actors[post.author_id], post.id, "谢谢！Thanks!", parent_id=top.id, mention_ids=[first.id]))
    await _at(later + timedelta(minutes=40), comments.add_comment(actors[second.id], post.id, rng.choice(REPLIES)))


async def _pin(system: Actor, made: list[Post], hr: Actor, star: Employee) -> None:
    """HR pins the star's tech-sharing post and rewards it with points and, if offered, a badge."""
    chosen = next((p for p in made if p.author_id == star.id and p.category == PostCategory.TECH_SHARING),
                  next(p for p in made if p.author_id == star.id))
    badge = await Badge.of(system).get_or_none(code="team-player", active=True)
    reward = pinning.RewardDraft(points=100, badge_code=badge.code if badge else None,
                                 note="经验很有价值，感谢分享！Valuable know-how, thank you for sharing!")
    await _at(chosen.created_at + timedelta(hours=5), pinning.pin_post(hr, chosen.id, pinned=True, reward=reward))


def _user(employee: Employee, account: UserAccount | None) -> Actor:
    return Actor.user(tenant_id=employee.tenant_id, account_id=account.id if account else uuid.uuid5(employee.id, "demo"),
                      employee_id=employee.id, role=account.role if account else Role.EMPLOYEE, label=employee.name)


async def _at(moment: datetime, work: Awaitable[T]) -> T:
    """Runs a use case (a coroutine not yet started) as if it were `moment`, never in the future."""
    with clock.frozen_at(min(moment, clock.now() - timedelta(minutes=5))):
        return await work
