"""Scorecard templates over GraphQL: create, revise (sum named, reason mid-cycle), assign, remove, read."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.core import clock
from backend.performance.models import Scorecard, TemplateAssignment, TemplateVersion
from schema.build import build_schema
from schema.context import Context
from tests.factories.org import make_company
from tests.factories.performance_config import month, template

SCHEMA = build_schema()
TEMPLATE = """id code nameEn currentVersion active
  dimensions { code weight source metricCode target direction floorRatio capPoints unit rubric { score en zh } relationWeights }
  versions { version reason weights createdBy { name } }
  assignments { jobTitle level matchedCount department { name } }"""
CREATE = f"""mutation($input: TemplateInput!) {{ createScorecardTemplate(input: $input) {{
  __typename ... on TemplateSaved {{ template {{ {TEMPLATE} }} }} ... on UserError {{ code message field }} }} }}"""
REVISE = """mutation($id: ID!, $dimensions: [DimensionInput!]!, $reason: String) {
  reviseScorecardTemplate(id: $id, dimensions: $dimensions, reason: $reason) {
  __typename ... on TemplateSaved { template { currentVersion versions { version reason weights } } }
  ... on UserError { code message field } } }"""
ASSIGN = """mutation($templateId: ID!, $departmentId: ID, $jobTitle: String) {
  assignScorecardTemplate(templateId: $templateId, departmentId: $departmentId, jobTitle: $jobTitle) {
  __typename ... on TemplateAssigned { assignment { id matchedCount templateId department { name } } }
  ... on UserError { code field } } }"""
REMOVE = """mutation($id: ID!) { removeTemplateAssignment(id: $id) { __typename ... on AssignmentRemoved { id }
  ... on UserError { code } } }"""
RUBRIC = [{"score": n, "en": f"Level {n}", "zh": f"第{n}级"} for n in range(1, 6)]
SALES = [{"code": "results", "nameEn": "Results", "nameZh": "业绩", "weight": 40, "source": "METRIC",
          "metricCode": "sales_revenue", "target": 500000, "floorRatio": 0.5, "capPoints": 120, "unit": "¥"},
         {"code": "mentoring", "nameEn": "Mentoring", "nameZh": "传帮带", "weight": 30, "source": "RATING", "rubric": RUBRIC},
         {"code": "teamwork", "nameEn": "Teamwork", "nameZh": "协作", "weight": 20, "source": "REVIEW_360",
          "relationWeights": {"peer": 60, "manager": 40}},
         {"code": "attendance", "nameEn": "Attendance", "nameZh": "出勤", "weight": 10, "source": "ATTENDANCE"}]


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def test_hr_creates_a_template_with_every_kind_of_dimension(db):
    # given
    company = await make_company()
    # when
    data = await run(company.hr.actor, CREATE, input={"code": "sales", "nameEn": "Sales", "nameZh": "销售", "dimensions": SALES})
    # then
    made = data["createScorecardTemplate"]["template"]
    assert (made["code"], made["currentVersion"], made["active"]) == ("sales", 1, True)
    dims = {d["code"]: d for d in made["dimensions"]}
    assert (dims["results"]["target"], dims["results"]["capPoints"], dims["results"]["direction"]) == (500000.0, 120.0, "HIGHER")
    assert dims["mentoring"]["rubric"][4] == {"score": 5, "en": "Level 5", "zh": "第5级"}
    assert dims["teamwork"]["relationWeights"] == {"peer": 60, "manager": 40}
    assert (dims["attendance"]["metricCode"], dims["attendance"]["target"]) == ("attendance_rate", 98.0)
    assert made["versions"] == [{"version": 1, "reason": "", "createdBy": {"name": "Acme HR"},
                                 "weights": {"results": 40, "mentoring": 30, "teamwork": 20, "attendance": 10}}]


async def test_weights_off_100_come_back_naming_the_sum(db):
    # given
    company = await make_company()
    dimensions = [{**SALES[0], "weight": 35}, *SALES[1:]]
    # when
    data = await run(company.hr.actor, CREATE, input={"code": "sales", "nameEn": "Sales", "nameZh": "销售", "dimensions": dimensions})
    # then
    assert data["createScorecardTemplate"] == {"__typename": "UserError", "code": "VALIDATION", "field": "dimensions",
                                               "message": "Weights add up to 95 %; they must add up to exactly 100 %."}


async def test_a_mid_cycle_revision_needs_a_reason_then_writes_version_2(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    version = await TemplateVersion.get(template_id=made.id)
    cycle = await month(company.hr.actor, 2026, 11)
    await Scorecard.create_for(company.system, cycle_id=cycle.id, employee_id=company.employee.employee.id,
                               template_version_id=version.id, total=70, completion=0.7, computed_at=clock.now(), dimension_scores=b"")
    dimensions = [{**SALES[0], "weight": 50}, {**SALES[1], "weight": 50}]
    # when
    refused = await run(company.hr.actor, REVISE, id=str(made.id), dimensions=dimensions)
    revised = await run(company.hr.actor, REVISE, id=str(made.id), dimensions=dimensions, reason="New quarter plan")
    # then
    assert (refused["reviseScorecardTemplate"]["code"], refused["reviseScorecardTemplate"]["field"]) == ("VALIDATION", "reason")
    result = revised["reviseScorecardTemplate"]["template"]
    assert result["currentVersion"] == 2
    assert result["versions"][0] == {"version": 2, "reason": "New quarter plan", "weights": {"results": 50, "mentoring": 50}}


async def test_hr_assigns_and_removes_a_template(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    # when
    assigned = await run(company.hr.actor, ASSIGN, templateId=str(made.id), departmentId=str(company.department.id))
    listed = await run(company.employee.actor, "{ scorecardTemplates { assignments { matchedCount department { name } } } }")
    removed = await run(company.hr.actor, REMOVE, id=assigned["assignScorecardTemplate"]["assignment"]["id"])
    # then
    assert assigned["assignScorecardTemplate"]["assignment"]["matchedCount"] == 3
    assert assigned["assignScorecardTemplate"]["assignment"]["templateId"] == str(made.id)
    assert listed["scorecardTemplates"] == [{"assignments": [{"matchedCount": 3, "department": {"name": "Acme Production"}}]}]
    assert removed["removeTemplateAssignment"]["__typename"] == "AssignmentRemoved"
    assert await TemplateAssignment.all().count() == 0


async def test_an_assignment_without_criteria_is_a_user_error(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    # when
    data = await run(company.hr.actor, ASSIGN, templateId=str(made.id))
    # then
    assert data["assignScorecardTemplate"] == {"__typename": "UserError", "code": "VALIDATION", "field": "departmentId"}


async def test_retiring_an_assigned_template_is_a_conflict(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    await run(company.hr.actor, ASSIGN, templateId=str(made.id), jobTitle="Operator")
    # when
    data = await run(company.hr.actor, 'mutation { setScorecardTemplateActive(id: "%s", active: false) '
                                       '{ ... on UserError { code } } }' % made.id)
    # then
    assert data["setScorecardTemplateActive"] == {"code": "CONFLICT"}


async def test_an_employee_may_not_create_templates(db):
    # given
    company = await make_company()
    # when
    data = await run(company.employee.actor, CREATE, input={"code": "x", "nameEn": "X", "nameZh": "X", "dimensions": SALES})
    # then
    assert data["createScorecardTemplate"]["code"] == "FORBIDDEN"


async def test_another_organisations_template_is_not_found(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    made = await template(theirs.hr.actor)
    # when
    assigned = await run(ours.hr.actor, ASSIGN, templateId=str(made.id), jobTitle="Operator")
    result = await SCHEMA.execute('{ scorecardTemplate(id: "%s") { id } }' % made.id,
                                  context_value=Context(request=None, response=None, actor=ours.hr.actor))  # type: ignore[arg-type]
    # then
    assert assigned["assignScorecardTemplate"]["code"] == "NOT_FOUND"
    assert result.errors is not None and result.errors[0].extensions == {"code": "NOT_FOUND", "field": None}
