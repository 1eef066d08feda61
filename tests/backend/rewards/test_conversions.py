"""Conversion rules and converting pending bonus into remote or leave days."""
from __future__ import annotations

import uuid
from datetime import date

import pytest

from backend.achievements import record
from backend.achievements.models import BonusLine, BonusLineStatus
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Forbidden, LimitExceeded, NotFound, ValidationFailed
from backend.rewards import conversions
from backend.rewards.models import ConversionRule, ConversionUnit, Entitlement, EntitlementKind
from tests.backend.rewards.support import NOW, key
from tests.factories.org import make_company

YUAN_1000 = 100_000


async def _bonus(company, person, amount_minor: int) -> None:
    await record.add_bonus_line(company.system, employee_id=person.employee.id, amount_minor=amount_minor,
                                reason="Rule: key project", source_type="rule", source_id=uuid.uuid4())


async def _rule(company, to_unit=ConversionUnit.REMOTE_DAYS) -> ConversionRule:
    return await conversions.set_conversion_rule(company.hr.actor, from_unit=ConversionUnit.BONUS_MINOR,
                                                 from_amount=YUAN_1000, to_unit=to_unit, to_amount=1)


async def test_hr_sets_a_rule_and_it_is_audited(db):
    # given
    company = await make_company()
    # when
    rule = await _rule(company)
    # then
    assert (rule.from_unit, rule.from_amount, rule.to_unit, rule.to_amount, rule.active) == (
        ConversionUnit.BONUS_MINOR, YUAN_1000, ConversionUnit.REMOTE_DAYS, 1, True)
    assert await AuditEntry.filter(action="conversion_rule.set", entity_id=str(rule.id)).exists()


async def test_a_new_rate_for_the_same_pair_retires_the_old_one(db):
    # given
    company = await make_company()
    old = await _rule(company)
    # when
    new = await conversions.set_conversion_rule(company.hr.actor, from_unit=ConversionUnit.BONUS_MINOR,
                                                from_amount=80_000, to_unit=ConversionUnit.REMOTE_DAYS, to_amount=1)
    # then
    assert [r.id for r in await conversions.list_conversion_rules(company.employee.actor)] == [new.id]
    assert {r.id for r in await conversions.list_conversion_rules(company.hr.actor, include_inactive=True)} == {old.id, new.id}


@pytest.mark.parametrize(("values", "field"), [
    ({"from_unit": ConversionUnit.BONUS_MINOR, "from_amount": 0, "to_unit": ConversionUnit.REMOTE_DAYS, "to_amount": 1}, "fromAmount"),
    ({"from_unit": ConversionUnit.BONUS_MINOR, "from_amount": 1, "to_unit": ConversionUnit.REMOTE_DAYS, "to_amount": -1}, "toAmount"),
    ({"from_unit": ConversionUnit.POINTS, "from_amount": 1, "to_unit": ConversionUnit.POINTS, "to_amount": 1}, "toUnit"),
    ({"from_unit": "euros", "from_amount": 1, "to_unit": ConversionUnit.POINTS, "to_amount": 1}, "fromUnit"),
])
async def test_invalid_rules_are_refused(db, values, field):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await conversions.set_conversion_rule(company.hr.actor, **values)
    assert caught.value.field == field


async def test_only_hr_sets_rules(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await conversions.set_conversion_rule(company.manager.actor, from_unit=ConversionUnit.BONUS_MINOR,
                                              from_amount=1, to_unit=ConversionUnit.REMOTE_DAYS, to_amount=1)


async def test_people_cannot_see_retired_rules(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await conversions.list_conversion_rules(company.employee.actor, include_inactive=True)


async def test_converting_takes_pending_bonus_and_grants_remote_days(db):
    # given ¥2,500 of pending bonus and ¥1,000 ↔ 1 remote day
    company = await make_company()
    await _bonus(company, company.employee, 250_000)
    rule = await _rule(company)
    # when
    with clock.frozen_at(NOW):
        done = await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=200_000, client_key=key())
    # then
    assert (done.amount_minor, done.days, done.kind, done.valid_until) == (
        200_000, 2, EntitlementKind.REMOTE_DAYS, date(2027, 12, 31))
    line = await BonusLine.get(id=done.bonus_line_id)
    assert (line.amount_minor, line.reason, line.source_type, line.status) == (
        -200_000, "Converted to 2 remote days", "conversion", BonusLineStatus.PENDING)
    entitlement = await Entitlement.get(id=done.entitlement_id)
    assert (entitlement.employee_id, entitlement.days, entitlement.redemption_id) == (company.employee.employee.id, 2, None)
    assert await conversions.pending_bonus(company.system, company.employee.employee.id) == 50_000
    assert await AuditEntry.filter(action="bonus.converted").count() == 1


async def test_leave_days_become_an_extra_leave_entitlement(db):
    # given
    company = await make_company()
    await _bonus(company, company.employee, YUAN_1000)
    rule = await _rule(company, ConversionUnit.LEAVE_DAYS)
    # when
    done = await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=YUAN_1000, client_key=key())
    # then
    assert (done.kind, done.days) == (EntitlementKind.EXTRA_LEAVE, 1)
    assert (await BonusLine.get(id=done.bonus_line_id)).reason == "Converted to 1 leave day"


