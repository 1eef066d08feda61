"""Firing: drained events fire active rules exactly once per (rule, event, recipient), under
retries and concurrency, and every award lands with the firing or not at all."""
from __future__ import annotations

import asyncio

import pytest

from backend import event_handlers
from backend.achievements.models import Achievement, AchievementKind, BonusLine
from backend.notifications.models import Notification
from backend.org import people
from backend.org.events import BirthdayToday
from backend.rules import firing, handlers
from backend.rules.catalogue import TRIGGERS
from backend.rules.models import RuleFiring
from tests.backend.rules.support import VALUE_PRAISE, feedback, kudos, make_badge, make_rule, record_event, wallet
from tests.factories.org import make_company

LETTER = {"en": "Dear {name}, thank you! ({rule})", "zh": "亲爱的{name}，谢谢你！（{rule}）"}


@pytest.fixture
def rule_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_handlers, "HANDLERS", {**event_handlers.HANDLERS, **handlers.RULE_HANDLERS})


async def test_a_drained_kudos_event_fires_the_rule_once(db, rule_handlers):
    # given an active rule and a kudos recorded by a use case
    company = await make_company()
    rule = await make_rule(company.hr.actor, awards={"points": 20})
    await record_event(company.system, kudos(company.peer, company.employee))
    # when the outbox is drained
    handled = await event_handlers.drain()
    # then the receiver's wallet grew, with one firing, one award on the wall and one notification
    receiver = company.employee.employee.id
    assert handled == 1
    assert await wallet(company.system, receiver) == 20
    firing_row = await RuleFiring.get(rule_id=rule.id)
    assert firing_row.recipient_id == receiver
    award = await Achievement.get(employee_id=receiver, kind=AchievementKind.AWARD)
    assert (award.points, award.source_type, award.source_id) == (20, "rule_firing", firing_row.id)
    note = await Notification.get(recipient_id=receiver)
    assert (note.title_en, note.title_zh) == ("You earned 20 points: Kudos bonus", "你获得了 20 积分：Kudos bonus")


async def test_the_same_event_handed_over_twice_fires_once(db):
    # given
    company = await make_company()
    await make_rule(company.hr.actor, awards={"points": 20})
    event = await record_event(company.system, kudos(company.peer, company.employee))
    # when delivered twice (at least once delivery)
    first = await firing.on_event(company.system, event)
    second = await firing.on_event(company.system, event)
    # then
    assert (first, second) == (1, 0)
    assert await wallet(company.system, company.employee.employee.id) == 20
    assert await RuleFiring.all().count() == 1
    assert await Achievement.all().count() == 1
    assert await Notification.all().count() == 1


async def test_concurrent_deliveries_of_one_event_fire_once(db):
    # given
    company = await make_company()
    await make_rule(company.hr.actor, awards={"points": 20, "praise_letter": LETTER})
    event = await record_event(company.system, kudos(company.peer, company.employee))
    # when two drains hand it over at the same time (a real race on PostgreSQL)
    made = await asyncio.gather(*(firing.on_event(company.system, event) for _ in range(2)))
    # then
    assert sorted(made) == [0, 1]
    assert await wallet(company.system, company.employee.employee.id) == 20
    assert await RuleFiring.all().count() == 1
    assert await Achievement.all().count() == 1
    assert await Notification.all().count() == 1


async def test_each_matching_rule_fires_for_its_own_recipient(db):
    # given two rules on one trigger, one whose condition does not hold, and an inactive one
    company = await make_company()
    await make_rule(company.hr.actor, name="Any kudos", awards={"points": 5})
    await make_rule(company.hr.actor, name="Big kudos", awards={"points": 50},
                    conditions={"field": "points", "op": "gte", "value": 100})
    await make_rule(company.hr.actor, name="Off", awards={"points": 500}, active=False)
    event = await record_event(company.system, kudos(company.peer, company.employee, points=10))
    # when
    made = await firing.on_event(company.system, event)
    # then
    assert made == 1
    assert await wallet(company.system, company.employee.employee.id) == 5


