"""Evidence records over GraphQL: claim → scan → confirm, the code shown only to its owner while
CLAIMED, the abilities each viewer gets, results as UserError, and constant statement counts for the
lists (growthRecords, confirmationInbox, growthDataQuality)."""
from __future__ import annotations

import base64

from backend.access.permissions import Role
from backend.growth import verification
from schema.context import Context
from tests.factories.growth_evidence import claim, upload_photo
from tests.factories.org import Company, make_company, make_person
from tests.schema.growth.evidence_support import SCHEMA, run, statements

RECORD = ("id title kind status source statusReason confirmationCode canConfirm canRevoke canDispute canResolve "
          "employee { name } recordedBy { name } confirmedBy { name } file { url thumbnailUrl contentType }")
CLAIM = f"""mutation($input: ClaimGrowthRecordInput!) {{ claimGrowthRecord(input: $input) {{
  __typename ... on GrowthRecordClaimed {{ record {{ {RECORD} }} }} ... on UserError {{ code field message }} }} }}"""
BY_CODE = f"query($code: String!) {{ growthRecordByCode(code: $code) {{ {RECORD} }} }}"
CONFIRM_BY_CODE = f"""mutation($code: String!) {{ confirmGrowthRecordByCode(code: $code) {{
  __typename ... on GrowthRecordDecided {{ record {{ {RECORD} }} }} ... on UserError {{ code field }} }} }}"""
RECORDS = f"query($e: ID) {{ growthRecords(employeeId: $e) {{ {RECORD} }} }}"
INBOX = f"query {{ confirmationInbox {{ {RECORD} }} }}"
QUALITY = f"""query {{ growthDataQuality {{ oldestPendingDays staleMembers pending {{ {RECORD} }}
  disputed {{ {RECORD} }} rejected {{ {RECORD} }} }} }}"""
IMPORT = """mutation($input: ImportGrowthRecordsInput!) { importGrowthRecords(input: $input) {
  __typename ... on GrowthImportReport { committed created total valid rows { row ok errors messagesZh employeeNumber } }
  ... on UserError { code field message } } }"""


def _input(**changes: object) -> dict[str, object]:
    return {"kind": "TRAINING", "title": "Lathe safety", "occurredOn": "2026-03-02", "quantity": 6,
            "attributes": {"provider": "Plant school", "category": "equipment"}, **changes}


async def test_claim_then_the_supervisor_scans_and_confirms(db):
    # given the employee claims a training with a certificate photo
    c = await make_company()
    photo = await upload_photo(c.employee.actor)
    claimed = (await run(c.employee.actor, CLAIM, input=_input(fileId=str(photo.id))))["claimGrowthRecord"]
    record = claimed["record"]
    code = record["confirmationCode"]
    # when the manager scans the code, sees the claim and confirms it
    seen = (await run(c.manager.actor, BY_CODE, code=code))["growthRecordByCode"]
    confirmed = (await run(c.manager.actor, CONFIRM_BY_CODE, code=code))["confirmGrowthRecordByCode"]
    # then
    assert claimed["__typename"] == "GrowthRecordClaimed" and record["status"] == "CLAIMED" and len(code) == 8
    assert record["file"] == {"url": f"/files/{photo.id}", "thumbnailUrl": f"/files/{photo.id}/thumbnail",
                              "contentType": "image/jpeg"}
    assert (seen["id"], seen["canConfirm"], seen["confirmationCode"]) == (record["id"], True, None)
    assert confirmed["__typename"] == "GrowthRecordDecided"
    assert (confirmed["record"]["status"], confirmed["record"]["confirmedBy"]["name"]) == ("CONFIRMED",
                                                                                           c.manager.employee.name)


