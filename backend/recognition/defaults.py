"""Starting values and badges for a new organisation (the demo seed uses them too)."""
from __future__ import annotations

from backend.access.actor import Actor
from backend.achievements import badges
from backend.achievements.models import Badge, BadgeGranter
from backend.recognition import values
from backend.recognition.models import CompanyValue

VALUES = [
    ("customer-first", "Customer first", "客户第一"),
    ("teamwork", "Teamwork", "团队合作"),
    ("ownership", "Ownership", "担当"),
    ("craftsmanship", "Craftsmanship", "匠心"),
    ("innovation", "Innovation", "创新"),
]

BADGES = [
    # code, name en, name zh, criteria en, criteria zh, icon, level, granted by, monthly cap
    ("team-player", "Team player", "团队之星", "Went out of their way to help the team.", "主动帮助团队，乐于协作。",
     "🤝", 1, BadgeGranter.MANAGER, 20),
    ("customer-first", "Customer champion", "客户之星", "A customer praised them by name.", "获得客户点名表扬。",
     "🏅", 2, BadgeGranter.MANAGER, 10),
    ("mentor", "Mentor", "导师", "Coached a newcomer through their first three months.", "带教新人度过前三个月。",
     "🧭", 2, BadgeGranter.MANAGER, None),
    ("innovator", "Innovator", "创新先锋", "A suggestion of theirs was adopted.", "提出的建议被采纳并落地。",
     "💡", 2, BadgeGranter.HR, 5),
    ("loyal-5", "Five years with us", "五年同行", "Five years with the company.", "入职满五年。",
     "🎖️", 3, BadgeGranter.RULES, None),
    ("rising-star", "Rising star", "新星", "Most improved this quarter.", "本季度进步最快。",
     "🌟", 3, BadgeGranter.HR, 3),
]


async def install_defaults(actor: Actor) -> None:
    """Idempotent: existing codes are left as HR edited them. Requires RECOGNITION_CONFIGURE."""
    have_values = {str(code) for code in await CompanyValue.of(actor).values_list("code", flat=True)}
    for code, name_en, name_zh in VALUES:
        if code not in have_values:
            await values.create_value(actor, code=code, name_en=name_en, name_zh=name_zh)
    have_badges = {str(code) for code in await Badge.of(actor).values_list("code", flat=True)}
    for code, name_en, name_zh, crit_en, crit_zh, icon, level, granter, cap in BADGES:
        if code not in have_badges:
            await badges.create_badge(actor, code=code, name_en=name_en, name_zh=name_zh, criteria_en=crit_en,
                                      criteria_zh=crit_zh, icon=icon, level=level, granted_by=granter, monthly_cap=cap)
