"""Use cases about people: invite, edit, deactivate (HR); own profile, language and password
(everyone); accepting an invitation. Every change is audited in its own transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from backend.access import accounts, authn
from backend.access.actor import Actor
from backend.access.models import Locale, Organization, UserAccount
from backend.access.permissions import Permission, Role, require
from backend.audit import service as audit
from backend.core import clock, db, outbox
from backend.core.config import get_settings
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.org import tree
from backend.org import validation as valid
from backend.org.events import EmployeeDeactivated, EmployeeInvited, EmployeeJoined
from backend.org.models import Department, Employee, EmployeeStatus, Site

PROFILE_FIELDS = ("employee_number", "name", "latin_name", "phone", "email", "hire_date", "birthday",
                  "job_title", "level", "department_id", "manager_id", "site_id", "status", "left_on", "locale")


@dataclass(frozen=True, slots=True)
class Invitation:
    employee: Employee
    invite_url: str


async def invite_employee(
    actor: Actor, *, employee_number: str, name: str, job_title: str, level: str, hire_date: date,
    role: Role = Role.EMPLOYEE, locale: Locale = Locale.ZH_CN, latin_name: str | None = None,
    email: str | None = None, phone: str | None = None, birthday: date | None = None,
    department_id: UUID | None = None, site_id: UUID | None = None, manager_id: UUID | None = None,
) -> Invitation:
    """HR adds a person and gets a one-time link to pass on. Requires EMPLOYEE_MANAGE.
    Emits org.employee_invited. Raises ValidationFailed, Conflict, NotFound, Forbidden."""
    require(actor, Permission.EMPLOYEE_MANAGE)
    today = await _today(actor)
    values: dict[str, Any] = {
        "employee_number": valid.employee_number(employee_number),
        "name": valid.text(name, field="name", max_length=120),
        "latin_name": valid.optional_text(latin_name, field="latinName", max_length=120),
        "job_title": valid.text(job_title, field="jobTitle", max_length=120),
        "level": valid.text(level, field="level", max_length=60),
        "hire_date": valid.hire_date(hire_date, today=today),
        "birthday": valid.birthday(birthday, today=today),
        "email": valid.email(email),
        "phone": valid.phone(phone),
        "locale": locale,
    }
    if values["email"] is None and values["phone"] is None:
        raise ValidationFailed("Give an email or a phone number to sign in with.", field="email")
    values.update(await _checked_links(actor, department_id=department_id, site_id=site_id, manager_id=manager_id))
    async with db.transaction():
        if await Employee.of(actor).filter(employee_number=values["employee_number"]).exists():
            raise Conflict("That employee number is already taken.", field="employeeNumber")
        employee = await Employee.create_for(actor, **values)
        _, token = await accounts.create_invited(
            actor, employee_id=employee.id, role=role, email=values["email"], phone=values["phone"]
        )
        await audit.record(actor, action="employee.invited", entity_type="employee", entity_id=employee.id,
                           after={**_snapshot(employee), "role": role})
        await outbox.emit(actor, EmployeeInvited(employee_id=str(employee.id), hire_date=hire_date.isoformat()))
    return Invitation(employee=employee, invite_url=f"{get_settings().public_url}/invite/{token}")


async def update_employee(
    actor: Actor, employee_id: UUID, *, name: str | None = None, latin_name: str | None = None,
    job_title: str | None = None, level: str | None = None, department_id: UUID | None = None,
    site_id: UUID | None = None, manager_id: UUID | None = None, role: Role | None = None,
) -> Employee:
    """HR edits a person's job data. None leaves a field as it is. Requires EMPLOYEE_MANAGE."""
    require(actor, Permission.EMPLOYEE_MANAGE)
    employee = await Employee.get_for(actor, employee_id, what="employee")
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = valid.text(name, field="name", max_length=120)
    if latin_name is not None:
        changes["latin_name"] = valid.optional_text(latin_name, field="latinName", max_length=120)
    if job_title is not None:
        changes["job_title"] = valid.text(job_title, field="jobTitle", max_length=120)
    if level is not None:
        changes["level"] = valid.text(level, field="level", max_length=60)
    changes.update(await _checked_links(actor, department_id=department_id, site_id=site_id,
                                        manager_id=manager_id, for_employee=employee.id))
    async with db.transaction():
        before = _snapshot(employee)
        for key, value in changes.items():
            setattr(employee, key, value)
        await employee.save()
        before_audit, after_audit = audit.diff(before, _snapshot(employee))
        if role is not None:
            previous = await accounts.set_role(actor, employee.id, role)
            if previous is not None and previous != role:
                before_audit["role"], after_audit["role"] = previous, role
        if after_audit:
            await audit.record(actor, action="employee.updated", entity_type="employee",
                               entity_id=employee.id, before=before_audit, after=after_audit)
    return employee


async def deactivate_employee(actor: Actor, employee_id: UUID, *, left_on: date | None = None) -> tuple[Employee, int]:
    """Marks a person as left, disables their account and signs out every session at once.
    Requires EMPLOYEE_MANAGE. Emits org.employee_deactivated. Returns the sessions revoked."""
    require(actor, Permission.EMPLOYEE_MANAGE)
    employee = await Employee.get_for(actor, employee_id, what="employee")
    if employee.id == actor.employee_id:
        raise Forbidden("You cannot deactivate yourself.")
    if employee.status == EmployeeStatus.LEFT:
        raise Conflict("This person is already deactivated.")
    left = left_on or await _today(actor)
    async with db.transaction():
        before = _snapshot(employee)
        employee.status, employee.left_on = EmployeeStatus.LEFT, left
        await employee.save(update_fields=["status", "left_on", "updated_at"])
        revoked = await accounts.disable(actor, employee.id)
        await audit.record(actor, action="employee.deactivated", entity_type="employee", entity_id=employee.id,
                           before={"status": before["status"]}, after={"status": "left", "left_on": left, "sessions_revoked": revoked})
        await outbox.emit(actor, EmployeeDeactivated(employee_id=str(employee.id), left_on=left.isoformat()))
    return employee, revoked


