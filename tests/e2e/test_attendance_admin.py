"""HR's time-clock administration in the PWA against the real backend and the demo company: HR registers a clock
(a bad zone is refused at its field first), creates a bridge key and sees the secret once — with a seen-bridge.yaml
naming the new clock — and afterwards only the key id; a punch signed with that secret from the new clock arrives
for an unknown PIN; HR imports two PIN rows of which one is bad, sees that row's error, and the good row is saved and
re-matches the punch; HR issues a kiosk code, shown once, that signs a tablet in."""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import urllib.request
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from device_bridge.client import MUTATION
from device_bridge.signing import signed_headers
from tests.e2e.e2e_support import graphql, sign_in

pytestmark = pytest.mark.e2e

HR = "hr@demo.local"
EMPLOYEE = "employee@demo.local"  # the demo employee other browser tests follow
SITES = "query { sites { edges { node { id name timeZone } } } }"
DEVICES = "query { clockDevices { serial vendor name timeZone directionPolicy active site { id } } }"
KEYS = "query { bridgeKeys { bridgeId keyId active } }"
PINS = "query { devicePins { pin employee { email employeeNumber } } }"
KIOSKS = "query { kioskCredentials { label revokedAt site { id } } }"
UNMATCHED = "query { unmatchedPunches { employeePin } }"
SOMEONE = "query { employees(first: 5, search: \"HL\") { edges { node { employeeNumber email } } } }"


def _plant(context: Any) -> dict[str, str]:
    sites = [e["node"] for e in _api(context, SITES)["sites"]["edges"]]
    return next(s for s in sites if "Plant" in s["name"])


def _api(context: Any, query: str) -> dict[str, Any]:
    return graphql(context, query)


def _register_device(hr: Any, ctx: Any, plant: dict[str, str]) -> str:
    serial = f"E2E{secrets.token_hex(4).upper()}"
    hr.goto("/attendance/hr/devices")
    hr.locator("button.register-device").click()
    form = hr.locator("form.adm-device-form")
    form.locator("select[name=siteId]").select_option(plant["id"])
    assert form.locator("input[name=timeZone]").input_value() == plant["timeZone"]  # the site's zone, preselected
    form.locator("input[name=serial]").fill(serial)
    form.locator("select[name=vendor]").select_option("zkteco")
    form.locator("input[name=name]").fill("E2E Gate 9")
    form.locator("select[name=directionPolicy]").select_option("first_in_last_out")
    form.locator("input[name=timeZone]").fill("Mars/Olympus")
    form.locator("button.save-device").click()  # the server's typed error lands at the zone field; nothing is saved
    form.locator("input[name=timeZone][aria-invalid=true]").wait_for()
    assert "IANA" in form.locator(".field-invalid .field-error").inner_text()  # about the zone, in en or zh-CN
    assert serial not in {d["serial"] for d in _api(ctx, DEVICES)["clockDevices"]}
    form.locator("input[name=timeZone]").fill(plant["timeZone"])
    form.locator("button.save-device").click()
    hr.locator(".adm-register .status-ok", has_text=serial).wait_for()
    hr.locator(".att-device", has_text=serial).wait_for()
    saved = next(d for d in _api(ctx, DEVICES)["clockDevices"] if d["serial"] == serial)
    assert saved == {"serial": serial, "vendor": "zkteco", "name": "E2E Gate 9", "timeZone": plant["timeZone"],
                     "directionPolicy": "first_in_last_out", "active": True, "site": {"id": plant["id"]}}
    card = hr.locator(".att-device", has_text=serial)
    card.locator("button.edit-device").click()  # edit: rename it and take it out of use
    edit = card.locator("form.adm-device-edit")
    assert edit.locator("input[name=serial]").is_disabled()
    edit.locator("input[name=name]").fill("E2E Gate 9b")
    edit.locator("input[name=active]").uncheck()
    edit.locator("button.save-device").click()
    edit.wait_for(state="detached")
    changed = next(d for d in _api(ctx, DEVICES)["clockDevices"] if d["serial"] == serial)
    assert (changed["name"], changed["active"]) == ("E2E Gate 9b", False)
    card.locator("button.edit-device").click()
    card.locator("input[name=active]").check()
    card.locator("button.save-device").click()
    card.locator("form.adm-device-edit").wait_for(state="detached")
    assert next(d for d in _api(ctx, DEVICES)["clockDevices"] if d["serial"] == serial)["active"] is True
    return serial


