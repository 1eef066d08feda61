"""A person's own profile and language: contact details are also the sign-in identifiers."""
from __future__ import annotations

import pytest

from backend.access import authn
from backend.access.models import Locale, SessionKind, UserAccount
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, InvalidCredentials, ValidationFailed
from backend.org import people
from backend.org.models import Employee
from tests.factories.access import kiosk_code
from tests.factories.org import PASSWORD, make_company


async def _login(login: str) -> authn.IssuedSession:
    return await authn.login(login=login, password=PASSWORD, ip="10.0.0.1", user_agent="pytest", kind=SessionKind.WEB)


async def test_a_new_profile_email_becomes_the_login(db):
    # given
    company = await make_company()
    old = company.employee.login
    # when
    await people.update_my_profile(company.employee.actor, email="New.Address@Example.test")
    # then
    with pytest.raises(InvalidCredentials):
        await _login(old)
    assert (await _login("new.address@example.test")).token


async def test_an_empty_string_clears_a_profile_field(db):
    # given
    company = await make_company()
    # when
    await people.update_my_profile(company.employee.actor, phone="")
    # then
    assert (await Employee.get(id=company.employee.employee.id)).phone is None
    account = await UserAccount.get(id=company.employee.account.id)
    assert account.login_phone is None and account.login_email == company.employee.login


async def test_email_and_phone_cannot_both_be_cleared(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as refused:
        await people.update_my_profile(company.employee.actor, phone="", email="")
    # then
    assert refused.value.field == "email"
    stored = await Employee.get(id=company.employee.employee.id)
    assert (stored.email, stored.phone) == (company.employee.employee.email, company.employee.employee.phone)


async def test_profile_audit_holds_only_the_changed_fields(db):
    # given
    company = await make_company()
    me = company.employee.employee
    # when the same email is sent again along with a new phone
    await people.update_my_profile(company.employee.actor, email=me.email, phone="+86 139 0000 1111")
    # then
    entry = await AuditEntry.get(action="profile.updated")
    assert entry.before == {"phone": me.phone} and entry.after == {"phone": "+8613900001111"}


async def test_taking_another_persons_login_email_rolls_the_profile_back(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(Conflict):
        await people.update_my_profile(company.employee.actor, email=company.peer.login, phone="13900002222")
    # then the employee row, saved before the clash was found, is unchanged
    stored = await Employee.get(id=company.employee.employee.id)
    assert (stored.email, stored.phone) == (company.employee.employee.email, company.employee.employee.phone)
    assert await AuditEntry.all().count() == 0


async def test_set_my_locale_persists_and_is_audited(db):
    # given
    company = await make_company()
    # when
    await people.set_my_locale(company.employee.actor, Locale.EN)
    # then
    assert (await Employee.get(id=company.employee.employee.id)).locale == Locale.EN
    entry = await AuditEntry.get(action="profile.locale_changed")
    assert (entry.before, entry.after) == ({"locale": "zh-CN"}, {"locale": "en"})


async def test_a_kiosk_cannot_edit_a_profile(db):
    # given a signed-in kiosk
    company = await make_company()
    _, code = await kiosk_code(company)
    kiosk = await authn.resolve((await authn.kiosk_login(code=code, ip="10.0.0.5", user_agent="tablet")).token)
    assert kiosk is not None
    # when / then
    with pytest.raises(Forbidden):
        await people.update_my_profile(kiosk, phone="13900003333")
    assert await AuditEntry.filter(action="profile.updated").count() == 0
