"""TierPolicy: defaults, normalised JSON and clear errors naming the bad setting."""
from __future__ import annotations

import pytest

from backend.core.errors import ValidationFailed
from backend.performance.tiers import TierPolicy


def test_an_empty_policy_takes_the_documented_defaults():
    # when
    policy = TierPolicy.parse({})
    # then
    assert policy.as_json() == {"top10_percent": 10.0, "top20_percent": 20.0, "improved_percent": 10.0,
                                "min_baseline": 40.0, "min_gain": 5.0, "baseline_cycles": 3, "min_group_size": 5,
                                "scope": "organization", "allow_multiple": False}
    assert TierPolicy.parse(None) == TierPolicy.defaults() == policy


def test_given_settings_override_the_defaults_and_round_trip():
    # given
    raw = {"top10_percent": 5, "top20_percent": 15, "scope": "department", "allow_multiple": True, "min_group_size": 3}
    # when
    policy = TierPolicy.parse(raw)
    # then
    assert (policy.top10_percent, policy.top20_percent, policy.scope, policy.allow_multiple, policy.min_group_size) == (
        5.0, 15.0, "department", True, 3)
    assert TierPolicy.parse(policy.as_json()) == policy


@pytest.mark.parametrize(("raw", "message"), [
    ({"top_10": 10}, "Unknown tier policy setting(s): top_10."),
    ({"top10_percent": "10"}, "top10_percent must be a number."),
    ({"top10_percent": True}, "top10_percent must be a number."),
    ({"improved_percent": 120}, "improved_percent must be between 0 and 100 (got 120)."),
    ({"min_group_size": 0}, "min_group_size must be between 1 and 10000 (got 0)."),
    ({"min_group_size": 2.5}, "min_group_size must be a whole number."),
    ({"baseline_cycles": 13}, "baseline_cycles must be between 1 and 12 (got 13)."),
    ({"scope": "team"}, "scope must be one of organization, department (got 'team')."),
    ({"allow_multiple": "yes"}, "allow_multiple must be true or false."),
    ({"top10_percent": 30}, "top20_percent (20) is the cumulative top band and cannot be below top10_percent (30)."),
    ([1, 2], "The tier policy must be an object."),
])
def test_a_bad_policy_is_refused_with_a_message_naming_the_setting(raw, message):
    # when
    with pytest.raises(ValidationFailed) as caught:
        TierPolicy.parse(raw)
    # then
    assert caught.value.field == "tierPolicy"
    assert caught.value.message.startswith(message)