def _bridge_key_shown_once(hr: Any, ctx: Any, plant: dict[str, str], serial: str,
                           base_url: str) -> tuple[str, str, str]:
    bridge = f"e2e-{secrets.token_hex(3)}"
    hr.goto("/attendance/hr/keys")
    hr.locator("input[name=bridgeId]").fill(bridge)
    hr.locator("button.create-key").click()
    dialog = hr.locator("dialog.bridge-secret-dialog")
    dialog.wait_for()
    assert dialog.locator(".adm-once-warning").is_visible()  # "not shown again" (HR's language is zh-CN)
    secret = dialog.locator("code.adm-secret").inner_text().strip()
    key_id = dialog.locator("code.adm-key-id").inner_text().strip()
    assert len(secret) >= 32 and key_id.startswith("k")
    dialog.locator("select[name=snippetSite]").select_option(plant["id"])
    yaml = dialog.locator("pre.adm-yaml").inner_text()
    for line in (f'bridge_id: "{bridge}"', f'backend_url: "{base_url}"', f'key_id: "{key_id}"', "secret_file: ",
                 f'- serial: "{serial}"', "direction: unknown"):  # first_in_last_out is the bridge's `unknown`
        assert line in yaml, (line, yaml)
    assert secret not in yaml  # the secret goes into its own file, never the YAML
    dialog.locator("button.adm-once-done").click()
    dialog.wait_for(state="detached")
    row = hr.locator(f"li.adm-key[data-key-id='{key_id}'][data-active='true']")
    row.wait_for()
    assert secret not in hr.content()  # shown once: only the key id remains
    assert {"bridgeId": bridge, "keyId": key_id, "active": True} in _api(ctx, KEYS)["bridgeKeys"]
    return bridge, key_id, secret