async def test_another_organisations_rules_do_not_fire(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    await make_rule(theirs.hr.actor, awards={"points": 20})
    event = await record_event(ours.system, kudos(ours.peer, ours.employee))
    # when
    made = await firing.on_event(ours.system, event)
    # then
    assert made == 0
    assert await RuleFiring.all().count() == 0


async def test_people_who_left_get_nothing(db):
    # given
    company = await make_company()
    await make_rule(company.hr.actor, awards={"points": 20})
    event = await record_event(company.system, kudos(company.peer, company.employee))
    await people.deactivate_employee(company.hr.actor, company.employee.employee.id)
    # when
    made = await firing.on_event(company.system, event)
    # then
    assert made == 0
    assert await wallet(company.system, company.employee.employee.id) == 0
    assert await RuleFiring.all().count() == 0
    assert await Notification.all().count() == 0


async def test_a_badge_over_its_monthly_cap_is_skipped_and_noted(db):
    # given a badge that may be granted once a month, and a rule giving it with points
    company = await make_company()
    badge = await make_badge(company.system, "team-player", monthly_cap=1)
    rule = await make_rule(company.hr.actor, awards={"points": 5, "badge_code": "team-player"})
    # when two people are rewarded this month
    await firing.on_event(company.system, await record_event(company.system, kudos(company.peer, company.employee)))
    await firing.on_event(company.system, await record_event(company.system, kudos(company.employee, company.peer)))
    # then the first got the badge, the second the points only, and the firing says why
    assert await Achievement.filter(badge_id=badge.id).values_list("employee_id", flat=True) == [company.employee.employee.id]
    second = await RuleFiring.get(rule_id=rule.id, recipient_id=company.peer.employee.id)
    assert second.awards["badge_skipped"] == "monthly_cap"
    assert "badge_skipped" not in (await RuleFiring.get(recipient_id=company.employee.employee.id)).awards
    assert await wallet(company.system, company.peer.employee.id) == 5


async def test_a_praise_letter_is_rendered_for_the_recipient_and_announce_makes_it_public(db):
    # given
    company = await make_company()
    await make_rule(company.hr.actor, name="Value hero", trigger="feedback_received", conditions=VALUE_PRAISE,
                    awards={"points": 20, "praise_letter": LETTER, "announce": True})
    event = await record_event(company.system, feedback(company.manager, company.employee))
    # when
    await firing.on_event(company.system, event)
    # then the wall shows the letter in the recipient's language (zh-CN by default)
    award = await Achievement.get(employee_id=company.employee.employee.id, kind=AchievementKind.AWARD)
    assert award.detail == f"亲爱的{company.employee.employee.name}，谢谢你！（Value hero）"
    assert award.is_public is True
    note = await Notification.get(recipient_id=company.employee.employee.id)
    assert f"Dear {company.employee.employee.name}, thank you! (Value hero)" in note.body_en


async def test_an_unannounced_award_stays_private(db):
    # given
    company = await make_company()
    await make_rule(company.hr.actor, awards={"points": 20})
    # when
    await firing.on_event(company.system, await record_event(company.system, kudos(company.peer, company.employee)))
    # then
    assert (await Achievement.get(kind=AchievementKind.AWARD)).is_public is False


async def test_a_bonus_becomes_a_private_wall_item_and_a_bonus_line(db):
    # given a birthday rule paying ¥88.00
    company = await make_company()
    await make_rule(company.hr.actor, trigger="birthday", awards={"bonus_minor": 8800})
    event = await record_event(company.system, BirthdayToday(employee_id=str(company.employee.employee.id),
                                                             date="2026-05-17"))
    # when
    await firing.on_event(company.system, event)
    # then
    firing_row = await RuleFiring.get()
    bonus = await Achievement.get(kind=AchievementKind.BONUS)
    assert (bonus.amount_minor, bonus.is_public, bonus.source_id) == (8800, False, firing_row.id)
    line = await BonusLine.get(employee_id=company.employee.employee.id)
    assert (line.amount_minor, line.source_id) == (8800, firing_row.id)
    assert "88.00 CNY" in (await Notification.get()).body_en
    assert await wallet(company.system, company.employee.employee.id) == 0


def test_every_trigger_event_type_is_handled_by_the_rules_engine():
    # when / then
    assert set(handlers.RULE_HANDLERS) == {t.event_type for t in TRIGGERS.values()}
    assert all(hs == [firing.handle_event] for hs in handlers.RULE_HANDLERS.values())
