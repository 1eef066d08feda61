"""What a viewer may see of a person. Private contact fields and account data are masked here,
once, so every API path returns the same answer; the schema walk test holds it to that."""
from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from backend.access import accounts, policies
from backend.access.actor import Actor
from backend.access.models import AccountState, Locale, UserAccount
from backend.access.permissions import Permission, Role
from backend.org import tree
from backend.org.models import Employee, EmployeeStatus


@dataclass(frozen=True, slots=True)
class EmployeeView:
    id: UUID
    employee_number: str
    name: str
    latin_name: str | None
    job_title: str
    level: str
    department_id: UUID | None
    site_id: UUID | None
    manager_id: UUID | None
    status: EmployeeStatus
    hire_date: date
    locale: Locale
    # private: the person, their management chain, HR
    phone: str | None
    email: str | None
    birthday: date | None
    # account: the person and HR
    role: Role | None
    account_state: AccountState | None


class Visibility:
    """Per-request: loads the viewer's subordinates at most once (one query)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self._subordinates: asyncio.Future[set[UUID]] | None = None

    async def subordinates(self) -> set[UUID]:
        # Resolvers of one request ask concurrently: they share one pending load (a plain cached
        # value set before the await would hand the others an empty set mid-load).
        if self._subordinates is None:
            self._subordinates = asyncio.ensure_future(self._load_subordinates())
        return await asyncio.shield(self._subordinates)

    async def _load_subordinates(self) -> set[UUID]:
        if not (self.actor.employee_id and Permission.TEAM_READ_PRIVATE in self.actor.permissions):
            return set()
        pairs: dict[UUID, UUID | None] = dict(await Employee.of(self.actor).values_list("id", "manager_id"))
        return tree.all_below(pairs, self.actor.employee_id)

    async def views(self, employees: Sequence[Employee]) -> list[EmployeeView]:
        actor = self.actor
        needs_private = Permission.TEAM_READ_PRIVATE in actor.permissions and Permission.EMPLOYEE_READ_PRIVATE not in actor.permissions
        below = await self.subordinates() if needs_private else set()
        account_ids = [e.id for e in employees if policies.may_see_account(actor, e.id)]
        found = await accounts.accounts_by_employee_ids(actor, account_ids) if account_ids else {}
        return [self._view(e, below, found) for e in employees]

    def _view(self, e: Employee, below: set[UUID], found: Mapping[UUID, UserAccount]) -> EmployeeView:
        private = policies.may_see_private_profile(self.actor, e.id, below)
        account = found.get(e.id)
        return EmployeeView(
            id=e.id, employee_number=e.employee_number, name=e.name, latin_name=e.latin_name,
            job_title=e.job_title, level=e.level, department_id=e.department_id, site_id=e.site_id,
            manager_id=e.manager_id, status=e.status, hire_date=e.hire_date, locale=e.locale,
            phone=e.phone if private else None,
            email=e.email if private else None,
            birthday=e.birthday if private else None,
            role=account.role if account else None,
            account_state=account.state if account else None,
        )