async def test_a_retry_with_the_same_client_key_converts_once(db):
    # given
    company = await make_company()
    await _bonus(company, company.employee, 300_000)
    rule = await _rule(company)
    client_key = key()
    first = await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=YUAN_1000, client_key=client_key)
    # when
    again = await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=YUAN_1000, client_key=client_key)
    # then
    assert again == first
    assert await Entitlement.all().count() == 1
    assert await conversions.pending_bonus(company.system, company.employee.employee.id) == 200_000


async def test_more_than_the_pending_bonus_is_refused(db):
    # given ¥1,500 pending, of which ¥1,000 already converted
    company = await make_company()
    await _bonus(company, company.employee, 150_000)
    rule = await _rule(company)
    await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=YUAN_1000, client_key=key())
    # when / then
    with pytest.raises(LimitExceeded, match="CNY 500.00") as caught:
        await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=YUAN_1000, client_key=key())
    assert caught.value.field == "fromAmount"
    assert await Entitlement.all().count() == 1


async def test_exported_bonus_cannot_be_converted(db):
    # given
    company = await make_company()
    await _bonus(company, company.employee, YUAN_1000)
    await BonusLine.all().update(status=BonusLineStatus.EXPORTED)
    rule = await _rule(company)
    # when / then
    with pytest.raises(LimitExceeded):
        await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=YUAN_1000, client_key=key())


@pytest.mark.parametrize(("amount", "message"), [(150_000, "whole multiple"), (0, "whole number"),
                                                 (61 * YUAN_1000, "at most 60 days")])
async def test_the_amount_is_a_whole_multiple_of_the_rule(db, amount, message):
    # given
    company = await make_company()
    await _bonus(company, company.employee, 100 * YUAN_1000)
    rule = await _rule(company)
    # when / then
    with pytest.raises(ValidationFailed, match=message) as caught:
        await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=amount, client_key=key())
    assert caught.value.field == "fromAmount"


async def test_only_bonus_to_days_is_supported(db):
    # given
    company = await make_company()
    rule = await conversions.set_conversion_rule(company.hr.actor, from_unit=ConversionUnit.POINTS, from_amount=1000,
                                                 to_unit=ConversionUnit.REMOTE_DAYS, to_amount=1)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await conversions.convert(company.employee.actor, rule_id=rule.id, from_amount=1000, client_key=key())
    assert caught.value.field == "ruleId"


async def test_a_retired_rule_cannot_be_used(db):
    # given
    company = await make_company()
    await _bonus(company, company.employee, YUAN_1000)
    old = await _rule(company)
    await _rule(company)
    # when / then
    with pytest.raises(ValidationFailed, match="replaced"):
        await conversions.convert(company.employee.actor, rule_id=old.id, from_amount=YUAN_1000, client_key=key())


async def test_another_organisations_rule_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    rule = await _rule(theirs)
    # when / then
    with pytest.raises(NotFound):
        await conversions.convert(mine.employee.actor, rule_id=rule.id, from_amount=YUAN_1000, client_key=key())


async def test_my_pending_bonus_is_the_signed_in_persons(db):
    # given
    company = await make_company()
    await _bonus(company, company.employee, 150_000)
    await _bonus(company, company.peer, 90_000)
    # when / then
    assert await conversions.my_pending_bonus(company.employee.actor) == 150_000
