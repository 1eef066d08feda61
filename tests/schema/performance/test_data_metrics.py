"""Metric values, the sheet import and metric sources over GraphQL."""
from __future__ import annotations

from backend.performance.models import MetricValue
from tests.factories.performance_data import b64, csv_bytes, scored_company
from tests.schema.performance.data_support import execute, run

RECORD = """mutation($input: RecordMetricValueInput!) { recordMetricValue(input: $input) { __typename
  ... on MetricValueRecorded { value { metricCode value source sourceLabel suppliedBy { name } } }
  ... on UserError { code field } } }"""
VALUES = """query($cycleId: ID!, $employeeId: ID) { metricValues(cycleId: $cycleId, employeeId: $employeeId) {
  metricCode value source suppliedBy { name } } }"""
HISTORY = """query($cycleId: ID!, $employeeId: ID!) { metricValueHistory(cycleId: $cycleId, employeeId: $employeeId,
  metricCode: "results") { value previousValue source sourceLabel externalId } }"""
IMPORT = """mutation($cycleId: ID!, $content: String!, $all: Boolean!, $dry: Boolean!) {
  importMetricValues(cycleId: $cycleId, fileName: "nov.csv", contentBase64: $content, allOrNothing: $all, dryRun: $dry) {
    __typename ... on MetricImportReport { total valid imported committed
      rows { row employeeNumber metricCode value errorCode message messageZh } }
    ... on UserError { code field message } } }"""
CREATE_SOURCE = """mutation { createMetricSource(name: "Salesforce", kind: CRM, allowedMetrics: ["results"]) { __typename
  ... on MetricSourceSecret { secret source { id name kind allowedMetrics active webhookPath lastUsedAt } }
  ... on UserError { code } } }"""
SOURCES = "query { metricSources { name kind active webhookPath } }"
ROTATE = """mutation($id: ID!) { rotateMetricSourceSecret(id: $id) { __typename ... on MetricSourceSecret { secret }
  ... on UserError { code } } }"""
SET_ACTIVE = """mutation($id: ID!) { setMetricSourceActive(id: $id, active: false) { __typename
  ... on MetricSourceSaved { source { active } } ... on UserError { code } } }"""


async def test_a_manager_records_a_value_and_the_person_reads_it(db):
    # given
    s = await scored_company()
    worker = s.company.employee
    # when
    recorded = await run(s.company.manager.actor, RECORD, input={
        "cycleId": str(s.cycle.id), "employeeId": str(worker.employee.id), "metricCode": "results", "value": 420000})
    mine = await run(worker.actor, VALUES, cycleId=str(s.cycle.id))
    # then
    manager = s.company.manager.employee.name
    assert recorded["recordMetricValue"]["value"] == {"metricCode": "results", "value": 420000.0, "source": "MANUAL",
                                                      "sourceLabel": manager, "suppliedBy": {"name": manager}}
    assert mine["metricValues"] == [{"metricCode": "results", "value": 420000.0, "source": "MANUAL",
                                     "suppliedBy": {"name": manager}}]


async def test_recording_for_someone_outside_the_team_is_a_user_error(db):
    # given
    s = await scored_company()
    # when
    data = await run(s.company.manager.actor, RECORD, input={
        "cycleId": str(s.cycle.id), "employeeId": str(s.company.peer.employee.id), "metricCode": "results", "value": 1})
    # then
    assert data["recordMetricValue"] == {"__typename": "UserError", "code": "FORBIDDEN", "field": None}


async def test_the_history_shows_every_value_newest_first(db):
    # given
    s = await scored_company()
    worker = str(s.company.employee.employee.id)
    for value in (1, 2):
        await run(s.company.hr.actor, RECORD, input={"cycleId": str(s.cycle.id), "employeeId": worker,
                                                     "metricCode": "results", "value": value})
    # when
    data = await run(s.company.manager.actor, HISTORY, cycleId=str(s.cycle.id), employeeId=worker)
    # then
    label = s.company.hr.employee.name
    assert data["metricValueHistory"] == [
        {"value": 2.0, "previousValue": 1.0, "source": "MANUAL", "sourceLabel": label, "externalId": None},
        {"value": 1.0, "previousValue": None, "source": "MANUAL", "sourceLabel": label, "externalId": None}]


