"""List queries cost a constant number of SQL statements, whatever the page size (no N+1)."""
from __future__ import annotations

from backend.org.models import Department, Site
from schema.build import build_schema
from schema.context import Context
from tests.factories.org import make_company, make_person

SCHEMA = build_schema()
DIRECTORY = """query($first: Int!) { employees(first: $first) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { name jobTitle phone role
    department { name memberCount head { name } }
    site { name timeZone }
    manager { name phone manager { name } }
    reports { name email } } } } }"""


async def _statements(counter, actor, first: int) -> int:
    before = counter.count
    result = await SCHEMA.execute(DIRECTORY, variable_values={"first": first},
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    assert len(result.data["employees"]["edges"]) == first
    return counter.count - before


async def test_directory_page_uses_the_same_statements_for_5_and_40_people(db, count_queries):
    # given 45+ people over several departments, sites and managers
    company = await make_company()
    extra_sites = [await Site.create_for(company.system, name=f"Site {i}", time_zone="Asia/Shanghai") for i in range(3)]
    extra_departments = [await Department.create_for(company.system, name=f"Dept {i}") for i in range(3)]
    managers = [company.manager.employee, company.owner.employee]
    for i in range(42):
        person = await make_person(company.system, manager=managers[i % 2], site=extra_sites[i % 3],
                                   department=extra_departments[i % 3])
        if i < 4:
            managers.append(person.employee)
    # when
    small = await _statements(count_queries, company.manager.actor, 5)
    large = await _statements(count_queries, company.manager.actor, 40)
    # then
    print(f"directory page: {small} statements for 5 people, {large} for 40")
    assert small == large
    assert large <= 12
