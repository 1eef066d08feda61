"""The wall, the inbox and feedback cost a constant number of SQL statements however many items
they show (badges, givers and values come through DataLoaders)."""
from __future__ import annotations

import uuid

from backend.achievements import record
from backend.achievements.models import AchievementKind, Badge
from backend.notifications import service as notifications
from backend.recognition import defaults, feedback
from backend.recognition.models import CompanyValue, FeedbackKind
from schema.build import build_schema
from schema.context import Context
from tests.factories.org import Company, make_company, make_person

SCHEMA = build_schema()
WALL = """query { achievementWall { summaryEn totals { points counts { kind count } } employee { name }
  years { year quarters { quarter summaryZh items { titleEn points badge { nameEn icon } givenBy { name manager { name } } } } } } }"""
INBOX = "query { unreadNotificationCount notifications(first: 50) { totalCount edges { node { titleEn link readAt } } } }"
FEEDBACK = "query { myFeedback(first: 50) { edges { node { message giver { name } receiver { name } value { nameEn } } } } }"


async def _statements(counter, company: Company, query: str) -> int:  # type: ignore[no-untyped-def]
    before = counter.count
    result = await SCHEMA.execute(query, context_value=Context(request=None, response=None, actor=company.employee.actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    return counter.count - before


async def _recognise(company: Company, givers: list, n: int) -> None:  # type: ignore[type-arg]
    badge = await Badge.of(company.system).get(code="team-player")
    value = await CompanyValue.of(company.system).get(code="teamwork")
    for i in range(n):
        giver = givers[i % len(givers)]
        await record.record(company.system, record.Earned(
            employee_id=company.employee.employee.id, kind=AchievementKind.BADGE, title_en=f"Badge {i}", title_zh="徽章",
            source_type="test", source_id=uuid.uuid4(), badge_id=badge.id, given_by_id=giver.id))
        await notifications.notify(company.system, recipient_id=company.employee.employee.id, dedupe_key=f"n{i}",
                                   message=notifications.Message(kind="test", title_en=f"N {i}", title_zh="通知", link="/wall"))
        await feedback.give_feedback(company.manager.actor, receiver_id=company.employee.employee.id,
                                     kind=FeedbackKind.PRAISE, message=f"Praise {i}", value_id=value.id)


async def test_wall_inbox_and_feedback_cost_the_same_for_3_and_30_items(db, count_queries):
    # given a person with 3 items of each, then 30
    company = await make_company()
    await defaults.install_defaults(company.system)
    givers = [company.manager.employee] + [(await make_person(company.system, manager=company.owner.employee)).employee
                                           for _ in range(4)]
    await _recognise(company, givers, 3)
    small = [await _statements(count_queries, company, q) for q in (WALL, INBOX, FEEDBACK)]
    await _recognise(company, givers, 27)
    # when
    large = [await _statements(count_queries, company, q) for q in (WALL, INBOX, FEEDBACK)]
    # then
    print(f"wall/inbox/feedback statements: {small} for 3 items each, {large} for 30")
    assert small == large
