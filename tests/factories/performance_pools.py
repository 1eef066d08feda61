"""Factories for tiers and bonus pool tests: a company with two departments of scored people (scorecards
written directly, so pool tests do not depend on the recompute), and shortcuts for cycles and flags."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from backend.core import clock
from backend.org.models import Department
from backend.performance import anomalies, tiering
from backend.performance.models import (
    AnomalyFlag, AnomalyKind, CycleKind, CycleStatus, FlagStatus, ReviewCycle, Scorecard,
)
from tests.factories.org import Company, Person, make_company, make_person
from tests.factories.performance import TemplateRows, make_cycle, make_template

_codes = itertools.count(1)
# Totals of the production department (the company's manager, employee, peer come first) and of sales.
PRODUCTION_TOTALS = [92.0, 81.5, 77.0, 64.0, 58.5]
SALES_TOTALS = [88.0, 70.0, 55.0]


@dataclass
class PoolScene:
    company: Company
    sales: Department
    production_people: list[Person]
    sales_people: list[Person]
    template: TemplateRows
    cycles: list[ReviewCycle] = field(default_factory=list)

    @property
    def everyone(self) -> list[Person]:
        return self.production_people + self.sales_people


async def make_pool_scene(name: str = "Acme") -> PoolScene:
    """Production: manager, employee, peer and two more; sales: three people under the owner."""
    company = await make_company(name)
    system = company.system
    sales = await Department.create_for(system, name=f"{name} Sales")
    production = [company.manager, company.employee, company.peer] + [
        await make_person(system, manager=company.manager.employee, department=company.department) for _ in range(2)]
    sales_people = [await make_person(system, manager=company.owner.employee, department=sales) for _ in range(3)]
    template = await make_template(system, code=f"pools{next(_codes)}")
    return PoolScene(company=company, sales=sales, production_people=production, sales_people=sales_people,
                     template=template)


async def scored_cycle(scene: PoolScene, totals: list[float] | None = None, *, closed: bool = False,
                       starts_on: date = date(2026, 11, 1), ends_on: date = date(2026, 11, 30),
                       tier_policy: dict[str, Any] | None = None, name: str = "November 2026",
                       kind: CycleKind = CycleKind.MONTHLY) -> ReviewCycle:
    """A (monthly) cycle with one scorecard per person of the scene (totals in scene.everyone order; [] for
    a cycle nobody is scored in yet)."""
    system = scene.company.system
    cycle = await make_cycle(system, starts_on=starts_on, ends_on=ends_on, kind=kind, name=name,
                             tier_policy=tier_policy if tier_policy is not None else {"min_group_size": 5})
    values = totals if totals is not None else PRODUCTION_TOTALS + SALES_TOTALS
    await Scorecard.bulk_create([Scorecard.build_for(
        system, cycle_id=cycle.id, employee_id=p.employee.id, template_version_id=scene.template.version.id,
        department_id=p.employee.department_id, total=total, completion=min(total / 100, 1.0),
        computed_at=clock.now(), dimension_scores=b"") for p, total in zip(scene.everyone, values, strict=bool(values))])
    if closed:
        await tiering.place_tiers(system, cycle_id=cycle.id, final=True)  # as closing does
        await close_directly(scene, cycle)
    scene.cycles.append(cycle)
    return await ReviewCycle.of(system).get(id=cycle.id)


async def close_directly(scene: PoolScene, cycle: ReviewCycle) -> ReviewCycle:
    """Closed without the final recompute (the scorecards here have no inputs to recompute from) and
    without placing tiers."""
    await ReviewCycle.of(scene.company.system).filter(id=cycle.id).update(status=CycleStatus.CLOSED,
                                                                          closed_at=clock.now())
    return await ReviewCycle.of(scene.company.system).get(id=cycle.id)


async def raise_flag(scene: PoolScene, cycle: ReviewCycle, subject: str = "dept:test") -> AnomalyFlag:
    return await AnomalyFlag.create_for(scene.company.system, cycle_id=cycle.id, kind=AnomalyKind.ALL_HIGH,
                                        subject_key=subject, severity=1.5, evidence={"mean": 93},
                                        raised_at=clock.now())


async def resolve_open_flags(scene: PoolScene, cycle: ReviewCycle) -> int:
    """HR justifies every open flag of the cycle; returns how many."""
    hr = scene.company.hr.actor
    flags = await AnomalyFlag.of(hr).filter(cycle_id=cycle.id, status=FlagStatus.OPEN)
    for flag in flags:
        await anomalies.resolve_flag(hr, flag_id=flag.id, outcome=FlagStatus.JUSTIFIED,
                                     note="Checked with the department head: the results are real.")
    return len(flags)
