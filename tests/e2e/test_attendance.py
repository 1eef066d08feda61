"""Attendance in the PWA against the real backend and the demo company (two weeks of seeded punches, shifts,
the demo manager's team): an employee asks for a remote day on a past working day, the manager approves it with one
tap in the approvals inbox, the employee sees it approved and, once recomputed, the calendar shows the day REMOTE;
HR opens the overview for a seeded day and sees the API's counts; a missing-punch day → correction request from the
day's detail → manager approves → the day is no longer MISSING_PUNCH."""
from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.e2e_support import graphql, sign_in
from tests.e2e.performance_support import wait_for

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"
EMPLOYEE_NAME = "李娜"  # backend/demo/seed.py DEMO_EMPLOYEE
ZONE = ZoneInfo("Asia/Shanghai")  # the demo plant's zone
MONTH = """query($m: String) { myAttendance(month: $m) { days { day status firstIn lastOut } } }"""
MINE = "query { myAttendanceRequests { id kind status startsOn } }"
OVERVIEW = """query($d: Date) { attendanceOverview(day: $d) { site { name } present late absent remote missingPunch total
  people { status } } }"""


def _today() -> date:
    return datetime.now(ZONE).date()


def _month(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def _days(context: Any) -> list[dict[str, Any]]:
    """The employee's derived days of this and last month that a request may still reach (31 days back), newest first."""
    today = _today()
    months = {_month(today), _month(today.replace(day=1) - timedelta(days=1))}
    days = [d for m in months for d in graphql(context, MONTH, {"m": m})["myAttendance"]["days"]]
    reach = today - timedelta(days=30)
    return sorted((d for d in days if reach <= date.fromisoformat(d["day"]) < today), key=lambda d: d["day"], reverse=True)


def _requested_days(context: Any) -> set[str]:
    return {r["startsOn"] for r in graphql(context, MINE)["myAttendanceRequests"]}


def _worked_days(context: Any) -> list[dict[str, Any]]:
    """Past weekdays the employee punched in and out on and has asked nothing about, newest first."""
    taken = _requested_days(context)
    return [d for d in _days(context) if date.fromisoformat(d["day"]).isoweekday() <= 5 and d["firstIn"] and d["lastOut"]
            and d["status"] not in ("REMOTE", "MISSING_PUNCH") and d["day"] not in taken]


def _calendar_status(page: Any, day: str) -> str | None:
    """Open the month of `day` afresh and read the day's status from its calendar cell."""
    page.goto(f"/attendance?month={day[:7]}")
    cell = page.locator(f"button.att-cell[data-day='{day}']")
    cell.wait_for()
    page.locator(".att-calendar").wait_for()
    status = cell.get_attribute("data-status")
    return str(status) if status is not None else None


def _approve_in_inbox(manager: Any, request_id: str) -> None:
    manager.goto("/approvals")
    row = manager.locator(f"li.att-request[data-id='{request_id}']")
    row.wait_for()
    row.locator("button.approve-attendance").click()  # one tap
    row.wait_for(state="detached")
    manager.locator(".att-approvals .status.status-ok", has_text=EMPLOYEE_NAME).wait_for()  # "Approved: 李娜's …"


def _new_request_id(context: Any, kind: str, day: str) -> str:
    found = [r for r in graphql(context, MINE)["myAttendanceRequests"] if r["kind"] == kind and r["startsOn"] == day]
    assert len(found) == 1, found
    return str(found[0]["id"])


def test_remote_day_approved_in_one_tap_shows_remote(new_phone: Any) -> None:
    employee_ctx, manager_ctx = new_phone(), new_phone()
    employee, manager = employee_ctx.new_page(), manager_ctx.new_page()
    sign_in(employee, EMPLOYEE)
    sign_in(manager, MANAGER)
    day = _worked_days(employee_ctx)[0]["day"]
    assert _calendar_status(employee, day) != "REMOTE"

    employee.goto(f"/attendance/requests?kind=REMOTE_DAY&day={day}")
    employee.locator("form.att-request-form").wait_for()
    assert employee.locator("input[name=startsOn]").input_value() == day
    assert employee.locator("input[name=useEntitlement]").count() == 1  # the entitlement toggle is offered
    employee.locator("textarea[name=reason]").fill("Plumber at home / 家里修水管")
    employee.locator("button.send-request").click()
    request_id = wait_for(lambda: [r["id"] for r in graphql(employee_ctx, MINE)["myAttendanceRequests"]
                                   if r["kind"] == "REMOTE_DAY" and r["startsOn"] == day], "the request is stored")[0]
    employee.locator(f"li.att-request[data-id='{request_id}'][data-status='PENDING']").wait_for()

    assert _new_request_id(employee_ctx, "REMOTE_DAY", day) == request_id
    _approve_in_inbox(manager, request_id)

    employee.goto("/attendance/requests")
    employee.locator(f"li.att-request[data-id='{request_id}'][data-status='APPROVED']").wait_for()
    wait_for(lambda: _calendar_status(employee, day) == "REMOTE", f"{day} shows REMOTE in the calendar")
    employee.locator(f"button.att-cell[data-day='{day}']").click()
    assert employee.locator(".att-detail .att-status-line").get_attribute("data-status") == "REMOTE"


def test_hr_overview_shows_the_days_counts(new_phone: Any) -> None:
    hr_ctx = new_phone()
    hr = hr_ctx.new_page()
    sign_in(hr, HR)
    today = _today()
    day = next(today - timedelta(days=n) for n in range(1, 15) if (today - timedelta(days=n)).isoweekday() <= 5)
    sites = graphql(hr_ctx, OVERVIEW, {"d": day.isoformat()})["attendanceOverview"]
    plant = next(s for s in sites if "Plant" in s["site"]["name"])
    assert plant["total"] > 0

    hr.goto("/me")
    hr.locator("a[href='/attendance/hr']").click()
    hr.locator("input[name=day]").fill(day.isoformat())  # the date picker
    hr.wait_for_url(f"**/attendance/hr?day={day.isoformat()}")
    card = hr.locator(f".att-site-day[data-day='{day.isoformat()}']", has_text=plant["site"]["name"])
    card.wait_for()
    for key, field in (("present", "present"), ("late", "late"), ("absent", "absent"), ("missing-punch", "missingPunch"),
                       ("remote", "remote"), ("total", "total")):
        assert card.locator(f"[data-count='{key}'] dd").inner_text().strip() == str(plant[field]), key
    assert card.locator(".att-people li").count() == plant["total"]
    late_people = sum(1 for p in plant["people"] if p["status"] == "LATE")
    if late_people:
        card.locator("select[name=status]").select_option("LATE")
        assert card.locator(".att-people li").count() == late_people
    assert card.locator(".att-closed").count() == 1


def _missing_punch_day(context: Any, live_env: dict[str, str]) -> dict[str, Any]:
    """The employee's newest MISSING_PUNCH day within reach. The demo's random history usually has one; when this
    run's dates gave none, take their newest worked day and remove its last punch (as a forgotten punch-out would
    be), with the derived row saying what the derivation says of one punch: MISSING_PUNCH."""
    days = _days(context)
    found = next((d for d in days if d["status"] == "MISSING_PUNCH"), None)
    if found:
        return found
    worked = _worked_days(context)[0]
    employee_id = graphql(context, "query { me { employee { id } } }")["me"]["employee"]["id"]
    with sqlite3.connect(Path(live_env["SEEN_DATA_DIR"]) / "seen.sqlite3") as conn:
        out_at = datetime.fromisoformat(worked["lastOut"]).strftime("%Y-%m-%d %H:%M:%S")
        conn.execute("DELETE FROM attendance_clock_punch WHERE employee_id = ? AND occurred_at LIKE ?",
                     (employee_id, f"{out_at}%"))
        conn.execute("UPDATE attendance_day SET status = 'missing_punch', last_out = NULL WHERE employee_id = ? AND day = ?",
                     (employee_id, worked["day"]))
    return {**worked, "status": "MISSING_PUNCH", "lastOut": None}


def test_missing_punch_corrected_after_approval(new_phone: Any, live_env: dict[str, str]) -> None:
    employee_ctx, manager_ctx = new_phone(), new_phone()
    employee, manager = employee_ctx.new_page(), manager_ctx.new_page()
    sign_in(employee, EMPLOYEE)
    sign_in(manager, MANAGER)
    missing = _missing_punch_day(employee_ctx, live_env)
    day = missing["day"]
    direction, time = ("out", "17:30") if missing["lastOut"] is None else ("in", "07:55")

    assert _calendar_status(employee, day) == "MISSING_PUNCH"
    employee.locator(f"button.att-cell[data-day='{day}']").click()
    detail = employee.locator(".att-detail")
    assert detail.locator(".att-status-line").get_attribute("data-status") == "MISSING_PUNCH"
    detail.locator("a.att-correct").click()
    employee.wait_for_url(f"**/attendance/requests?kind=CORRECTION&day={day}")
    form = employee.locator("form.att-request-form")
    form.wait_for()
    form.locator("button.send-request").click()  # no time, no reason: typed errors at the fields, nothing sent
    assert form.locator("input[name=punchTime][aria-invalid=true]").count() == 1
    assert form.locator("textarea[name=reason][aria-invalid=true]").count() == 1
    assert not [r for r in graphql(employee_ctx, MINE)["myAttendanceRequests"] if r["kind"] == "CORRECTION"
                and r["startsOn"] == day]
    form.locator("input[name=punchTime]").fill(time)
    form.locator(f"label:has(input[name=punchDirection][value={direction}])").click()
    form.locator("textarea[name=reason]").fill("Forgot to punch / 忘记打卡")
    form.locator("button.send-request").click()
    request_id = wait_for(lambda: [r["id"] for r in graphql(employee_ctx, MINE)["myAttendanceRequests"]
                                   if r["kind"] == "CORRECTION" and r["startsOn"] == day], "the correction is stored")[0]
    employee.locator(f"li.att-request[data-id='{request_id}'][data-status='PENDING']").wait_for()

    _approve_in_inbox(manager, request_id)

    status = wait_for(lambda: (s := _calendar_status(employee, day)) != "MISSING_PUNCH" and s,
                      f"{day} is no longer MISSING_PUNCH")
    assert status in ("PRESENT", "LATE", "EARLY_LEAVE", "LATE_AND_EARLY", "HALF_DAY"), status
    employee.locator(f"button.att-cell[data-day='{day}']").click()
    flags = employee.locator(".att-detail .att-status-line").get_attribute("data-flags") or ""
    assert "corrected" in flags.split(), flags
