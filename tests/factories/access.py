"""Factories for signing in: sessions through the real login, invitation tokens through the real
invite use case, kiosk codes through the real issue use case."""
from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from backend.access import authn
from backend.access.authn import IssuedSession
from backend.access.models import KioskCredential, SessionKind
from backend.access.permissions import Role
from backend.core.config import Settings, use_settings
from backend.org import people, structure
from backend.org.models import Employee
from tests.factories.org import PASSWORD, Company, Person

_invites = itertools.count(1)


async def sign_in(person: Person, *, ip: str = "10.0.0.1", kind: SessionKind = SessionKind.WEB,
                  password: str = PASSWORD) -> IssuedSession:
    return await authn.login(login=person.login, password=password, ip=ip, user_agent="pytest", kind=kind)


async def invite(company: Company, *, email: str | None = None, phone: str | None = None,
                 role: Role = Role.EMPLOYEE) -> tuple[Employee, str]:
    """An invited person (by HR) and the raw token from their invitation link."""
    n = next(_invites)
    invitation = await people.invite_employee(
        company.hr.actor, employee_number=f"INV{n:04d}", name=f"Invitee {n}", job_title="Operator", level="L1",
        hire_date=date(2023, 1, 9), role=role, email=email or (None if phone else f"invitee{n}@example.test"),
        phone=phone,
    )
    return invitation.employee, invitation.invite_url.rsplit("/", 1)[1]


async def kiosk_code(company: Company, *, label: str = "Gate 1") -> tuple[KioskCredential, str]:
    return await structure.issue_kiosk_credential(company.hr.actor, site_id=company.site.id, label=label)


def with_settings(settings: Settings, **changes: object) -> Settings:
    """Install a variant of the test settings (e.g. a lower login limit) and return it."""
    changed = replace(settings, **changes)  # type: ignore[arg-type]
    use_settings(changed)
    return changed
