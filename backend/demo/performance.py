"""The demo's performance history: the default templates assigned by department, monthly cycles for
September to November 2026 (closed, with tiers) and December (open, live), realistic inputs for everyone
(performance_data), an October bonus pool paid and a November pool previewed with its anomaly flags still
open (Line 2's manager rated everyone 5 in November on middling numbers). Config, closing and pools go
through the real use cases at frozen past moments; the bulk inputs are inserted in bulk. Runs once."""
from __future__ import annotations

import calendar
import random
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.core import clock
from backend.demo.performance_data import DemoPerson, Generator, Moment, Rows
from backend.org.models import Department, Employee, EmployeeStatus
from backend.performance import anomalies, assignment, closing, cycles, pools, recompute, template_queries, templates
from backend.performance.defaults import install_default_templates
from backend.performance.models import (
    CycleKind, Dimension, FlagStatus, KeyResult, MetricValue, MetricValueChange, Objective, Rating, ReviewCycle,
    ScorecardTemplate, TemplateVersion,
)

ZONE = ZoneInfo("Asia/Shanghai")
YEAR = 2026
CLOSED_MONTHS = (9, 10, 11)
LIVE_MONTH = 12
INFLATED = ("line2", 11)  # Line 2's manager rates everyone 5 in November
TEMPLATE_BY_DEPARTMENT = {"prod": "production", "line1": "production", "line2": "production", "qc": "production",
                          "sales": "sales", "rnd": "rnd", "ops": "operations", "hr": "results_ability",
                          "exec": "results_ability"}
POOLS = {10: ("十月绩效奖金 October performance bonus", 30_000_000), 11: ("十一月绩效奖金 November performance bonus", 32_000_000)}
CHECKED = "已与部门经理核对，分数有指标数据支撑。Checked with the department's manager: the scores are backed by the metrics."


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), ZONE)


def _month(number: int) -> tuple[date, date]:
    return date(YEAR, number, 1), date(YEAR, number, calendar.monthrange(YEAR, number)[1])


async def _person(system: Actor, email: str) -> Actor:
    account = await UserAccount.of(system).get(login_email=email)
    employee = await Employee.of(system).get(id=account.employee_id)
    return Actor.user(tenant_id=system.tenant_id, account_id=account.id, employee_id=employee.id, role=account.role,
                      label=employee.name)


async def seed_performance(system: Actor, *, department_ids: Mapping[str, UUID], hr_email: str, owner_email: str,
                           manager_email: str, star_email: str) -> None:
    hr, owner = await _person(system, hr_email), await _person(system, owner_email)
    manager = await _person(system, manager_email)
    by_code = await install_default_templates(hr)
    for key, code in TEMPLATE_BY_DEPARTMENT.items():
        await templates.assign_template(hr, template_id=by_code[code].id, department_id=department_ids[key])
    people = await _people(system, department_ids, star_email)
    generator = Generator(system, people)
    dimensions = await _dimensions(system)
    qc_lead = (await Department.of(system).get(id=department_ids["qc"])).head_id
    assert qc_lead is not None and hr.employee_id is not None
    months = {}
    for number in (*CLOSED_MONTHS, LIVE_MONTH):
        starts_on, ends_on = _month(number)
        with clock.frozen_at(_at(starts_on, 9)):
            months[number] = await cycles.create_cycle(
                hr, name_en=f"{calendar.month_name[number]} {YEAR}", name_zh=f"{YEAR}年{number}月", kind=CycleKind.MONTHLY,
                starts_on=starts_on, ends_on=ends_on)
    for number in CLOSED_MONTHS:
        cycle = months[number]
        moment = Moment(cycle_id=cycle.id, label=f"{YEAR}-{number:02d} 月度指标 metrics.xlsx", at=_at(cycle.ends_on + timedelta(days=1)),
                        hr_id=hr.employee_id, qc_id=qc_lead, inflated=INFLATED[0] if number == INFLATED[1] else None)
        await _save(generator.cycle(moment, dimensions))
        with clock.frozen_at(_at(cycle.ends_on + timedelta(days=3))):
            await closing.close_cycle(hr, cycle_id=cycle.id)
        if number in POOLS:
            await _pool(hr, owner, cycle, pay=number != INFLATED[1])
    await _live(system, generator, dimensions, months[LIVE_MONTH], hr.employee_id, qc_lead, manager.employee_id)


