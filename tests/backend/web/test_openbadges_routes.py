"""The Open Badges hosted-verification URLs (public) and the wall archive downloads (signed in),
over HTTP through the real app (backend.web.routes.openbadges)."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from backend.achievements.models import AchievementKind
from tests.backend.web.support import sign_in
from tests.factories.achievements import make_achievement, make_badge
from tests.factories.org import make_company


async def test_an_assertion_is_served_as_json_ld_with_a_short_public_cache(client):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee)
    # when
    response = await client.get(f"/openbadges/assertions/{item.id}.json")
    # then
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.json()["id"] == f"http://testserver/openbadges/assertions/{item.id}.json"


async def test_a_client_accepting_only_json_gets_application_json(client):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee)
    # when
    response = await client.get(f"/openbadges/assertions/{item.id}.json", headers={"Accept": "application/json"})
    # then
    assert response.headers["content-type"] == "application/json; charset=utf-8"


async def test_a_private_item_is_still_verifiable_without_a_session(client):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee, is_public=False)
    # when
    response = await client.get(f"/openbadges/assertions/{item.id}.json")
    # then
    assert response.status_code == 200 and response.json()["type"] == "Assertion"


async def test_a_revoked_assertion_answers_410_gone(client):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee, revoked_at=datetime(2023, 6, 1, tzinfo=UTC))
    # when
    response = await client.get(f"/openbadges/assertions/{item.id}.json")
    # then
    assert response.status_code == 410
    assert response.json() == {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
                               "id": f"http://testserver/openbadges/assertions/{item.id}.json",
                               "revoked": True, "revocationReason": "Revoked by the issuer."}


async def test_unknown_and_malformed_badge_ids_are_404_json(client):
    # when
    responses = [await client.get(f"/openbadges/assertions/{uuid.uuid4()}.json"),
                 await client.get("/openbadges/classes/not-a-uuid.json"),
                 await client.get("/openbadges/issuers/123.json")]
    # then
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert all(r.json()["error"]["code"] == "NOT_FOUND" for r in responses)


async def test_the_badge_class_and_issuer_chain_resolves(client):
    # given
    c = await make_company()
    badge = await make_badge(c.system, name_zh="安全之星")
    item = await make_achievement(c.system, c.employee.employee, kind=AchievementKind.BADGE, badge=badge)
    # when
    assertion = (await client.get(f"/openbadges/assertions/{item.id}.json")).json()
    badge_class = (await client.get(assertion["badge"].removeprefix("http://testserver"))).json()
    issuer = (await client.get(badge_class["issuer"].removeprefix("http://testserver"))).json()
    # then
    assert (badge_class["type"], badge_class["name"]) == ("BadgeClass", "安全之星")
    assert (issuer["type"], issuer["name"], issuer["id"]) == ("Profile", "Acme", badge_class["issuer"])


async def test_a_badge_class_in_english_is_at_lang_en(client):
    # given
    c = await make_company()
    badge = await make_badge(c.system, name_en="Safety Star")
    # when
    response = await client.get(f"/openbadges/classes/{badge.id}.json?lang=en")
    # then
    assert response.json()["name"] == "Safety Star"


async def test_the_json_export_needs_a_session(client):
    # given
    c = await make_company()
    # when
    response = await client.get(f"/exports/wall.json?employee={c.employee.employee.id}")
    # then
    assert response.status_code == 401 and response.json()["error"]["code"] == "UNAUTHENTICATED"


async def test_the_owner_downloads_their_wall_as_json(client):
    # given
    c = await make_company()
    await make_achievement(c.system, c.employee.employee, is_public=False)
    await sign_in(client, c.employee)
    # when
    response = await client.get(f"/exports/wall.json?employee={c.employee.employee.id}")
    # then
    assert response.status_code == 200
    number = c.employee.employee.employee_number
    assert response.headers["content-disposition"].startswith(f'attachment; filename="seen-wall-{number}-')
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["format"] == "seen.wall-archive" and len(body["items"]) == 1


async def test_without_an_employee_parameter_the_export_is_your_own(client):
    # given
    c = await make_company()
    await sign_in(client, c.employee)
    # when
    response = await client.get("/exports/wall.json")
    # then
    assert response.json()["employee"]["id"] == str(c.employee.employee.id)


async def test_the_pdf_export_is_a_pdf_attachment(client):
    # given
    c = await make_company()
    await make_achievement(c.system, c.employee.employee)
    await sign_in(client, c.hr)
    # when
    response = await client.get(f"/exports/wall.pdf?employee={c.employee.employee.id}&lang=en")
    # then
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].endswith('.pdf"')
    assert response.content.startswith(b"%PDF")


async def test_an_unknown_pdf_language_is_400(client):
    # given
    c = await make_company()
    await sign_in(client, c.employee)
    # when
    response = await client.get("/exports/wall.pdf?lang=fr")
    # then
    assert response.status_code == 400 and response.json()["error"]["field"] == "lang"


async def test_a_colleague_may_not_export_someones_wall(client):
    # given
    c = await make_company()
    await sign_in(client, c.peer)
    # when
    response = await client.get(f"/exports/wall.pdf?employee={c.employee.employee.id}")
    # then
    assert response.status_code == 403 and response.json()["error"]["code"] == "FORBIDDEN"


async def test_another_organisations_employee_is_404_on_export(client):
    # given
    c = await make_company()
    other = await make_company("Other")
    await sign_in(client, c.hr)
    # when
    responses = [await client.get(f"/exports/wall.json?employee={other.employee.employee.id}"),
                 await client.get("/exports/wall.json?employee=not-a-uuid")]
    # then
    assert [r.status_code for r in responses] == [404, 404]
