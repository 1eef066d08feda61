"""Reading the achievement wall (backend.achievements.wall): grouping in the organisation's time
zone, totals, who sees private items, the owner's visibility switch, the loader."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from backend.access.actor import Actor
from backend.achievements import wall
from backend.achievements.models import Achievement, AchievementKind
from backend.audit.models import AuditEntry
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from tests.factories.achievements import make_achievement, make_badge
from tests.factories.org import make_company


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


async def test_the_wall_is_newest_first_grouped_by_year_then_quarter(db):
    # given
    c = await make_company()
    me = c.employee.employee
    old = await make_achievement(c.system, me, earned_at=_at(2022, 11, 3, 2))
    q1 = await make_achievement(c.system, me, earned_at=_at(2023, 2, 1, 2))
    q2a = await make_achievement(c.system, me, earned_at=_at(2023, 5, 1, 2))
    q2b = await make_achievement(c.system, me, earned_at=_at(2023, 6, 1, 2))
    # when
    seen = await wall.get_wall(c.employee.actor, employee_id=me.id)
    # then
    shape = [(y.year, [(q.quarter, [i.id for i in q.items]) for q in y.quarters]) for y in seen.years]
    assert shape == [(2023, [(2, [q2b.id, q2a.id]), (1, [q1.id])]), (2022, [(4, [old.id])])]


async def test_quarters_are_computed_in_the_organisations_time_zone(db):
    # given 31 March 17:00 UTC, which is already 1 April in Shanghai
    c = await make_company()
    await make_achievement(c.system, c.employee.employee, earned_at=_at(2023, 3, 31, 17))
    # when
    seen = await wall.get_wall(c.employee.actor, employee_id=c.employee.employee.id)
    # then
    [year] = seen.years
    assert [q.quarter for q in year.quarters] == [2]
    assert year.quarters[0].items[0].local_earned_at.date().isoformat() == "2023-04-01"


async def test_group_totals_count_kinds_and_sum_points_and_money(db):
    # given
    c = await make_company()
    me = c.employee.employee
    badge = await make_badge(c.system)
    await make_achievement(c.system, me, kind=AchievementKind.PRAISE, points=20)
    await make_achievement(c.system, me, kind=AchievementKind.PRAISE, points=10)
    await make_achievement(c.system, me, kind=AchievementKind.BADGE, badge=badge, points=50)
    await make_achievement(c.system, me, kind=AchievementKind.BONUS, amount_minor=1_200_000)
    # when
    seen = await wall.get_wall(c.employee.actor, employee_id=me.id)
    # then
    group = seen.years[0].quarters[0]
    assert group.totals == wall.WallTotals(
        counts={AchievementKind.PRAISE: 2, AchievementKind.BADGE: 1, AchievementKind.BONUS: 1},
        points=80, amount_minor=1_200_000)
    assert group.summary_en == "2 praises, 1 badge, 80 points, ¥12,000.00 bonus"
    assert group.summary_zh == "表扬 2 次，徽章 1 枚，积分 80，奖金 ¥12,000.00"
    assert seen.years[0].totals == group.totals and seen.totals == group.totals


async def test_a_colleague_sees_neither_the_private_item_nor_its_points_in_totals(db):
    # given
    c = await make_company()
    me = c.employee.employee
    shown = await make_achievement(c.system, me, points=10)
    await make_achievement(c.system, me, points=500, amount_minor=99_900, is_public=False)
    # when
    seen = await wall.get_wall(c.peer.actor, employee_id=me.id)
    # then
    assert [i.id for y in seen.years for q in y.quarters for i in q.items] == [shown.id]
    assert (seen.totals.points, seen.totals.amount_minor, seen.totals.items) == (10, 0, 1)
    assert seen.years[0].totals.points == 10 and seen.years[0].quarters[0].totals.points == 10
    assert (seen.shows_private, seen.is_owner) == (False, False)


async def test_a_manager_without_hr_rights_sees_only_public_items(db):
    # given
    c = await make_company()
    await make_achievement(c.system, c.employee.employee, is_public=False)
    # when
    seen = await wall.get_wall(c.manager.actor, employee_id=c.employee.employee.id)
    # then
    assert seen.years == () and seen.summary_en == "Nothing yet"


async def test_the_owner_sees_private_items_and_is_told_it_is_their_wall(db):
    # given
    c = await make_company()
    hidden = await make_achievement(c.system, c.employee.employee, is_public=False)
    # when
    seen = await wall.get_wall(c.employee.actor, employee_id=c.employee.employee.id)
    # then
    assert seen.years[0].quarters[0].items[0].id == hidden.id
    assert (seen.is_owner, seen.shows_private) == (True, True)


async def test_hr_sees_private_items(db):
    # given
    c = await make_company()
    hidden = await make_achievement(c.system, c.employee.employee, is_public=False, points=7)
    # when
    seen = await wall.get_wall(c.hr.actor, employee_id=c.employee.employee.id)
    # then
    assert seen.years[0].quarters[0].items[0].id == hidden.id and seen.totals.points == 7
    assert (seen.is_owner, seen.shows_private) == (False, True)


async def test_revoked_items_leave_the_wall_and_its_totals(db):
    # given
    c = await make_company()
    await make_achievement(c.system, c.employee.employee, points=30, revoked_at=_at(2023, 6, 1))
    # when
    seen = await wall.get_wall(c.employee.actor, employee_id=c.employee.employee.id)
    # then
    assert seen.years == () and seen.totals.points == 0


async def test_year_narrows_the_wall_to_that_year_in_the_organisations_time_zone(db):
    # given 31 Dec 2022 20:00 UTC is 1 Jan 2023 in Shanghai
    c = await make_company()
    me = c.employee.employee
    new_year = await make_achievement(c.system, me, earned_at=_at(2022, 12, 31, 20))
    await make_achievement(c.system, me, earned_at=_at(2022, 12, 31, 10))
    await make_achievement(c.system, me, earned_at=_at(2024, 1, 2))
    # when
    seen = await wall.get_wall(c.employee.actor, employee_id=me.id, year=2023)
    # then
    assert [i.id for y in seen.years for q in y.quarters for i in q.items] == [new_year.id]
    assert seen.year == 2023


async def test_a_wall_without_a_year_holds_the_newest_500_items_and_says_it_is_truncated(db):
    # given 501 items, one a minute
    c = await make_company()
    me = c.employee.employee
    first = _at(2023, 1, 2)
    rows = [Achievement.build_for(c.system, id=uuid.uuid4(), employee_id=me.id, kind=AchievementKind.KUDOS,
                                  title_en="Thanks", title_zh="谢谢", source_type="test", source_id=uuid.uuid4(),
                                  earned_at=first + timedelta(minutes=n)) for n in range(501)]
    await Achievement.bulk_create(rows)
    # when
    seen = await wall.get_wall(c.employee.actor, employee_id=me.id)
    # then
    assert seen.totals.items == 500 and seen.truncated
    assert first not in [i.earned_at for y in seen.years for q in y.quarters for i in q.items]


async def test_an_unreasonable_year_is_refused(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed):
        await wall.get_wall(c.employee.actor, employee_id=c.employee.employee.id, year=99999)


async def test_another_organisations_employee_is_not_found(db):
    # given
    c = await make_company()
    other = await make_company("Other")
    await make_achievement(other.system, other.employee.employee)
    # when / then
    with pytest.raises(NotFound):
        await wall.get_wall(c.hr.actor, employee_id=other.employee.employee.id)


async def test_a_kiosk_cannot_read_a_wall(db):
    # given
    c = await make_company()
    kiosk = Actor.kiosk(tenant_id=c.org.id, site_id=c.site.id, session_id=uuid.uuid4(), label="Gate")
    # when / then
    with pytest.raises(Forbidden):
        await wall.get_wall(kiosk, employee_id=c.employee.employee.id)


async def test_the_owner_hides_an_item_and_the_change_is_audited(db):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee)
    # when
    changed = await wall.set_achievement_visibility(c.employee.actor, achievement_id=item.id, is_public=False)
    # then
    assert changed.is_public is False
    assert (await Achievement.get(id=item.id)).is_public is False
    entry = await AuditEntry.get(entity_id=str(item.id))
    assert (entry.action, entry.before, entry.after) == ("achievement.visibility_changed", {"is_public": True}, {"is_public": False})


async def test_setting_the_same_visibility_again_records_nothing(db):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee, is_public=True)
    # when
    await wall.set_achievement_visibility(c.employee.actor, achievement_id=item.id, is_public=True)
    # then
    assert not await AuditEntry.filter(entity_id=str(item.id)).exists()


async def test_hr_cannot_change_someone_elses_visibility(db):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee)
    # when / then
    with pytest.raises(Forbidden):
        await wall.set_achievement_visibility(c.hr.actor, achievement_id=item.id, is_public=False)


async def test_another_organisations_achievement_is_not_found_when_changing_visibility(db):
    # given
    c = await make_company()
    other = await make_company("Other")
    theirs = await make_achievement(other.system, other.employee.employee)
    # when / then
    with pytest.raises(NotFound):
        await wall.set_achievement_visibility(c.employee.actor, achievement_id=theirs.id, is_public=False)
    assert (await Achievement.get(id=theirs.id)).is_public is True


async def test_achievements_by_ids_hides_private_revoked_and_foreign_items_from_a_colleague(db):
    # given
    c = await make_company()
    other = await make_company("Other")
    me = c.employee.employee
    public = await make_achievement(c.system, me)
    private = await make_achievement(c.system, me, is_public=False)
    revoked = await make_achievement(c.system, me, revoked_at=_at(2023, 6, 1))
    foreign = await make_achievement(other.system, other.employee.employee)
    # when
    found = await wall.achievements_by_ids(c.peer.actor, [private.id, public.id, revoked.id, foreign.id])
    # then
    assert [a.id if a else None for a in found] == [None, public.id, None, None]


async def test_achievements_by_ids_gives_the_owner_their_private_items(db):
    # given
    c = await make_company()
    private = await make_achievement(c.system, c.employee.employee, is_public=False)
    # when
    [found] = await wall.achievements_by_ids(c.employee.actor, [private.id])
    # then
    assert found is not None and found.id == private.id


def test_summaries_name_each_kind_in_both_languages():
    # given
    totals = wall.WallTotals(counts={AchievementKind.PRAISE: 5, AchievementKind.BADGE: 2, AchievementKind.KUDOS: 1},
                             points=120, amount_minor=1_200_000)
    # when
    en, zh = wall.summarize(totals, "CNY", "en"), wall.summarize(totals, "CNY", "zh-CN")
    # then
    assert en == "5 praises, 1 kudos, 2 badges, 120 points, ¥12,000.00 bonus"
    assert zh == "表扬 5 次，点赞 1 次，徽章 2 枚，积分 120，奖金 ¥12,000.00"


def test_a_bonus_without_money_is_counted_instead():
    # given
    totals = wall.WallTotals(counts={AchievementKind.BONUS: 1, AchievementKind.AWARD: 1}, points=1, amount_minor=0)
    # when / then
    assert wall.summarize(totals, "CNY", "en") == "1 award, 1 bonus, 1 point"


def test_an_empty_summary_says_so():
    # given
    empty = wall.WallTotals(counts={}, points=0, amount_minor=0)
    # when / then
    assert (wall.summarize(empty, "CNY", "en"), wall.summarize(empty, "CNY", "zh-CN")) == ("Nothing yet", "暂无")


@pytest.mark.parametrize(("amount", "currency", "text"), [
    (1_200_000, "CNY", "¥12,000.00"), (5, "CNY", "¥0.05"), (-250, "USD", "-$2.50"), (1500, "JPY", "¥1,500"),
    (123456, "XYZ", "XYZ 1,234.56"),
])
def test_money_is_formatted_from_minor_units(amount, currency, text):
    # when / then
    assert wall.format_money(amount, currency) == text
