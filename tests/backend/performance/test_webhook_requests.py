"""The signed metric webhook through the real Starlette app: signatures, timestamps, sources, limits."""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from backend.core import clock
from backend.core.config import Settings
from backend.performance import sources
from backend.performance.models import MetricSource, MetricSourceKind, MetricValue
from tests.backend.web.support import client_for
from tests.factories.performance_data import Scored, scored_company, signed

NOW = datetime(2026, 11, 15, 4, 0, tzinfo=UTC)
TS = int(NOW.timestamp())


@pytest.fixture
async def client(db: object, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    with clock.frozen_at(NOW):
        async with client_for(settings) as value:
            yield value


async def _crm(s: Scored) -> tuple[MetricSource, str]:
    return await sources.create_metric_source(s.company.hr.actor, name="Salesforce", kind=MetricSourceKind.CRM)


def _deal(s: Scored, external_id: str = "deal-1", value: float = 1200.0) -> dict:  # type: ignore[type-arg]
    return {"values": [{"external_id": external_id, "employee_number": s.company.employee.employee.employee_number,
                        "metric_code": "results", "value": value}]}


async def _post(client: httpx.AsyncClient, source: MetricSource, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return await client.post(f"/hooks/metrics/{source.id}", content=body, headers=headers)


async def test_a_signed_push_is_recorded_with_its_source(client):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    body, headers = signed(secret, _deal(s), TS)
    # when
    response = await _post(client, source, body, headers)
    # then
    assert response.status_code == 200
    assert response.json() == {"results": [{"external_id": "deal-1", "status": "created", "code": None, "message": ""}]}
    value = await MetricValue.of(s.company.system).get()
    assert (value.value, value.source, value.source_label, value.cycle_id) == (1200.0, "webhook", "Salesforce", s.cycle.id)
    assert (await MetricSource.of(s.company.system).get(id=source.id)).last_used_at == NOW


async def test_a_replayed_external_id_is_a_duplicate_and_changes_nothing(client):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    await _post(client, source, *signed(secret, _deal(s, value=1200), TS))
    # when
    response = await _post(client, source, *signed(secret, _deal(s, value=9999), TS + 5))
    # then
    assert response.json()["results"][0]["status"] == "duplicate"
    assert await MetricValue.of(s.company.system).values_list("value", flat=True) == [1200.0]


async def test_a_bad_signature_is_refused_with_401(client):
    # given
    s = await scored_company()
    source, _ = await _crm(s)
    body, headers = signed("not-the-secret", _deal(s), TS)
    # when
    response = await _post(client, source, body, headers)
    # then
    assert (response.status_code, response.json()["error"]["code"]) == (401, "bad_signature")
    assert await MetricValue.of(s.company.system).count() == 0


async def test_a_body_changed_after_signing_is_refused(client):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    body, headers = signed(secret, _deal(s, value=1.5), TS)
    tampered = body.replace(b"1.5", b"9.5")
    assert tampered != body
    # when
    response = await _post(client, source, tampered, headers)
    # then
    assert response.status_code == 401


@pytest.mark.parametrize("skew", [301, -301])
async def test_a_stale_timestamp_is_refused_even_when_signed(client, skew):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    # when
    response = await _post(client, source, *signed(secret, _deal(s), TS + skew))
    # then
    assert (response.status_code, response.json()["error"]["code"]) == (401, "stale_timestamp")


async def test_a_timestamp_within_300_seconds_is_accepted(client):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    # when
    response = await _post(client, source, *signed(secret, _deal(s), TS - 300))
    # then
    assert response.status_code == 200


async def test_the_previous_secret_works_for_24_hours_after_rotation(client):
    # given
    s = await scored_company()
    source, old = await _crm(s)
    _, new = await sources.rotate_metric_source_secret(s.company.hr.actor, source_id=source.id)
    # when
    with_old = await _post(client, source, *signed(old, _deal(s, "a"), TS))
    with_new = await _post(client, source, *signed(new, _deal(s, "b"), TS))
    with clock.frozen_at(NOW + timedelta(hours=24, seconds=1)):
        later = int((NOW + timedelta(hours=24, seconds=1)).timestamp())
        old_too_late = await _post(client, source, *signed(old, _deal(s, "c"), later))
        new_later = await _post(client, source, *signed(new, _deal(s, "d"), later))
    # then
    assert [r.status_code for r in (with_old, with_new, old_too_late, new_later)] == [200, 200, 401, 200]


async def test_an_unknown_or_inactive_source_is_404(client):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    await sources.set_metric_source_active(s.company.hr.actor, source_id=source.id, active=False)
    # when
    inactive = await _post(client, source, *signed(secret, _deal(s), TS))
    unknown = await client.post("/hooks/metrics/not-a-uuid", content=b"{}")
    # then
    assert (inactive.status_code, unknown.status_code) == (404, 404)


@pytest.mark.parametrize(("body", "status", "code"), [
    (b"{not json", 400, "malformed"), (b'{"values": {}}', 400, "malformed"), (b"[]", 400, "malformed"),
])
async def test_malformed_bodies_are_400(client, body, status, code):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    # when
    response = await _post(client, source, *signed(secret, body, TS))
    # then
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)


async def test_more_than_500_values_are_413(client):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    values = {"values": [_deal(s, f"d{n}")["values"][0] for n in range(501)]}
    # when
    response = await _post(client, source, *signed(secret, values, TS))
    # then
    assert (response.status_code, response.json()["error"]["code"]) == (413, "too_large")


async def test_a_body_over_256_kb_is_413(client):
    # given
    s = await scored_company()
    source, secret = await _crm(s)
    # when
    response = await _post(client, source, *signed(secret, b" " * (256 * 1024 + 1), TS))
    # then
    assert response.status_code == 413


async def test_a_source_of_another_organisation_cannot_write_into_mine(client):
    # given their source signs a push naming my employee's number
    mine, theirs = await scored_company("Acme"), await scored_company("Other")
    source, secret = await _crm(theirs)
    # when
    response = await _post(client, source, *signed(secret, _deal(mine), TS))
    # then my employee's number is unknown in their organisation
    assert response.json()["results"][0]["code"] == "unknown_employee"
    assert await MetricValue.of(mine.company.system).count() == 0
