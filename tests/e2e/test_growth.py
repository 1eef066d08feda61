"""The growth map in the PWA against the real backend and the demo company: an employee claims a training (with a
certificate photo) that is the last missing requirement of a level, their supervisor confirms it by typing the code
from the QR screen on Scan to confirm, and the map shows the level complete; a supervisor scans the QR code with a
(fake) camera; HR edits a requirement's target in the track editor, sees the live preview count change, and the
saved track keeps it."""
from __future__ import annotations

import io
import struct
import uuid
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.e2e.e2e_support import CHROMIUM, CHROMIUM_ARGS, PHONE, sign_in
from tests.e2e.performance_support import wait_for

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"

ME = "query { me { employee { id name reports { id name } } } }"
SAVE_TRACK = """mutation($i: CareerTrackInput!) { saveCareerTrack(input: $i) { __typename
  ... on CareerTrackSaved { track { id levels { id code requirements { id nameEn target } } } }
  ... on UserError { code message field } } }"""
ASSIGN = """mutation($i: AssignCareerTrackInput!) { assignCareerTrack(input: $i) { __typename
  ... on UserError { code message field } } }"""
RECORD = """mutation($i: RecordGrowthEvidenceInput!) { recordGrowthEvidence(input: $i) { __typename
  ... on UserError { code message field } } }"""
MAP = """query($e: ID) { growthMap(employeeId: $e) { track { id } computedAt
  levels { complete percent level { id code } requirements { status current target requirement { id } } } } }"""
RECORDS = "query { growthRecords { id title status confirmationCode file { id } confirmedBy { id } } }"
CLAIM = """mutation($i: ClaimGrowthRecordInput!) { claimGrowthRecord(input: $i) { __typename
  ... on GrowthRecordClaimed { record { id confirmationCode } } ... on UserError { code message field } } }"""
TRACK = "query($id: ID!) { careerTrack(id: $id) { id levels { code requirements { nameEn target } } } }"


def requirement(name: str, kind: str, *, target: float = 1, conditions: Any = None) -> dict[str, Any]:
    return {"nameEn": name, "nameZh": f"{name}（中）", "howToEn": f"How to: {name}.", "howToZh": f"做法：{name}。",
            "evidenceKind": kind, "conditions": conditions, "aggregate": "COUNT", "comparator": "GTE", "target": target}


def level(code: str, name: str, requirements: list[dict[str, Any]], previous: str | None = None) -> dict[str, Any]:
    return {"code": code, "nameEn": name, "nameZh": f"{name}（中）", "previousCode": previous,
            "requirements": requirements, "resources": []}


def save_track(hr: Any, api: Any, code: str, levels: list[dict[str, Any]]) -> dict[str, Any]:
    spec = {"code": code, "jobFamily": "production", "nameEn": f"E2E track {code}", "nameZh": f"测试路径 {code}",
            "active": True, "levels": levels}
    saved = api(hr, SAVE_TRACK, {"i": spec})["saveCareerTrack"]
    assert saved["__typename"] == "CareerTrackSaved", saved
    track: dict[str, Any] = saved["track"]
    return track


def ok(result: dict[str, Any], key: str) -> None:
    assert result[key]["__typename"] != "UserError", result[key]


