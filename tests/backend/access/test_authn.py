"""Authentication: login by email or phone, sessions resolving to Actors, password change, kiosk
sign-in and invitation acceptance. Throttling is in test_throttle.py."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.access import authn
from backend.access.actor import ActorKind
from backend.access.models import AccountState, Session, SessionKind, UserAccount
from backend.access.permissions import Permission, Role
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import (
    AccountDisabled, InvalidCredentials, InvalidInvite, WeakPassword, WrongPassword,
)
from backend.org import people, structure
from tests.factories.access import invite, kiosk_code, sign_in
from tests.factories.org import PASSWORD, make_company, make_person

NEW_PASSWORD = "a-new-long-passphrase"


async def _login(login: str, password: str = PASSWORD, *, ip: str = "10.0.0.1") -> authn.IssuedSession:
    return await authn.login(login=login, password=password, ip=ip, user_agent="pytest", kind=SessionKind.WEB)


async def test_login_with_email_ignores_case_and_surrounding_spaces(db):
    # given
    company = await make_company()
    # when
    issued = await _login(f"  {company.employee.login.upper()} ")
    # then
    actor = await authn.resolve(issued.token)
    assert actor is not None and actor.employee_id == company.employee.employee.id


async def test_login_with_phone_ignores_spaces_and_dashes(db):
    # given
    company = await make_company()
    phone = company.employee.account.login_phone
    assert phone is not None
    spaced = f" {phone[:3]} {phone[3:7]}-{phone[7:]} "
    # when
    issued = await _login(spaced)
    # then
    actor = await authn.resolve(issued.token)
    assert actor is not None and actor.account_id == company.employee.account.id


async def test_wrong_password_and_unknown_login_fail_the_same_way(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(InvalidCredentials) as wrong:
        await _login(company.employee.login, "not-the-password")
    with pytest.raises(InvalidCredentials) as unknown:
        await _login("nobody@example.test", "not-the-password")
    # then nothing tells the caller which of the two was wrong
    assert (wrong.value.message, wrong.value.field) == (unknown.value.message, unknown.value.field)
    assert await Session.all().count() == 0


async def test_disabled_account_cannot_log_in(db):
    # given
    company = await make_company()
    disabled = await make_person(company.system, state=AccountState.DISABLED)
    # when / then
    with pytest.raises(AccountDisabled):
        await _login(disabled.login)
    assert await Session.all().count() == 0


async def test_invited_account_cannot_log_in_before_accepting(db):
    # given an invited person, who has no password yet
    company = await make_company()
    employee, _ = await invite(company, email="new.hire@example.test")
    # when / then
    with pytest.raises(InvalidCredentials):
        await _login("new.hire@example.test", PASSWORD)
    assert (await UserAccount.get(employee_id=employee.id)).state == AccountState.INVITED


async def test_resolve_gives_the_actor_of_the_session(db):
    # given
    company = await make_company()
    issued = await sign_in(company.manager)
    # when
    actor = await authn.resolve(issued.token, request_id="req-1")
    # then
    assert actor is not None
    assert (actor.kind, actor.tenant_id, actor.role) == (ActorKind.USER, company.org.id, Role.MANAGER)
    assert (actor.employee_id, actor.account_id) == (company.manager.employee.id, company.manager.account.id)
    assert actor.session_id == issued.session.id and actor.request_id == "req-1"
    assert Permission.TEAM_READ_PRIVATE in actor.permissions and Permission.EMPLOYEE_MANAGE not in actor.permissions


async def test_resolve_of_an_unknown_token_is_none(db):
    # given a real session, so that there is something to find
    company = await make_company()
    await sign_in(company.employee)
    # when / then
    assert await authn.resolve("not-a-session-token") is None


async def test_resolve_is_none_after_logout(db):
    # given
    company = await make_company()
    issued = await sign_in(company.employee)
    # when
    await authn.logout(issued.token)
    # then
    assert await authn.resolve(issued.token) is None


async def test_resolve_is_none_once_the_session_expired(db):
    # given
    company = await make_company()
    issued = await sign_in(company.employee)
    # when / then
    with clock.frozen_at(issued.expires_at - timedelta(minutes=1)):
        assert await authn.resolve(issued.token) is not None
    with clock.frozen_at(issued.expires_at + timedelta(seconds=1)):
        assert await authn.resolve(issued.token) is None


async def test_resolve_is_none_once_the_account_is_disabled(db):
    # given a live session
    company = await make_company()
    issued = await sign_in(company.employee)
    # when the account is disabled behind the session's back (its session rows untouched)
    await UserAccount.filter(id=company.employee.account.id).update(state=AccountState.DISABLED)
    # then
    assert await authn.resolve(issued.token) is None


async def test_change_password_keeps_the_current_session_and_ends_the_others(db):
    # given two sessions of one person
    company = await make_company()
    current, other = await sign_in(company.employee), await sign_in(company.employee)
    actor = await authn.resolve(current.token)
    assert actor is not None
    # when
    revoked = await people.change_my_password(actor, current_password=PASSWORD, new_password=NEW_PASSWORD)
    # then
    assert revoked == 1
    assert await authn.resolve(current.token) is not None
    assert await authn.resolve(other.token) is None
    entry = await AuditEntry.get(action="account.password_changed")
    assert entry.after == {"other_sessions_revoked": 1} and NEW_PASSWORD not in str(entry.after)


async def test_changed_password_replaces_the_old_one(db):
    # given
    company = await make_company()
    await people.change_my_password(company.employee.actor, current_password=PASSWORD, new_password=NEW_PASSWORD)
    # when / then
    with pytest.raises(InvalidCredentials):
        await _login(company.employee.login, PASSWORD)
    assert (await _login(company.employee.login, NEW_PASSWORD)).token


async def test_change_password_refuses_a_wrong_current_password(db):
    # given
    company = await make_company()
    issued = await sign_in(company.employee)
    actor = await authn.resolve(issued.token)
    assert actor is not None
    # when
    with pytest.raises(WrongPassword) as refused:
        await people.change_my_password(actor, current_password="not-the-password", new_password=NEW_PASSWORD)
    # then nothing changed
    assert refused.value.field == "currentPassword"
    assert await AuditEntry.filter(action="account.password_changed").count() == 0
    assert (await UserAccount.get(id=company.employee.account.id)).password_hash == company.employee.account.password_hash


@pytest.mark.parametrize("weak", ["short-pw", "aaaaaaaaaaaaaa", "1234567890"], ids=["short", "few-symbols", "common"])
async def test_change_password_refuses_a_weak_password(db, weak):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(WeakPassword) as refused:
        await people.change_my_password(company.employee.actor, current_password=PASSWORD, new_password=weak)
    assert refused.value.field == "newPassword"


async def test_kiosk_login_gives_a_check_in_only_actor_for_its_site(db):
    # given
    company = await make_company()
    credential, code = await kiosk_code(company, label="Gate 1")
    # when
    issued = await authn.kiosk_login(code=f" {code} ", ip="10.0.0.5", user_agent="tablet")
    actor = await authn.resolve(issued.token)
    # then
    assert actor is not None
    assert (actor.kind, actor.tenant_id, actor.site_id) == (ActorKind.KIOSK, company.org.id, company.site.id)
    assert actor.permissions == frozenset({Permission.ATTENDANCE_CHECKIN})
    assert actor.employee_id is None and actor.account_id is None and actor.role is None


async def test_wrong_kiosk_code_is_refused(db):
    # given a real code exists
    company = await make_company()
    _, code = await kiosk_code(company)
    wrong = str((int(code) + 1) % 10**len(code)).zfill(len(code))
    # when / then
    with pytest.raises(InvalidCredentials):
        await authn.kiosk_login(code=wrong, ip="10.0.0.5", user_agent="tablet")


async def test_revoked_kiosk_code_no_longer_signs_in(db):
    # given
    company = await make_company()
    credential, code = await kiosk_code(company)
    await structure.revoke_kiosk_credential(company.hr.actor, credential.id)
    # when / then
    with pytest.raises(InvalidCredentials):
        await authn.kiosk_login(code=code, ip="10.0.0.5", user_agent="tablet")


async def test_accepting_an_invite_sets_the_password_and_signs_in(db):
    # given
    company = await make_company()
    employee, token = await invite(company, email="new.hire@example.test")
    # when
    issued = await people.accept_invite(token=token, password=NEW_PASSWORD, ip="10.0.0.1", user_agent="pytest")
    # then
    actor = await authn.resolve(issued.token)
    assert actor is not None and actor.employee_id == employee.id
    account = await UserAccount.get(employee_id=employee.id)
    assert account.state == AccountState.ACTIVE and account.invite_digest is None
    assert (await _login("new.hire@example.test", NEW_PASSWORD)).token


async def test_an_invite_token_works_only_once(db):
    # given an accepted invitation
    company = await make_company()
    employee, token = await invite(company)
    await people.accept_invite(token=token, password=NEW_PASSWORD, ip="10.0.0.1", user_agent="pytest")
    hash_after_first = (await UserAccount.get(employee_id=employee.id)).password_hash
    # when
    with pytest.raises(InvalidInvite):
        await people.accept_invite(token=token, password="another-long-passphrase", ip="10.0.0.1", user_agent="x")
    # then
    assert (await UserAccount.get(employee_id=employee.id)).password_hash == hash_after_first


async def test_an_expired_invite_is_refused(db, settings):
    # given
    company = await make_company()
    employee, token = await invite(company)
    # when
    with clock.frozen_at(clock.now() + timedelta(days=settings.invite_days, minutes=1)):
        with pytest.raises(InvalidInvite):
            await people.accept_invite(token=token, password=NEW_PASSWORD, ip="10.0.0.1", user_agent="pytest")
    # then
    assert (await UserAccount.get(employee_id=employee.id)).state == AccountState.INVITED


async def test_a_weak_first_password_leaves_the_invite_usable(db):
    # given
    company = await make_company()
    employee, token = await invite(company)
    with pytest.raises(WeakPassword):
        await people.accept_invite(token=token, password="short", ip="10.0.0.1", user_agent="pytest")
    # when
    issued = await people.accept_invite(token=token, password=NEW_PASSWORD, ip="10.0.0.1", user_agent="pytest")
    # then
    assert (await authn.resolve(issued.token)) is not None
    assert await AuditEntry.filter(action="account.invite_accepted", entity_id=str(employee.id)).count() == 1


async def test_an_invite_of_someone_deactivated_meanwhile_is_refused(db):
    # given
    company = await make_company()
    employee, token = await invite(company)
    await people.deactivate_employee(company.hr.actor, employee.id)
    # when / then
    with pytest.raises(InvalidInvite):
        await people.accept_invite(token=token, password=NEW_PASSWORD, ip="10.0.0.1", user_agent="pytest")
    assert await Session.all().count() == 0
