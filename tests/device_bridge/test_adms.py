"""ZKTeco ADMS endpoints driven with raw HTTP bytes over a socket to the running bridge."""
from __future__ import annotations

import gzip
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.device_bridge.support import request


def _offset_option(zone: str) -> str:
    offset = datetime.now(UTC).astimezone(ZoneInfo(zone)).utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    return str(minutes // 60) if minutes % 60 == 0 else str(minutes)


def test_initialisation_answers_options_for_http10_without_host(bridge):
    # given an old terminal: HTTP/1.0, no Host header, asks for gzip
    raw = request("GET", "/iclock/cdata?SN=ZK0001&options=all&pushver=2.4.1&language=83", version="HTTP/1.0",
                  host=False, headers={"Accept-Encoding": "gzip"})
    # when
    response = bridge.send(raw)
    # then plain text, uncompressed, with a length and the GMT date the terminal sets its clock from
    lines = response.text.split("\n")
    assert response.status == 200
    assert lines[0] == "GET OPTION FROM: ZK0001"
    assert "TransFlag=TransData AttLog\tOpLog" in lines
    assert "1111000000" not in response.text
    assert {"Realtime=1", "Encrypt=0", "TimeZone=8"} <= set(lines)
    assert "content-encoding" not in response.headers
    assert int(response.headers["content-length"]) == len(response.body)
    assert response.headers["date"].endswith("GMT")


def test_initialisation_time_zone_is_the_offset_now_dst_aware(bridge):
    # when terminals in New York (DST) and India (half-hour zone) initialise
    new_york = bridge.send(request("GET", "/iclock/cdata?SN=ZKNY01&options=all")).text
    india = bridge.send(request("GET", "/iclock/cdata?SN=ZKIN01&options=all")).text
    # then whole hours as hours, half hours as minutes, at this instant's DST state
    assert f"TimeZone={_offset_option('America/New_York')}" in new_york.split("\n")
    assert "TimeZone=330" in india.split("\n")


def test_initialisation_returns_the_last_upload_stamp(bridge):
    # given an upload carrying a stamp
    bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG&Stamp=4242",
                        b"1\t2026-03-02 08:00:00\t0\t1\n"))
    # when
    text = bridge.send(request("GET", "/iclock/cdata?SN=ZK0001&options=all")).text
    # then
    assert "ATTLOGStamp=4242" in text.split("\n")


def test_attlog_upload_tolerates_quirks_and_quarantines_malformed_lines(bridge, backend):
    # given CRLF endings, blank lines, trailing TABs, a short old-firmware line, an auto-mode 255,
    # a form content type on a raw body, and three malformed lines
    body = (b"101\t2026-03-02 08:01:02\t0\t1\t0\t0\t0\t\t\r\n"
            b"\r\n"
            b"102\t2026-03-02 08:03:00\r\n"
            b"103\t2026-03-02 08:04:00\t255\t15\t\t\t\r\n"
            b"not a punch at all\r\n"
            b"104\t2026-13-45 99:00:00\t0\t1\r\n"
            b"105\t2026-03-02 08:05:00\tX\t1\r\n")
    raw = request("POST", "/iclock/cdata.aspx?sn=ZK0001&TABLE=attlog&Stamp=1", body,
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    # when
    response = bridge.send(raw)
    # then all six non-blank lines are acknowledged (committed or quarantined) and three punches relayed
    assert (response.status, response.text) == (200, "OK:6")
    backend.wait_for(3)
    events = {e["employeePin"]: e for e in backend.events.values()}
    assert sorted(events) == ["101", "102", "103"]
    assert events["101"]["direction"] == "IN" and events["101"]["occurredAt"] == "2026-03-02T08:01:02+08:00"
    assert events["102"]["direction"] == "UNKNOWN" and events["102"]["verifyMode"] == ""
    assert events["103"]["direction"] == "UNKNOWN" and events["103"]["verifyMode"] == "15"
    assert bridge.sql("SELECT COUNT(*) FROM quarantine") == [(3,)]
    assert bridge.health()["counters"]["quarantined"] == 3


def test_ack_comes_after_commit(bridge):
    # when a punch is acknowledged
    response = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", b"7\t2026-03-02 09:00:00\t1\t1\n"))
    # then a separate connection to the file already sees it
    assert response.text == "OK:1"
    assert bridge.sql("SELECT COUNT(*) FROM events WHERE json_extract(payload, '$.employeePin') = '7'") == [(1,)]


def test_replayed_upload_has_the_same_ids_and_no_duplicates(bridge, backend):
    # given a delivered upload
    body = b"201\t2026-03-02 08:00:00\t0\t1\n202\t2026-03-02 08:00:05\t0\t1\n"
    bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", body))
    backend.wait_for(2)
    ids = set(backend.events)
    # when the terminal re-sends it twice (no ack seen, forced re-upload)
    first = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", body))
    second = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", body))
    # then acknowledged again, nothing new stored or sent
    assert first.text == second.text == "OK:2"
    assert set(backend.events) == ids and all(n == 1 for n in backend.created.values())
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(2,)]
    sent = [i for r in backend.log for i in r.event_ids]
    assert sorted(sent) == sorted(ids)


