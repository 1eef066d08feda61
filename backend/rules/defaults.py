"""The starter rules a new (or demo) organisation gets, active. Installing is idempotent by name;
the badges they use come from the recognition defaults, which must be installed first."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.rules import service
from backend.rules.models import Rule


@dataclass(frozen=True, slots=True)
class _Default:
    name: str
    trigger: str
    conditions: dict[str, Any] | None
    awards: dict[str, Any]


DEFAULT_RULES = (
    _Default(
        name="Kudos received → +5 points · 收到点赞 → +5 积分", trigger="kudos_received", conditions=None,
        awards={"points": 5},
    ),
    _Default(
        name="Praise tied to a company value → 20 points and a praise letter · 践行价值观的表扬 → 20 积分和表扬信",
        trigger="feedback_received",
        conditions={"all": [{"field": "kind", "op": "eq", "value": "praise"},
                            {"field": "value_code", "op": "ne", "value": ""}]},
        awards={"points": 20, "announce": True, "praise_letter": {
            "en": "Dear {name}, your work showed what our company values mean in practice. Thank you! ({rule})",
            "zh": "亲爱的{name}：你的行动让公司价值观落到了实处，谢谢你！（{rule}）",
        }},
    ),
    _Default(
        name="Birthday → 50 points and a birthday letter · 生日 → 50 积分和生日祝福", trigger="birthday",
        conditions=None,
        awards={"points": 50, "announce": True, "praise_letter": {
            "en": "Happy birthday, {name}! Thank you for everything you bring to the team.",
            "zh": "{name}，生日快乐！感谢你为团队付出的一切。",
        }},
    ),
    _Default(
        name="Work anniversary → 100 points · 入职周年 → 100 积分", trigger="work_anniversary", conditions=None,
        awards={"points": 100, "announce": True},
    ),
    _Default(
        name="5+ years of service → Loyal badge · 司龄满 5 年 → 忠诚徽章", trigger="work_anniversary",
        conditions={"field": "years", "op": "gte", "value": 5},
        awards={"badge_code": "loyal-5", "announce": True},
    ),
)


async def install_default_rules(actor: Actor) -> list[Rule]:
    """Creates the default rules whose names the organisation does not have yet; returns those
    created (none on a second run). Requires RULES_MANAGE. Raises ValidationFailed
    ("awards.badgeCode") when a badge they need is missing."""
    require(actor, Permission.RULES_MANAGE)
    existing = {rule.name for rule in await service.list_rules(actor)}
    created = []
    for default in DEFAULT_RULES:
        if default.name in existing:
            continue
        created.append(await service.create_rule(actor, name=default.name, trigger=default.trigger,
                                                 conditions=default.conditions, awards=default.awards, active=True))
    return created
