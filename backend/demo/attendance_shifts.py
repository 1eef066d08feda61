"""Demo shifts and requests: "default" 08:00–17:00 and "late" 09:00–18:00 (both flexible-hours options),
"night" 22:00–06:00 (overnight). The plant works "default", the sales office "late", and a third of
Line 2 is on nights; the demo manager's approvals inbox holds a remote day, a flexible-hours request
and a missed-punch correction from his team. Made through the real use cases (audit, inbox, outbox),
from today on, so no past day is recomputed without punches. Runs once, after the people."""
from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.access.permissions import Role
from backend.attendance import assignments, requests, shifts
from backend.attendance.models import RequestKind
from backend.attendance.requests import RequestDraft
from backend.core import clock
from backend.org.models import Employee

TZ = "Asia/Shanghai"
SHIFTS = (("default", "标准班", "Standard day", "08:00", "17:00", True, 60),
          ("late", "晚班（弹性）", "Late day (flexible)", "09:00", "18:00", True, 60),
          ("night", "夜班", "Night", "22:00", "06:00", False, 30))


async def seed_attendance_shifts(system: Actor, *, plant_id: uuid.UUID, office_id: uuid.UUID, manager_email: str,
                                 star_email: str) -> None:
    made = {}
    for code, name_zh, name_en, start, end, flexible, pause in SHIFTS:
        made[code] = await shifts.save_shift(system, shifts.ShiftDraft(
            code=code, name_en=name_en, name_zh=name_zh, start_time=start, end_time=end, break_minutes=pause,
            flexible_option=flexible))
    today = clock.today_in(TZ)
    people = await Employee.of(system).order_by("employee_number").values_list("id", "site_id", "department__name")
    line2 = [p for p, _, department in people if department and "Line 2" in department]
    nights = set(line2[::3])
    groups = {"default": [p for p, site, _ in people if site == plant_id and p not in nights],
              "late": [p for p, site, _ in people if site == office_id], "night": sorted(nights, key=str)}
    for code, ids in groups.items():
        if ids:
            await assignments.assign_shift(system, employee_ids=ids, shift_id=made[code].id,
                                           site_id=office_id if code == "late" else plant_id, starts_on=today,
                                           ends_on=None)
    await _pending_requests(system, made["late"].id, manager_email=manager_email, star_email=star_email)


def _user(employee: Employee, account_id: uuid.UUID | None) -> Actor:
    return Actor.user(tenant_id=employee.tenant_id, account_id=account_id or uuid.uuid5(employee.id, "demo"),
                      employee_id=employee.id, role=Role.EMPLOYEE, label=employee.name)


async def _pending_requests(system: Actor, late_id: uuid.UUID, *, manager_email: str, star_email: str) -> None:
    boss = await Employee.of(system).get(email=manager_email)
    star = await Employee.of(system).get(email=star_email)
    accounts = {a.employee_id: a.id for a in await UserAccount.of(system).all()}
    teammates = await Employee.of(system).filter(manager_id=boss.id).exclude(id=star.id).order_by(
        "employee_number").limit(2)
    today = clock.today_in(TZ)
    next_workday = today + timedelta(days=1)
    while next_workday.isoweekday() > 5:
        next_workday += timedelta(days=1)
    await requests.request_change(_user(star, accounts.get(star.id)), RequestDraft(
        kind=RequestKind.REMOTE_DAY, starts_on=next_workday,
        reason="家里等装修验收，可远程处理工艺文件 / Waiting at home for a contractor; I can work on process documents"))
    if len(teammates) < 2:
        return
    flexible, forgetful = teammates
    await requests.request_change(_user(flexible, None), RequestDraft(
        kind=RequestKind.FLEXIBLE_HOURS, starts_on=next_workday, shift_id=late_id,
        reason="每天早上送孩子上学 / I take my child to school every morning"))
    yesterday = today - timedelta(days=1)
    while yesterday.isoweekday() > 5:
        yesterday -= timedelta(days=1)
    punched = datetime.combine(yesterday, time(7, 56), tzinfo=ZoneInfo(TZ))
    await requests.request_change(_user(forgetful, None), RequestDraft(
        kind=RequestKind.CORRECTION, starts_on=yesterday, punch_at=punched, punch_direction="in",
        reason="一号门考勤机当时无响应 / The Gate 1 terminal did not respond"))
