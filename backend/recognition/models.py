"""Manager feedback, peer kudos, company values and the organisation's recognition policy."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class FeedbackKind(StrEnum):
    PRAISE = "praise"
    COACHING = "coaching"


class CompanyValue(TenantScoped):
    code = fields.CharField(max_length=40)
    name_en = fields.CharField(max_length=80)
    name_zh = fields.CharField(max_length=80)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "company_value"
        unique_together = (("tenant", "code"),)


class Feedback(TenantScoped):
    giver: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    giver_id: uuid.UUID
    receiver: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    receiver_id: uuid.UUID
    kind = fields.CharEnumField(FeedbackKind, max_length=10)
    message = fields.TextField()
    value: Any = fields.ForeignKeyField("seen.CompanyValue", related_name=False, null=True, on_delete=fields.SET_NULL)
    value_id: uuid.UUID | None
    dimension = fields.CharField(max_length=80, null=True)  # a scorecard dimension's name
    is_public = fields.BooleanField()
    # The client's key for this submission: a retried request gives the same feedback, not a second.
    client_key = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "feedback"
        unique_together = (("tenant", "giver", "client_key"),)


class Kudos(TenantScoped):
    giver: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    giver_id: uuid.UUID
    receiver: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    receiver_id: uuid.UUID
    points = fields.IntField()
    message = fields.TextField()
    value: Any = fields.ForeignKeyField("seen.CompanyValue", related_name=False, null=True, on_delete=fields.SET_NULL)
    value_id: uuid.UUID | None
    # The client's key for this submission: a retried request gives the same kudos, not a second.
    client_key = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "kudos"
        unique_together = (("tenant", "giver", "client_key"),)


class RecognitionPolicy(TenantScoped):
    # One row per organisation: the defaults apply until HR saves one.

    allowance_employee = fields.IntField(default=100)
    allowance_manager = fields.IntField(default=200)
    allowance_hr_admin = fields.IntField(default=200)
    allowance_owner = fields.IntField(default=300)
    max_points_per_kudos = fields.IntField(default=50)
    pair_monthly_cap = fields.IntField(default=100)  # points one giver may send one receiver a month
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "recognition_policy"
        unique_together = (("tenant",),)
