"""People use cases for HR: inviting, editing, deactivating. Every change is audited in the same
transaction as the change (a person's own profile is in test_profile.py)."""
from __future__ import annotations

import asyncio
import contextvars
import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from backend.access import authn
from backend.access.models import AccountState, UserAccount
from backend.access.permissions import Role
from backend.access.tokens import digest
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core import db as core_db
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.org import people
from backend.org.models import Employee, EmployeeStatus
from tests.factories.access import sign_in
from tests.factories.org import Company, make_company


async def _invite(company: Company, **overrides: Any) -> people.Invitation:
    values: dict[str, Any] = {
        "employee_number": "N-100", "name": "王芳", "latin_name": "Wang Fang", "job_title": "Welder", "level": "L1",
        "hire_date": date(2024, 2, 1), "email": "Wang.Fang@Example.test", "phone": "139 1234 5678",
    }
    values.update(overrides)
    actor = values.pop("actor", company.hr.actor)
    return await people.invite_employee(actor, **values)


async def test_invite_creates_an_invited_person_and_a_one_time_link(db, settings):
    # given
    company = await make_company()
    # when
    invitation = await _invite(company)
    # then
    token = invitation.invite_url.removeprefix(f"{settings.public_url}/invite/")
    assert token and "/" not in token
    account = await UserAccount.get(employee_id=invitation.employee.id)
    assert account.state == AccountState.INVITED and account.password_hash is None
    assert account.invite_digest == digest(token, purpose="invite")
    assert (account.login_email, account.login_phone) == ("wang.fang@example.test", "13912345678")


async def test_invite_is_audited_and_announced(db):
    # given
    company = await make_company()
    # when
    invitation = await _invite(company, role=Role.MANAGER)
    # then
    entry = await AuditEntry.get(action="employee.invited")
    assert entry.entity_id == str(invitation.employee.id) and entry.actor_employee_id == company.hr.employee.id
    assert entry.after is not None
    assert (entry.after["employee_number"], entry.after["role"], entry.after["email"]) == ("N-100", "manager", "wang.fang@example.test")
    assert [e.payload["employee_id"] for e in await OutboxEvent.filter(type="org.employee_invited")] == [str(invitation.employee.id)]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"email": "not-an-email"}, "email"),
    ({"email": None, "phone": None}, "email"),
    ({"email": " ", "phone": ""}, "email"),
    ({"phone": "12ab"}, "phone"),
    ({"employee_number": "N 100/2"}, "employeeNumber"),
    ({"name": "   "}, "name"),
    ({"hire_date": "too-late"}, "hireDate"),
], ids=["bad-email", "no-login", "blank-logins", "bad-phone", "bad-number", "blank-name", "hire-date-beyond-a-year"])
async def test_invalid_invite_names_the_field_and_creates_nothing(db, overrides, field):
    # given
    company = await make_company()
    if overrides.get("hire_date") == "too-late":
        overrides = {"hire_date": clock.today_in("Asia/Shanghai") + timedelta(days=400)}
    before = await Employee.all().count()
    # when
    with pytest.raises(ValidationFailed) as refused:
        await _invite(company, **overrides)
    # then
    assert refused.value.field == field
    assert await Employee.all().count() == before


async def test_duplicate_employee_number_is_a_conflict(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Conflict) as refused:
        await _invite(company, employee_number=company.employee.employee.employee_number)
    assert refused.value.field == "employeeNumber"


