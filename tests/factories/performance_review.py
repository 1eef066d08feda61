"""Factories for the anomaly and appeal tests. Scorecards, ratings and allocations are written directly, so
these tests do not depend on the recompute, the rating use case or the pool flow.

`anomaly_scene` builds a 15-person organisation in which every detector has exactly one thing to find:
Sales all high (and inflated), Production's manager rating 100 on results worth 60 (考核同盟), a lenient
peer (the company's `peer`), a reciprocal pair in Sales, a jump in Ops, and a pool paid evenly.
`appeal_scene` scores a department with real inputs and the real recompute; `load_synthetic` writes a
synthetic organisation as rows."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from backend.core import clock, jobs
from backend.org.models import Department, Employee
from backend.performance import appeals, card_scores, recompute
from backend.performance.scoring import DimensionScore
from backend.performance.models import (
    Appeal, BonusAllocation, BonusPool, DimensionSource, RaterRelation, Rating, ReviewCycle, Scorecard,
)
from tests.backend.performance import synthetic
from tests.factories.org import Company, Person, make_company, make_person
from tests.factories.performance import (
    DimensionSpec, TemplateRows, make_cycle, make_template, put_rating, put_value,
)
from workers import settings

_codes = itertools.count(1)
SALES_TOTALS = [95.0, 96.0, 97.0, 98.0, 99.0]
OPS_TOTALS = [60.0, 65.0, 70.0, 75.0, 85.0]  # the last one jumps from 50 and 52
PRODUCTION_OBJECTIVE, PRODUCTION_RATING = 60.0, 100.0


@dataclass
class AnomalyScene:
    company: Company
    sales: Department
    ops: Department
    sales_people: list[Person]
    ops_people: list[Person]
    production_people: list[Person]
    template: TemplateRows
    september: ReviewCycle
    october: ReviewCycle
    cycle: ReviewCycle
    pool: BonusPool

    @property
    def jumper(self) -> Person:
        return self.ops_people[-1]

    @property
    def pair(self) -> tuple[Person, Person]:
        a, b = self.sales_people[0], self.sales_people[1]
        return (a, b) if str(a.employee.id) < str(b.employee.id) else (b, a)


def dimensions(objective: float, rating: float) -> dict[str, Any]:
    """A scorecard's packed dimension scores as the recompute writes them (the parts the detectors read):
    Scorecard fields."""
    record, notes = card_scores.pack([
        DimensionScore("results", "metric", 70, objective, objective, round(objective * 0.7, 2), 1.0, False),
        DimensionScore("mentoring", "rating", 30, rating / 20, rating, round(rating * 0.3, 2), 1.0, False)])
    return {"dimension_scores": record, "dimension_notes": notes}


async def card(scene_company: Company, cycle: ReviewCycle, person: Person, template: TemplateRows, total: float,
               objective: float | None = None, rating: float | None = None) -> Scorecard:
    return await Scorecard.create_for(
        scene_company.system, cycle_id=cycle.id, employee_id=person.employee.id,
        template_version_id=template.version.id, department_id=person.employee.department_id, total=total,
        completion=min(total / 100, 1.0), **dimensions(objective if objective is not None else total,
                                                        rating if rating is not None else total),
        computed_at=clock.now())


async def rate(company: Company, cycle: ReviewCycle, rater: Person, ratee: Person, score: int,
               relation: RaterRelation = RaterRelation.PEER, dimension: str = "teamwork") -> Rating:
    return await Rating.create_for(company.system, cycle_id=cycle.id, employee_id=ratee.employee.id,
                                   rater_id=rater.employee.id, relation=relation, dimension_code=dimension,
                                   score=score, updated_at=clock.now())


async def anomaly_scene(name: str = "Acme", **cycle_values: Any) -> AnomalyScene:
    company = await make_company(name)
    system = company.system
    sales = await Department.create_for(system, name="Sales")
    ops = await Department.create_for(system, name="Ops")
    sales_people = [await make_person(system, manager=company.owner.employee, department=sales) for _ in range(5)]
    ops_people = [await make_person(system, manager=company.owner.employee, department=ops) for _ in range(5)]
    production = [company.manager, company.employee, company.peer] + [
        await make_person(system, manager=company.manager.employee, department=company.department) for _ in range(2)]
    template = await make_template(system, code=f"review{next(_codes)}")
    september = await make_cycle(system, starts_on=date(2026, 9, 1), ends_on=date(2026, 9, 30), name="September 2026")
    october = await make_cycle(system, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31), name="October 2026",
                               previous=september)
    cycle = await make_cycle(system, previous=october, **cycle_values)
    for person, total in zip(sales_people, SALES_TOTALS, strict=True):
        await card(company, cycle, person, template, total)
    for person, total in zip(ops_people, OPS_TOTALS, strict=True):
        await card(company, cycle, person, template, total)
    for person in production:
        await card(company, cycle, person, template, round(0.7 * PRODUCTION_OBJECTIVE + 0.3 * PRODUCTION_RATING, 2),
                   PRODUCTION_OBJECTIVE, PRODUCTION_RATING)
    jumper = ops_people[-1]
    await card(company, september, jumper, template, 50.0)
    await card(company, october, jumper, template, 52.0)
    for person in ops_people:  # the peer is generous, HR is not, with the same five people
        await rate(company, cycle, company.peer, person, 5)
        await rate(company, cycle, company.hr, person, 3)
    a, b = sales_people[0], sales_people[1]
    await rate(company, cycle, a, b, 5)
    await rate(company, cycle, b, a, 5)
    await rate(company, cycle, company.hr, a, 3)
    await rate(company, cycle, company.hr, b, 3)
    pool = await flat_pool(company, cycle, sales_people + ops_people + production)
    return AnomalyScene(company=company, sales=sales, ops=ops, sales_people=sales_people, ops_people=ops_people,
                        production_people=production, template=template, september=september, october=october,
                        cycle=cycle, pool=pool)


async def flat_pool(company: Company, cycle: ReviewCycle, people: list[Person], amount_each: int = 100_000) -> BonusPool:
    pool = await BonusPool.create_for(company.system, cycle_id=cycle.id, name="Year-end",
                                      amount_minor=amount_each * len(people), created_by_id=company.hr.employee.id)
    await BonusAllocation.bulk_create([BonusAllocation.build_for(
        company.system, pool_id=pool.id, employee_id=p.employee.id, department_id=p.employee.department_id,
        amount_minor=amount_each) for p in people])
    return pool


# --- appeals ---------------------------------------------------------------------------------------

SCORED_AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # when appeal_scene's scorecards were computed
# Within November 2026's appeal window (it closes at the end of 5 December, Shanghai time).
IN_WINDOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
AFTER_WINDOW = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)  # 6 December 00:00 in Shanghai
APPEAL_SPECS = [DimensionSpec("results", 60, target=200),
                DimensionSpec("retention", 20, target=90, extra={"unit": "%"}),
                DimensionSpec("mentoring", 20, source=DimensionSource.RATING, target=None)]
_keys = itertools.count(1)


@dataclass
class AppealScene:
    company: Company
    cycle: ReviewCycle
    template: TemplateRows


async def appeal_scene(name: str = "Acme", *, rated_by: Person | None = None, **cycle_values: Any) -> AppealScene:
    """November 2026 (open) scores the department: the worker has results 150/200 (75 points), retention
    90 % (100) and the manager's mentoring rating 3 (60): total 77. The peer has results 100 only (30).
    The worker reports to the manager, who reports to the owner; the peer reports to the owner. Scored at
    SCORED_AT, before anyone appeals."""
    company = await make_company(name)
    system = company.system
    template = await make_template(system, APPEAL_SPECS, code=f"appeal{next(_codes)}", department_id=company.department.id)
    cycle = await make_cycle(system, **cycle_values)
    worker = company.employee.employee.id
    await put_value(system, cycle, worker, "results", 150)
    await put_value(system, cycle, worker, "retention", 90)
    await put_rating(system, cycle, worker, (rated_by or company.manager).employee.id, "mentoring", 3)
    await put_value(system, cycle, company.peer.employee.id, "results", 100)
    with clock.frozen_at(SCORED_AT):
        await recompute.recompute_cycle(system, cycle_id=cycle.id, only_marked=False, force=True)
    return AppealScene(company=company, cycle=cycle, template=template)


def key() -> str:
    return f"appeal-key-{next(_keys):06d}"


async def file(person: Person, scene: AppealScene, dimension: str | None = "results", **values: Any) -> Appeal:
    values.setdefault("reason", "The CRM lost two of my October deals.")
    return await appeals.file_appeal(person.actor, cycle_id=scene.cycle.id, dimension_code=dimension,
                                     client_key=values.pop("client_key", key()), **values)


async def total_of(scene: AppealScene, person: Person) -> float:
    return (await Scorecard.of(scene.company.system).get(cycle_id=scene.cycle.id, employee_id=person.employee.id)).total


def in_process_jobs() -> jobs.InProcessJobs:
    runner = jobs.InProcessJobs(settings.FUNCTIONS)
    jobs.configure(runner)
    return runner


# --- a synthetic organisation in the database -------------------------------------------------------

async def load_synthetic(org: synthetic.SyntheticOrg, name: str = "Synthetic") -> tuple[Company, ReviewCycle, list[BonusPool]]:
    """Writes a synthetic organisation (tests/backend/performance/synthetic.py) as rows: its departments and
    people with their ids, the current cycle and three earlier ones holding each person's history, ratings,
    and both pools. Employees are bare rows (no accounts): only the detectors read them."""
    company = await make_company(name)
    system = company.system
    await Department.bulk_create([Department.build_for(system, id=d, name=label)
                                  for d, label in org.labels.departments.items()])
    people = {p.employee_id: p.department_id for p in org.people}
    everyone = set(people) | {r.rater_id for r in org.ratings}
    await Employee.bulk_create([Employee.build_for(
        system, id=e, employee_number=f"S{i:05d}", name=f"Synthetic {i}", hire_date=date(2024, 1, 1), job_title="Staff",
        level="L1", department_id=people.get(e)) for i, e in enumerate(sorted(everyone, key=str))])
    template = await make_template(system, code=f"synthetic{next(_codes)}")
    earlier: ReviewCycle | None = None
    chain: list[ReviewCycle] = []
    for month in (8, 9, 10):
        earlier = await make_cycle(system, starts_on=date(2026, month, 1), ends_on=date(2026, month, 28),
                                   name=f"2026-{month}", previous=earlier)
        chain.insert(0, earlier)  # newest first, like previous_totals
    cycle = await make_cycle(system, previous=earlier)
    now = clock.now()
    cards = [Scorecard.build_for(system, cycle_id=cycle.id, employee_id=p.employee_id, template_version_id=template.version.id,
                                 department_id=p.department_id, total=p.total, completion=1.0, computed_at=now,
                                 **dimensions(p.objective_points or 0.0, p.rating_points or 0.0))
             for p in org.people]
    cards += [Scorecard.build_for(system, cycle_id=chain[i].id, employee_id=p.employee_id,
                                  template_version_id=template.version.id, department_id=p.department_id, total=total,
                                  completion=1.0, computed_at=now, dimension_scores=b"")
              for p in org.people for i, total in enumerate(p.previous_totals)]
    await Scorecard.bulk_create(cards)
    await Rating.bulk_create([Rating.build_for(
        system, cycle_id=cycle.id, employee_id=r.employee_id, rater_id=r.rater_id, relation=r.relation,
        dimension_code=f"d{i}", score=r.score, updated_at=now) for i, r in enumerate(org.ratings)])
    pools = []
    for pool_id, shares in org.pools:
        pools.append(await BonusPool.create_for(system, id=pool_id, cycle_id=cycle.id, name=str(pool_id)[:8],
                                                amount_minor=sum(s.amount_minor for s in shares)))
        await BonusAllocation.bulk_create([BonusAllocation.build_for(
            system, pool_id=pool_id, employee_id=s.employee_id, department_id=s.department_id,
            amount_minor=s.amount_minor) for s in shares])
    return company, cycle, pools