async def update_my_profile(
    actor: Actor, *, phone: str | None = None, email: str | None = None, birthday: date | None = None
) -> Employee:
    """A person edits their own contact details (None: unchanged; "" clears). Email and phone are
    also the sign-in identifiers, so at least one must remain. Requires PROFILE_EDIT_OWN."""
    require(actor, Permission.PROFILE_EDIT_OWN)
    employee = await _own_employee(actor)
    changes: dict[str, Any] = {}
    if phone is not None:
        changes["phone"] = valid.phone(phone)
    if email is not None:
        changes["email"] = valid.email(email)
    if birthday is not None:
        changes["birthday"] = valid.birthday(birthday, today=await _today(actor))
    after = {**_snapshot(employee), **changes}
    if after["email"] is None and after["phone"] is None:
        raise ValidationFailed("Keep an email or a phone number to sign in with.", field="email")
    async with db.transaction():
        before = _snapshot(employee)
        for key, value in changes.items():
            setattr(employee, key, value)
        await employee.save()
        await accounts.sync_logins(actor, employee.id, email=employee.email, phone=employee.phone)
        old, new = audit.diff(before, _snapshot(employee))
        if new:
            await audit.record(actor, action="profile.updated", entity_type="employee", entity_id=employee.id, before=old, after=new)
    return employee


async def set_my_locale(actor: Actor, locale: Locale) -> Employee:
    """The language the PWA and notifications use for this person."""
    require(actor, Permission.PROFILE_EDIT_OWN)
    employee = await _own_employee(actor)
    if employee.locale != locale:
        async with db.transaction():
            before = employee.locale
            employee.locale = locale
            await employee.save(update_fields=["locale", "updated_at"])
            await audit.record(actor, action="profile.locale_changed", entity_type="employee",
                               entity_id=employee.id, before={"locale": before}, after={"locale": locale})
    return employee


async def change_my_password(actor: Actor, *, current_password: str, new_password: str) -> int:
    """Returns how many other sessions were signed out. Raises WrongPassword, WeakPassword."""
    async with db.transaction():
        revoked = await authn.change_password(actor, current_password=current_password, new_password=new_password)
        await audit.record(actor, action="account.password_changed", entity_type="employee",
                           entity_id=actor.employee_id or "", after={"other_sessions_revoked": revoked})
    return revoked


async def accept_invite(
    *, token: str, password: str, ip: str, user_agent: str, request_id: str | None = None
) -> authn.IssuedSession:
    """The invited person sets a password and is signed in. Emits org.employee_joined."""
    async with db.transaction():
        issued = await authn.accept_invite(token=token, password=password, ip=ip, user_agent=user_agent)
        account = await UserAccount.get(id=issued.session.account_id).select_related("employee")
        actor = Actor.user(tenant_id=account.tenant_id, account_id=account.id, employee_id=account.employee_id,
                           role=account.role, label=account.employee.name, request_id=request_id)
        await audit.record(actor, action="account.invite_accepted", entity_type="employee", entity_id=account.employee_id)
        await outbox.emit(actor, EmployeeJoined(employee_id=str(account.employee_id)))
    return issued


async def _own_employee(actor: Actor) -> Employee:
    if actor.employee_id is None:
        raise Forbidden("Only a person can edit a profile.")
    return await Employee.get_for(actor, actor.employee_id, what="employee")


async def _today(actor: Actor) -> date:
    org = await Organization.get(id=actor.tenant_id)
    return clock.today_in(org.time_zone)


async def _checked_links(
    actor: Actor, *, department_id: UUID | None, site_id: UUID | None, manager_id: UUID | None,
    for_employee: UUID | None = None,
) -> dict[str, Any]:
    """Re-fetch linked ids inside the organisation; refuse a manager loop."""
    links: dict[str, Any] = {}
    if department_id is not None:
        links["department_id"] = (await Department.get_for(actor, department_id, what="department")).id
    if site_id is not None:
        links["site_id"] = (await Site.get_for(actor, site_id, what="site")).id
    if manager_id is not None:
        manager = await Employee.get_for(actor, manager_id, what="manager")
        if manager.status != EmployeeStatus.ACTIVE:
            raise ValidationFailed("The manager has left the company.", field="managerId")
        if for_employee is not None and await _reports_up_to(actor, manager.id, for_employee):
            raise ValidationFailed("That would make a reporting loop.", field="managerId")
        links["manager_id"] = manager.id
    return links


async def _reports_up_to(actor: Actor, start: UUID, target: UUID) -> bool:
    """Is `target` at or above `start` in the reporting chain? One query for the whole org."""
    return tree.walks_up_to(dict(await Employee.of(actor).values_list("id", "manager_id")), start, target)


def _snapshot(employee: Employee) -> dict[str, Any]:
    return {name: getattr(employee, name) for name in PROFILE_FIELDS}