async def test_the_same_employee_number_is_fine_in_another_organisation(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    # when
    invitation = await _invite(company, employee_number=other.employee.employee.employee_number)
    # then
    assert invitation.employee.tenant_id == company.org.id


async def test_login_email_used_in_another_organisation_is_a_conflict(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    # when / then
    with pytest.raises(Conflict) as refused:
        await _invite(company, email=other.employee.login.upper(), phone=None)
    assert refused.value.field == "email"


@pytest.mark.parametrize("link", ["department_id", "site_id", "manager_id"])
async def test_another_organisations_link_is_not_found_exactly_like_a_random_id(db, link):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    foreign = {"department_id": other.department.id, "site_id": other.site.id, "manager_id": other.manager.employee.id}[link]
    # when
    with pytest.raises(NotFound) as foreign_error:
        await _invite(company, **{link: foreign})
    with pytest.raises(NotFound) as random_error:
        await _invite(company, **{link: uuid.uuid4()})
    # then
    assert (foreign_error.value.message, foreign_error.value.field) == (random_error.value.message, random_error.value.field)
    assert await Employee.filter(employee_number="N-100").count() == 0


async def test_an_employee_cannot_invite(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await _invite(company, actor=company.employee.actor)


async def test_hr_cannot_grant_owner_and_nothing_is_left_behind(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(Forbidden) as refused:
        await _invite(company, role=Role.OWNER)
    # then the employee row written before the check was rolled back
    assert refused.value.field == "role"
    assert await Employee.filter(employee_number="N-100").count() == 0
    assert await AuditEntry.all().count() == 0


async def test_failed_invite_leaves_neither_employee_nor_audit_entry(db):
    # given an email that signs someone in already
    company = await make_company()
    # when
    with pytest.raises(Conflict):
        await _invite(company, email=company.peer.login)
    # then
    assert await Employee.filter(employee_number="N-100").count() == 0
    assert await AuditEntry.all().count() == 0 and await OutboxEvent.all().count() == 0


@pytest.mark.parametrize("new_manager", ["self", "report", "report_of_report"])
async def test_a_reporting_loop_is_refused(db, new_manager):
    # given owner <- manager <- employee
    company = await make_company()
    subject, manager = {
        "self": (company.manager, company.manager),
        "report": (company.manager, company.employee),
        "report_of_report": (company.owner, company.employee),
    }[new_manager]
    # when
    with pytest.raises(ValidationFailed) as refused:
        await people.update_employee(company.hr.actor, subject.employee.id, manager_id=manager.employee.id)
    # then
    assert refused.value.field == "managerId"
    assert (await Employee.get(id=subject.employee.id)).manager_id == subject.employee.manager_id


async def test_role_change_is_audited_with_before_and_after(db):
    # given
    company = await make_company()
    # when
    await people.update_employee(company.hr.actor, company.employee.employee.id, role=Role.MANAGER, job_title="Team lead")
    # then
    assert (await UserAccount.get(id=company.employee.account.id)).role == Role.MANAGER
    entry = await AuditEntry.get(action="employee.updated")
    assert entry.before == {"job_title": "Operator", "role": "employee"}
    assert entry.after == {"job_title": "Team lead", "role": "manager"}


async def test_hr_cannot_change_the_owners_role(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(Forbidden):
        await people.update_employee(company.hr.actor, company.owner.employee.id, role=Role.EMPLOYEE, job_title="Clerk")
    # then neither the role nor the job title changed
    assert (await UserAccount.get(id=company.owner.account.id)).role == Role.OWNER
    assert (await Employee.get(id=company.owner.employee.id)).job_title == "Operator"


async def test_an_update_that_changes_nothing_is_not_audited(db):
    # given
    company = await make_company()
    # when
    await people.update_employee(company.hr.actor, company.employee.employee.id, job_title="Operator", role=Role.EMPLOYEE)
    # then
    assert await AuditEntry.all().count() == 0


async def test_deactivating_marks_left_disables_the_account_and_ends_sessions(db):
    # given a person signed in on two devices
    company = await make_company()
    first, second = await sign_in(company.employee), await sign_in(company.employee)
    # when
    employee, revoked = await people.deactivate_employee(company.hr.actor, company.employee.employee.id)
    # then
    assert revoked == 2
    stored = await Employee.get(id=employee.id)
    assert stored.status == EmployeeStatus.LEFT and stored.left_on == clock.today_in("Asia/Shanghai")
    assert (await UserAccount.get(id=company.employee.account.id)).state == AccountState.DISABLED
    assert await authn.resolve(first.token) is None and await authn.resolve(second.token) is None
    entry = await AuditEntry.get(action="employee.deactivated")
    assert entry.after is not None and entry.after["sessions_revoked"] == 2


async def test_deactivating_does_not_touch_other_peoples_sessions(db):
    # given
    company = await make_company()
    other = await sign_in(company.peer)
    # when
    await people.deactivate_employee(company.hr.actor, company.employee.employee.id)
    # then
    assert await authn.resolve(other.token) is not None


async def test_nobody_can_deactivate_themselves(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await people.deactivate_employee(company.hr.actor, company.hr.employee.id)
    assert (await Employee.get(id=company.hr.employee.id)).status == EmployeeStatus.ACTIVE


async def test_deactivating_twice_is_a_conflict(db):
    # given
    company = await make_company()
    await people.deactivate_employee(company.hr.actor, company.employee.employee.id, left_on=date(2024, 5, 31))
    # when / then
    with pytest.raises(Conflict):
        await people.deactivate_employee(company.hr.actor, company.employee.employee.id)
    assert (await Employee.get(id=company.employee.employee.id)).left_on == date(2024, 5, 31)


async def test_hr_cannot_deactivate_the_owner(db):
    # given HR may not even change the owner's role ("someone above you")
    company = await make_company()
    owner_session = await sign_in(company.owner)
    # when
    with pytest.raises(Forbidden):
        await people.deactivate_employee(company.hr.actor, company.owner.employee.id)
    # then the owner is still in, and still signed in
    assert (await Employee.get(id=company.owner.employee.id)).status == EmployeeStatus.ACTIVE
    assert (await UserAccount.get(id=company.owner.account.id)).state == AccountState.ACTIVE
    assert await authn.resolve(owner_session.token) is not None


async def test_someone_who_left_cannot_become_a_manager(db):
    # given
    company = await make_company()
    await people.deactivate_employee(company.hr.actor, company.peer.employee.id)
    # when
    with pytest.raises(ValidationFailed) as refused:
        await people.update_employee(company.hr.actor, company.employee.employee.id, manager_id=company.peer.employee.id)
    # then
    assert refused.value.field == "managerId"
    assert (await Employee.get(id=company.employee.employee.id)).manager_id == company.manager.employee.id


async def test_an_invite_racing_another_for_the_same_email_gets_a_conflict(db):
    # given an invite that has taken the email but not committed yet
    company = await make_company()
    async with core_db.transaction():
        await _invite(company, employee_number="N-1", phone=None)
        # when a second invite (its own connection: a fresh context) checks, finds the email free, and inserts
        rival = asyncio.create_task(_invite(company, employee_number="N-2", phone=None), context=contextvars.Context())
        await asyncio.sleep(0.5)  # PostgreSQL: the rival now waits on the unique index; SQLite: on the write lock
    [outcome] = await asyncio.gather(rival, return_exceptions=True)
    # then the loser gets the same Conflict as a sequential duplicate, not a raw database error
    assert isinstance(outcome, Conflict), repr(outcome)
    assert outcome.field == "email"
    assert await UserAccount.filter(login_email="wang.fang@example.test").count() == 1
    assert await Employee.filter(employee_number="N-2").count() == 0
