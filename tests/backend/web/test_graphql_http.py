"""The GraphQL endpoint over HTTP: sessions, CSRF rules, query limits, ids that do not leak
across organisations, and mutation results."""
from __future__ import annotations

import logging
import uuid

import pytest
from tortoise import connections

from backend.access.models import Locale
from backend.audit.models import AuditEntry
from backend.org.models import Employee, Site
from tests.backend.web.support import client_for, gql, sign_in
from tests.factories.access import kiosk_code
from tests.factories.org import make_company

CREATE_SITE = """
mutation ($name: String!, $tz: String!) {
  createSite(input: {name: $name, timeZone: $tz}) {
    __typename
    ... on SiteCreated { site { id name } }
    ... on UserError { code field message }
  }
}"""


def _nested_managers(levels: int) -> str:
    """`me { employee { manager { ... { name } } } }`: its leaf is at depth levels + 2 (the root field is 0)."""
    return "{ me { employee { " + "manager { " * levels + "name" + " }" * levels + " } } }"


async def test_graphql_without_a_session_is_401_unauthenticated(client):
    # when
    response = await client.post("/graphql", json={"query": "{ me { kind } }"})
    # then
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_unknown_bearer_token_is_401(client):
    # given a real session exists for someone
    company = await make_company()
    await sign_in(client, company.employee)
    client.cookies.clear()
    # when
    response = await client.post("/graphql", json={"query": "{ me { kind } }"}, headers={"Authorization": "Bearer forged"})
    # then
    assert response.status_code == 401


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
async def test_a_graphql_post_that_is_not_json_is_415(client, content_type):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    # when
    response = await client.post("/graphql", content=b'{"query": "{ me { kind } }"}', headers={"Content-Type": content_type})
    # then
    assert response.status_code == 415


async def test_a_query_may_be_sent_with_get(client):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    # when
    response = await client.get("/graphql", params={"query": "{ me { role } }"})
    # then
    assert response.status_code == 200 and response.json()["data"]["me"]["role"] == "EMPLOYEE"


async def test_a_mutation_sent_with_get_is_refused_and_changes_nothing(client):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    # when
    response = await client.get("/graphql", params={"query": "mutation { setMyLocale(locale: EN) { __typename } }"})
    # then
    assert response.status_code == 400 and "not allowed" in response.text
    assert (await Employee.get(id=company.employee.employee.id)).locale == Locale.ZH_CN


async def test_a_query_deeper_than_the_limit_is_rejected(client, settings):
    # given a query exactly at the limit is fine
    company = await make_company()
    await sign_in(client, company.employee)
    assert "errors" not in await gql(client, _nested_managers(settings.graphql_max_depth - 2))
    # when
    body = await gql(client, _nested_managers(settings.graphql_max_depth - 1))
    # then
    assert body.get("data") is None
    assert "depth" in body["errors"][0]["message"]


async def test_more_than_fifteen_aliases_are_rejected(client):
    # given fifteen are fine
    company = await make_company()
    await sign_in(client, company.employee)
    assert "errors" not in await gql(client, "{ " + " ".join(f"a{i}: me {{ kind }}" for i in range(15)) + " }")
    # when
    body = await gql(client, "{ " + " ".join(f"a{i}: me {{ kind }}" for i in range(16)) + " }")
    # then
    assert body.get("data") is None and "alias" in body["errors"][0]["message"].lower()


@pytest.mark.parametrize("which", ["random", "foreign", "malformed"])
async def test_an_employee_id_not_in_your_organisation_gives_null(client, which):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    await sign_in(client, company.hr)
    employee_id = {"random": str(uuid.uuid4()), "foreign": str(other.employee.employee.id), "malformed": "../1"}[which]
    query = "query ($id: ID!) { employee(id: $id) { name } }"
    assert (await gql(client, query, {"id": str(company.peer.employee.id)}))["data"]["employee"] == {"name": "Acme Peer"}
    # when
    body = await gql(client, query, {"id": employee_id})
    # then
    assert body == {"data": {"employee": None}}


async def test_the_directory_over_graphql_hides_a_peers_private_fields(client):
    # given
    company = await make_company()
    await sign_in(client, company.peer)
    # when
    body = await gql(client, '{ employees(search: "Worker") { totalCount edges { node { name phone email birthday role } } } }')
    # then
    assert body["data"]["employees"] == {"totalCount": 1, "edges": [{"node": {
        "name": "Acme Worker", "phone": None, "email": None, "birthday": None, "role": None}}]}