def test_same_person_second_with_another_status_is_a_counted_conflict(bridge, backend):
    # given a check-in
    bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", b"301\t2026-03-02 08:00:00\t0\t1\n"))
    # when the same person, device and second arrives as a check-out
    response = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", b"301\t2026-03-02 08:00:00\t1\t1\n"))
    # then the first is kept and the conflict counted
    assert response.text == "OK:1"
    backend.wait_for(1)
    assert [e["direction"] for e in backend.events.values()] == ["IN"]
    assert bridge.health()["counters"]["conflicts"] == 1


def test_gzip_encoded_and_chunked_request_bodies_are_read(bridge, backend):
    # given a gzip-compressed body and a chunked body, LF-only line endings in the request head
    compressed = gzip.compress(b"401\t2026-03-02 08:00:00\t0\t1\n")
    gz = request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", compressed, headers={"Content-Encoding": "gzip"},
                 eol=b"\n")
    payload = b"402\t2026-03-02 08:00:01\t0\t1\n"
    chunked = request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", length=False,
                      headers={"Transfer-Encoding": "chunked"}) + b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
    # when
    answers = [bridge.send(gz).text, bridge.send(chunked).text]
    # then
    assert answers == ["OK:1", "OK:1"]
    backend.wait_for(2)
    assert backend.pins() == ["401", "402"]


def test_http10_body_without_length_ends_at_eof(bridge, backend):
    # given old firmware: HTTP/1.0, no Content-Length, the body ends when it closes its side
    raw = request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", version="HTTP/1.0", host=False,
                  length=False) + b"501\t2026-03-02 08:00:00\t0\t1\n"
    # when
    response = bridge.send(raw)
    # then
    assert (response.version, response.text) == ("HTTP/1.0", "OK:1")


def test_keep_alive_serves_several_requests_on_one_connection(bridge):
    # given two pipelined requests on one HTTP/1.1 connection
    raw = request("GET", "/iclock/ping?SN=ZK0001") + request("GET", "/iclock/getrequest?SN=ZK0001")
    # when
    import socket

    with socket.create_connection(("127.0.0.1", bridge.port), timeout=5) as sock:
        sock.sendall(raw)
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    # then both are answered
    assert data.count(b"HTTP/1.1 200 OK") == 2


def test_huge_bodies_get_413(start_bridge):
    # given a 2 KiB limit
    bridge = start_bridge(max_body_bytes=2048)
    big = b"1\t2026-03-02 08:00:00\t0\t1\n" * 200
    # when declared, chunked and HTTP/1.0 to-EOF bodies exceed it
    declared = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", big))
    chunked = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", length=False,
                                  headers={"Transfer-Encoding": "chunked"})
                          + b"%x\r\n%s\r\n0\r\n\r\n" % (len(big), big))
    to_eof = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", version="HTTP/1.0",
                                 length=False) + big)
    bomb = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", gzip.compress(big * 10),
                               headers={"Content-Encoding": "gzip"}))
    # then
    assert [r.status for r in (declared, chunked, to_eof, bomb)] == [413, 413, 413, 413]
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(0,)]


