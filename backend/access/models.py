"""Organisations (the tenants), user accounts, sessions and kiosk credentials."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.access.permissions import Role
from backend.access.tenancy import TenantScoped


class Locale(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


class Organization(Model):
    # The tenant. Not TenantScoped itself: it *is* the scope.

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    name = fields.CharField(max_length=120)
    time_zone = fields.CharField(max_length=64, default="Asia/Shanghai")
    locale = fields.CharEnumField(Locale, max_length=8, default=Locale.ZH_CN)
    currency = fields.CharField(max_length=3, default="CNY")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organization"


class AccountState(StrEnum):
    INVITED = "invited"
    ACTIVE = "active"
    DISABLED = "disabled"


class UserAccount(TenantScoped):
    # A person's way in. Login identifiers are unique across all organisations because login
    # happens before the organisation is known.

    employee: Any = fields.OneToOneField("seen.Employee", related_name="account", on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    login_email = fields.CharField(max_length=254, null=True, unique=True)
    login_phone = fields.CharField(max_length=32, null=True, unique=True)
    password_hash = fields.CharField(max_length=255, null=True)
    role = fields.CharEnumField(Role, max_length=16, default=Role.EMPLOYEE)
    state = fields.CharEnumField(AccountState, max_length=16, default=AccountState.INVITED)
    invite_digest = fields.CharField(max_length=64, null=True, unique=True)
    invite_expires_at = fields.DatetimeField(null=True)
    password_changed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "user_account"


class SessionKind(StrEnum):
    WEB = "web"
    API = "api"
    KIOSK = "kiosk"


class Session(TenantScoped):
    # Server-side session; the client holds a random token, we keep only its keyed digest.

    token_digest = fields.CharField(max_length=64, unique=True)
    kind = fields.CharEnumField(SessionKind, max_length=8)
    account: Any = fields.ForeignKeyField("seen.UserAccount", related_name="sessions", null=True, on_delete=fields.CASCADE)
    account_id: uuid.UUID | None
    kiosk: Any = fields.ForeignKeyField("seen.KioskCredential", related_name="sessions", null=True, on_delete=fields.CASCADE)
    kiosk_id: uuid.UUID | None
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    user_agent = fields.CharField(max_length=300, default="")
    ip = fields.CharField(max_length=64, default="")

    class Meta:
        table = "session"


class KioskCredential(TenantScoped):
    # A shared tablet's sign-in code, bound to one site, good for check-in only.

    site: Any = fields.ForeignKeyField("seen.Site", related_name="kiosk_credentials", on_delete=fields.CASCADE)
    site_id: uuid.UUID
    label = fields.CharField(max_length=80)
    code_digest = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "kiosk_credential"
