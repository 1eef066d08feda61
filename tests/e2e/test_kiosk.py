"""Kiosk mode against the real backend and the demo company: a shared tablet signs in with the demo kiosk code,
loses its network, checks a person in by number + PIN (saved on the tablet, shown as queued, nothing on the server),
gets the network back and delivers the punch exactly once; replaying it (a drain cut off before the tablet forgot the
item, and a direct resend) stores nothing more. Then the camera path: the person's badge QR from Me, seen by the
kiosk's (fake) camera, checks them in with their name on screen."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.e2e_support import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, sign_in
from tests.e2e.performance_support import wait_for
from tests.e2e.test_growth import camera_file

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
HR = "hr@demo.local"
TABLET = {"width": 1024, "height": 768}
PIN = "97531"
ME = "query { me { employee { id name employeeNumber } } }"
SET_PINS = """mutation($rows: [DevicePinInput!]!) { setDevicePins(rows: $rows) { __typename
  ... on DevicePinsSet { saved } ... on UserError { code message } } }"""
CHECK_IN = """mutation($i: KioskCheckInInput!) { kioskCheckIn(input: $i) { __typename
  ... on KioskCheckIn { employeeName duplicate } ... on UserError { code message field } } }"""
QUEUED = """() => new Promise((resolve, reject) => {
  const req = indexedDB.open('seen-kiosk', 1);
  req.onerror = () => reject(req.error);
  req.onsuccess = () => { const all = req.result.transaction('checkins').objectStore('checkins').getAll();
    all.onsuccess = () => resolve(all.result); all.onerror = () => reject(all.error); };
})"""
PUT_BACK = """(item) => new Promise((resolve, reject) => {
  const req = indexedDB.open('seen-kiosk', 1);
  req.onsuccess = () => { const tx = req.result.transaction('checkins', 'readwrite');
    tx.objectStore('checkins').put(item); tx.oncomplete = () => resolve(true); tx.onerror = () => reject(tx.error); };
})"""


@pytest.fixture(scope="module")
def kiosk_code(live_server: str, live_env: dict[str, str]) -> str:
    """The demo kiosk code, as `seen seed` prints it (derived from the install's secret)."""
    seen = Path(sys.executable).parent / "seen"
    done = subprocess.run([str(seen), "seed"], env=live_env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    found = re.search(r"Kiosk code \([^)]*\): (\d+)", done.stdout)
    assert found, done.stdout + done.stderr
    return found.group(1)


def punches(live_env: dict[str, str], event_id: str) -> list[tuple[str, str, str, str]]:
    """The stored rows for one event id, read straight from the served app's database."""
    with sqlite3.connect(Path(live_env["SEEN_DATA_DIR"]) / "seen.sqlite3") as conn:
        rows = conn.execute("SELECT employee_id, vendor, protocol, verify_mode FROM attendance_clock_punch "
                            "WHERE event_id = ?", (event_id,)).fetchall()
    return [tuple(str(v) for v in r) for r in rows]  # type: ignore[misc]


def person_with_pin(new_phone: Any, api: Any) -> dict[str, Any]:
    worker = new_phone()
    sign_in(worker.new_page(), EMPLOYEE)
    person: dict[str, Any] = api(worker, ME)["me"]["employee"]
    hr = new_phone()
    sign_in(hr.new_page(), HR)
    saved = api(hr, SET_PINS, {"rows": [{"pin": PIN, "employeeId": person["id"]}]})["setDevicePins"]
    assert saved == {"__typename": "DevicePinsSet", "saved": 1}, saved
    return person


def start_kiosk(page: Any, code: str) -> None:
    page.goto("/kiosk")
    page.locator("input[name=kioskCode]").fill(code)
    page.locator("form.kiosk-login button[type=submit]").click()
    page.locator("main.kiosk .kiosk-site", has_text="Gate 1").wait_for()


def test_an_offline_check_in_is_queued_then_delivered_exactly_once(
        new_phone: Any, api: Any, kiosk_code: str, live_env: dict[str, str]) -> None:
    # given a person with a device PIN, and a kiosk tablet that has lost its network
    person = person_with_pin(new_phone, api)
    tablet = new_phone(viewport=TABLET)
    page = tablet.new_page()
    start_kiosk(page, kiosk_code)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
    tablet.set_offline(True)
    page.locator(".kiosk-online.is-offline").wait_for()

    # when the person checks in by number + PIN
    page.locator("button.kiosk-use-pin").click()
    page.locator("input[name=employeeNumber]").fill(person["employeeNumber"])
    page.locator("input[name=pin]").fill(PIN)
    page.locator("button.kiosk-submit").click()

    # then the tablet says it is saved and queued, with the number (the server cannot confirm the name)
    result = page.locator(".kiosk-result[data-state='queued']")
    result.wait_for()
    assert person["employeeNumber"] in result.inner_text()
    page.locator(".kiosk-queue[data-depth='1']").wait_for()
    queued = page.evaluate(QUEUED)
    assert len(queued) == 1
    item = queued[0]
    assert punches(live_env, item["eventId"]) == []
    page.locator(".kiosk-home").wait_for(timeout=8_000)  # the screen resets for the next person

    # when the tablet is reloaded while still offline, then the kiosk screen and its queue are still there
    page.reload()
    page.locator("main.kiosk .kiosk-queue[data-depth='1']").wait_for()
    assert page.locator("main.kiosk .kiosk-site").inner_text().endswith("Gate 1")

    # when the network comes back
    tablet.set_offline(False)

    # then the drainer delivers it: one punch of that person, and the queue is empty
    page.locator(".kiosk-queue[data-depth='0']").wait_for(timeout=20_000)
    assert page.evaluate(QUEUED) == []
    assert punches(live_env, item["eventId"]) == [(person["id"], "kiosk", "kiosk", "pin")]

    # when the same check-in is drained again (the tablet lost its "sent" mark) and resent directly
    page.evaluate(PUT_BACK, item)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    wait_for(lambda: page.evaluate(QUEUED) == [], "the replayed item drained", timeout=20)
    again = api(tablet, CHECK_IN, {"i": {"eventId": item["eventId"], "occurredAt": item["occurredAt"],
                                         "employeeNumber": person["employeeNumber"], "pin": PIN}})["kioskCheckIn"]

    # then it is a duplicate each time and nothing more is stored
    assert again == {"__typename": "KioskCheckIn", "employeeName": person["name"], "duplicate": True}
    assert punches(live_env, item["eventId"]) == [(person["id"], "kiosk", "kiosk", "pin")]


def test_a_badge_qr_shown_to_the_kiosk_camera_checks_the_person_in(
        new_phone: Any, api: Any, kiosk_code: str, live_server: str, playwright_driver: Any, tmp_path: Path) -> None:
    # given the person's badge as Me shows it
    worker = new_phone()
    me_page = worker.new_page()
    sign_in(me_page, EMPLOYEE)
    person = api(worker, ME)["me"]["employee"]
    me_page.goto("/me")
    qr = me_page.locator(".badge-card .badge-qr")
    qr.wait_for()
    token = me_page.locator(".badge-print").get_attribute("data-token")
    assert token and token.startswith(f"seen-badge:v1:{person['id']}:")
    video = camera_file(qr.screenshot(), tmp_path / "badge.y4m")

    # when a kiosk whose camera sees that badge starts scanning
    camera = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=[
        *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    try:
        tablet = camera.new_context(viewport=TABLET, base_url=live_server, locale="en-US", permissions=["camera"],
                                    timezone_id="Asia/Shanghai")
        tablet.set_default_timeout(20_000)
        page = tablet.new_page()
        start_kiosk(page, kiosk_code)
        page.locator("button.start-camera").click()

        # then the person is checked in, confirmed with their name
        done = page.locator(".kiosk-result[data-state='done']")
        done.wait_for()
        assert person["name"] in done.locator(".kiosk-name").inner_text()
        page.locator(".kiosk-queue[data-depth='0']").wait_for()
    finally:
        camera.close()


def test_a_wrong_pin_typed_offline_is_refused_when_sent_and_stores_nothing(
        new_phone: Any, api: Any, kiosk_code: str, live_env: dict[str, str]) -> None:
    # given a person with a device PIN and an offline kiosk
    person = person_with_pin(new_phone, api)
    tablet = new_phone(viewport=TABLET)
    page = tablet.new_page()
    start_kiosk(page, kiosk_code)
    tablet.set_offline(True)
    page.locator(".kiosk-online.is-offline").wait_for()
    # when the person types a wrong PIN (the tablet cannot know yet) and the network comes back
    page.locator("button.kiosk-use-pin").click()
    page.locator("input[name=employeeNumber]").fill(person["employeeNumber"])
    page.locator("input[name=pin]").fill("00000")
    page.locator("button.kiosk-submit").click()
    page.locator(".kiosk-result[data-state='queued']").wait_for()
    item = page.evaluate(QUEUED)[0]
    tablet.set_offline(False)
    # then the refusal is shown with the number, the item leaves the queue and nothing is stored
    late = page.locator(".kiosk-late")
    late.wait_for(timeout=20_000)
    shown = late.inner_text()  # the kiosk speaks the organisation's language (the demo's is zh-CN)
    assert person["employeeNumber"] in shown and ("工号和密码不匹配" in shown or "do not match" in shown), shown
    page.locator(".kiosk-queue[data-depth='0']").wait_for()
    assert punches(live_env, item["eventId"]) == []
