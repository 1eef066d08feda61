"""The tenancy choke point. Every tenant-scoped model inherits TenantScoped; reads go through
`Model.of(actor)` and writes through `create_for(actor, ...)`, so another organisation's id is simply
not found. Nothing outside backend/access filters by tenant itself (an architecture test checks)."""
from __future__ import annotations

import uuid
from typing import Any, Protocol, Self
from uuid import UUID

from tortoise import fields
from tortoise.models import Model
from tortoise.queryset import QuerySet

from backend.core.errors import NotFound


class TenantScoped(Model):
    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    tenant: Any = fields.ForeignKeyField("seen.Organization", related_name=False, on_delete=fields.CASCADE)
    tenant_id: UUID

    class Meta:
        abstract = True

    @classmethod
    def of(cls, actor: _Scoped) -> QuerySet[Self]:
        return cls.filter(tenant_id=actor.tenant_id)

    @classmethod
    async def get_for(cls, actor: _Scoped, id: Any, *, what: str | None = None) -> Self:
        """Re-fetch a client-supplied id inside the actor's organisation; absent or foreign ids
        raise the same NotFound."""
        try:
            key = id if isinstance(id, UUID) else UUID(str(id))
        except ValueError:
            raise NotFound(f"No such {what or cls.__name__.lower()}.") from None
        found = await cls.of(actor).get_or_none(id=key)
        if found is None:
            raise NotFound(f"No such {what or cls.__name__.lower()}.")
        return found

    @classmethod
    async def create_for(cls, actor: _Scoped, **values: Any) -> Self:
        return await cls.create(tenant_id=actor.tenant_id, **values)

    @classmethod
    def build_for(cls, actor: _Scoped, **values: Any) -> Self:
        """An unsaved row for bulk_create."""
        return cls(tenant_id=actor.tenant_id, **values)


class _Scoped(Protocol):
    @property
    def tenant_id(self) -> UUID: ...