def png_bytes(size: int = 24) -> bytes:
    """A small valid PNG (a teal square), made without an imaging library."""
    raw = b"".join(b"\x00" + bytes((15, 95, 88)) * size for _ in range(size))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_employee_claims_a_training_the_supervisor_confirms_by_code_and_the_level_completes(new_phone: Any, login: Any, api: Any) -> None:
    # given a track whose entry level needs a project (recorded, confirmed) and one training of a category of its own
    hr = new_phone()
    login(hr.new_page(), HR)
    tag = uuid.uuid4().hex[:6]
    category = f"e2e-{tag}"
    worker = new_phone()
    page = worker.new_page()
    login(page, EMPLOYEE)
    me = api(worker, ME)["me"]["employee"]
    track = save_track(hr, api, f"e2e-{tag}", [
        level("start", "E2E start", [
            requirement("Take part in a project", "PROJECT"),
            requirement("Complete a line training", "TRAINING",
                        conditions={"all": [{"field": "category", "op": "eq", "value": category}]}),
        ]),
        level("next", "E2E next", [requirement("Complete three trainings", "TRAINING", target=3)], previous="start"),
    ])
    training_req = track["levels"][0]["requirements"][1]["id"]
    ok(api(hr, ASSIGN, {"i": {"employeeIds": [me["id"]], "trackId": track["id"], "levelCode": None}}), "assignCareerTrack")
    ok(api(hr, RECORD, {"i": {"employeeId": me["id"], "kind": "PROJECT", "title": f"E2E line upgrade {tag}",
                              "occurredOn": "2026-01-05", "attributes": {"role": "member"}}}), "recordGrowthEvidence")

    # and, once recomputed, the training is the only missing requirement of the entry level
    def only_training_missing() -> dict[str, Any] | None:
        found: dict[str, Any] = api(worker, MAP)["growthMap"]
        if not found["track"] or found["track"]["id"] != track["id"]:
            return None
        start = next(lv for lv in found["levels"] if lv["level"]["code"] == "start")
        states = {r["requirement"]["id"]: r["status"] for r in start["requirements"]}
        return found if states.get(training_req) == "MISSING" and list(states.values()).count("DONE") == 1 else None

    wait_for(only_training_missing, "the map has the project done and the training missing")

    # when the employee opens the map, taps the training's chip and claims a training from its detail
    page.goto("/growth")
    chip = page.locator(f"li.lvl[data-level='start'] a.req-chip[data-requirement='{training_req}']")
    assert chip.get_attribute("data-status") == "MISSING"
    assert page.locator("li.lvl[data-level='start']").get_attribute("data-complete") == "false"
    chip.click()
    page.wait_for_url(f"**/growth/requirements/{training_req}")
    page.locator("a.claim-for").click()
    page.wait_for_url("**/growth/claim?*")
    form = page.locator("form.claim-form")
    assert form.locator("input[name=kind][value=TRAINING]").is_checked()
    # the requirement's condition (category = the track's own) is filled in once the form has read the requirement
    picker = form.locator("select[name=category]")
    wait_for(lambda: picker.input_value() == category, "the category is filled in from the requirement", timeout=15)
    title = f"E2E CNC spindle training {tag}"
    form.locator("input[name=title]").fill(title)
    form.locator("input[name=hours]").fill("4")
    form.locator("input[name=provider]").fill("Line 1 academy")
    form.locator("input[name=certificateFile]").set_input_files(
        files=[{"name": "certificate.png", "mimeType": "image/png", "buffer": png_bytes()}])
    form.locator(".photo-done").wait_for()
    form.locator("button.submit-claim").click()

    # then the record awaits confirmation and shows its QR code and the code as text
    page.wait_for_url("**/growth/records/*")
    page.locator(".code-card svg.qr").wait_for()
    code = page.locator(".confirmation-code").inner_text().strip()
    claimed = [r for r in api(worker, RECORDS)["growthRecords"] if r["title"] == title]
    assert len(claimed) == 1 and claimed[0]["status"] == "CLAIMED" and claimed[0]["confirmationCode"] == code, claimed
    assert claimed[0]["file"] is not None
    assert page.locator("article.record").get_attribute("data-status") == "CLAIMED"

    # when the supervisor opens Scan to confirm from Growth, types the code, checks the record and confirms it
    boss = new_phone()
    scan = boss.new_page()
    login(scan, MANAGER)
    scan.locator("nav.tabbar a[href='/growth']").click()
    scan.locator("a.to-scan").click()
    scan.wait_for_url("**/growth/scan")
    scan.locator("form.code-form input[name=code]").fill(code.lower())
    scan.locator("button.look-up").click()
    shown = scan.locator(".scan-result article.record")
    shown.wait_for()
    assert title in shown.inner_text() and me["name"] in shown.inner_text()
    shown.locator("button.confirm-record").click()
    scan.locator(".scan-result article.record[data-status='CONFIRMED']").wait_for()

    # then the employee's open record screen turns confirmed by itself
    page.locator("article.record[data-status='CONFIRMED']").wait_for(timeout=20_000)
    confirmed = [r for r in api(worker, RECORDS)["growthRecords"] if r["title"] == title][0]
    assert confirmed["status"] == "CONFIRMED" and confirmed["confirmationCode"] is None

    # and after the recompute the map has the entry level complete, with every chip done
    def level_complete() -> dict[str, Any] | None:
        found: dict[str, Any] = api(worker, MAP)["growthMap"]
        start = next(lv for lv in found["levels"] if lv["level"]["code"] == "start")
        return start if start["complete"] else None

    done = wait_for(level_complete, "the entry level is complete")
    assert done["percent"] == 100
    page.goto("/growth")
    start_level = page.locator("li.lvl[data-level='start']")
    start_level.wait_for()
    assert start_level.get_attribute("data-complete") == "true"
    assert start_level.locator(f"a.req-chip[data-requirement='{training_req}']").get_attribute("data-status") == "DONE"
    assert start_level.locator("a.req-chip:not([data-status='DONE'])").count() == 0


