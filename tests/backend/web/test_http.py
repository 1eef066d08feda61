"""The HTTP edge: health, sign-in endpoints and cookies, request ids, security headers, GraphiQL.
The PWA's static files are in test_pwa_files.py."""
from __future__ import annotations

from dataclasses import replace
import pytest

from backend.audit.models import AuditEntry
from backend.core.config import Environment
from tests.backend.web.support import client_for, cookie_attributes, gql, sign_in
from tests.factories.access import invite, kiosk_code
from tests.factories.org import make_company

ME = "{ me { kind role } }"


async def test_healthz_answers_without_a_database(static_client):
    # when
    response = await static_client.get("/healthz")
    # then
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_checks_the_database(client):
    # when
    response = await client.get("/readyz")
    # then
    assert (response.status_code, response.json()) == (200, {"status": "ready", "checks": {"database": "ok"}})


@pytest.mark.redis
async def test_readyz_checks_redis_when_configured(db, settings, redis_url):
    # given
    async with client_for(replace(settings, redis_url=redis_url)) as client:
        # when
        response = await client.get("/readyz")
    # then
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


async def test_readyz_is_unavailable_when_redis_is_down(db, settings):
    # given a Redis address nothing listens on
    async with client_for(replace(settings, redis_url="redis://127.0.0.1:1/0")) as client:
        # when
        response = await client.get("/readyz")
    # then
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "redis": "failing"}}


async def test_login_sets_an_http_only_same_site_session_cookie(client):
    # given
    company = await make_company()
    # when
    response = await sign_in(client, company.manager)
    # then
    assert (response.status_code, response.json()) == (200, {"ok": True})
    [header] = response.headers.get_list("set-cookie")
    name, value, attributes = cookie_attributes(header)
    assert name == "seen_session" and len(value) >= 40
    assert "httponly" in attributes and attributes["samesite"].lower() == "lax" and attributes["path"] == "/"
    assert "secure" not in attributes  # http://testserver; https public URLs get Secure
    assert value not in response.text


async def test_the_session_cookie_signs_graphql_requests_in(client):
    # given
    company = await make_company()
    await sign_in(client, company.manager)
    # when
    body = await gql(client, ME)
    # then
    assert body == {"data": {"me": {"kind": "USER", "role": "MANAGER"}}}


async def test_an_api_login_returns_a_bearer_token_instead_of_a_cookie(client, settings):
    # given
    company = await make_company()
    # when
    response = await sign_in(client, company.hr, kind="api")
    # then
    assert response.headers.get_list("set-cookie") == []
    token = response.json()["token"]
    async with client_for(settings) as fresh:
        body = await gql(fresh, ME, headers={"Authorization": f"Bearer {token}"})
    assert body["data"]["me"] == {"kind": "USER", "role": "HR_ADMIN"}


async def test_a_login_posted_as_a_form_is_refused(client):
    # given
    company = await make_company()
    # when
    response = await client.post("/auth/login", data={"login": company.employee.login, "password": "x"})
    # then
    assert response.status_code == 400 and response.json()["error"]["code"] == "VALIDATION"
    assert response.headers.get_list("set-cookie") == []


@pytest.mark.parametrize(("body", "field"), [
    ({"login": "someone@example.test"}, "password"),
    ({"login": "someone@example.test", "password": "x" * 1001}, "password"),
    ({"login": "someone@example.test", "password": "long-enough", "client": "mobile"}, "client"),
])
async def test_a_malformed_login_names_the_field(client, body, field):
    # when
    response = await client.post("/auth/login", json=body)
    # then
    assert response.status_code == 400 and response.json()["error"]["field"] == field


async def test_a_wrong_password_is_401_without_a_cookie(client):
    # given
    company = await make_company()
    # when
    response = await sign_in(client, company.employee, password="not-the-password")
    # then
    assert response.status_code == 401 and response.json()["error"]["code"] == "INVALID_CREDENTIALS"
    assert response.headers.get_list("set-cookie") == []


async def test_repeated_failed_logins_get_429_with_retry_after(client, settings):
    # given
    company = await make_company()
    for _ in range(settings.login_failures_per_account):
        await sign_in(client, company.employee, password="not-the-password")
    # when
    response = await sign_in(client, company.employee)
    # then
    assert response.status_code == 429
    retry_after = int(response.headers["retry-after"])
    assert 0 < retry_after <= settings.login_window_seconds and response.json()["error"]["retryAfter"] == retry_after


async def test_logout_revokes_the_session(client):
    # given
    company = await make_company()
    token = cookie_attributes((await sign_in(client, company.employee)).headers["set-cookie"])[1]
    # when
    response = await client.post("/auth/logout")
    # then the browser is told to drop the cookie, and the token itself no longer works
    assert cookie_attributes(response.headers["set-cookie"])[2].get("max-age") == "0"
    client.cookies.clear()
    after = await client.post("/graphql", json={"query": ME}, headers={"Cookie": f"seen_session={token}"})
    assert after.status_code == 401


