"""Company values that feedback and kudos can be tied to (e.g. 客户第一 / customer first)."""
from __future__ import annotations

from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import db
from backend.core.errors import Conflict, ValidationFailed
from backend.recognition.models import CompanyValue
from backend.recognition.people import message_text


async def list_values(actor: Actor, *, include_inactive: bool = False) -> list[CompanyValue]:
    """Requires DIRECTORY_READ (people, not kiosks)."""
    require(actor, Permission.DIRECTORY_READ)
    query = CompanyValue.of(actor)
    if not include_inactive:
        query = query.filter(active=True)
    return await query.order_by("code")


async def values_by_ids(actor: Actor, ids: list[UUID]) -> list[CompanyValue | None]:
    found = {v.id: v for v in await CompanyValue.of(actor).filter(id__in=ids)}
    return [found.get(i) for i in ids]


async def create_value(actor: Actor, *, code: str, name_en: str, name_zh: str) -> CompanyValue:
    """HR adds a value. Requires RECOGNITION_CONFIGURE. Raises ValidationFailed, Conflict."""
    require(actor, Permission.RECOGNITION_CONFIGURE)
    code = code.strip().lower()
    if not code or len(code) > 40 or not code.replace("-", "").replace("_", "").isalnum() or not code.isascii():
        raise ValidationFailed("Use 1–40 lowercase letters, digits, '-' or '_'.", field="code")
    values = {"code": code, "name_en": message_text(name_en, max_length=80, field="nameEn"),
              "name_zh": message_text(name_zh, max_length=80, field="nameZh")}
    try:
        async with db.transaction():
            value = await CompanyValue.create_for(actor, **values)
            await audit.record(actor, action="company_value.created", entity_type="company_value",
                               entity_id=value.id, after=values)
    except IntegrityError:
        raise Conflict("A value with this code exists.", field="code") from None
    return value
