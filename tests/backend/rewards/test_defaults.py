"""The demo catalogue: every kind, codes and slots in place, the conversion rule, and idempotent."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from backend.core import clock
from backend.rewards import defaults, slots
from backend.rewards.models import ConversionRule, MeetingSlot, RewardItem, RewardKind, VoucherCode
from tests.backend.rewards.support import NOW
from tests.factories.org import make_company


async def test_the_demo_catalogue_covers_every_kind_with_stock_in_place(db):
    # given
    company = await make_company()
    # when
    with clock.frozen_at(NOW):
        items = await defaults.install_demo_catalogue(company.system, ceo_id=company.owner.employee.id)
        free = await slots.list_free_slots(company.employee.actor,
                                           item_id=next(i.id for i in items if i.kind == RewardKind.CEO_MEETING))
    # then
    assert {i.kind for i in items} == set(RewardKind)
    assert len(items) == len(defaults.ITEMS) == 8
    by_name = {i.name_zh: i for i in items}
    assert by_name["¥50 奶茶券"].stock == 30 and by_name["¥50 奶茶券"].cost_points == 120
    assert by_name["与 CEO 共进午餐 1:1"].stock == 4
    assert by_name["外部培训：精益生产"].stock == 5 and by_name["外部培训：精益生产"].starts_at.month == 12
    assert (by_name["远程办公 1 天"].per_person_limit, by_name["远程办公 1 天"].limit_period) == (4, "month")
    assert (by_name["¥1,000 现金奖励"].amount_minor, by_name["¥1,000 现金奖励"].cost_points) == (100_000, 1000)
    assert len(free) == 4 and {s.host_id for s in free} == {company.owner.employee.id}
    lunches = [s.starts_at.astimezone(ZoneInfo("Asia/Shanghai")) for s in free]
    assert all((t.weekday(), t.hour) == (2, 12) for t in lunches) and lunches[0].date().isoformat() == "2026-11-25"
    rule = await ConversionRule.get(active=True)
    assert (rule.from_unit, rule.from_amount, rule.to_unit, rule.to_amount) == ("bonus_minor", 100_000, "remote_days", 1)


async def test_installing_twice_changes_nothing(db):
    # given
    company = await make_company()
    first = await defaults.install_demo_catalogue(company.system, ceo_id=company.owner.employee.id)
    # when
    second = await defaults.install_demo_catalogue(company.system, ceo_id=company.owner.employee.id)
    # then
    assert [i.id for i in second] == [i.id for i in first]
    assert await RewardItem.all().count() == 8
    assert (await VoucherCode.all().count(), await MeetingSlot.all().count(), await ConversionRule.all().count()) == (30, 4, 1)


async def test_two_organisations_get_their_own_codes(db):
    # given
    one, two = await make_company("One"), await make_company("Two")
    # when
    await defaults.install_demo_catalogue(one.system, ceo_id=one.owner.employee.id)
    await defaults.install_demo_catalogue(two.system, ceo_id=two.owner.employee.id)
    # then
    assert len(set(await VoucherCode.all().values_list("code", flat=True))) == 60
