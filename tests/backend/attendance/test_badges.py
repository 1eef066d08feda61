"""QR badges: a token names one person of one organisation, is checked in constant time, dies with the app
secret, and only a signed-in person of the company gets one."""
from __future__ import annotations

import dataclasses
import uuid

import pytest

from backend.access.actor import Actor
from backend.attendance import badges
from backend.core.config import get_settings, use_settings
from backend.core.errors import Forbidden, InvalidCredentials
from backend.org.models import Employee, EmployeeStatus
from tests.factories.org import make_company

TENANT, OTHER_TENANT, EMPLOYEE = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_a_token_names_the_employee_and_verifies(settings):
    # when
    token = badges.token_for(TENANT, EMPLOYEE)
    # then
    prefix, version, employee, mac = token.rsplit(":", 3)
    assert (prefix, version, employee) == ("seen-badge", "v1", str(EMPLOYEE))
    assert len(mac) == 22  # 128 bits, base64url without padding
    assert badges.verify(TENANT, token) == EMPLOYEE
    assert badges.verify(TENANT, f"  {token}\n") == EMPLOYEE  # a scanner's trailing newline


def test_a_token_is_refused_by_another_organisation_and_when_tampered(settings):
    # given
    token = badges.token_for(TENANT, EMPLOYEE)
    someone_else = badges.token_for(TENANT, uuid.uuid4())
    forged = f"{badges.PREFIX}{uuid.uuid4()}:{token.rsplit(':', 1)[1]}"  # another person with this mac
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    # when / then
    for bad in (forged, flipped, token + "x", token.rsplit(":", 1)[0] + ":", "seen-badge:v1:nope:abc", "hello",
                someone_else.replace("seen-badge:v1", "seen-badge:v2")):
        with pytest.raises(InvalidCredentials) as caught:
            badges.verify(TENANT, bad)
        assert caught.value.field == "badgeToken"
    with pytest.raises(InvalidCredentials):
        badges.verify(OTHER_TENANT, token)


def test_a_new_app_secret_reissues_every_badge(settings):
    # given
    token = badges.token_for(TENANT, EMPLOYEE)
    # when
    use_settings(dataclasses.replace(get_settings(), secret_key="another-secret-entirely"))
    # then
    assert badges.token_for(TENANT, EMPLOYEE) != token
    with pytest.raises(InvalidCredentials):
        badges.verify(TENANT, token)


def test_parse_reads_only_well_formed_tokens():
    assert badges.parse(f"seen-badge:v1:{EMPLOYEE}:abc") == (EMPLOYEE, "abc")
    assert badges.parse(f"seen-badge:v1:{EMPLOYEE}:") is None
    assert badges.parse(f"seen-badge:v1:{EMPLOYEE}") is None
    assert badges.parse("https://example.test/?code=1") is None
    assert badges.parse("seen-badge:v1:" + "x" * 200) is None


async def test_my_badge_is_for_people_of_the_company_only(db):
    # given
    c = await make_company()
    kiosk = Actor.kiosk(tenant_id=c.org.id, site_id=c.site.id, session_id=uuid.uuid4(), label="kiosk:Gate")
    # when
    badge = await badges.my_badge(c.employee.actor)
    # then
    assert (badge.name, badge.employee_number) == (c.employee.employee.name, c.employee.employee.employee_number)
    assert badges.verify(c.org.id, badge.token) == c.employee.employee.id
    for nobody in (kiosk, Actor.bridge(c.org.id, bridge_id="b1"), c.system):
        with pytest.raises(Forbidden):
            await badges.my_badge(nobody)
    await Employee.of(c.system).filter(id=c.peer.employee.id).update(status=EmployeeStatus.LEFT)
    with pytest.raises(Forbidden):
        await badges.my_badge(c.peer.actor)