async def test_another_organisations_person_is_not_found(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    # when
    data, errors = await execute(mine.company.hr.actor, VALUES, cycleId=str(mine.cycle.id),
                                 employeeId=str(theirs.company.employee.employee.id))
    # then
    assert data is None and errors is not None
    assert errors[0].extensions == {"code": "NOT_FOUND", "field": "employeeId"}


async def test_hr_imports_a_sheet_and_reads_the_row_report(db):
    # given
    s = await scored_company()
    worker = s.company.employee.employee.employee_number
    content = b64(csv_bytes([["工号", "指标", "数值"], [worker, "results", "1,000"], ["E99999", "results", 5]]))
    # when
    data = await run(s.company.hr.actor, IMPORT, cycleId=str(s.cycle.id), content=content, all=False, dry=False)
    # then
    report = data["importMetricValues"]
    assert (report["total"], report["valid"], report["imported"], report["committed"]) == (2, 1, 1, True)
    assert report["rows"] == [
        {"row": 2, "employeeNumber": worker, "metricCode": "results", "value": 1000.0, "errorCode": None, "message": "",
         "messageZh": ""},
        {"row": 3, "employeeNumber": "E99999", "metricCode": "results", "value": 5.0, "errorCode": "unknown_employee",
         "message": "No employee has number E99999.", "messageZh": "找不到工号为 E99999 的员工。"}]
    assert await MetricValue.of(s.company.system).values_list("value", flat=True) == [1000.0]


async def test_an_unreadable_file_is_a_user_error(db):
    # given
    s = await scored_company()
    # when
    data = await run(s.company.hr.actor, IMPORT, cycleId=str(s.cycle.id), content=b64(b"\n"), all=True, dry=True)
    # then
    assert data["importMetricValues"] == {"__typename": "UserError", "code": "VALIDATION", "field": "file",
                                          "message": "The file has no header row (employee_number, metric_code, value)."}


async def test_a_manager_cannot_import(db):
    # given
    s = await scored_company()
    # when
    data = await run(s.company.manager.actor, IMPORT, cycleId=str(s.cycle.id), content=b64(b"x"), all=True, dry=True)
    # then
    assert data["importMetricValues"]["code"] == "FORBIDDEN"


async def test_hr_creates_lists_rotates_and_switches_off_a_source(db):
    # given
    s = await scored_company()
    hr = s.company.hr.actor
    # when
    created = (await run(hr, CREATE_SOURCE))["createMetricSource"]
    source_id = created["source"]["id"]
    listed = (await run(hr, SOURCES))["metricSources"]
    rotated = (await run(hr, ROTATE, id=source_id))["rotateMetricSourceSecret"]
    off = (await run(hr, SET_ACTIVE, id=source_id))["setMetricSourceActive"]
    # then
    assert len(created["secret"]) == 43
    assert created["source"] == {"id": source_id, "name": "Salesforce", "kind": "CRM", "allowedMetrics": ["results"],
                                 "active": True, "webhookPath": f"/hooks/metrics/{source_id}", "lastUsedAt": None}
    assert listed == [{"name": "Salesforce", "kind": "CRM", "active": True, "webhookPath": f"/hooks/metrics/{source_id}"}]
    assert len(rotated["secret"]) == 43 and rotated["secret"] != created["secret"]
    assert off == {"__typename": "MetricSourceSaved", "source": {"active": False}}


async def test_a_manager_cannot_see_or_create_sources(db):
    # given
    s = await scored_company()
    # when
    created = await run(s.company.manager.actor, CREATE_SOURCE)
    _, errors = await execute(s.company.manager.actor, SOURCES)
    # then
    assert created["createMetricSource"] == {"__typename": "UserError", "code": "FORBIDDEN"}
    assert errors is not None and errors[0].extensions is not None and errors[0].extensions["code"] == "FORBIDDEN"


async def test_another_organisations_source_cannot_be_rotated(db):
    # given
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    source_id = (await run(theirs.company.hr.actor, CREATE_SOURCE))["createMetricSource"]["source"]["id"]
    # when
    data = await run(mine.company.hr.actor, ROTATE, id=source_id)
    # then
    assert data["rotateMetricSourceSecret"] == {"__typename": "UserError", "code": "NOT_FOUND"}
