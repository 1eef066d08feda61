"""Factories for organisations, people and accounts: real rows through real code paths where a
use case exists, direct rows where the test is about something else."""
from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import date

from backend.access.actor import Actor
from backend.access.models import AccountState, Organization, UserAccount
from backend.access.passwords import hash_password
from backend.access.permissions import Role
from backend.org.models import Department, Employee, Site

PASSWORD = "correct-horse-battery"
_numbers = itertools.count(1)
_HASH: str | None = None


def password_hash() -> str:
    global _HASH
    if _HASH is None:
        _HASH = hash_password(PASSWORD)
    return _HASH


@dataclass
class Person:
    employee: Employee
    account: UserAccount
    actor: Actor

    @property
    def login(self) -> str:
        assert self.account.login_email
        return self.account.login_email


@dataclass
class Company:
    org: Organization
    system: Actor
    site: Site
    department: Department
    owner: Person
    hr: Person
    manager: Person
    employee: Person
    peer: Person  # same department, not managed by `manager`

    def people(self) -> list[Person]:
        return [self.owner, self.hr, self.manager, self.employee, self.peer]


async def make_org(name: str = "Acme") -> tuple[Organization, Actor]:
    org = await Organization.create(name=name, time_zone="Asia/Shanghai")
    return org, Actor.system(org.id)


async def make_person(
    system: Actor, *, role: Role = Role.EMPLOYEE, name: str | None = None, manager: Employee | None = None,
    department: Department | None = None, site: Site | None = None, state: AccountState = AccountState.ACTIVE,
) -> Person:
    n = next(_numbers)
    employee = await Employee.create_for(
        system, employee_number=f"E{n:05d}", name=name or f"Person {n}", latin_name=f"Person {n}",
        phone=f"1380000{n:04d}", email=f"person{n}@example.test", hire_date=date(2022, 3, 1),
        birthday=date(1994, 5, 17), job_title="Operator", level="L2",
        manager_id=manager.id if manager else None, department_id=department.id if department else None,
        site_id=site.id if site else None,
    )
    account = await UserAccount.create_for(
        system, employee_id=employee.id, login_email=employee.email, login_phone=employee.phone,
        password_hash=password_hash(), role=role, state=state,
    )
    actor = Actor.user(tenant_id=system.tenant_id, account_id=account.id, employee_id=employee.id, role=role, label=employee.name)
    return Person(employee=employee, account=account, actor=actor)


async def make_company(name: str = "Acme") -> Company:
    org, system = await make_org(name)
    site = await Site.create_for(system, name=f"{name} Plant", time_zone="Asia/Shanghai")
    department = await Department.create_for(system, name=f"{name} Production")
    owner = await make_person(system, role=Role.OWNER, name=f"{name} Owner", site=site)
    hr = await make_person(system, role=Role.HR_ADMIN, name=f"{name} HR", manager=owner.employee, site=site)
    manager = await make_person(system, role=Role.MANAGER, name=f"{name} Manager", manager=owner.employee,
                                department=department, site=site)
    employee = await make_person(system, name=f"{name} Worker", manager=manager.employee, department=department, site=site)
    peer = await make_person(system, name=f"{name} Peer", manager=owner.employee, department=department, site=site)
    return Company(org=org, system=system, site=site, department=department, owner=owner, hr=hr,
                   manager=manager, employee=employee, peer=peer)


def new_id() -> uuid.UUID:
    return uuid.uuid4()