async def test_a_kiosk_code_signs_a_tablet_in_for_its_site(client):
    # given
    company = await make_company()
    _, code = await kiosk_code(company)
    # when
    response = await client.post("/auth/kiosk", json={"code": code})
    # then
    assert response.status_code == 200
    body = await gql(client, "{ me { kind role site { id } } }")
    assert body["data"]["me"] == {"kind": "KIOSK", "role": None, "site": {"id": str(company.site.id)}}


async def test_accepting_an_invite_signs_the_new_person_in(client):
    # given
    company = await make_company()
    employee, token = await invite(company)
    # when
    response = await client.post("/auth/accept-invite", json={"token": token, "password": "a-long-first-passphrase"})
    # then
    assert response.status_code == 200
    body = await gql(client, "{ me { role employee { id } } }")
    assert body["data"]["me"] == {"role": "EMPLOYEE", "employee": {"id": str(employee.id)}}


async def test_accepting_an_invite_records_the_request_id_on_its_audit_entry(client):
    # given
    company = await make_company()
    employee, token = await invite(company)
    # when
    await client.post("/auth/accept-invite", json={"token": token, "password": "a-long-first-passphrase"},
                      headers={"X-Request-ID": "req-invite-1"})
    # then
    entry = await AuditEntry.get(action="account.invite_accepted", entity_id=str(employee.id))
    assert entry.request_id == "req-invite-1"


async def test_a_used_invite_is_400(client):
    # given
    company = await make_company()
    _, token = await invite(company)
    await client.post("/auth/accept-invite", json={"token": token, "password": "a-long-first-passphrase"})
    # when
    response = await client.post("/auth/accept-invite", json={"token": token, "password": "another-long-passphrase"})
    # then
    assert response.status_code == 400 and response.json()["error"]["code"] == "INVALID_INVITE"


async def test_a_valid_request_id_is_echoed(static_client):
    # when
    response = await static_client.get("/healthz", headers={"X-Request-ID": "edge-7f3a.01"})
    # then
    assert response.headers["x-request-id"] == "edge-7f3a.01"


async def test_an_unsafe_request_id_is_replaced(static_client):
    # when
    response = await static_client.get("/healthz", headers={"X-Request-ID": "evil\" value<script>"})
    # then
    generated = response.headers["x-request-id"]
    assert generated != "evil\" value<script>" and len(generated) == 32 and generated.isalnum()


@pytest.mark.parametrize("path", ["/healthz", "/graphql", "/missing.png"])
async def test_security_headers_are_on_every_response(static_client, path):
    # when
    response = await static_client.get(path)
    # then
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "camera=(self)" in response.headers["permissions-policy"]


@pytest.mark.parametrize(("env", "status"), [(Environment.DEV, 200), (Environment.TEST, 404), (Environment.PROD, 404)])
async def test_graphiql_is_served_only_in_dev(db, settings, env, status):
    # given a signed-in browser
    company = await make_company()
    async with client_for(replace(settings, env=env)) as client:
        await sign_in(client, company.employee)
        # when
        response = await client.get("/graphql", headers={"Accept": "text/html"})
    # then
    assert response.status_code == status
    assert ("graphiql" in response.text.lower()) == (status == 200)


async def test_behind_a_proxy_a_forged_forwarded_for_does_not_dodge_the_address_limit(db, settings):
    # given a proxy that appends the address it saw (203.0.113.7) to whatever the client sent
    async with client_for(replace(settings, trust_proxy_headers=True, login_failures_per_ip=2)) as client:
        for i, login in enumerate(["ghost1@example.test", "ghost2@example.test"]):
            await client.post("/auth/login", json={"login": login, "password": "guess-guess"},
                              headers={"X-Forwarded-For": f"198.51.100.{i}, 203.0.113.7"})
        # when the same client forges yet another first hop
        response = await client.post("/auth/login", json={"login": "ghost3@example.test", "password": "guess-guess"},
                                     headers={"X-Forwarded-For": "198.51.100.99, 203.0.113.7"})
    # then
    assert response.status_code == 429


async def test_without_a_trusted_proxy_forwarded_for_is_ignored(db, settings):
    # given two failures from one client, each claiming another address
    async with client_for(replace(settings, login_failures_per_ip=2)) as client:
        for i, login in enumerate(["ghost1@example.test", "ghost2@example.test"]):
            await client.post("/auth/login", json={"login": login, "password": "guess-guess"},
                              headers={"X-Forwarded-For": f"198.51.100.{i}"})
        # when
        response = await client.post("/auth/login", json={"login": "ghost3@example.test", "password": "guess-guess"},
                                     headers={"X-Forwarded-For": "198.51.100.99"})
    # then
    assert response.status_code == 429