async def test_the_code_is_shown_only_to_the_owner_and_only_while_claimed(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    # when
    own = (await run(c.employee.actor, RECORDS))["growthRecords"][0]
    managers = (await run(c.manager.actor, RECORDS, e=str(c.employee.employee.id)))["growthRecords"][0]
    await verification.confirm_record(c.manager.actor, record.id)
    after = (await run(c.employee.actor, RECORDS))["growthRecords"][0]
    # then
    assert own["confirmationCode"] == record.confirmation_code
    assert (own["canConfirm"], own["canDispute"]) == (False, False)
    assert (managers["confirmationCode"], managers["canConfirm"]) == (None, True)
    assert after["confirmationCode"] is None


async def test_what_each_viewer_may_do_with_a_confirmed_record(db):
    # given
    c = await make_company()
    record = await claim(c.employee)
    await verification.confirm_record(c.manager.actor, record.id)
    # when
    hr = (await run(c.hr.actor, RECORDS, e=str(c.employee.employee.id)))["growthRecords"][0]
    manager = (await run(c.manager.actor, RECORDS, e=str(c.employee.employee.id)))["growthRecords"][0]
    # then
    assert (hr["canRevoke"], hr["canConfirm"], manager["canRevoke"]) == (True, False, False)


async def test_a_bad_claim_comes_back_as_a_user_error(db):
    # given
    c = await make_company()
    # when
    result = (await run(c.employee.actor, CLAIM, input=_input(kind="BADGE")))["claimGrowthRecord"]
    # then
    assert (result["__typename"], result["code"], result["field"]) == ("UserError", "VALIDATION", "kind")


async def test_a_peer_reading_someone_elses_records_is_refused(db):
    # given
    c = await make_company()
    await claim(c.employee)
    # when
    result = await SCHEMA.execute(RECORDS, variable_values={"e": str(c.employee.employee.id)},
                                  context_value=Context(request=None, response=None, actor=c.peer.actor))  # type: ignore[arg-type]
    # then
    assert result.errors and result.errors[0].extensions == {"code": "FORBIDDEN", "field": None}


async def test_hr_imports_through_graphql(db):
    # given
    c = await make_company()
    sheet = f"employee_number,title,occurred_on,hours\n{c.employee.employee.employee_number},Lean basics,2026-02-01,4\n"
    encoded = base64.b64encode(sheet.encode()).decode()
    # when
    report = (await run(c.hr.actor, IMPORT, input={"fileBase64": encoded, "fileName": "t.csv",
                                                    "commitValidRows": False}))["importGrowthRecords"]
    refused = (await run(c.manager.actor, IMPORT, input={"fileBase64": encoded, "fileName": "t.csv",
                                                          "commitValidRows": False}))["importGrowthRecords"]
    # then
    assert (report["committed"], report["created"], report["rows"][0]["ok"]) == (True, 1, True)
    assert (refused["__typename"], refused["code"]) == ("UserError", "FORBIDDEN")


async def _team_with_claims(c: Company, people: int) -> None:
    """`people` more reports of the manager, each with a claim with a photo and one decided record."""
    for _ in range(people):
        person = await make_person(c.system, role=Role.EMPLOYEE, manager=c.manager.employee, department=c.department)
        photo = await upload_photo(person.actor)
        await run(person.actor, CLAIM, input=_input(fileId=str(photo.id)))
        rejected = await claim(person)
        await verification.reject_record(c.manager.actor, rejected.id, reason="No proof")
        await verification.dispute_record(person.actor, rejected.id, reason="Please look again")


async def test_record_lists_cost_the_same_for_few_and_many(db, count_queries):
    # given
    c = await make_company()
    await _team_with_claims(c, 2)
    worker = str(c.employee.employee.id)
    await claim(c.employee)

    async def measure() -> list[int]:
        return [await statements(count_queries, c.manager.actor, INBOX),
                await statements(count_queries, c.hr.actor, QUALITY),
                await statements(count_queries, c.manager.actor, RECORDS, e=worker)]

    small = await measure()
    # when
    await _team_with_claims(c, 6)
    for _ in range(5):
        await claim(c.employee)
    large = await measure()
    # then
    print(f"confirmationInbox/growthDataQuality/growthRecords statements: {small} small, {large} large")
    assert small == large
