"""Factories for scoring tests: a company with a sales-like template assigned to its department and a
cycle, and shortcuts to read scorecards back."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.core import clock
from backend.org.models import Employee
from backend.performance import recompute
from backend.performance.models import (
    DimensionSource, KeyResult, MetricValue, Objective, RaterRelation, ReviewCycle, Scorecard, ScoreRecompute, ValueSource,
)
from tests.factories.org import Company, Person, make_company, make_person
from tests.factories.performance import DimensionSpec, TemplateRows, make_cycle, make_template, put_rating, put_value

SIMPLE = [DimensionSpec("results", 60, target=200), DimensionSpec("quality", 40, target=50)]


@dataclass
class Scene:
    company: Company
    cycle: ReviewCycle
    template: TemplateRows


async def make_scene(name: str = "Acme", specs: list[DimensionSpec] | None = None, **cycle_values: Any) -> Scene:
    """A company whose department (manager, employee, peer) is on one template, and an open cycle."""
    company = await make_company(name)
    cycle = await make_cycle(company.system, **cycle_values)
    template = await make_template(company.system, specs or SIMPLE, department_id=company.department.id)
    return Scene(company=company, cycle=cycle, template=template)


async def cards(scene: Scene) -> dict[str, Scorecard]:
    """The cycle's scorecards by employee name."""
    found = await Scorecard.of(scene.company.system).filter(cycle_id=scene.cycle.id).prefetch_related("employee")
    return {c.employee.name: c for c in found}


async def add_people(scene: Scene, n: int, *, results: float = 100, quality: float | None = 25) -> list[Person]:
    """n more people in the scene's department (reporting to its manager) with metric values."""
    people = []
    for _ in range(n):
        person = await make_person(scene.company.system, manager=scene.company.manager.employee,
                                   department=scene.company.department)
        await put_value(scene.company.system, scene.cycle, person.employee.id, "results", results)
        if quality is not None:
            await put_value(scene.company.system, scene.cycle, person.employee.id, "quality", quality)
        people.append(person)
    return people


async def mark_at(scene: Scene, people: list[Person], at: datetime) -> None:
    """Marks as dirty.mark writes them, at a chosen moment (no job queued)."""
    await ScoreRecompute.bulk_create([ScoreRecompute.build_for(scene.company.system, cycle_id=scene.cycle.id,
                                                               employee_id=p.employee.id, requested_at=at)
                                      for p in people])


async def people_in(scene: Scene) -> list[Person]:
    """Everyone in the scene's department as Person-likes (employee only; enough for marking)."""
    members = await Employee.of(scene.company.system).filter(department_id=scene.company.department.id)
    return [Person(employee=e, account=None, actor=None) for e in members]  # type: ignore[arg-type]


STATEMENT_SPECS = [
    DimensionSpec("results", 40, target=500_000, floor_ratio=0.5, cap_points=120, extra={"unit": "¥"}),
    DimensionSpec("mentoring", 20, source=DimensionSource.RATING, target=None),
    DimensionSpec("teamwork", 20, source=DimensionSource.REVIEW_360, target=None),
    DimensionSpec("delivery", 20, source=DimensionSource.OKR, target=None),
]


async def make_statement_scene(name: str = "Acme") -> Scene:
    """The worker has every kind of input, scored: results 600,000 ¥ typed by the manager (capped 120),
    mentoring 4 from the manager (80), teamwork self 5 + one peer 3 (70), one objective half done (50):
    total (40*120 + 20*80 + 20*70 + 20*50) / 100 = 88.00."""
    scene = await make_scene(name, specs=STATEMENT_SPECS)
    c, worker = scene.company, scene.company.employee.employee.id
    await MetricValue.create_for(c.system, cycle_id=scene.cycle.id, employee_id=worker, metric_code="results",
                                 value=600_000, source=ValueSource.MANUAL, source_label="typed in",
                                 supplied_by_id=c.manager.employee.id, updated_at=clock.now())
    await put_rating(c.system, scene.cycle, worker, c.manager.employee.id, "mentoring", 4)
    await put_rating(c.system, scene.cycle, worker, worker, "teamwork", 5, RaterRelation.SELF)
    await put_rating(c.system, scene.cycle, worker, c.peer.employee.id, "teamwork", 3, RaterRelation.PEER)
    objective = await Objective.create_for(c.system, cycle_id=scene.cycle.id, employee_id=worker, title="Ship v2")
    await KeyResult.create_for(c.system, objective_id=objective.id, title="Releases", start_value=0, current_value=2,
                               target_value=4, updated_at=clock.now())
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    return scene
