"""The weekly growth reminder: on Monday morning in the organisation's time zone, each manager gets one
notification listing their direct reports with claims awaiting confirmation and the reports on a track
whose records went stale (no confirmed record in 90 days). Run hourly by a cron; the dedupe key
(manager, ISO week) makes every other run of the week a no-op. A constant number of queries plus one
insert per manager reminded."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.core import clock, db
from backend.growth import quality
from backend.growth.models import GrowthRecord, RecordStatus
from backend.notifications import service as notifications
from backend.notifications.models import Notification
from backend.org.models import Employee, EmployeeStatus
from backend.org.queries import get_organization

SEND_FROM_HOUR = 8  # local time, Mondays
MAX_NAMES = 10


@dataclass(frozen=True, slots=True)
class Report:
    name_en: str
    name_zh: str
    pending: int


def is_due(local: datetime) -> bool:
    return local.weekday() == 0 and local.hour >= SEND_FROM_HOUR


def week_key(local: datetime) -> str:
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


async def send_weekly_reminders(actor: Actor) -> int:
    """For the cron (system actor). Returns how many managers were reminded now (0 outside Monday
    morning, and on every repeat within the week)."""
    organization = await get_organization(actor)
    local = clock.now().astimezone(ZoneInfo(organization.time_zone))
    if not is_due(local):
        return 0
    people = await Employee.of(actor).filter(status=EmployeeStatus.ACTIVE).values_list(
        "id", "manager_id", "name", "latin_name")
    pending = Counter(UUID(str(e)) for e in await GrowthRecord.of(actor).filter(
        status=RecordStatus.CLAIMED).values_list("employee_id", flat=True))
    stale = await quality.stale_among(actor, await quality.active_members(actor), today=local.date())
    teams: dict[UUID, list[tuple[UUID, Report]]] = {}
    for person_id, manager_id, name, latin_name in people:
        if manager_id is not None:
            person = UUID(str(person_id))
            teams.setdefault(UUID(str(manager_id)), []).append(
                (person, Report(name_en=latin_name or name, name_zh=name, pending=pending.get(person, 0))))
    active = {UUID(str(p[0])) for p in people}
    key = f"growth_reminder:{week_key(local)}"
    done = {UUID(str(r)) for r in await Notification.of(actor).filter(dedupe_key=key).values_list(
        "recipient_id", flat=True)}
    reminded = 0
    for manager, reports in teams.items():
        waiting = [r for _, r in reports if r.pending]
        stale_reports = [r for person, r in reports if person in stale]
        if manager not in active or manager in done or not (waiting or stale_reports):
            continue
        async with db.transaction():
            # The key also settles a race with a second cron run: notify keeps one row per manager and week.
            await notifications.notify(actor, recipient_id=manager, message=_message(waiting, stale_reports),
                                       dedupe_key=key)
        reminded += 1
    return reminded


def _message(waiting: list[Report], stale: list[Report]) -> notifications.Message:
    en, zh = [], []
    if waiting:
        en.append("Awaiting your confirmation: " + _names([f"{r.name_en} ({r.pending})" for r in waiting]))
        zh.append("待你确认：" + _names([f"{r.name_zh}（{r.pending}）" for r in waiting], "、"))
    if stale:
        en.append("No confirmed record in 90 days: " + _names([r.name_en for r in stale]))
        zh.append("90 天内没有已确认的记录：" + _names([r.name_zh for r in stale], "、"))
    count = len({r.name_zh for r in waiting + stale})
    return notifications.Message(
        kind="growth_weekly_reminder", link="/growth/team",
        title_en=f"Growth records: {count} of your team need{'s' if count == 1 else ''} you this week",
        title_zh=f"成长记录：本周有 {count} 位下属需要你关注", body_en="\n".join(en), body_zh="\n".join(zh))


def _names(names: list[str], separator: str = ", ") -> str:
    shown = separator.join(names[:MAX_NAMES])
    return shown + (f"{separator}… (+{len(names) - MAX_NAMES})" if len(names) > MAX_NAMES else "")
