"""Scoped reads of the organisation: people, departments, sites, the viewer. `*_by_ids` serve the
GraphQL DataLoaders (one query per batch, results in the order asked)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tortoise.expressions import Q
from tortoise.functions import Count

from backend.access.actor import Actor, ActorKind
from backend.access.models import Locale, Organization
from backend.access.permissions import Permission, Role, require
from backend.core.errors import ValidationFailed
from backend.core.pagination import Page, paginate
from backend.org.models import Department, Employee, EmployeeStatus, Site
from backend.org.views import EmployeeView, Visibility


@dataclass(frozen=True, slots=True)
class Viewer:
    kind: ActorKind
    role: Role | None
    locale: Locale
    permissions: list[str]
    employee_id: UUID | None
    site_id: UUID | None


async def get_organization(actor: Actor) -> Organization:
    return await Organization.get(id=actor.tenant_id)


async def get_viewer(actor: Actor) -> Viewer:
    """Anyone signed in, kiosks included."""
    locale: Locale
    if actor.employee_id is not None:
        locale = (await Employee.get_for(actor, actor.employee_id)).locale
    else:
        locale = (await get_organization(actor)).locale
    return Viewer(kind=actor.kind, role=actor.role, locale=locale, permissions=sorted(p.value for p in actor.permissions),
                  employee_id=actor.employee_id, site_id=actor.site_id)


async def get_employee(actor: Actor, visibility: Visibility, employee_id: UUID) -> EmployeeView:
    """Requires DIRECTORY_READ (not kiosks). Raises NotFound for unknown or foreign ids."""
    require(actor, Permission.DIRECTORY_READ)
    employee = await Employee.get_for(actor, employee_id, what="employee")
    return (await visibility.views([employee]))[0]


async def list_employees(
    actor: Actor, *, first: int, after: str | None, search: str | None = None,
    department_id: UUID | None = None, status: EmployeeStatus | None = None,
) -> Page[Employee]:
    """Directory order is by name; only people still with the company unless `status` says
    otherwise. `search` matches name, latin name, number or job title."""
    require(actor, Permission.DIRECTORY_READ)
    query = Employee.of(actor).filter(status=status or EmployeeStatus.ACTIVE)
    if department_id is not None:
        query = query.filter(department_id=department_id)
    if search:
        term = search.strip()
        if len(term) > 60:
            raise ValidationFailed("Search for at most 60 characters.", field="search")
        query = query.filter(Q(name__icontains=term) | Q(latin_name__icontains=term)
                             | Q(employee_number__icontains=term) | Q(job_title__icontains=term))
    return await paginate(query, first=first, after=after, key="name")


async def employees_by_ids(actor: Actor, visibility: Visibility, ids: Sequence[UUID]) -> list[EmployeeView | None]:
    require(actor, Permission.DIRECTORY_READ)
    rows = await Employee.of(actor).filter(id__in=list(ids))
    found = {v.id: v for v in await visibility.views(rows)}
    return [found.get(i) for i in ids]


async def reports_by_manager_ids(actor: Actor, visibility: Visibility, ids: Sequence[UUID]) -> list[list[EmployeeView]]:
    """Active direct reports, by name. The org chart is visible to every colleague."""
    require(actor, Permission.DIRECTORY_READ)
    rows = await Employee.of(actor).filter(manager_id__in=list(ids), status=EmployeeStatus.ACTIVE).order_by("name")
    grouped: dict[UUID, list[EmployeeView]] = {i: [] for i in ids}
    for view in await visibility.views(rows):
        if view.manager_id is not None:
            grouped[view.manager_id].append(view)
    return [grouped[i] for i in ids]


async def departments_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Department | None]:
    found = {d.id: d for d in await Department.of(actor).filter(id__in=list(ids))}
    return [found.get(i) for i in ids]


async def sites_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Site | None]:
    found = {s.id: s for s in await Site.of(actor).filter(id__in=list(ids))}
    return [found.get(i) for i in ids]


async def member_counts(actor: Actor, department_ids: Sequence[UUID]) -> list[int]:
    """Active members per department (direct members, not sub-departments)."""
    rows = await (
        Employee.of(actor).filter(department_id__in=list(department_ids), status=EmployeeStatus.ACTIVE)
        .annotate(n=Count("id")).group_by("department_id").values_list("department_id", "n")
    )
    counts = dict(rows)
    return [counts.get(i, 0) for i in department_ids]


async def list_departments(actor: Actor, *, first: int, after: str | None) -> Page[Department]:
    require(actor, Permission.DIRECTORY_READ)
    return await paginate(Department.of(actor), first=first, after=after, key="name")


async def list_sites(actor: Actor, *, first: int, after: str | None) -> Page[Site]:
    """Kiosks see their own site through the viewer; the list is for people."""
    require(actor, Permission.DIRECTORY_READ)
    return await paginate(Site.of(actor), first=first, after=after, key="name")