def _signed_punch(base_url: str, key: tuple[str, str, str], serial: str, zone: str, pin: str) -> None:
    """One punch as the bridge sends it, signed with the secret the dialog showed."""
    bridge, key_id, secret = key
    at = datetime.now(ZoneInfo(zone)).replace(microsecond=0) - timedelta(minutes=5)
    event = {"eventId": hashlib.sha256(f"{serial}|{pin}|{at.isoformat()}".encode()).hexdigest(), "vendor": "zkteco",
             "protocol": "adms", "deviceSn": serial, "employeePin": pin, "occurredAt": at.isoformat(),
             "occurredLocal": at.strftime("%Y-%m-%d %H:%M:%S"), "tz": zone, "tzSource": "configured_zone",
             "direction": "IN", "flags": []}
    body = json.dumps({"query": MUTATION, "variables": {"input": {"bridgeId": bridge, "events": [event]}}}).encode()
    headers = signed_headers(bridge_id=bridge, key_id=key_id, secret=secret.encode(), method="POST",
                             path_with_query="/graphql", body=body)
    request = urllib.request.Request(f"{base_url}/graphql", data=body, method="POST",
                                     headers={**headers, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as res:
        reply = json.loads(res.read())
    assert reply["data"]["ingestClockEvents"]["results"][0]["status"] == "CREATED", reply


def _rotate_then_revoke(hr: Any, ctx: Any, key: tuple[str, str, str]) -> None:
    """Rotation adds a second active key (its secret shown once); revoking the old one leaves the new one."""
    bridge, old_id, _ = key
    hr.locator(f"li.adm-key[data-key-id='{old_id}'] button.rotate-key").click()
    dialog = hr.locator("dialog.bridge-secret-dialog")
    new_id = dialog.locator("code.adm-key-id").inner_text().strip()
    assert new_id != old_id
    dialog.locator("button.adm-once-done").click()
    dialog.wait_for(state="detached")
    hr.locator(f"li.adm-key[data-key-id='{old_id}'] button.revoke-key").click()  # window.confirm: accepted
    hr.locator(f"li.adm-key[data-key-id='{old_id}'][data-active='false']").wait_for()
    mine = {k["keyId"]: k["active"] for k in _api(ctx, KEYS)["bridgeKeys"] if k["bridgeId"] == bridge}
    assert mine == {old_id: False, new_id: True}


def _import_pins(hr: Any, ctx: Any, good_pin: str) -> None:
    people = [e["node"] for e in _api(ctx, SOMEONE)["employees"]["edges"]]
    hr.goto("/attendance/hr/pins")
    owner, other = [p for p in people if p["email"] and p["email"] != EMPLOYEE][:2]  # leave the demo employee's days be
    csv = f"pin,employee\n{good_pin},{owner['email'].upper()}\nbad-pin!,{other['employeeNumber']}\n"
    hr.locator("textarea[name=pinCsv]").fill(csv)
    hr.locator("button.import-pins").click()
    bad = hr.locator("tr.adm-import-row[data-pin='bad-pin!'][data-ok='false']")
    bad.wait_for()
    assert bad.locator(".adm-row-error[data-field=pin]").inner_text().strip().startswith("✗ pin:")
    hr.locator(f"tr.adm-import-row[data-pin='{good_pin}'][data-ok='true']").wait_for()
    summary = hr.locator(".adm-import-summary")
    assert (summary.get_attribute("data-saved"), summary.get_attribute("data-failed")) == ("1", "1")
    assert summary.get_attribute("data-rematched") == "1"  # the signed punch now belongs to the person
    assert summary.locator(".status").inner_text().strip()
    assert hr.locator(".adm-partial").count() == 1  # the screen says valid rows are kept when others fail
    pins = {p["pin"]: p["employee"]["email"] for p in _api(ctx, PINS)["devicePins"]}
    assert pins.get(good_pin) == owner["email"] and "bad-pin!" not in pins
    hr.locator("input[name=pinSearch]").fill(good_pin)  # the list reloaded with the new mapping
    assert hr.locator("li.adm-pin").count() == 1 and hr.locator(f"li.adm-pin[data-pin='{good_pin}']").count() == 1
    row = hr.locator(f"li.adm-pin[data-pin='{good_pin}']")
    row.locator("button.edit-pin").click()  # edit the row: the PIN belongs to someone else after all
    row.locator("input[name=person]").fill(other["employeeNumber"])
    row.locator("button.pick-person", has_text=re.compile(rf"· {other['employeeNumber']}$")).click()
    row.locator("button.save-pin").click()
    row.locator("form.adm-pin-editor").wait_for(state="detached")  # saved; the list reloads with the new owner
    hr.locator(f"li.adm-pin[data-pin='{good_pin}']", has_text=other["employeeNumber"]).wait_for()
    owners = {p["pin"]: p["employee"]["employeeNumber"] for p in _api(ctx, PINS)["devicePins"]}
    assert owners.get(good_pin) == other["employeeNumber"]


def _issue_kiosk_code(hr: Any, ctx: Any, plant: dict[str, str], new_phone: Any) -> None:
    label = f"E2E tablet {secrets.token_hex(2)}"
    hr.goto("/attendance/hr/kiosks")
    hr.locator("select[name=kioskSite]").select_option(plant["id"])
    hr.locator("input[name=kioskLabel]").fill(label)
    hr.locator("button.issue-kiosk-code").click()
    dialog = hr.locator("dialog.kiosk-code-dialog")
    dialog.wait_for()
    code = dialog.locator(".adm-kiosk-code").inner_text().strip()
    assert re.fullmatch(r"\d{8}", code), code
    assert "/kiosk" in dialog.inner_text()
    dialog.locator("button.adm-once-done").click()
    dialog.wait_for(state="detached")
    hr.locator(f"li.adm-kiosk[data-label='{label}'][data-active='true']").wait_for()
    assert code not in hr.content()
    assert {"label": label, "revokedAt": None, "site": {"id": plant["id"]}} in _api(ctx, KIOSKS)["kioskCredentials"]
    tablet = new_phone(viewport={"width": 1024, "height": 768}).new_page()  # the code really signs a tablet in
    tablet.goto("/kiosk")
    tablet.locator("input[name=kioskCode]").fill(code)
    tablet.locator("form.kiosk-login button[type=submit]").click()
    tablet.locator("main.kiosk .kiosk-site", has_text=label).wait_for()


def test_hr_registers_clock_keys_pins_and_kiosk(new_phone: Any, live_server: str) -> None:
    ctx = new_phone()
    hr = ctx.new_page()
    hr.on("dialog", lambda d: d.accept())  # window.confirm of the revocation
    sign_in(hr, HR)
    plant = _plant(ctx)
    serial = _register_device(hr, ctx, plant)
    key = _bridge_key_shown_once(hr, ctx, plant, serial, live_server)
    pin = f"7{secrets.randbelow(10**7):07d}"
    _signed_punch(live_server, key, serial, plant["timeZone"], pin)
    assert pin in {p["employeePin"] for p in _api(ctx, UNMATCHED)["unmatchedPunches"]}
    _rotate_then_revoke(hr, ctx, key)
    _import_pins(hr, ctx, pin)
    assert pin not in {p["employeePin"] for p in _api(ctx, UNMATCHED)["unmatchedPunches"]}
    _issue_kiosk_code(hr, ctx, plant, new_phone)
