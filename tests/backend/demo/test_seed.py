"""The demo company: realistic, complete enough to sign in as each demo role, and seeded once."""
from __future__ import annotations

from collections import Counter

from backend.access import authn
from backend.access.actor import Actor
from backend.access.models import SessionKind, UserAccount
from backend.access.permissions import Role
from backend.demo.seed import DEMO_LOGINS, DEMO_ORG_ID, DEMO_PASSWORD, seed_demo
from backend.org.models import Department, Employee


async def test_seed_creates_a_200_person_manufacturer_with_demo_logins(db):
    # when
    result = await seed_demo()
    # then
    system = Actor.system(DEMO_ORG_ID)
    assert result.created and result.employees == 200
    assert await Employee.of(system).count() == 200
    assert await Department.of(system).filter(head_id=None).count() == 0
    roles = {a.login_email: a.role for a in await UserAccount.of(system).all()}
    assert roles == {"hr@demo.local": Role.HR_ADMIN, "manager@demo.local": Role.MANAGER,
                     "employee@demo.local": Role.EMPLOYEE, "owner@demo.local": Role.OWNER}
    assert len(result.kiosk_code) == 8


async def test_demo_employee_reports_to_the_demo_manager(db):
    # given
    await seed_demo()
    system = Actor.system(DEMO_ORG_ID)
    # when
    worker = await Employee.of(system).get(email="employee@demo.local")
    manager = await Employee.of(system).get(email="manager@demo.local")
    # then
    assert worker.manager_id == manager.id
    assert worker.department_id == manager.department_id


async def test_every_demo_login_signs_in_with_the_demo_password(db):
    # given
    result = await seed_demo()
    # when / then
    for login in DEMO_LOGINS:
        issued = await authn.login(login=login, password=DEMO_PASSWORD, ip="127.0.0.1", user_agent="test", kind=SessionKind.WEB)
        assert await authn.resolve(issued.token) is not None
    kiosk = await authn.kiosk_login(code=result.kiosk_code, ip="127.0.0.1", user_agent="tablet")
    assert (await authn.resolve(kiosk.token)).site_id is not None


async def test_seeding_twice_changes_nothing(db):
    # given
    first = await seed_demo()
    # when
    second = await seed_demo()
    # then
    assert not second.created and second.employees == 200 and second.kiosk_code == first.kiosk_code
    assert await Employee.of(Actor.system(DEMO_ORG_ID)).count() == 200


async def test_names_are_bilingual_and_distinct(db):
    # given
    await seed_demo()
    # when
    people = await Employee.of(Actor.system(DEMO_ORG_ID)).all()
    # then
    assert all(p.latin_name and p.name != p.latin_name for p in people)
    assert Counter(p.name for p in people).most_common(1)[0][1] == 1
    assert len({p.hire_date.year for p in people}) >= 5