def test_unknown_serial_is_refused_and_shown_in_health(bridge):
    # when an unconfigured terminal pushes
    response = bridge.send(request("POST", "/iclock/cdata?SN=ROGUE1&table=ATTLOG", b"1\t2026-03-02 08:00:00\t0\t1\n"))
    # then
    assert response.status == 403
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(0,)]
    assert [d["serial"] for d in bridge.health()["unknownDevices"]] == ["ROGUE1"]


def test_unknown_serial_accepted_when_configured_uses_default_zone(start_bridge, backend):
    # given accept_unknown_devices
    bridge = start_bridge(accept_unknown_devices=True, default_time_zone="Europe/Berlin")
    # when
    response = bridge.send(request("POST", "/iclock/cdata?SN=NEW1&table=ATTLOG", b"1\t2026-07-01 08:00:00\t0\t1\n"))
    # then
    assert response.text == "OK:1"
    backend.wait_for(1)
    event = next(iter(backend.events.values()))
    assert (event["occurredAt"], event["tz"], event["tzSource"]) == ("2026-07-01T08:00:00+02:00", "Europe/Berlin",
                                                                     "default_zone")


def test_requests_from_outside_allowed_subnets_get_403_but_local_health_works(start_bridge):
    # given only 10.0.0.0/8 may talk to the bridge
    bridge = start_bridge(allowed_subnets=["10.0.0.0/8"])
    # when loopback (not in the list) pushes, and asks for health
    push = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", b"1\t2026-03-02 08:00:00\t0\t1\n"))
    health = bridge.send(request("GET", "/healthz"))
    # then
    assert push.status == 403
    assert health.status == 200
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(0,)]


def test_nearly_full_disk_answers_503_and_keeps_nothing(start_bridge):
    # given a free-space floor no disk meets
    bridge = start_bridge(min_free_disk_bytes=10**18)
    # when
    response = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", b"1\t2026-03-02 08:00:00\t0\t1\n"))
    # then the terminal keeps the record and retries later
    assert response.status == 503
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(0,)]
    assert bridge.send(request("GET", "/healthz")).status == 503


def test_out_of_scope_variants_are_404_with_a_log_line(bridge, bridge_logs):
    # when
    statuses = [bridge.send(request("POST", f"/iclock/{p}?SN=ZK0001", b"x")).status
                for p in ("exchange", "registry", "rtlog")]
    # then
    assert statuses == [404, 404, 404]
    assert "/iclock/rtlog is not supported" in bridge_logs.text


def test_photos_and_fdata_are_acknowledged_and_discarded(bridge):
    # given photo uploads (never asked for, sent anyway)
    photo = b"PIN=1\nSN=ZK0001\nsize=9\nCMD=uploadphoto\n\xff\xd8\xffPHOTO-BYTES"
    # when
    answers = [bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTPHOTO", photo)).text,
               bridge.send(request("POST", "/iclock/fdata?SN=ZK0001&table=ATTPHOTO", photo)).text]
    # then
    assert answers == ["OK", "OK"]
    assert b"PHOTO-BYTES" not in bridge.db_path.read_bytes()
    assert bridge.sql("SELECT COUNT(*) FROM events") == [(0,)]


def test_options_table_is_kept_as_metadata(bridge):
    # when
    bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=options",
                        b"~DeviceName=K40,MAC=00:17:61:aa:bb:cc,TransactionCount=12"))
    # then
    device = next(d for d in bridge.health()["devices"] if d["serial"] == "ZK0001")
    assert device["options"]["DeviceName"] == "K40" and device["options"]["TransactionCount"] == "12"


def test_malformed_request_line_gets_400(bridge):
    # when
    response = bridge.send(b"\x16\x03\x01 garbage\r\n\r\n")
    # then
    assert response.status == 400
