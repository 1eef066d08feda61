"""GraphQL types for organisations, sites, departments, people and the viewer."""
from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import strawberry

from backend.access.models import Organization as OrganizationModel
from backend.org import queries as org
from backend.org.models import Department as DepartmentModel
from backend.org.models import Site as SiteModel
from backend.org.queries import Viewer as ViewerData
from backend.org.views import EmployeeView
from schema.context import Info
from schema.core.enums import AccountState, ActorKind, EmployeeStatus, Locale, Role


@strawberry.type(description="The company using Seen (the tenant).")
class Organization:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    name: str = strawberry.field(description="Display name.")
    time_zone: str = strawberry.field(description="IANA time zone that defines the company's days.")
    locale: Locale = strawberry.field(description="Default language for new people.")
    currency: str = strawberry.field(description="ISO 4217 code; money amounts are in its minor unit.")

    @classmethod
    def from_model(cls, org: OrganizationModel) -> Organization:
        return cls(id=strawberry.ID(str(org.id)), name=org.name, time_zone=org.time_zone, locale=org.locale, currency=org.currency)


@strawberry.type(description="A place people work: a factory, a shop, an office.")
class Site:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    name: str = strawberry.field(description="Display name.")
    time_zone: str = strawberry.field(description="IANA time zone of the site's clock.")
    address: str | None = strawberry.field(description="Postal address, if recorded.")

    @classmethod
    def from_model(cls, site: SiteModel) -> Site:
        return cls(id=strawberry.ID(str(site.id)), name=site.name, time_zone=site.time_zone, address=site.address)


@strawberry.type(description="A department; departments form a tree through parentId.")
class Department:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    name: str = strawberry.field(description="Display name.")
    parent_id: strawberry.ID | None = strawberry.field(description="The department this one sits in.")
    head_id: strawberry.Private[UUID | None]
    model_id: strawberry.Private[UUID]

    @strawberry.field(description="Who leads the department.")
    async def head(self, info: Info) -> Annotated[Employee, strawberry.lazy("schema.org.types")] | None:
        view = await info.context.org.employee.load(self.head_id) if self.head_id else None
        return Employee.from_view(view) if view else None

    @strawberry.field(description="Active people directly in this department.")
    async def member_count(self, info: Info) -> int:
        return await info.context.org.member_count.load(self.model_id)

    @classmethod
    def from_model(cls, d: DepartmentModel) -> Department:
        return cls(id=strawberry.ID(str(d.id)), name=d.name, parent_id=strawberry.ID(str(d.parent_id)) if d.parent_id else None,
                   head_id=d.head_id, model_id=d.id)


@strawberry.type(description="A person. Phone, email and birthday are null unless the viewer is the person, "
                             "in their management chain, or HR; role and accountState only for the person and HR.")
class Employee:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    employee_number: str = strawberry.field(description="The company's own staff number.")
    name: str = strawberry.field(description="Name as the person writes it.")
    latin_name: str | None = strawberry.field(description="Name in Latin letters (pinyin or English).")
    job_title: str = strawberry.field(description="Job title.")
    level: str = strawberry.field(description="Job level or grade.")
    status: EmployeeStatus = strawberry.field(description="Still with the company, or left.")
    hire_date: date = strawberry.field(description="First working day.")
    locale: Locale = strawberry.field(description="The person's language.")
    phone: str | None = strawberry.field(description="Private: mobile number.")
    email: str | None = strawberry.field(description="Private: email address.")
    birthday: date | None = strawberry.field(description="Private: date of birth.")
    role: Role | None = strawberry.field(description="Account role (the person and HR only).")
    account_state: AccountState | None = strawberry.field(description="Account state (the person and HR only).")
    view: strawberry.Private[EmployeeView]

    @strawberry.field(description="The person's department.")
    async def department(self, info: Info) -> Department | None:
        found = await info.context.org.department.load(self.view.department_id) if self.view.department_id else None
        return Department.from_model(found) if found else None

    @strawberry.field(description="The site the person works at.")
    async def site(self, info: Info) -> Site | None:
        found = await info.context.org.site.load(self.view.site_id) if self.view.site_id else None
        return Site.from_model(found) if found else None

    @strawberry.field(description="The person's line manager.")
    async def manager(self, info: Info) -> Employee | None:
        found = await info.context.org.employee.load(self.view.manager_id) if self.view.manager_id else None
        return Employee.from_view(found) if found else None

    @strawberry.field(description="Active direct reports, by name.")
    async def reports(self, info: Info) -> list[Employee]:
        return [Employee.from_view(v) for v in await info.context.org.reports.load(self.view.id)]

    @classmethod
    def from_view(cls, v: EmployeeView) -> Employee:
        return cls(
            id=strawberry.ID(str(v.id)), employee_number=v.employee_number, name=v.name, latin_name=v.latin_name,
            job_title=v.job_title, level=v.level, status=v.status, hire_date=v.hire_date, locale=v.locale,
            phone=v.phone, email=v.email, birthday=v.birthday, role=v.role, account_state=v.account_state, view=v,
        )


@strawberry.type(description="Whoever is signed in: a person or a kiosk.")
class Viewer:
    kind: ActorKind = strawberry.field(description="A person (USER) or a shared kiosk (KIOSK).")
    role: Role | None = strawberry.field(description="The person's role; null for kiosks.")
    locale: Locale = strawberry.field(description="Language to show.")
    permissions: list[str] = strawberry.field(description="Permissions granted, e.g. employee:manage.")
    data: strawberry.Private[ViewerData]

    @strawberry.field(description="The signed-in person's profile; null for kiosks.")
    async def employee(self, info: Info) -> Employee | None:
        found = await info.context.org.employee.load(self.data.employee_id) if self.data.employee_id else None
        return Employee.from_view(found) if found else None

    @strawberry.field(description="The kiosk's site; null for people.")
    async def site(self, info: Info) -> Site | None:
        found = await info.context.org.site.load(self.data.site_id) if self.data.site_id else None
        return Site.from_model(found) if found else None

    @strawberry.field(description="The organisation.")
    async def organization(self, info: Info) -> Organization:
        return Organization.from_model(await org.get_organization(info.context.actor))

    @classmethod
    def from_data(cls, data: ViewerData) -> Viewer:
        return cls(kind=data.kind, role=data.role, locale=data.locale, permissions=data.permissions, data=data)