async def test_a_mutation_with_bad_input_returns_a_user_error_and_changes_nothing(client):
    # given
    company = await make_company()
    await sign_in(client, company.hr)
    # when
    body = await gql(client, CREATE_SITE, {"name": "Nowhere", "tz": "Mars/Olympus_Mons"})
    # then
    result = body["data"]["createSite"]
    assert (result["__typename"], result["code"], result["field"]) == ("UserError", "VALIDATION", "timeZone")
    assert await Site.filter(name="Nowhere").count() == 0


async def test_a_mutation_without_permission_returns_a_forbidden_user_error(client):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    # when
    body = await gql(client, CREATE_SITE, {"name": "Annex", "tz": "Asia/Shanghai"})
    # then
    assert body["data"]["createSite"]["code"] == "FORBIDDEN"
    assert await Site.filter(name="Annex").count() == 0


async def test_a_query_without_permission_fails_with_its_code(client):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    # when
    body = await gql(client, "{ auditLog { totalCount } }")
    # then
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_invalid_page_cursor_is_a_validation_error(client):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    # when
    body = await gql(client, '{ employees(after: "%%%") { totalCount } }')
    # then
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "after"}


async def test_a_kiosk_cannot_read_the_directory(client):
    # given
    company = await make_company()
    _, code = await kiosk_code(company)
    await client.post("/auth/kiosk", json={"code": code})
    # when
    body = await gql(client, "{ employees { totalCount } }")
    # then
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_request_id_is_recorded_on_the_audit_entry(client):
    # given
    company = await make_company()
    await sign_in(client, company.hr)
    # when
    response = await client.post("/graphql", json={"query": CREATE_SITE, "variables": {"name": "Annex", "tz": "Asia/Shanghai"}},
                                 headers={"X-Request-ID": "req-42.annex"})
    # then
    assert response.headers["x-request-id"] == "req-42.annex"
    assert response.json()["data"]["createSite"]["__typename"] == "SiteCreated"
    body = await gql(client, '{ auditLog(entityType: "site") { edges { node { action requestId actorLabel } } } }')
    assert [e["node"] for e in body["data"]["auditLog"]["edges"]] == [
        {"action": "site.created", "requestId": "req-42.annex", "actorLabel": "Acme HR"}]


async def test_a_profile_change_over_graphql_is_saved_and_audited(client):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    # when
    body = await gql(client, 'mutation { updateMyProfile(input: {phone: "139 0000 4444"}) { ... on ProfileUpdated { employee { phone } } } }')
    # then
    assert body["data"]["updateMyProfile"]["employee"]["phone"] == "13900004444"
    assert (await AuditEntry.get(action="profile.updated")).after == {"phone": "13900004444"}


async def test_a_body_over_the_size_limit_is_refused(client, settings):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    padding = "#" * (settings.max_body_bytes + 1)
    # when
    response = await client.post("/graphql", json={"query": "{ me { kind } }" + padding})
    # then
    assert response.status_code == 413


async def test_deactivation_signs_the_person_out_of_graphql_at_once(client, settings):
    # given the employee's browser is signed in
    company = await make_company()
    await sign_in(client, company.employee)
    assert (await client.post("/graphql", json={"query": "{ me { kind } }"})).status_code == 200
    # when HR deactivates them (through their own session)
    async with client_for(settings) as hr:
        await sign_in(hr, company.hr)
        body = await gql(hr, "mutation ($id: ID!) { deactivateEmployee(input: {id: $id}) { ... on EmployeeDeactivated { sessionsRevoked } } }",
                         {"id": str(company.employee.employee.id)})
    # then
    assert body["data"]["deactivateEmployee"]["sessionsRevoked"] == 1
    response = await client.post("/graphql", json={"query": "{ me { kind } }"})
    assert response.status_code == 401


async def _corrupt_organisation_locale(name: str) -> None:
    """A row the ORM cannot read back (an unknown enum value): a real, unexpected failure."""
    await connections.get("default").execute_script(f"UPDATE organization SET locale = 'xx-XX' WHERE name = '{name}'")


async def test_an_unexpected_error_is_masked(client):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    await _corrupt_organisation_locale(company.org.name)
    # when
    body = await gql(client, "{ organization { name } }")
    # then
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == ["Unexpected error."] and "xx-XX" not in str(body)


async def test_an_unexpected_error_is_logged_with_the_request_id(client, caplog):
    # given
    company = await make_company()
    await sign_in(client, company.employee)
    await _corrupt_organisation_locale(company.org.name)
    # when
    with caplog.at_level(logging.ERROR):
        await client.post("/graphql", json={"query": "{ organization { name } }"}, headers={"X-Request-ID": "req-boom-1"})
    # then
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors, "the unexpected error was not logged"
    assert any("req-boom-1" in r.getMessage() or getattr(r, "request_id", None) == "req-boom-1" for r in errors), \
        f"logged without the request id: {[r.getMessage() for r in errors]}"
