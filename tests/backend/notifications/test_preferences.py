"""Delivery preferences: defaults, saving the whole set, and what is refused."""
from __future__ import annotations

from datetime import time

import pytest

from backend.access.actor import Actor
from backend.core.errors import Forbidden, ValidationFailed
from backend.notifications import preferences
from backend.notifications.preferences import KINDS, Preferences
from tests.factories.org import make_company


async def test_defaults_until_saved(db):
    # given
    company = await make_company()
    # when
    prefs = await preferences.get_my_preferences(company.employee.actor)
    # then
    assert prefs == Preferences(push_enabled=True, chat_enabled=True, muted_kinds=(), quiet_start=None, quiet_end=None)


async def test_saved_preferences_read_back(db):
    # given
    company = await make_company()
    # when saved twice (the second replaces the first)
    await preferences.update_my_preferences(company.employee.actor, push_enabled=True, chat_enabled=True,
                                            muted_kinds=["rule_award"], quiet_start=time(12), quiet_end=time(13))
    saved = await preferences.update_my_preferences(
        company.employee.actor, push_enabled=False, chat_enabled=True, muted_kinds=["badge_received", "kudos_received"],
        quiet_start=time(22, 0), quiet_end=time(7, 30))
    # then
    again = await preferences.get_my_preferences(company.employee.actor)
    assert again == saved
    assert again.push_enabled is False and again.muted_kinds == ("kudos_received", "badge_received")
    assert (again.quiet_start, again.quiet_end) == (time(22, 0), time(7, 30))
    # and someone else's are untouched
    assert await preferences.get_my_preferences(company.peer.actor) == Preferences()


@pytest.mark.parametrize(("start", "end", "field"), [
    (time(22, 0), None, "quietEnd"), (None, time(7, 0), "quietStart"), (time(8, 0), time(8, 0), "quietEnd"),
])
async def test_half_or_empty_quiet_window_is_refused(db, start, end, field):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await preferences.update_my_preferences(company.employee.actor, push_enabled=True, chat_enabled=True,
                                                muted_kinds=[], quiet_start=start, quiet_end=end)
    assert refused.value.field == field
    assert await preferences.get_my_preferences(company.employee.actor) == Preferences()


async def test_an_unknown_kind_cannot_be_muted(db):
    company = await make_company()
    with pytest.raises(ValidationFailed) as refused:
        await preferences.update_my_preferences(company.employee.actor, push_enabled=True, chat_enabled=True,
                                                muted_kinds=["kudos_received", "everything"], quiet_start=None, quiet_end=None)
    assert refused.value.field == "mutedKinds"


async def test_only_people_have_preferences(db):
    company = await make_company()
    with pytest.raises(Forbidden):
        await preferences.get_my_preferences(Actor.system(company.org.id))


def test_every_kind_the_app_sends_can_be_muted():
    assert {"kudos_received", "feedback_received", "badge_received", "rule_award", "redemption_requested",
            "redemption_fulfilled", "redemption_declined"} <= set(KINDS)
