"""Shifts and attendance requests over GraphQL: HR saves and assigns shifts, an employee asks, the manager's
approvals inbox decides in one step, typed errors for bad input and the wrong person, and the inbox costs
the same number of statements for 3 and for 30 requests."""
from __future__ import annotations

from datetime import timedelta

from backend.access.permissions import Role
from backend.attendance import requests
from backend.attendance.models import RequestKind
from backend.attendance.requests import RequestDraft
from tests.backend.attendance.shift_support import TODAY, frozen, give_remote_days
from tests.factories.org import make_company, make_person
from tests.schema.growth.evidence_support import run, statements

SAVE = """mutation($input: ShiftInput!) { saveShift(input: $input) {
  __typename ... on ShiftSaved { shift { id code startTime endTime overnight workDays flexibleOption } }
  ... on UserError { code field message } } }"""
ASSIGN = """mutation($input: AssignShiftInput!) { assignShift(input: $input) {
  __typename ... on ShiftAssigned { assignments { id startsOn endsOn source employee { name } shift { code } site { name } } }
  ... on UserError { code field } } }"""
ASK = """mutation($input: AttendanceRequestInput!) { requestAttendanceChange(input: $input) {
  __typename ... on AttendanceRequestChanged { request { id kind status days usesEntitlement canCancel canDecide
    approver { name } shift { code } } }
  ... on UserError { code field } } }"""
DECIDE = """mutation($id: ID!, $approve: Boolean!) { decideAttendanceRequest(id: $id, approve: $approve, note: "ok") {
  __typename ... on AttendanceRequestChanged { request { status decisionNote decidedBy { name } canDecide canRevoke } }
  ... on UserError { code } } }"""
INBOX = """{ attendanceApprovals { id kind status startsOn endsOn days reason createdAt canDecide canCancel canRevoke
  employee { name department { name } } shift { code startTime } approver { name } decidedBy { name } } }"""


async def test_hr_saves_and_assigns_shifts_and_an_employee_picks_a_flexible_option(db):
    c = await make_company()
    night = await run(c.hr.actor, SAVE, input={"code": "night", "nameEn": "Night", "nameZh": "夜班",
                                               "startTime": "22:00", "endTime": "06:00", "breakMinutes": 30})
    assert night["saveShift"]["shift"]["overnight"] is True
    late = await run(c.hr.actor, SAVE, input={"code": "late", "nameEn": "Late", "nameZh": "晚班", "startTime": "09:00",
                                              "endTime": "18:00", "flexibleOption": True})
    bad = await run(c.hr.actor, SAVE, input={"code": "x", "nameEn": "X", "nameZh": "X", "startTime": "9am",
                                             "endTime": "18:00"})
    assert bad["saveShift"] == {"__typename": "UserError", "code": "VALIDATION", "field": "startTime",
                                "message": bad["saveShift"]["message"]}
    denied = await run(c.manager.actor, SAVE, input={"code": "y", "nameEn": "Y", "nameZh": "Y", "startTime": "09:00",
                                                     "endTime": "18:00"})
    assert denied["saveShift"]["code"] == "FORBIDDEN"
    assigned = await run(c.hr.actor, ASSIGN, input={
        "employeeIds": [str(c.employee.employee.id)], "shiftId": night["saveShift"]["shift"]["id"],
        "siteId": str(c.site.id), "startsOn": TODAY.isoformat(), "endsOn": (TODAY + timedelta(days=6)).isoformat()})
    row = assigned["assignShift"]["assignments"][0]
    assert (row["shift"]["code"], row["source"], row["site"]["name"]) == ("night", "hr", c.site.name)
    options = await run(c.employee.actor, "{ flexibleOptions { code } shifts { code } }")
    assert options == {"flexibleOptions": [{"code": "late"}], "shifts": [{"code": "late"}, {"code": "night"}]}
    mine = await run(c.employee.actor, "{ shiftAssignments { shift { code } } }")
    assert mine["shiftAssignments"] == [{"shift": {"code": "night"}}]
    asked = await run(c.employee.actor, ASK, input={"kind": "FLEXIBLE_HOURS", "startsOn": TODAY.isoformat(),
                                                    "shiftId": late["saveShift"]["shift"]["id"]})
    request = asked["requestAttendanceChange"]["request"]
    assert (request["status"], request["canCancel"], request["canDecide"], request["approver"]["name"]) == (
        "PENDING", True, False, c.manager.employee.name)
    decided = await run(c.manager.actor, DECIDE, id=request["id"], approve=True)
    assert decided["decideAttendanceRequest"]["request"] == {
        "status": "APPROVED", "decisionNote": "ok", "decidedBy": {"name": c.manager.employee.name},
        "canDecide": False, "canRevoke": False}
    again = await run(c.manager.actor, DECIDE, id=request["id"], approve=False)
    assert again["decideAttendanceRequest"] == {"__typename": "UserError", "code": "CONFLICT"}
    hr_view = await run(c.hr.actor, "{ attendanceRequests(status: APPROVED) { canRevoke employee { name } } }")
    assert hr_view["attendanceRequests"] == [{"canRevoke": True, "employee": {"name": c.employee.employee.name}}]
    mine = await run(c.employee.actor, "{ shiftAssignments { shift { code } source } }")
    assert mine["shiftAssignments"][0] == {"shift": {"code": "late"}, "source": "request"}


