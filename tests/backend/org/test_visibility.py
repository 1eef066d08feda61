"""Who sees what of a person (backend.org.views), and the scoped directory reads (backend.org.queries)."""
from __future__ import annotations

import uuid

import pytest

from backend.access.actor import Actor
from backend.access.models import AccountState
from backend.access.permissions import Role
from backend.core.errors import Forbidden, NotFound
from backend.org import people, queries
from backend.org.models import EmployeeStatus
from backend.org.views import EmployeeView, Visibility
from tests.factories.org import Person, make_company, make_person


async def _view(viewer: Actor, person: Person) -> EmployeeView:
    return await queries.get_employee(viewer, Visibility(viewer), person.employee.id)


def _private(view: EmployeeView) -> tuple[object, object, object]:
    return view.phone, view.email, view.birthday


async def test_a_peer_sees_name_and_job_but_not_private_fields(db):
    # given
    company = await make_company()
    # when
    view = await _view(company.peer.actor, company.employee)
    # then
    assert (view.name, view.job_title, view.employee_number) == ("Acme Worker", "Operator", company.employee.employee.employee_number)
    assert _private(view) == (None, None, None)
    assert (view.role, view.account_state) == (None, None)


async def test_a_person_sees_their_own_private_fields_and_account(db):
    # given
    company = await make_company()
    me = company.employee.employee
    # when
    view = await _view(company.employee.actor, company.employee)
    # then
    assert _private(view) == (me.phone, me.email, me.birthday)
    assert (view.role, view.account_state) == (Role.EMPLOYEE, AccountState.ACTIVE)


async def test_a_manager_sees_their_reports_private_fields_but_not_their_account(db):
    # given
    company = await make_company()
    # when
    view = await _view(company.manager.actor, company.employee)
    # then
    assert view.phone == company.employee.employee.phone and view.birthday == company.employee.employee.birthday
    assert (view.role, view.account_state) == (None, None)


async def test_the_managers_manager_sees_private_fields_too(db):
    # given director <- lead <- worker, all below the owner, none of them HR
    company = await make_company()
    director = await make_person(company.system, role=Role.MANAGER, manager=company.owner.employee)
    lead = await make_person(company.system, role=Role.MANAGER, manager=director.employee)
    worker = await make_person(company.system, manager=lead.employee)
    # when
    view = await _view(director.actor, worker)
    # then
    assert view.email == worker.employee.email


async def test_a_manager_does_not_see_private_fields_outside_their_team(db):
    # given the peer reports to the owner, not to the manager
    company = await make_company()
    # when
    view = await _view(company.manager.actor, company.peer)
    # then
    assert _private(view) == (None, None, None)


@pytest.mark.parametrize("viewer", ["hr", "owner"])
async def test_hr_and_owner_see_everyones_private_fields_and_account(db, viewer):
    # given
    company = await make_company()
    actor = getattr(company, viewer).actor
    # when
    views = await Visibility(actor).views([p.employee for p in company.people()])
    # then
    assert [v.email for v in views] == [p.employee.email for p in company.people()]
    assert [v.role for v in views] == [p.account.role for p in company.people()]
    assert {v.account_state for v in views} == {AccountState.ACTIVE}


async def test_an_invited_persons_account_state_shows_to_hr(db):
    # given
    company = await make_company()
    invitation = await people.invite_employee(
        company.hr.actor, employee_number="N-1", name="New Hire", job_title="Operator", level="L1",
        hire_date=company.employee.employee.hire_date, email="new.hire@example.test",
    )
    # when
    [view] = await Visibility(company.hr.actor).views([invitation.employee])
    # then
    assert view.account_state == AccountState.INVITED


async def test_directory_pages_cover_everyone_once(db):
    # given 5 people plus 4 sharing one name (ties are broken by id)
    company = await make_company()
    for _ in range(4):
        await make_person(company.system, name="Li Wei")
    seen: list[uuid.UUID] = []
    after = None
    # when
    while True:
        page = await queries.list_employees(company.peer.actor, first=2, after=after)
        assert page.total_count == 9
        seen.extend(e.id for e in page.items)
        if not page.has_next:
            break
        after = page.end_cursor
    # then
    assert len(seen) == len(set(seen)) == 9


async def test_directory_is_ordered_by_name(db):
    # given
    company = await make_company()
    # when
    page = await queries.list_employees(company.peer.actor, first=50, after=None)
    # then
    assert [e.name for e in page.items] == sorted(p.employee.name for p in company.people())
    assert not page.has_next


