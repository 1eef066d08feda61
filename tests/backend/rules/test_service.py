"""Managing rules: validation per field, RULES_MANAGE only, organisation-scoped, audited."""
from __future__ import annotations

import uuid

import pytest

from backend.achievements import badges
from backend.achievements.models import BadgeGranter
from backend.audit.models import AuditEntry
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.rules import service
from backend.rules.models import Rule, RuleFiring
from tests.backend.rules.support import VALUE_PRAISE, make_badge, make_rule
from tests.factories.org import make_company


async def test_create_rule_stores_the_normalised_definition_inactive_and_audits_it(db):
    # given
    company = await make_company()
    # when
    rule = await service.create_rule(company.hr.actor, name="  Value praise  ", trigger="feedback_received",
                                     conditions=VALUE_PRAISE, awards={"points": 20, "badge_code": None})
    # then
    stored = await Rule.get(id=rule.id)
    assert (stored.name, stored.trigger, stored.conditions, stored.active) == (
        "Value praise", "feedback_received", VALUE_PRAISE, False)
    assert stored.awards == {"points": 20, "badge_code": None, "bonus_minor": 0, "praise_letter": None, "announce": False}
    entry = await AuditEntry.get(entity_type="rule", entity_id=str(rule.id))
    assert entry.action == "rule.created"
    assert entry.actor_employee_id == company.hr.employee.id
    assert entry.after is not None and entry.after["trigger"] == "feedback_received"


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": "  "}, "name"),
    ({"name": "x" * 121}, "name"),
    ({"trigger": "okr_completed"}, "trigger"),
    ({"conditions": {"all": [{"field": "giver_id", "op": "eq", "value": "x"}]}}, "conditions.all[0].field"),
    ({"awards": {"points": 10_001}}, "awards.points"),
    ({"awards": {}}, "awards"),
    ({"awards": {"badge_code": "no-such-badge"}}, "awards.badgeCode"),
])
async def test_create_rule_refuses_an_invalid_field(db, changes, field):
    # given
    company = await make_company()
    values = {"name": "Kudos bonus", "trigger": "kudos_received", "conditions": None, "awards": {"points": 5}, **changes}
    # when
    with pytest.raises(ValidationFailed) as raised:
        await service.create_rule(company.hr.actor, **values)
    # then
    assert raised.value.field == field
    assert await Rule.all().count() == 0


async def test_a_deactivated_badge_cannot_be_awarded(db):
    # given
    company = await make_company()
    badge = await make_badge(company.system, "mentor")
    await badges.update_badge(company.system, badge.id, name_en="Mentor", name_zh="导师", criteria_en="Teaches.",
                              criteria_zh="教人。", icon="🎓", level=1, granted_by=BadgeGranter.RULES, monthly_cap=None,
                              active=False)
    # when
    with pytest.raises(ValidationFailed) as raised:
        await make_rule(company.hr.actor, awards={"badge_code": "mentor"})
    # then
    assert raised.value.field == "awards.badgeCode"


@pytest.mark.parametrize("role", ["employee", "manager"])
async def test_only_rule_managers_create_rules(db, role):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await make_rule(getattr(company, role).actor)


@pytest.mark.parametrize("role", ["employee", "manager"])
async def test_only_rule_managers_read_rules(db, role):
    # given
    company = await make_company()
    rule = await make_rule(company.hr.actor)
    actor = getattr(company, role).actor
    # when / then
    with pytest.raises(Forbidden):
        await service.list_rules(actor)
    with pytest.raises(Forbidden):
        await service.get_rule(actor, rule.id)
    with pytest.raises(Forbidden):
        await service.set_rule_active(actor, rule.id, active=False)


