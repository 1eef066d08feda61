"""Use cases about the organisation's shape: its settings, departments (a tree), sites and kiosk
codes. Requires ORG_CONFIGURE (settings: ORG_SETTINGS; kiosks: KIOSK_MANAGE). Audited."""
from __future__ import annotations

from uuid import UUID

from backend.access import kiosks
from backend.access.actor import Actor
from backend.access.models import KioskCredential, Locale, Organization
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import db
from backend.core.errors import ValidationFailed
from backend.org import tree
from backend.org import validation as valid
from backend.org.models import Department, Employee, Site


async def update_organization(
    actor: Actor, *, name: str | None = None, time_zone: str | None = None, locale: Locale | None = None
) -> Organization:
    require(actor, Permission.ORG_SETTINGS)
    org = await Organization.get(id=actor.tenant_id)
    before = {"name": org.name, "time_zone": org.time_zone, "locale": org.locale}
    if name is not None:
        org.name = valid.text(name, field="name", max_length=120)
    if time_zone is not None:
        org.time_zone = valid.time_zone(time_zone)
    if locale is not None:
        org.locale = locale
    old, new = audit.diff(before, {"name": org.name, "time_zone": org.time_zone, "locale": org.locale})
    async with db.transaction():
        await org.save()
        if new:
            await audit.record(actor, action="organization.updated", entity_type="organization", entity_id=org.id, before=old, after=new)
    return org


async def create_department(actor: Actor, *, name: str, parent_id: UUID | None = None) -> Department:
    require(actor, Permission.ORG_CONFIGURE)
    clean = valid.text(name, field="name", max_length=120)
    parent = await Department.get_for(actor, parent_id, what="parent department") if parent_id else None
    async with db.transaction():
        department = await Department.create_for(actor, name=clean, parent_id=parent.id if parent else None)
        await audit.record(actor, action="department.created", entity_type="department", entity_id=department.id,
                           after={"name": clean, "parent_id": department.parent_id})
    return department


async def update_department(
    actor: Actor, department_id: UUID, *, name: str | None = None, parent_id: UUID | None = None,
    head_id: UUID | None = None,
) -> Department:
    require(actor, Permission.ORG_CONFIGURE)
    department = await Department.get_for(actor, department_id, what="department")
    before = {"name": department.name, "parent_id": department.parent_id, "head_id": department.head_id}
    if name is not None:
        department.name = valid.text(name, field="name", max_length=120)
    if parent_id is not None:
        parent = await Department.get_for(actor, parent_id, what="parent department")
        if await _is_below(actor, parent.id, department.id):
            raise ValidationFailed("A department cannot sit below itself.", field="parentId")
        department.parent_id = parent.id
    if head_id is not None:
        department.head_id = (await Employee.get_for(actor, head_id, what="department head")).id
    old, new = audit.diff(before, {"name": department.name, "parent_id": department.parent_id, "head_id": department.head_id})
    async with db.transaction():
        await department.save()
        if new:
            await audit.record(actor, action="department.updated", entity_type="department", entity_id=department.id, before=old, after=new)
    return department


async def create_site(actor: Actor, *, name: str, time_zone: str, address: str | None = None) -> Site:
    require(actor, Permission.ORG_CONFIGURE)
    values = {
        "name": valid.text(name, field="name", max_length=120),
        "time_zone": valid.time_zone(time_zone),
        "address": valid.optional_text(address, field="address", max_length=300),
    }
    async with db.transaction():
        site = await Site.create_for(actor, **values)
        await audit.record(actor, action="site.created", entity_type="site", entity_id=site.id, after=values)
    return site


async def issue_kiosk_credential(actor: Actor, *, site_id: UUID, label: str) -> tuple[KioskCredential, str]:
    """Returns the credential and the code to type on the tablet (shown once)."""
    require(actor, Permission.KIOSK_MANAGE)
    site = await Site.get_for(actor, site_id, what="site")
    clean = valid.text(label, field="label", max_length=80)
    async with db.transaction():
        credential, code = await kiosks.issue(actor, site_id=site.id, label=clean)
        await audit.record(actor, action="kiosk.issued", entity_type="kiosk_credential", entity_id=credential.id,
                           after={"label": clean, "site_id": site.id})
    return credential, code


async def revoke_kiosk_credential(actor: Actor, credential_id: UUID) -> KioskCredential:
    async with db.transaction():
        credential = await kiosks.revoke(actor, credential_id)
        await audit.record(actor, action="kiosk.revoked", entity_type="kiosk_credential", entity_id=credential.id,
                           after={"revoked_at": credential.revoked_at})
    return credential


async def _is_below(actor: Actor, candidate: UUID, ancestor: UUID) -> bool:
    """Is `candidate` the department `ancestor` or inside it? One query for the whole tree."""
    return tree.walks_up_to(dict(await Department.of(actor).values_list("id", "parent_id")), candidate, ancestor)