@pytest.mark.parametrize("term", ["王小", "wang xiao", "W-0042", "forklift"], ids=["name", "latin-name", "number", "job-title"])
async def test_directory_search(db, term):
    # given
    company = await make_company()
    await people.invite_employee(
        company.hr.actor, employee_number="W-0042", name="王小明", latin_name="Wang Xiaoming", job_title="Forklift driver",
        level="L1", hire_date=company.employee.employee.hire_date, email="xiaoming@example.test",
    )
    # when
    page = await queries.list_employees(company.peer.actor, first=10, after=None, search=term)
    # then
    assert [e.name for e in page.items] == ["王小明"] and page.total_count == 1


async def test_directory_leaves_out_people_who_left_unless_asked(db):
    # given
    company = await make_company()
    await people.deactivate_employee(company.hr.actor, company.peer.employee.id)
    # when
    default = await queries.list_employees(company.employee.actor, first=50, after=None)
    left = await queries.list_employees(company.employee.actor, first=50, after=None, status=EmployeeStatus.LEFT)
    # then
    assert company.peer.employee.id not in {e.id for e in default.items} and default.total_count == 4
    assert [e.id for e in left.items] == [company.peer.employee.id]


async def test_directory_never_lists_another_organisations_people(db):
    # given two companies whose people share names and job titles
    company, other = await make_company("Acme"), await make_company("Globex")
    # when
    page = await queries.list_employees(company.peer.actor, first=50, after=None, search="Operator")
    # then
    assert {e.tenant_id for e in page.items} == {company.org.id} and page.total_count == 5


async def test_employees_by_ids_answers_none_for_another_organisations_ids(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    ids = [company.employee.employee.id, other.employee.employee.id, uuid.uuid4(), company.peer.employee.id]
    # when
    views = await queries.employees_by_ids(company.hr.actor, Visibility(company.hr.actor), ids)
    # then results come back in the order asked
    assert [v.id if v else None for v in views] == [ids[0], None, None, ids[3]]


async def test_another_organisations_employee_is_not_found_like_a_random_id(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    visibility = Visibility(company.hr.actor)
    # when
    with pytest.raises(NotFound) as foreign:
        await queries.get_employee(company.hr.actor, visibility, other.employee.employee.id)
    with pytest.raises(NotFound) as random:
        await queries.get_employee(company.hr.actor, visibility, uuid.uuid4())
    # then
    assert foreign.value.message == random.value.message


async def test_reports_are_the_active_direct_reports_by_name(db):
    # given the owner's direct reports: hr, manager, peer; the peer has left
    company = await make_company()
    await people.deactivate_employee(company.hr.actor, company.peer.employee.id)
    ids = [company.owner.employee.id, company.employee.employee.id]
    # when
    reports = await queries.reports_by_manager_ids(company.employee.actor, Visibility(company.employee.actor), ids)
    # then
    assert [[v.name for v in group] for group in reports] == [["Acme HR", "Acme Manager"], []]


async def test_a_kiosk_cannot_read_the_directory(db):
    # given
    company = await make_company()
    kiosk = Actor.kiosk(tenant_id=company.org.id, site_id=company.site.id, session_id=uuid.uuid4(), label="kiosk:Gate")
    # when / then
    with pytest.raises(Forbidden):
        await queries.list_employees(kiosk, first=10, after=None)


@pytest.mark.parametrize("viewer", ["hr", "manager", "employee"])
async def test_views_take_the_same_number_of_statements_for_5_and_40_people(db, count_queries, viewer):
    # given 40 people reporting to the manager
    company = await make_company()
    team = [(await make_person(company.system, manager=company.manager.employee)).employee for _ in range(38)]
    everyone = [company.employee.employee, company.manager.employee, *team]
    actor = getattr(company, viewer).actor
    # when
    before = count_queries.count
    small = await Visibility(actor).views(everyone[:5])
    for_five = count_queries.count - before
    before = count_queries.count
    large = await Visibility(actor).views(everyone)
    for_forty = count_queries.count - before
    # then
    assert (len(small), len(large)) == (5, 40)
    assert for_forty == for_five and 1 <= for_five <= 2


@pytest.mark.parametrize("term", ["%", "_", "P%n"])
async def test_directory_search_treats_wildcards_literally(db, term):
    # given names with no % or _ in them
    company = await make_company()
    # when
    page = await queries.list_employees(company.peer.actor, first=10, after=None, search=term)
    # then
    assert page.total_count == 0 and list(page.items) == []
