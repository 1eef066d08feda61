"""Award specs: at least one award, bounded amounts, bilingual praise letters with only the
{name} and {rule} placeholders."""
from __future__ import annotations

import pytest

from backend.core.errors import ValidationFailed
from backend.rules import awards
from backend.rules.awards import AwardSpec, PraiseLetter

LETTER = {"en": "Well done, {name}! ({rule})", "zh": "{name}，干得好！（{rule}）"}


def test_a_full_spec_is_validated_and_round_trips_through_json():
    # given
    raw = {"points": 20, "badge_code": " Team-Player ", "bonus_minor": 5000, "praise_letter": LETTER, "announce": True}
    # when
    spec = awards.validate(raw)
    # then
    assert spec == AwardSpec(points=20, badge_code="team-player", bonus_minor=5000,
                             praise_letter=PraiseLetter(en=LETTER["en"], zh=LETTER["zh"]), announce=True)
    assert awards.from_json(awards.to_json(spec)) == spec


def test_missing_awards_default_to_nothing():
    # when
    spec = awards.validate({"points": 5})
    # then
    assert spec == AwardSpec(points=5)
    assert awards.to_json(spec) == {"points": 5, "badge_code": None, "bonus_minor": 0, "praise_letter": None,
                                    "announce": False}


@pytest.mark.parametrize("raw", [{}, {"announce": True}, {"points": 0, "badge_code": "", "bonus_minor": 0}])
def test_at_least_one_award_is_required(raw):
    # when
    with pytest.raises(ValidationFailed) as raised:
        awards.validate(raw)
    # then
    assert raised.value.field == "awards"


@pytest.mark.parametrize(("raw", "field"), [
    ({"points": -1}, "awards.points"),
    ({"points": 10_001}, "awards.points"),
    ({"points": "5"}, "awards.points"),
    ({"points": True}, "awards.points"),
    ({"bonus_minor": 10_000_001}, "awards.bonusMinor"),
    ({"bonus_minor": 12.5}, "awards.bonusMinor"),
    ({"badge_code": "Team Player!"}, "awards.badgeCode"),
    ({"badge_code": 7}, "awards.badgeCode"),
    ({"points": 1, "announce": "yes"}, "awards.announce"),
    ({"points": 1, "feed_post": True}, "awards.feed_post"),
    ({"praise_letter": "Well done"}, "awards.praiseLetter"),
    ({"praise_letter": {"en": "Well done"}}, "awards.praiseLetter"),
    ({"praise_letter": {"en": " ", "zh": "好"}}, "awards.praiseLetter.en"),
    ({"praise_letter": {"en": "Hi", "zh": "好" * 1001}}, "awards.praiseLetter.zh"),
])
def test_invalid_awards_name_the_field(raw, field):
    # when
    with pytest.raises(ValidationFailed) as raised:
        awards.validate(raw)
    # then
    assert raised.value.field == field


@pytest.mark.parametrize("text", ["Hi {team}", "Hi {}", "Hi {0}", "Hi {name.__class__}", "Hi {name!r}",
                                  "Hi {name:>20}", "Hi {name", "Hi }"])
def test_a_letter_may_use_only_the_name_and_rule_placeholders(text):
    # when
    with pytest.raises(ValidationFailed) as raised:
        awards.validate({"praise_letter": {"en": text, "zh": "好"}})
    # then
    assert raised.value.field == "awards.praiseLetter.en"


def test_a_letter_renders_in_the_readers_language_with_literal_braces_kept():
    # given
    letter = awards.validate({"praise_letter": {"en": "{{Thanks}}, {name}: {rule}", "zh": "{name}，谢谢：{rule}"}}).praise_letter
    assert letter is not None
    # when / then
    assert letter.render(locale="en", name="Li Lei", rule="Value hero") == "{Thanks}, Li Lei: Value hero"
    assert letter.render(locale="zh", name="李雷", rule="价值观之星") == "李雷，谢谢：价值观之星"
