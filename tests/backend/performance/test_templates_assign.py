"""Assigning templates by department, job title and level; matched counts; removal; retiring a template."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.org.models import Department, Employee
from backend.performance import template_queries, templates
from backend.performance.models import ScoreRecompute, ScorecardTemplate, TemplateAssignment
from tests.factories.org import make_company
from tests.factories.performance_config import month, template


async def test_hr_assigns_a_template_to_a_department_and_sees_how_many_it_decides(db):
    # given the department holds the manager, the employee and the peer
    company = await make_company()
    made = await template(company.hr.actor)
    # when
    row = await templates.assign_template(company.hr.actor, template_id=made.id, department_id=company.department.id)
    # then
    view = await template_queries.assignment_view(company.hr.actor, row)
    assert (view.assignment.department_id, view.matched_count) == (company.department.id, 3)
    entry = await AuditEntry.get(action="scorecard_assignment.created", entity_id=str(row.id))
    assert entry.after is not None and entry.after["template_id"] == str(made.id)


async def test_a_more_specific_assignment_takes_people_from_a_broader_one(db):
    # given
    company = await make_company()
    sales, ops = await template(company.hr.actor, "sales"), await template(company.hr.actor, "ops")
    await Employee.filter(id=company.employee.employee.id).update(job_title="Key Account Manager")
    await templates.assign_template(company.hr.actor, template_id=sales.id, department_id=company.department.id)
    await templates.assign_template(company.hr.actor, template_id=ops.id, department_id=company.department.id,
                                    job_title=" key account manager ")
    # when
    views = {v.template.code: v for v in await template_queries.list_templates(company.hr.actor)}
    # then
    assert [a.matched_count for a in views["sales"].assignments] == [2]
    assert [(a.assignment.job_title, a.matched_count) for a in views["ops"].assignments] == [("key account manager", 1)]


async def test_an_assignment_needs_at_least_one_criterion(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    # when / then
    with pytest.raises(ValidationFailed) as failure:
        await templates.assign_template(company.hr.actor, template_id=made.id, job_title="  ")
    assert failure.value.field == "departmentId"
    assert await TemplateAssignment.all().count() == 0


async def test_the_same_criteria_cannot_be_assigned_twice(db):
    # given
    company = await make_company()
    sales, ops = await template(company.hr.actor, "sales"), await template(company.hr.actor, "ops")
    await templates.assign_template(company.hr.actor, template_id=sales.id, job_title="Operator", level="L2")
    # when
    with pytest.raises(Conflict):
        await templates.assign_template(company.hr.actor, template_id=ops.id, job_title="OPERATOR", level="l2")
    # then
    assert await TemplateAssignment.all().count() == 1


async def test_another_organisations_department_is_not_found(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    made = await template(ours.hr.actor)
    # when / then
    with pytest.raises(NotFound):
        await templates.assign_template(ours.hr.actor, template_id=made.id, department_id=theirs.department.id)
    with pytest.raises(NotFound):
        await templates.assign_template(theirs.hr.actor, template_id=made.id, department_id=theirs.department.id)
    assert await TemplateAssignment.all().count() == 0


async def test_assigning_marks_people_whose_template_changes_in_open_cycles(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 11)
    made = await template(company.hr.actor)
    other = await Department.create_for(company.system, name="Elsewhere")
    # when
    await templates.assign_template(company.hr.actor, template_id=made.id, department_id=company.department.id)
    await templates.assign_template(company.hr.actor, template_id=made.id, department_id=other.id)
    # then
    marked = set(await ScoreRecompute.filter(cycle_id=cycle.id).values_list("employee_id", flat=True))
    assert marked == {company.manager.employee.id, company.employee.employee.id, company.peer.employee.id}


async def test_removing_an_assignment_is_audited_and_marks_its_people(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    row = await templates.assign_template(company.hr.actor, template_id=made.id, job_title="Operator")
    cycle = await month(company.hr.actor, 2026, 11)
    # when
    removed = await templates.remove_assignment(company.hr.actor, assignment_id=row.id)
    # then
    assert removed == row.id and await TemplateAssignment.all().count() == 0
    assert await AuditEntry.filter(action="scorecard_assignment.removed", entity_id=str(row.id)).count() == 1
    assert await ScoreRecompute.filter(cycle_id=cycle.id).count() == 5


async def test_a_template_cannot_be_retired_while_assigned(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    row = await templates.assign_template(company.hr.actor, template_id=made.id, job_title="Operator")
    # when
    with pytest.raises(Conflict):
        await templates.set_template_active(company.hr.actor, template_id=made.id, active=False)
    await templates.remove_assignment(company.hr.actor, assignment_id=row.id)
    retired = await templates.set_template_active(company.hr.actor, template_id=made.id, active=False)
    # then
    assert retired.active is False
    with pytest.raises(Conflict):
        await templates.assign_template(company.hr.actor, template_id=made.id, job_title="Operator")


async def test_retired_templates_are_hidden_from_everyone_but_hr(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    await templates.set_template_active(company.hr.actor, template_id=made.id, active=False)
    # when
    seen_by_employee = await template_queries.list_templates(company.employee.actor)
    seen_by_hr = await template_queries.list_templates(company.hr.actor, include_inactive=True)
    # then
    assert seen_by_employee == [] and [v.template.id for v in seen_by_hr] == [made.id]
    with pytest.raises(Forbidden):
        await template_queries.list_templates(company.employee.actor, include_inactive=True)
    with pytest.raises(NotFound):
        await template_queries.get_template(company.employee.actor, made.id)


async def test_only_hr_assigns(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    # when / then
    with pytest.raises(Forbidden):
        await templates.assign_template(company.manager.actor, template_id=made.id, job_title="Operator")
    assert (await ScorecardTemplate.get(id=made.id)).active