async def test_remote_days_from_the_reward_pool_and_wrong_people_get_typed_errors(db):
    c = await make_company()
    with frozen():
        await give_remote_days(c.system, c.employee.employee.id, 2)
        left = await run(c.employee.actor, "{ myRemoteDayEntitlements }")
        asked = await run(c.employee.actor, ASK, input={"kind": "REMOTE_DAY", "startsOn": "2026-12-14",
                                                        "endsOn": "2026-12-15", "useEntitlement": True})
        after = await run(c.employee.actor, "{ myRemoteDayEntitlements myAttendanceRequests { days usesEntitlement } }")
        too_many = await run(c.employee.actor, ASK, input={"kind": "REMOTE_DAY", "startsOn": "2026-12-16",
                                                           "useEntitlement": True})
        request_id = asked["requestAttendanceChange"]["request"]["id"]
        by_peer = await run(c.peer.actor, DECIDE, id=request_id, approve=True)
        by_stranger = await run(c.peer.actor, """mutation($id: ID!) { cancelAttendanceRequest(id: $id) {
          ... on UserError { code } } }""", id=request_id)
        revoke = await run(c.manager.actor, """mutation($id: ID!) { revokeAttendanceRequest(id: $id, note: "x") {
          ... on UserError { code } } }""", id=request_id)
        hr_only = await errors_of(c.employee.actor, "{ attendanceRequests { id } }")
    assert left == {"myRemoteDayEntitlements": 2}
    assert asked["requestAttendanceChange"]["request"]["days"] == 2
    assert after == {"myRemoteDayEntitlements": 0, "myAttendanceRequests": [{"days": 2, "usesEntitlement": True}]}
    assert too_many["requestAttendanceChange"] == {"__typename": "UserError", "code": "NOT_ELIGIBLE",
                                                   "field": "useEntitlement"}
    assert by_peer["decideAttendanceRequest"] == {"__typename": "UserError", "code": "FORBIDDEN"}
    assert by_stranger["cancelAttendanceRequest"] == {"code": "FORBIDDEN"}
    assert revoke["revokeAttendanceRequest"] == {"code": "FORBIDDEN"}
    assert hr_only == ["FORBIDDEN"]


async def errors_of(actor, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    from schema.context import Context
    from tests.schema.growth.evidence_support import SCHEMA

    result = await SCHEMA.execute(query, context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    return [e.extensions["code"] for e in result.errors or []]


async def _requests(c, how_many: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(how_many):
        person = await make_person(c.system, role=Role.EMPLOYEE, manager=c.manager.employee, department=c.department)
        await requests.request_change(person.actor, RequestDraft(kind=RequestKind.REMOTE_DAY,
                                                                 starts_on=TODAY + timedelta(days=5 + i % 3),
                                                                 reason=f"Request {i}"))


async def test_the_approvals_inbox_costs_the_same_statements_for_3_and_30_requests(db, count_queries):
    small, large = await make_company("Small"), await make_company("Large")
    with frozen():
        await _requests(small, 3)
        await _requests(large, 30)
        few = await statements(count_queries, small.manager.actor, INBOX)
        many = await statements(count_queries, large.manager.actor, INBOX)
        found = await run(large.manager.actor, INBOX)
    print(f"attendanceApprovals: {few} statements for 3 requests, {many} for 30")
    assert len(found["attendanceApprovals"]) == 30
    assert all(r["canDecide"] and not r["canCancel"] for r in found["attendanceApprovals"])
    assert few == many
    assert many <= 10


async def test_the_demo_managers_approvals_inbox_is_not_empty(db):
    from backend.access.actor import Actor
    from backend.access.models import UserAccount
    from backend.demo.seed import DEMO_ORG_ID, seed_demo

    await seed_demo()
    account = await UserAccount.of(Actor.system(DEMO_ORG_ID)).get(login_email="manager@demo.local")
    manager = Actor.user(tenant_id=DEMO_ORG_ID, account_id=account.id, employee_id=account.employee_id,
                         role=account.role)
    found = await run(manager, "{ attendanceApprovals { kind canDecide } shifts { code overnight } }")
    assert sorted(r["kind"] for r in found["attendanceApprovals"]) == ["CORRECTION", "FLEXIBLE_HOURS", "REMOTE_DAY"]
    assert all(r["canDecide"] for r in found["attendanceApprovals"])
    assert found["shifts"] == [{"code": "default", "overnight": False}, {"code": "late", "overnight": False},
                               {"code": "night", "overnight": True}]
