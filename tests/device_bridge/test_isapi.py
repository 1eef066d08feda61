"""Hikvision ISAPI event push (JSON and multipart) over raw sockets to the running bridge."""
from __future__ import annotations

import json

from tests.device_bridge.support import request

PICTURE = b"\xff\xd8\xff\xe0FACE-PICTURE-BYTES" + bytes(range(256)) * 8


def _event(serial_no: int, *, pin: str = "1001", minor: int = 75, status: str = "checkIn",
           when: str = "2026-03-02T08:01:02+08:00", **extra: object) -> dict[str, object]:
    return {"ipAddress": "192.168.1.20", "macAddress": "aa:bb:cc:dd:ee:ff", "dateTime": when,
            "eventType": "AccessControllerEvent", "eventState": "active",
            "AccessControllerEvent": {"deviceName": "Gate", "majorEventType": 5, "subEventType": minor,
                                      "employeeNoString": pin, "serialNo": serial_no, "attendanceStatus": status,
                                      "currentVerifyMode": "cardOrFaceOrFp", "name": "Li Na",
                                      "FaceRect": {"height": 0.3, "width": 0.2, "x": 0.4, "y": 0.3},
                                      "pictureURL": "http://192.168.1.20/face/FACE-URL-SECRET", **extra}}


def _multipart(document: dict[str, object], boundary: str = "MIME_boundary") -> tuple[bytes, str]:
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"AccessControllerEvent\"\r\n"
            f"Content-Type: application/json\r\nContent-Length: 0\r\n\r\n").encode() + json.dumps(document).encode() \
        + (f"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"Picture\"; filename=\"Picture.jpg\"\r\n"
           f"Content-Type: image/jpeg\r\n\r\n").encode() + PICTURE + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_json_face_check_in_is_relayed_with_the_terminals_offset(bridge, backend):
    # given
    body = json.dumps(_event(10)).encode()
    # when
    response = bridge.send(request("POST", "/isapi/events/HIK0001", body, headers={"Content-Type": "application/json"}))
    # then
    assert response.status == 200
    backend.wait_for(1)
    event = next(iter(backend.events.values()))
    assert (event["vendor"], event["protocol"], event["deviceSn"], event["employeePin"]) == \
        ("hikvision", "isapi", "HIK0001", "1001")
    assert (event["occurredAt"], event["occurredLocal"], event["direction"]) == \
        ("2026-03-02T08:01:02+08:00", "2026-03-02 08:01:02", "IN")
    assert event["verifyMode"] == "75" and event["tzSource"] == "device_offset"
    assert "tz_from_device" in event["flags"]
    # and raw keeps only allow-listed fields: no face rectangle, picture URL or name
    assert "FaceRect" not in event["raw"] and "FACE-URL" not in event["raw"] and "Li Na" not in event["raw"]


def test_multipart_event_is_read_and_the_picture_discarded(bridge, backend):
    # given a terminal found by its MAC address (no serial in the URL)
    body, content_type = _multipart(_event(11, status="CHECKOUT", minor=38))
    # when
    response = bridge.send(request("POST", "/isapi/events", body, headers={"Content-Type": content_type}))
    # then
    assert response.status == 200
    backend.wait_for(1)
    event = next(iter(backend.events.values()))
    assert (event["deviceSn"], event["direction"], event["verifyMode"]) == ("HIK0001", "OUT", "38")
    stored = b"".join(p.read_bytes() for p in bridge.config.data_dir.iterdir() if p.is_file())
    assert b"FACE-PICTURE-BYTES" not in stored and b"FACE-URL-SECRET" not in stored


def test_quoted_boundary_and_event_log_part_name_are_accepted(bridge, backend):
    # given another firmware's spelling
    body, _ = _multipart(_event(12), boundary="hik-boundary")
    body = body.replace(b'name="AccessControllerEvent"', b'name="event_log"')
    # when
    response = bridge.send(request("POST", "/isapi/events?SN=HIK0001", body,
                                   headers={"Content-Type": 'multipart/form-data; boundary="hik-boundary"'}))
    # then
    assert response.status == 200
    backend.wait_for(1)


def test_heartbeat_and_failed_authentications_store_nothing(bridge):
    # given a heartbeat, a failed face match (minor 76) and a door event (major 3)
    heartbeat = {"ipAddress": "192.168.1.20", "dateTime": "2026-03-02T08:00:00+08:00", "eventType": "heartBeat",
                 "eventState": "active"}
    failed = _event(20, minor=76)
    door = _event(21)
    door["AccessControllerEvent"]["majorEventType"] = 3  # type: ignore[index]
    # when
    answers = [bridge.send(request("POST", "/isapi/events/HIK0001", json.dumps(doc).encode(),
                                   headers={"Content-Type": "application/json"})).status
               for doc in (heartbeat, failed, door)]
    # then
    assert answers == [200, 200, 200]
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(0,)]
    assert bridge.health()["counters"]["non_punch_events"] == 2


def test_a_gap_in_serial_numbers_is_counted(bridge):
    # when serialNo jumps from 30 to 34
    for number in (30, 34):
        bridge.send(request("POST", "/isapi/events/HIK0001", json.dumps(_event(number, pin=str(number))).encode(),
                            headers={"Content-Type": "application/json"}))
    # then three events were lost on the way
    assert bridge.health()["counters"]["serial_gaps"] == 3


def test_attendance_status_is_case_insensitive_and_undefined_is_unknown(bridge, backend):
    # when
    for number, status in ((40, "breakOut"), (41, "OVERTIMEIN"), (42, "undefined")):
        bridge.send(request("POST", "/isapi/events/HIK0001",
                            json.dumps(_event(number, pin=str(number), status=status)).encode(),
                            headers={"Content-Type": "application/json"}))
    # then
    backend.wait_for(3)
    assert sorted(e["direction"] for e in backend.events.values()) == ["BREAK_OUT", "OVERTIME_IN", "UNKNOWN"]


def test_local_time_without_offset_uses_the_configured_zone(bridge, backend):
    # when
    bridge.send(request("POST", "/isapi/events/HIK0001", json.dumps(_event(50, when="2026-03-02T08:01:02")).encode(),
                        headers={"Content-Type": "application/json"}))
    # then
    backend.wait_for(1)
    event = next(iter(backend.events.values()))
    assert (event["occurredAt"], event["tzSource"], event["flags"]) == \
        ("2026-03-02T08:01:02+08:00", "configured_zone", [])


def test_unknown_terminal_is_refused(bridge):
    # given an unknown MAC and no serial in the URL
    document = _event(60)
    document["macAddress"] = "11:22:33:44:55:66"
    # when
    response = bridge.send(request("POST", "/isapi/events", json.dumps(document).encode(),
                                   headers={"Content-Type": "application/json"}))
    # then
    assert response.status == 403
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(0,)]


def test_unreadable_body_is_acknowledged_and_counted(bridge):
    # when
    response = bridge.send(request("POST", "/isapi/events/HIK0001", b"<xml>not json</xml>",
                                   headers={"Content-Type": "application/xml"}))
    # then
    assert response.status == 200
    assert bridge.health()["counters"]["isapi_unreadable"] == 1
