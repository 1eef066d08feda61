"""Everything a person earned (the achievement wall), badge definitions, and bonus lines waiting for
the next bonus export. Written only by backend.achievements.record and .badges."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class AchievementKind(StrEnum):
    PRAISE = "praise"
    KUDOS = "kudos"
    BADGE = "badge"
    AWARD = "award"  # points or a praise letter given by a rule or HR
    BONUS = "bonus"  # money, in the organisation currency's minor unit
    CERTIFICATE = "certificate"
    MILESTONE = "milestone"


class BadgeGranter(StrEnum):
    MANAGER = "manager"  # a manager (for their reports) or HR
    HR = "hr"  # HR admins and owners only
    RULES = "rules"  # only the rules engine


class Badge(TenantScoped):
    code = fields.CharField(max_length=40)
    name_en = fields.CharField(max_length=80)
    name_zh = fields.CharField(max_length=80)
    criteria_en = fields.CharField(max_length=500)
    criteria_zh = fields.CharField(max_length=500)
    icon = fields.CharField(max_length=16)  # an emoji: renders everywhere without an upload
    level = fields.SmallIntField(default=1)  # 1 bronze, 2 silver, 3 gold
    granted_by = fields.CharEnumField(BadgeGranter, max_length=8, default=BadgeGranter.MANAGER)
    monthly_cap = fields.IntField(null=True)  # most grants of this badge per month in the organisation
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "badge"
        unique_together = (("tenant", "code"),)


class Achievement(TenantScoped):
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    kind = fields.CharEnumField(AchievementKind, max_length=12)
    title_en = fields.CharField(max_length=200)
    title_zh = fields.CharField(max_length=200)
    detail = fields.TextField(default="")  # the giver's own words, in their language
    points = fields.BigIntField(default=0)
    amount_minor = fields.BigIntField(default=0)
    badge: Any = fields.ForeignKeyField("seen.Badge", related_name=False, null=True, on_delete=fields.RESTRICT)
    badge_id: uuid.UUID | None
    given_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    given_by_id: uuid.UUID | None
    # What produced it (a feedback, a kudos, a rule firing...): one achievement per source and kind.
    source_type = fields.CharField(max_length=40)
    source_id = fields.UUIDField()
    is_public = fields.BooleanField(default=True)  # the owner decides
    earned_at = fields.DatetimeField(db_index=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "achievement"
        unique_together = (("tenant", "employee", "source_type", "source_id", "kind"),)
        indexes = (("tenant_id", "employee_id", "earned_at"),)  # the wall reads a person's items by time


class BonusLineStatus(StrEnum):
    PENDING = "pending"
    EXPORTED = "exported"


class BonusLine(TenantScoped):
    # Money a rule or HR awarded, paid with the next bonus export of the performance module.

    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.RESTRICT)
    employee_id: uuid.UUID
    amount_minor = fields.BigIntField()
    reason = fields.CharField(max_length=200)
    source_type = fields.CharField(max_length=40)
    source_id = fields.UUIDField()
    status = fields.CharEnumField(BonusLineStatus, max_length=8, default=BonusLineStatus.PENDING)
    exported_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "bonus_line"
        unique_together = (("tenant", "employee", "source_type", "source_id"),)
