"""An import costs the same number of SQL statements for 3 rows as for 36: no per-row queries."""
from __future__ import annotations

from backend.access.permissions import Role
from backend.performance import imports
from tests.factories.org import make_person
from tests.factories.performance_data import csv_bytes, scored_company

HEADER = ["employee_number", "metric_code", "value"]


async def _statements(counter, s, rows) -> int:  # type: ignore[no-untyped-def]
    before = counter.count
    report = await imports.import_metric_values(s.company.hr.actor, cycle_id=s.cycle.id, file_name="a.csv",
                                                content=csv_bytes([HEADER, *rows]))
    assert report.committed, report.rows
    return counter.count - before


async def test_an_import_costs_the_same_statements_for_3_and_36_rows(db, count_queries):
    # given twelve people in the scored department
    s = await scored_company()
    people = [await make_person(s.company.system, role=Role.EMPLOYEE, manager=s.company.manager.employee,
                                department=s.company.department) for _ in range(12)]
    numbers = [p.employee.employee_number for p in people]
    small = await _statements(count_queries, s, [[numbers[0], m, 50] for m in ("results", "retention", "attendance_rate")])
    # when
    large = await _statements(count_queries, s, [[n, m, 60] for n in numbers
                                                 for m in ("results", "retention", "attendance_rate")])
    # then
    print(f"import statements: {small} for 3 rows, {large} for 36")
    assert small == large
