"""Org queries: the viewer, the organisation, people, departments, sites."""
from __future__ import annotations

import strawberry

from backend.core.errors import NotFound
from backend.org import queries as org
from schema.context import Info
from schema.core.connection import Connection
from schema.core.ids import required_uuid, to_uuid
from schema.core.enums import EmployeeStatus
from schema.org.types import Department, Employee, Organization, Site, Viewer


@strawberry.type
class OrgQuery:
    @strawberry.field(description="Who is signed in.")
    async def me(self, info: Info) -> Viewer:
        return Viewer.from_data(await org.get_viewer(info.context.actor))

    @strawberry.field(description="The signed-in person's organisation.")
    async def organization(self, info: Info) -> Organization:
        return Organization.from_model(await org.get_organization(info.context.actor))

    @strawberry.field(description="One colleague, or null when there is no such person in your organisation.")
    async def employee(self, info: Info, id: strawberry.ID) -> Employee | None:
        try:
            view = await org.get_employee(info.context.actor, info.context.visibility, required_uuid(id))
        except NotFound:
            return None
        return Employee.from_view(view)

    @strawberry.field(description="The directory, by name. Without `status`, only people still with the company.")
    async def employees(
        self, info: Info, first: int = 50, after: str | None = None, search: str | None = None,
        department_id: strawberry.ID | None = None, status: EmployeeStatus | None = None,
    ) -> Connection[Employee]:
        page = await org.list_employees(
            info.context.actor, first=first, after=after, search=search,
            department_id=to_uuid(department_id, field="departmentId"), status=status,
        )
        views = {v.id: v for v in await info.context.visibility.views(page.items)}
        return Connection.from_page(page, lambda e: Employee.from_view(views[e.id]))

    @strawberry.field(description="Departments, by name (the whole tree fits a page or two).")
    async def departments(self, info: Info, first: int = 100, after: str | None = None) -> Connection[Department]:
        page = await org.list_departments(info.context.actor, first=first, after=after)
        return Connection.from_page(page, Department.from_model)

    @strawberry.field(description="Sites, by name.")
    async def sites(self, info: Info, first: int = 100, after: str | None = None) -> Connection[Site]:
        page = await org.list_sites(info.context.actor, first=first, after=after)
        return Connection.from_page(page, Site.from_model)
