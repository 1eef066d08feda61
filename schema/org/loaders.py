"""Per-request DataLoaders for org data: one query per batch, whatever the page size."""
from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.org import queries as org
from backend.org.models import Department, Site
from backend.org.views import EmployeeView, Visibility


class OrgLoaders:
    def __init__(self, actor: Actor, visibility: Visibility) -> None:
        async def employees(ids: list[UUID]) -> list[EmployeeView | None]:
            return await org.employees_by_ids(actor, visibility, ids)

        async def reports(ids: list[UUID]) -> list[list[EmployeeView]]:
            return await org.reports_by_manager_ids(actor, visibility, ids)

        async def departments(ids: list[UUID]) -> list[Department | None]:
            return await org.departments_by_ids(actor, ids)

        async def sites(ids: list[UUID]) -> list[Site | None]:
            return await org.sites_by_ids(actor, ids)

        async def member_counts(ids: list[UUID]) -> list[int]:
            return await org.member_counts(actor, ids)

        self.employee = DataLoader(load_fn=employees)
        self.reports = DataLoader(load_fn=reports)
        self.department = DataLoader(load_fn=departments)
        self.site = DataLoader(load_fn=sites)
        self.member_count = DataLoader(load_fn=member_counts)
