"""Badge definitions (HR) and grants (managers for their team, HR for anyone), with monthly caps."""
from __future__ import annotations

import pytest

from backend.achievements import badges
from backend.achievements.models import AchievementKind, BadgeGranter
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, LimitExceeded, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.recognition import badges as grants
from backend.recognition import defaults
from tests.factories.org import make_company


async def _badge(company, **overrides):  # type: ignore[no-untyped-def]
    values = {"code": "mentor", "name_en": "Mentor", "name_zh": "导师", "criteria_en": "Coached a newcomer",
              "criteria_zh": "带教新人", "icon": "🧭", "level": 2, "granted_by": BadgeGranter.MANAGER, "monthly_cap": None}
    values.update(overrides)
    return await badges.create_badge(company.hr.actor, **values)


async def test_a_manager_grants_a_badge_to_their_report(db):
    # given
    company = await make_company()
    badge = await _badge(company)
    # when
    item = await grants.grant_badge(company.manager.actor, employee_id=company.employee.employee.id, badge_id=badge.id,
                                    message="Brought Wang up to speed in two weeks")
    # then it is on the wall, notified, and recorded as an event
    assert (item.kind, item.badge_id, item.title_zh) == (AchievementKind.BADGE, badge.id, "导师")
    assert await Notification.of(company.system).filter(recipient_id=company.employee.employee.id).count() == 1
    event = await OutboxEvent.get(type="recognition.badge_granted")
    assert event.payload["badge_code"] == "mentor"


async def test_the_monthly_cap_stops_the_next_grant(db):
    # given a badge that may be granted once a month, granted once
    company = await make_company()
    badge = await _badge(company, monthly_cap=1)
    await grants.grant_badge(company.manager.actor, employee_id=company.employee.employee.id, badge_id=badge.id)
    # when / then
    with pytest.raises(LimitExceeded):
        await grants.grant_badge(company.hr.actor, employee_id=company.peer.employee.id, badge_id=badge.id)


async def test_hr_only_and_rules_only_badges_refuse_managers(db):
    # given
    company = await make_company()
    hr_only = await _badge(company, code="innovator", granted_by=BadgeGranter.HR)
    rules_only = await _badge(company, code="loyal-5", granted_by=BadgeGranter.RULES)
    # when / then
    with pytest.raises(Forbidden):
        await grants.grant_badge(company.manager.actor, employee_id=company.employee.employee.id, badge_id=hr_only.id)
    with pytest.raises(Forbidden):
        await grants.grant_badge(company.hr.actor, employee_id=company.employee.employee.id, badge_id=rules_only.id)
    await grants.grant_badge(company.hr.actor, employee_id=company.employee.employee.id, badge_id=hr_only.id)


async def test_employees_cannot_grant_badges(db):
    # given
    company = await make_company()
    badge = await _badge(company)
    # when / then
    with pytest.raises(Forbidden):
        await grants.grant_badge(company.employee.actor, employee_id=company.peer.employee.id, badge_id=badge.id)


async def test_badge_definitions_are_validated_and_codes_unique(db):
    # given
    company = await make_company()
    await _badge(company)
    # when / then
    with pytest.raises(Conflict):
        await _badge(company)
    with pytest.raises(ValidationFailed) as err:
        await _badge(company, code="Bad Code!")
    assert err.value.field == "code"
    with pytest.raises(ValidationFailed) as err:
        await _badge(company, code="ok", level=4)
    assert err.value.field == "level"
    with pytest.raises(Forbidden):
        await badges.create_badge(company.manager.actor, code="x", name_en="X", name_zh="X", criteria_en="X",
                                  criteria_zh="X", icon="X")


async def test_editing_a_badge_is_audited_and_retiring_stops_grants(db):
    # given
    company = await make_company()
    badge = await _badge(company)
    # when HR retires it
    await badges.update_badge(company.hr.actor, badge.id, name_en="Mentor", name_zh="导师", criteria_en="Coached a newcomer",
                              criteria_zh="带教新人", icon="🧭", level=2, granted_by=BadgeGranter.MANAGER,
                              monthly_cap=None, active=False)
    # then it is audited and cannot be granted
    entry = await AuditEntry.of(company.system).get(action="badge.updated")
    assert entry.after == {"active": False}
    with pytest.raises(ValidationFailed):
        await grants.grant_badge(company.manager.actor, employee_id=company.employee.employee.id, badge_id=badge.id)


async def test_defaults_install_once(db):
    # given
    company = await make_company()
    # when installed twice
    await defaults.install_defaults(company.system)
    await defaults.install_defaults(company.system)
    # then each default exists once
    assert len(await badges.list_badges(company.hr.actor)) == len(defaults.BADGES)
