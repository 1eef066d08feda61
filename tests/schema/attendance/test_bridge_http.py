"""The bridge's real request (device_bridge's body and signing) through the ASGI app: accepted once,
refused with 401 for a bad signature, a replayed nonce or a stale timestamp, 403 for other operations;
HR manages keys and devices over GraphQL and never sees a secret again."""
from __future__ import annotations

import json
import time

import httpx

from device_bridge.client import BackendClient
from device_bridge.signing import signed_headers
from backend.core import clock
from backend.web.app import create_app
from tests.factories.attendance import event_input, make_device, make_key
from tests.factories.org import make_company
from tests.schema.growth.evidence_support import run
from workers.settings import in_process_jobs

SN = "CQZ7224460246"


async def _post(settings, body: bytes, headers: dict[str, str]) -> httpx.Response:  # type: ignore[no-untyped-def]
    app = create_app(settings, job_backend=in_process_jobs(), manage_db=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        return await client.post("/graphql", content=body, headers={"Content-Type": "application/json", **headers})


def _signed(key_id: str, secret: str, body: bytes, **kw) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return signed_headers(bridge_id="suzhou-plant-1", key_id=key_id, secret=secret.encode(), method="POST",
                          path_with_query="/graphql", body=body, **kw)


async def test_the_bridges_signed_batch_is_stored_once(db, settings):
    # given
    c = await make_company()
    await make_device(c.hr.actor, c.site, serial=SN)
    key, secret = await make_key(c.hr.actor)
    bridge = BackendClient(backend_url="http://testserver", bridge_id="suzhou-plant-1", key_id=key.key_id,
                           secret=secret.encode(), timeout=5)
    now = clock.now().replace(microsecond=0)
    body = bridge.body([event_input(SN, "1001", now), event_input("UNKNOWN1", "1001", now)],
                       [{"deviceSn": SN, "lastSeenAt": now.isoformat(), "syncedThrough": now.isoformat()}])
    # when
    first = await _post(settings, body, _signed(key.key_id, secret, body))
    second = await _post(settings, body, _signed(key.key_id, secret, body))
    # then
    assert first.status_code == 200, first.text
    assert [(r["status"], r["code"], r["retryable"]) for r in first.json()["data"]["ingestClockEvents"]["results"]] == \
        [("CREATED", None, False), ("REJECTED", "UNKNOWN_DEVICE", False)]
    assert [r["status"] for r in second.json()["data"]["ingestClockEvents"]["results"]] == ["DUPLICATE", "REJECTED"]


async def test_bad_signature_replay_and_stale_time_get_401(db, settings):
    # given
    c = await make_company()
    key, secret = await make_key(c.hr.actor)
    body = BackendClient(backend_url="http://testserver", bridge_id="suzhou-plant-1", key_id=key.key_id,
                         secret=secret.encode(), timeout=5).body([], [])
    good = _signed(key.key_id, secret, body, nonce="n-1")
    # when
    tampered = await _post(settings, body + b" ", good)
    accepted = await _post(settings, body, good)
    replayed = await _post(settings, body, good)
    stale = await _post(settings, body, _signed(key.key_id, secret, body, now=time.time() - 301))
    unknown = await _post(settings, body, _signed("k-nope", secret, body))
    # then
    assert (tampered.status_code, tampered.json()) == (401, {"error": "bad_signature"})
    assert accepted.status_code == 200 and accepted.json()["data"]["ingestClockEvents"]["results"] == []
    assert (replayed.status_code, replayed.json()) == (401, {"error": "replayed_nonce"})
    assert (stale.status_code, stale.json()) == (401, {"error": "stale_timestamp"})
    assert (unknown.status_code, unknown.json()) == (401, {"error": "unknown_key"})


async def test_a_bridge_may_send_nothing_but_the_ingest_mutation(db, settings):
    # given
    c = await make_company()
    key, secret = await make_key(c.hr.actor)
    body = json.dumps({"query": "{ me { kind } }"}).encode()
    # when
    response = await _post(settings, body, _signed(key.key_id, secret, body))
    # then
    assert (response.status_code, response.json()) == (403, {"error": "operation_not_allowed"})


async def test_a_revoked_key_is_refused_and_secrets_are_shown_once(db, settings):
    # given
    c = await make_company()
    issued = (await run(c.hr.actor, 'mutation { createBridgeKey(bridgeId: "suzhou-plant-1") { __typename '
                                    '... on BridgeKeyIssued { secret key { id keyId } } } }'))["createBridgeKey"]
    rotated = (await run(c.hr.actor, 'mutation($id: ID!) { rotateBridgeKey(id: $id) { __typename '
                                     '... on BridgeKeyIssued { secret key { keyId } } } }', id=issued["key"]["id"]))["rotateBridgeKey"]
    third = (await run(c.hr.actor, 'mutation($id: ID!) { rotateBridgeKey(id: $id) { __typename '
                                   '... on UserError { code } } }', id=issued["key"]["id"]))["rotateBridgeKey"]
    await run(c.hr.actor, 'mutation($id: ID!) { revokeBridgeKey(id: $id) { __typename } }', id=issued["key"]["id"])
    body = b'{"query":"mutation { ingestClockEvents(input: {bridgeId: \\"suzhou-plant-1\\", events: []}) { results { eventId } } }"}'
    # when
    old = await _post(settings, body, _signed(issued["key"]["keyId"], issued["secret"], body))
    new = await _post(settings, body, _signed(rotated["key"]["keyId"], rotated["secret"], body))
    listed = await run(c.hr.actor, "{ bridgeKeys { keyId active } }")
    # then
    assert third == {"__typename": "UserError", "code": "CONFLICT"}
    assert (old.status_code, new.status_code) == (401, 200), new.text
    assert sorted((k["keyId"], k["active"]) for k in listed["bridgeKeys"]) == \
        sorted([(issued["key"]["keyId"], False), (rotated["key"]["keyId"], True)])
    assert issued["secret"] not in json.dumps(listed)


async def test_hr_registers_devices_and_employees_may_not(db):
    # given
    c = await make_company()
    register = ('mutation($input: RegisterClockDeviceInput!) { registerClockDevice(input: $input) { __typename '
                '... on ClockDeviceSaved { device { serial timeZone site { name } } } ... on UserError { code field } } }')
    values = {"siteId": str(c.site.id), "serial": SN, "vendor": "zkteco", "timeZone": "Asia/Shanghai"}
    # when
    saved = (await run(c.hr.actor, register, input=values))["registerClockDevice"]
    again = (await run(c.hr.actor, register, input=values))["registerClockDevice"]
    bad_zone = (await run(c.hr.actor, register, input={**values, "serial": "X2", "timeZone": "Mars/Base"}))["registerClockDevice"]
    refused = (await run(c.employee.actor, register, input={**values, "serial": "X3"}))["registerClockDevice"]
    # then
    assert saved["device"] == {"serial": SN, "timeZone": "Asia/Shanghai", "site": {"name": c.site.name}}
    assert (again["code"], again["field"]) == ("CONFLICT", "serial")
    assert (bad_zone["code"], bad_zone["field"]) == ("VALIDATION", "timeZone")
    assert refused["code"] == "FORBIDDEN"