async def _live(system: Actor, generator: Generator, dimensions: dict[UUID, list[Dimension]], cycle: ReviewCycle,
                hr_id: UUID, qc_id: UUID, manager_id: UUID | None) -> None:
    """December so far: cumulative metrics at the share of the month gone, 60 % of ratings in, and the
    demo manager's team still waiting for theirs."""
    today = clock.now().astimezone(ZONE).date()
    days = (cycle.ends_on - cycle.starts_on).days + 1
    elapsed = min(1.0, max(0.15, ((today - cycle.starts_on).days + 1) / days))
    moment = Moment(cycle_id=cycle.id, label=f"{YEAR}-{LIVE_MONTH:02d} 月中指标 mid-month metrics.xlsx",
                    at=min(clock.now(), _at(cycle.ends_on)), hr_id=hr_id, qc_id=qc_id, elapsed=elapsed, rated_share=0.6)
    await _save(generator.cycle(moment, dimensions, skip_ratings_by=manager_id))
    await recompute.recompute_cycle(system, cycle_id=cycle.id, only_marked=False, force=True)


async def _pool(hr: Actor, owner: Actor, cycle: ReviewCycle, *, pay: bool) -> None:
    """October's pool is previewed, its flags justified, approved by the owner and locked; November's stays
    previewed with its flags open for HR to work through."""
    name, amount = POOLS[cycle.starts_on.month]
    after_close = cycle.ends_on + timedelta(days=4)
    with clock.frozen_at(_at(after_close)):
        pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name=name, amount_minor=amount)
        await pools.preview_bonus_pool(hr, pool_id=pool.id)
    if not pay:
        return
    with clock.frozen_at(_at(after_close, 15)):
        for flag in await anomalies.list_flags(hr, cycle_id=cycle.id, pool_id=pool.id, status=FlagStatus.OPEN):
            await anomalies.resolve_flag(hr, flag_id=flag.id, outcome=FlagStatus.JUSTIFIED, note=CHECKED)
    with clock.frozen_at(_at(after_close + timedelta(days=1))):
        await pools.approve_bonus_pool(owner, pool_id=pool.id)
        await pools.lock_bonus_pool(hr, pool_id=pool.id)


async def _people(system: Actor, department_ids: Mapping[str, UUID], star_email: str) -> list[DemoPerson]:
    keys = {department: key for key, department in department_ids.items()}
    rng = random.Random(7)
    rows = await Employee.of(system).filter(status=EmployeeStatus.ACTIVE).order_by("employee_number").values_list(
        "id", "employee_number", "department_id", "manager_id", "email")
    return [DemoPerson(id=i, number=n, department=keys[d], manager_id=m,
                       ability=1.05 if email == star_email else min(1.2, max(0.6, rng.gauss(0.88, 0.11))))
            for i, n, d, m, email in rows]


async def _dimensions(system: Actor) -> dict[UUID, list[Dimension]]:
    """Each person's current template dimensions, as the recompute will resolve them."""
    matches = assignment.resolve_all(await template_queries.assignment_rules(system),
                                     await template_queries.active_people(system))
    current = dict(await ScorecardTemplate.of(system).values_list("id", "current_version"))
    versions = {t: v for v, t, n in await TemplateVersion.of(system).values_list("id", "template_id", "version")
                if current.get(t) == n}
    by_version: dict[UUID, list[Dimension]] = {}
    for d in await Dimension.of(system).filter(version_id__in=list(versions.values())).order_by("position"):
        by_version.setdefault(d.version_id, []).append(d)
    return {person: by_version[versions[m.template_id]] for person, m in matches.items()}


async def _save(rows: Rows) -> None:
    await MetricValue.bulk_create(rows.values, batch_size=500)
    await MetricValueChange.bulk_create(rows.changes, batch_size=500)
    await Rating.bulk_create(rows.ratings, batch_size=500)
    await Objective.bulk_create(rows.objectives, batch_size=500)
    await KeyResult.bulk_create(rows.key_results, batch_size=500)
