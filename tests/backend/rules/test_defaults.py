"""The starter rules: installed once, active, and firing as their names say."""
from __future__ import annotations

import pytest

from backend.achievements.models import Achievement, AchievementKind
from backend.core.errors import ValidationFailed
from backend.org.events import WorkAnniversaryToday
from backend.rules import defaults, firing
from backend.rules.models import Rule
from tests.backend.rules.support import feedback, make_badge, record_event, wallet
from tests.factories.org import make_company


async def test_default_rules_are_installed_active_and_only_once(db):
    # given the badge the defaults use
    company = await make_company()
    await make_badge(company.system, "loyal-5")
    # when installed twice
    first = await defaults.install_default_rules(company.system)
    second = await defaults.install_default_rules(company.system)
    # then
    assert len(first) == len(defaults.DEFAULT_RULES) and second == []
    assert await Rule.filter(active=True).count() == len(defaults.DEFAULT_RULES)
    assert {r.trigger for r in first} == {"kudos_received", "feedback_received", "birthday", "work_anniversary"}


async def test_installing_without_the_loyalty_badge_names_the_missing_badge(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await defaults.install_default_rules(company.system)
    assert raised.value.field == "awards.badgeCode"


async def test_praise_tied_to_a_value_earns_twenty_points_and_coaching_nothing(db):
    # given
    company = await make_company()
    await make_badge(company.system, "loyal-5")
    await defaults.install_default_rules(company.system)
    # when
    await firing.on_event(company.system, await record_event(company.system, feedback(company.manager, company.employee)))
    await firing.on_event(company.system, await record_event(
        company.system, feedback(company.manager, company.peer, kind="coaching")))
    # then
    assert await wallet(company.system, company.employee.employee.id) == 20
    assert await wallet(company.system, company.peer.employee.id) == 0


async def test_a_fifth_work_anniversary_earns_points_and_the_loyalty_badge(db):
    # given
    company = await make_company()
    badge = await make_badge(company.system, "loyal-5")
    await defaults.install_default_rules(company.system)
    person = company.employee.employee
    # when
    made = await firing.on_event(company.system, await record_event(
        company.system, WorkAnniversaryToday(employee_id=str(person.id), date="2027-03-01", years=5)))
    # then
    assert made == 2
    assert await wallet(company.system, person.id) == 100
    assert await Achievement.filter(employee_id=person.id, kind=AchievementKind.BADGE, badge_id=badge.id).count() == 1