async def test_another_organisations_rule_is_not_found(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    rule = await make_rule(theirs.hr.actor)
    # when / then
    with pytest.raises(NotFound):
        await service.get_rule(ours.hr.actor, rule.id)
    with pytest.raises(NotFound):
        await service.update_rule(ours.hr.actor, rule.id, name="Mine now", trigger="kudos_received", conditions=None,
                                  awards={"points": 1})
    with pytest.raises(NotFound):
        await service.set_rule_active(ours.hr.actor, rule.id, active=False)
    with pytest.raises(NotFound):
        await service.list_firings(ours.hr.actor, rule_id=rule.id)
    assert await service.list_rules(ours.hr.actor) == []


async def test_update_rule_replaces_the_definition_and_audits_only_what_changed(db):
    # given
    company = await make_company()
    rule = await make_rule(company.hr.actor, awards={"points": 20})
    # when
    updated = await service.update_rule(company.hr.actor, rule.id, name="Kudos bonus", trigger="kudos_received",
                                        conditions={"field": "points", "op": "gte", "value": 10}, awards={"points": 30})
    # then
    assert updated.awards["points"] == 30
    entry = await AuditEntry.get(entity_id=str(rule.id), action="rule.updated")
    assert entry.before is not None and entry.after is not None
    assert set(entry.before) == set(entry.after) == {"conditions", "awards"}
    assert (entry.before["awards"]["points"], entry.after["awards"]["points"]) == (20, 30)
    assert entry.before["conditions"] is None


async def test_activation_is_audited_once_per_change(db):
    # given
    company = await make_company()
    rule = await make_rule(company.hr.actor, active=False)
    # when activated twice and deactivated once
    await service.set_rule_active(company.hr.actor, rule.id, active=True)
    await service.set_rule_active(company.hr.actor, rule.id, active=True)
    await service.set_rule_active(company.hr.actor, rule.id, active=False)
    # then
    actions = await AuditEntry.filter(entity_id=str(rule.id)).order_by("at").values_list("action", flat=True)
    assert actions == ["rule.created", "rule.activated", "rule.deactivated"]
    assert (await Rule.get(id=rule.id)).active is False


async def test_activation_rechecks_that_the_badge_is_still_active(db):
    # given a saved, inactive rule whose badge was then deactivated
    company = await make_company()
    badge = await make_badge(company.system, "mentor")
    rule = await make_rule(company.hr.actor, awards={"badge_code": "mentor"}, active=False)
    await badges.update_badge(company.system, badge.id, name_en="Mentor", name_zh="导师", criteria_en="Teaches.",
                              criteria_zh="教人。", icon="🎓", level=1, granted_by=BadgeGranter.RULES, monthly_cap=None,
                              active=False)
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await service.set_rule_active(company.hr.actor, rule.id, active=True)
    assert raised.value.field == "awards.badgeCode"


async def test_firing_counts_come_in_the_order_asked_with_zeros(db):
    # given two rules, one fired twice
    company = await make_company()
    fired, quiet = await make_rule(company.hr.actor, name="A"), await make_rule(company.hr.actor, name="B")
    for _ in range(2):
        await RuleFiring.create_for(company.system, rule_id=fired.id, event_id=uuid.uuid4(),
                                    recipient_id=company.employee.employee.id, awards={}, fired_at=fired.created_at)
    # when
    counts = await service.firing_counts(company.hr.actor, [quiet.id, fired.id, uuid.uuid4()])
    # then
    assert counts == [0, 2, 0]


async def test_list_firings_pages_a_rules_firings_newest_first(db):
    # given
    company = await make_company()
    rule = await make_rule(company.hr.actor)
    for person in (company.employee, company.peer, company.manager):
        await RuleFiring.create_for(company.system, rule_id=rule.id, event_id=uuid.uuid4(),
                                    recipient_id=person.employee.id, awards={}, fired_at=rule.created_at)
    # when
    first = await service.list_firings(company.hr.actor, rule_id=rule.id, first=2)
    rest = await service.list_firings(company.hr.actor, rule_id=rule.id, first=2, after=first.end_cursor)
    # then
    assert (len(first.items), first.has_next, first.total_count) == (2, True, 3)
    assert len(rest.items) == 1 and not rest.has_next
    assert {f.id for f in first.items} | {f.id for f in rest.items} == {f.id for f in await RuleFiring.all()}
