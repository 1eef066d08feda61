"""The points ledger: accounts with cached balances and append-only entries grouped in transfers.
Written only by backend.points.ledger; entries are never updated or deleted (migration triggers)."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped

ORG_OWNER = "org"


class AccountKind(StrEnum):
    WALLET = "wallet"  # a person's spendable points; never negative
    ALLOWANCE = "allowance"  # a person's monthly kudos budget; never negative, never spendable
    HELD = "held"  # a person's points reserved by a pending redemption; never negative
    ISSUANCE = "issuance"  # the organisation's mint: the one account allowed below zero
    SPENT = "spent"  # the organisation's sink for redeemed and expired points


class TransferKind(StrEnum):
    AWARD = "award"
    KUDOS = "kudos"
    ALLOWANCE_GRANT = "allowance_grant"
    ALLOWANCE_EXPIRY = "allowance_expiry"
    HOLD = "hold"
    CAPTURE = "capture"
    RELEASE = "release"
    REVERSAL = "reversal"
    ADJUSTMENT = "adjustment"


class PointsAccount(TenantScoped):
    kind = fields.CharEnumField(AccountKind, max_length=12)
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.RESTRICT)
    employee_id: uuid.UUID | None
    # The employee id, or ORG_OWNER for organisation accounts: a unique key cannot rely on NULLs.
    owner_key = fields.CharField(max_length=36)
    balance = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "points_account"
        unique_together = (("tenant", "kind", "owner_key"),)


class PointsTransfer(TenantScoped):
    # One movement of points: exactly two entries, a debit and a credit of the same amount.

    kind = fields.CharEnumField(TransferKind, max_length=20)
    amount = fields.BigIntField()
    debit_account: Any = fields.ForeignKeyField("seen.PointsAccount", related_name=False, on_delete=fields.RESTRICT)
    debit_account_id: uuid.UUID
    credit_account: Any = fields.ForeignKeyField("seen.PointsAccount", related_name=False, on_delete=fields.RESTRICT)
    credit_account_id: uuid.UUID
    idempotency_key = fields.CharField(max_length=200)
    # A reversal points at what it reverses; the one-to-one makes a second reversal impossible.
    reverses: Any = fields.OneToOneField("seen.PointsTransfer", related_name="reversed_by", null=True, on_delete=fields.RESTRICT)
    reverses_id: uuid.UUID | None
    memo = fields.CharField(max_length=300, default="")
    source_type = fields.CharField(max_length=40, null=True)
    source_id = fields.UUIDField(null=True)
    created_by = fields.CharField(max_length=160)
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "points_transfer"
        unique_together = (("tenant", "idempotency_key"),)


class PointsEntry(TenantScoped):
    transfer: Any = fields.ForeignKeyField("seen.PointsTransfer", related_name="entries", on_delete=fields.RESTRICT)
    transfer_id: uuid.UUID
    account: Any = fields.ForeignKeyField("seen.PointsAccount", related_name="entries", on_delete=fields.RESTRICT)
    account_id: uuid.UUID
    amount = fields.BigIntField()  # signed: negative leaves the account, positive enters it
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "points_entry"
        unique_together = (("transfer", "account"),)
        indexes = (("account_id", "created_at"),)  # statements and reconciliation read by account
