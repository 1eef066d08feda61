"""Metadata of uploaded files; the bytes live in the configured storage under `storage_key`.
Written only by backend.files."""
from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class StoredFile(TenantScoped):
    uploaded_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    uploaded_by_id: uuid.UUID | None
    purpose = fields.CharField(max_length=40)  # "growth_evidence", "post_photo": decides limits and who may read
    content_type = fields.CharField(max_length=80)  # as detected from the bytes, not as the client claimed
    size = fields.IntField()  # bytes of the stored (re-encoded) original
    sha256 = fields.CharField(max_length=64)
    storage_key = fields.CharField(max_length=200)
    thumbnail_key = fields.CharField(max_length=200, null=True)  # images only
    width = fields.IntField(null=True)
    height = fields.IntField(null=True)
    original_name = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "stored_file"
        indexes = (("tenant_id", "uploaded_by_id", "created_at"),)
