"""Login throttling: per account (counted on the normalised login) and per address, in a sliding
window; a success clears the account's count."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.access import authn
from backend.access.models import SessionKind
from backend.core import clock
from backend.core.errors import InvalidCredentials, RateLimited
from tests.factories.access import with_settings
from tests.factories.org import PASSWORD, make_company


async def _login(login: str, password: str = PASSWORD, *, ip: str = "10.0.0.1") -> authn.IssuedSession:
    return await authn.login(login=login, password=password, ip=ip, user_agent="pytest", kind=SessionKind.WEB)


async def test_account_is_rate_limited_after_five_failures_even_with_the_right_password(db, settings):
    # given five failures for one login
    company = await make_company()
    for _ in range(settings.login_failures_per_account):
        with pytest.raises(InvalidCredentials):
            await _login(company.employee.login, "not-the-password")
    # when the right password follows
    with pytest.raises(RateLimited) as limited:
        await _login(company.employee.login)
    # then
    assert 0 < limited.value.retry_after <= settings.login_window_seconds


async def test_account_failures_count_the_normalised_login(db, settings):
    # given failures spelled differently for the same account
    settings = with_settings(settings, login_failures_per_account=2)
    company = await make_company()
    for spelling in (company.employee.login.upper(), f" {company.employee.login} "):
        with pytest.raises(InvalidCredentials):
            await _login(spelling, "not-the-password")
    # when / then
    with pytest.raises(RateLimited):
        await _login(company.employee.login)


async def test_successful_login_clears_the_account_failures(db, settings):
    # given a limit of two and a failure, a success, and another failure
    with_settings(settings, login_failures_per_account=2)
    company = await make_company()
    with pytest.raises(InvalidCredentials):
        await _login(company.employee.login, "not-the-password")
    await _login(company.employee.login)
    with pytest.raises(InvalidCredentials):
        await _login(company.employee.login, "not-the-password")
    # when
    issued = await _login(company.employee.login)
    # then only the failure since the success counted
    assert await authn.resolve(issued.token) is not None


async def test_account_failures_age_out_of_the_window(db, settings):
    # given the account at its limit
    with_settings(settings, login_failures_per_account=1)
    company = await make_company()
    with pytest.raises(InvalidCredentials):
        await _login(company.employee.login, "not-the-password")
    with pytest.raises(RateLimited):
        await _login(company.employee.login)
    # when the window has passed
    with clock.frozen_at(clock.now() + timedelta(seconds=settings.login_window_seconds + 1)):
        issued = await _login(company.employee.login)
    # then
    assert issued.token


async def test_address_is_rate_limited_across_accounts(db, settings):
    # given three failures from one address, each for a different account
    with_settings(settings, login_failures_per_ip=3)
    company = await make_company()
    for person in (company.owner, company.hr, company.peer):
        with pytest.raises(InvalidCredentials):
            await _login(person.login, "not-the-password", ip="203.0.113.9")
    # when a fourth account signs in correctly from that address
    with pytest.raises(RateLimited) as limited:
        await _login(company.employee.login, ip="203.0.113.9")
    # then it is refused, while another address is not affected
    assert limited.value.retry_after > 0
    assert (await _login(company.employee.login, ip="198.51.100.7")).token

