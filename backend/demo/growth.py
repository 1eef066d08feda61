"""The demo's growth map: the default tracks (production, sales, R&D) installed by HR, the production lines,
QC, sales and R&D on them at the level their job grade says (heads on the management branch), years of
evidence in bulk, the tiers, praise, key results and badges of the seeded history replayed as evidence,
two sessions coming up, and progress computed. 李娜 Na Li is one training away from 高级工. Runs once."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.core import clock, outbox
from backend.demo.growth_data import Evidence, Member
from backend.growth import progress, sessions, sources
from backend.growth.defaults import install_default_tracks
from backend.growth.models import EvidenceKind, GrowthRecord, RecordSource, RecordStatus, TrackLevel, TrackMembership
from backend.org.models import Department, Employee, EmployeeStatus

ZONE = ZoneInfo("Asia/Shanghai")
TRACK_BY_DEPARTMENT = {"line1": "production", "line2": "production", "qc": "production", "sales": "sales", "rnd": "rnd"}
HEAD_LEVELS = {"prod": ("production", "production_manager"), "line1": ("production", "supervisor"),
               "line2": ("production", "supervisor"), "qc": ("production", "supervisor"), "sales": ("sales", "manager"),
               "rnd": ("rnd", "rnd_manager")}
GRADE_LEVELS = {"production": (("初级", "junior"), ("中级", "middle"), ("高级", "senior"), ("技师", "technician")),
                "sales": (("S1", "rep"), ("S2", "rep"), ("S3", "senior"), ("S4", "key_account")),
                "rnd": (("初级", "junior"), ("高级", "senior"), ("专家", "architect"))}
STAR_SINCE_DAYS = 600  # 李娜 has been 中级工 for about 20 months


async def _actor(system: Actor, email: str) -> Actor:
    account = await UserAccount.of(system).get(login_email=email)
    employee = await Employee.of(system).get(id=account.employee_id)
    return Actor.user(tenant_id=system.tenant_id, account_id=account.id, employee_id=employee.id, role=account.role,
                      label=employee.name)


def _level(track: str, grade: str) -> str:
    return next((code for prefix, code in GRADE_LEVELS[track] if grade.startswith(prefix)), GRADE_LEVELS[track][0][1])


async def seed_growth(system: Actor, *, department_ids: Mapping[str, UUID], hr_email: str, manager_email: str,
                      star_email: str) -> None:
    hr = await _actor(system, hr_email)
    tracks = await install_default_tracks(hr)
    levels = {(t, code): i for i, t, code in await TrackLevel.of(system).values_list("id", "track_id", "code")}
    today = clock.now().astimezone(ZONE).date()
    heads = dict(await Department.of(system).values_list("id", "head_id"))
    keys = {v: k for k, v in department_ids.items()}
    people = await Employee.of(system).filter(status=EmployeeStatus.ACTIVE).order_by("employee_number").values_list(
        "id", "department_id", "level", "hire_date", "email")
    by_department: dict[UUID, list[UUID]] = {}
    for i, d, *_ in people:
        by_department.setdefault(d, []).append(i)
    evidence = Evidence(system, today)
    memberships = []
    for employee_id, department_id, grade, hired, email in people:
        key = keys.get(department_id, "")
        if heads.get(department_id) == employee_id and key in HEAD_LEVELS:
            track, level = HEAD_LEVELS[key]
            since = max(hired, today - timedelta(days=3 * 365))
        elif key in TRACK_BY_DEPARTMENT:
            track = TRACK_BY_DEPARTMENT[key]
            level = _level(track, grade)
            depth = [code for _, code in GRADE_LEVELS[track]].index(level)
            since = min(hired + timedelta(days=913 * depth), today - timedelta(days=45))
        else:
            continue
        if email == star_email:
            since = today - timedelta(days=STAR_SINCE_DAYS)
            evidence.star(employee_id, hired)
        else:
            peers = [p for p in by_department.get(department_id, []) if p != employee_id]
            evidence.member(Member(employee_id=employee_id, track=track, level=level, hire_date=hired,
                                   department_peers=peers[:20]))
        memberships.append(TrackMembership.build_for(system, employee_id=employee_id, track_id=tracks[track].id,
                                                     current_level_id=levels[(tracks[track].id, level)],
                                                     level_since=max(since, hired)))
    await TrackMembership.bulk_create(memberships, batch_size=500)
    await GrowthRecord.bulk_create(evidence.rows, batch_size=500)
    await _replay_history(system)
    await _sessions(hr, system, tracks["production"].id, levels, manager_email, today)
    await progress.recompute(system)


async def _replay_history(system: Actor) -> None:
    """The seeded history's tiers, praise, key results and badges, as the growth sources would have
    recorded them (same source_ref, so a late handler run would find them and add nothing)."""
    events = await outbox.history(system, list(sources.SOURCES), since=datetime(2000, 1, 1, tzinfo=UTC),
                                  until=clock.now() + timedelta(seconds=1))
    rows = []
    for event in events:
        spec = sources.SOURCES[event.type](event.payload)
        if spec is None:
            continue
        rows.append(GrowthRecord.build_for(
            system, employee_id=UUID(spec.employee_id), kind=spec.kind, title=spec.title[:200],
            occurred_on=event.occurred_at.astimezone(ZONE).date(), quantity=spec.quantity,
            attributes=dict(spec.attributes), status=RecordStatus.CONFIRMED, source=RecordSource.SYSTEM,
            source_ref=f"{event.type}:{spec.key}"[:120], confirmed_at=event.occurred_at))
    await GrowthRecord.bulk_create(rows, batch_size=500, ignore_conflicts=True)


async def _sessions(hr: Actor, system: Actor, production: UUID, levels: Mapping[tuple[UUID, str], UUID],
                    manager_email: str, today: date) -> None:
    """Two sessions coming up on the production track, run by the demo manager."""
    trainer = (await UserAccount.of(system).get(login_email=manager_email)).employee_id
    for days, (en, zh), level, category, hours in (
            (5, ("Equipment upkeep workshop", "设备点检与保养实操"), "middle", "equipment", 8.0),
            (12, ("Monthly safety induction", "月度安全生产培训"), "junior", "safety", 2.0)):
        starts = datetime.combine(today + timedelta(days=days), datetime.min.time(), ZONE) + timedelta(hours=9)
        await sessions.schedule_session(hr, sessions.SessionDraft(
            title_en=en, title_zh=zh, starts_at=starts, ends_at=starts + timedelta(hours=hours), capacity=12,
            hours=hours, location="一号线培训室 Line 1 training room", trainer_id=trainer,
            evidence_kind=EvidenceKind.TRAINING, attributes={"category": category},
            level_id=levels[(production, level)]))