def camera_file(png: bytes, path: Path) -> Path:
    """A still Y4M video of the picture, centred on a white 640×480 frame, for Chromium's fake camera."""
    picture = Image.open(io.BytesIO(png)).convert("L")
    frame = Image.new("L", (640, 480), 255)
    picture.thumbnail((440, 440))
    frame.paste(picture, ((640 - picture.width) // 2, (480 - picture.height) // 2))
    chroma = bytes([128]) * (320 * 240)
    path.write_bytes(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n" + (b"FRAME\n" + frame.tobytes() + chroma * 2) * 5)
    return path


def test_supervisor_confirms_a_claim_by_scanning_its_qr_code_with_the_camera(
        new_phone: Any, login: Any, api: Any, playwright_driver: Any, live_server: str, tmp_path: Path) -> None:
    # given a claim of the employee, and its QR code as their phone shows it
    worker = new_phone()
    page = worker.new_page()
    login(page, EMPLOYEE)
    title = f"E2E scanned training {uuid.uuid4().hex[:6]}"
    claimed = api(worker, CLAIM, {"i": {"kind": "TRAINING", "title": title, "occurredOn": "2026-01-07", "quantity": 3}})
    assert claimed["claimGrowthRecord"]["__typename"] == "GrowthRecordClaimed", claimed
    record = claimed["claimGrowthRecord"]["record"]
    page.goto(f"/growth/records/{record['id']}")
    video = camera_file(page.locator(".qr-box").screenshot(), tmp_path / "qr.y4m")

    # when the supervisor, whose phone camera sees that code, opens Scan to confirm and starts the camera
    camera = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=[
        *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    try:
        boss = camera.new_context(viewport=PHONE, base_url=live_server, locale="en-US", permissions=["camera"])
        boss.set_default_timeout(20_000)
        scan = boss.new_page()
        sign_in(scan, MANAGER)
        scan.goto("/growth/scan")
        scan.locator("button.start-camera").click()

        # then the code is read from the picture and the claim is shown; confirming it confirms the record
        shown = scan.locator(".scan-result article.record")
        shown.wait_for()
        assert scan.locator("form.code-form input[name=code]").input_value() == record["confirmationCode"]
        assert title in shown.inner_text()
        shown.locator("button.confirm-record").click()
        scan.locator(".scan-result article.record[data-status='CONFIRMED']").wait_for()
    finally:
        camera.close()
    after = [r for r in api(worker, RECORDS)["growthRecords"] if r["id"] == record["id"]]
    assert after and after[0]["status"] == "CONFIRMED", after


def test_hr_edits_a_requirement_target_sees_the_preview_change_and_saves(new_phone: Any, login: Any, api: Any) -> None:
    # given a one-level track with two members, one of whom has one confirmed training of the track's category
    boss = new_phone()
    login(boss.new_page(), MANAGER)
    reports = api(boss, ME)["me"]["employee"]["reports"]
    assert len(reports) >= 2, "the demo manager has too few reports"
    member_a, member_b = reports[0], reports[1]
    hr = new_phone()
    page = hr.new_page()
    login(page, HR)
    tag = uuid.uuid4().hex[:6]
    category = f"e2e-{tag}"
    cond = {"all": [{"field": "category", "op": "eq", "value": category}]}
    track = save_track(hr, api, f"e2e-hr-{tag}", [level("only", "E2E only", [requirement("Train", "TRAINING", conditions=cond)])])
    ok(api(hr, ASSIGN, {"i": {"employeeIds": [member_a["id"], member_b["id"]], "trackId": track["id"], "levelCode": None}}),
       "assignCareerTrack")
    ok(api(hr, RECORD, {"i": {"employeeId": member_a["id"], "kind": "TRAINING", "title": f"E2E training {tag}",
                              "occurredOn": "2026-01-06", "quantity": 2, "attributes": {"category": category}}}),
       "recordGrowthEvidence")

    # when HR opens the track from Growth → administration
    page.locator("nav.tabbar a[href='/growth']").click()
    page.locator("a.to-admin").click()
    page.wait_for_url("**/growth/admin*")
    page.locator(f"ul.track-list li[data-code='e2e-hr-{tag}'] a").click()
    page.wait_for_url(f"**/growth/admin/tracks/{track['id']}")

    # then the preview counts one of the two members as meeting the level's requirement
    preview = page.locator("section.level-editor[data-code='only'] .level-preview")
    page.locator(".track-preview .preview-members").filter(has_text="2").wait_for()
    page.wait_for_function("(el) => el.dataset.meeting === '1'", arg=preview.element_handle())
    assert "2" in preview.inner_text()

    # when HR raises the target to 2 trainings, the preview (unsaved) drops to nobody
    target = page.locator("section.level-editor[data-code='only'] fieldset.req-editor input[name=target]")
    target.fill("2")
    page.wait_for_function("(el) => el.dataset.meeting === '0'", arg=preview.element_handle())
    saved_before = api(hr, TRACK, {"id": track["id"]})["careerTrack"]
    assert saved_before["levels"][0]["requirements"][0]["target"] == 1

    # and saves
    page.locator("button.save-track").click()
    page.locator(".track-editor p.status-ok:not(:empty)").wait_for()

    # then the track keeps the new target, in the API and after a reload
    after = api(hr, TRACK, {"id": track["id"]})["careerTrack"]
    assert after["levels"][0]["requirements"][0]["target"] == 2
    page.reload()
    reloaded = page.locator("section.level-editor[data-code='only'] fieldset.req-editor input[name=target]")
    reloaded.wait_for()
    assert float(reloaded.input_value()) == 2
