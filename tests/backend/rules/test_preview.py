"""Previews replay last month's recorded events through decide(): who would the rule have rewarded?"""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backend.core import clock
from backend.core.errors import Forbidden, ValidationFailed
from backend.org import people
from backend.rules import preview
from backend.rules.models import RuleFiring
from tests.backend.rules.support import VALUE_PRAISE, feedback, kudos, make_badge, make_rule, record_event
from tests.factories.org import make_company

# "Now" is mid-June; the organisation is in Asia/Shanghai, so last month is
# [2026-04-30 16:00 UTC, 2026-05-31 16:00 UTC).
NOW = datetime(2026, 6, 15, 4, 0, tzinfo=UTC)
IN_MAY = datetime(2026, 5, 10, 2, 0, tzinfo=UTC)
JUNE_1_IN_SHANGHAI = datetime(2026, 5, 31, 17, 0, tzinfo=UTC)
APRIL_30_IN_UTC_MAY_1_IN_SHANGHAI = datetime(2026, 4, 30, 17, 0, tzinfo=UTC)


async def test_events_of_last_month_in_the_organisations_time_zone_are_counted(db):
    # given kudos in May (Shanghai), at the very start of June (Shanghai) and this month
    company = await make_company()
    for at in (IN_MAY, APRIL_30_IN_UTC_MAY_1_IN_SHANGHAI, JUNE_1_IN_SHANGHAI, NOW):
        with clock.frozen_at(at):
            await record_event(company.system, kudos(company.peer, company.employee))
    # when
    with clock.frozen_at(NOW):
        result = await preview.preview_rule(company.hr.actor, trigger="kudos_received", conditions=None,
                                            awards={"points": 5, "bonus_minor": 1000})
    # then
    assert (result.since, result.until) == (datetime(2026, 4, 30, 16, tzinfo=UTC), datetime(2026, 5, 31, 16, tzinfo=UTC))
    assert result.events_considered == 2
    assert sorted(h.occurred_at for h in result.hits) == [APRIL_30_IN_UTC_MAY_1_IN_SHANGHAI, IN_MAY]
    assert {h.recipient_id for h in result.hits} == {company.employee.employee.id}
    assert (result.recipients, result.points_total, result.bonus_minor_total, result.badges) == (1, 10, 2000, 0)


async def test_a_non_matching_condition_excludes_the_event(db):
    # given praise tied to a value, praise without one, and coaching
    company = await make_company()
    with clock.frozen_at(IN_MAY):
        await record_event(company.system, feedback(company.manager, company.employee))
        await record_event(company.system, feedback(company.manager, company.peer, value_code=None))
        await record_event(company.system, feedback(company.manager, company.hr, kind="coaching"))
    # when
    with clock.frozen_at(NOW):
        result = await preview.preview_rule(company.hr.actor, trigger="feedback_received", conditions=VALUE_PRAISE,
                                            awards={"points": 20})
    # then
    assert result.events_considered == 3
    assert [h.recipient_id for h in result.hits] == [company.employee.employee.id]
    assert result.points_total == 20


async def test_people_who_left_are_not_counted(db):
    # given
    company = await make_company()
    with clock.frozen_at(IN_MAY):
        await record_event(company.system, kudos(company.peer, company.employee))
        await record_event(company.system, kudos(company.employee, company.peer))
    await people.deactivate_employee(company.hr.actor, company.peer.employee.id)
    # when
    with clock.frozen_at(NOW):
        result = await preview.preview_rule(company.hr.actor, trigger="kudos_received", conditions=None,
                                            awards={"points": 5})
    # then
    assert [h.recipient_id for h in result.hits] == [company.employee.employee.id]


async def test_a_saved_inactive_rule_is_previewed_over_a_given_window_without_firing(db):
    # given
    company = await make_company()
    await make_badge(company.system, "team-player")
    rule = await make_rule(company.hr.actor, awards={"badge_code": "team-player"}, active=False)
    with clock.frozen_at(IN_MAY):
        await record_event(company.system, kudos(company.peer, company.employee))
    # when
    result = await preview.preview_saved_rule(company.hr.actor, rule.id, since=datetime(2026, 5, 1, tzinfo=UTC),
                                              until=datetime(2026, 5, 11, tzinfo=UTC))
    # then
    assert (result.events_considered, result.badges, result.points_total) == (1, 1, 0)
    assert await RuleFiring.all().count() == 0


async def test_other_organisations_events_are_not_replayed(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    with clock.frozen_at(IN_MAY):
        await record_event(theirs.system, kudos(theirs.peer, theirs.employee))
    # when
    with clock.frozen_at(NOW):
        result = await preview.preview_rule(ours.hr.actor, trigger="kudos_received", conditions=None,
                                            awards={"points": 5})
    # then
    assert (result.events_considered, result.hits) == (0, [])


@pytest.mark.parametrize(("since", "until", "field"), [
    (datetime(2026, 5, 2, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC), "until"),
    (datetime(2024, 5, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC), "since"),
    (datetime(2026, 5, 1), datetime(2026, 6, 1, tzinfo=UTC), "since"),
])
async def test_an_invalid_window_is_refused(db, since, until, field):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await preview.preview_rule(company.hr.actor, trigger="kudos_received", conditions=None, awards={"points": 5},
                                   since=since, until=until)
    # then
    assert raised.value.field == field


async def test_an_invalid_definition_is_refused_like_on_save(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await preview.preview_rule(company.hr.actor, trigger="kudos_received",
                                   conditions={"field": "kind", "op": "eq", "value": "praise"}, awards={"points": 5})
    # then
    assert raised.value.field == "conditions.field"


@pytest.mark.parametrize("role", ["employee", "manager"])
async def test_only_rule_managers_preview(db, role):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await preview.preview_rule(getattr(company, role).actor, trigger="kudos_received", conditions=None,
                                   awards={"points": 5})
