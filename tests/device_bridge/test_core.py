"""The bridge's pure parts: signing against the shared vectors, config validation, time zones and
DST, event identity, ADMS parsing."""
from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from device_bridge import signing
from device_bridge.config import ConfigError, DirectionPolicy, load
from device_bridge.events import Flag, TzSource, event_id
from device_bridge.timezones import adms_timezone_option, localize
from device_bridge.zkteco import PunchContext, parse_attlog, parse_devicecmd, triage_operlog
from tests.device_bridge.support import SECRET, write_config

VECTORS = json.loads((Path(__file__).parent / "vectors.json").read_text(encoding="utf-8"))["vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_signing_reproduces_the_shared_vectors(vector):
    # given
    body = base64.b64decode(vector["body_base64"])
    # when
    text = signing.string_to_sign(vector["method"], vector["path_with_query"], vector["timestamp"],
                                  vector["nonce"], body)
    value = signing.signature(vector["secret"].encode(), vector["method"], vector["path_with_query"],
                              vector["timestamp"], vector["nonce"], body)
    # then
    assert text.decode() == vector["string_to_sign"]
    assert value == vector["signature"]


def test_signed_headers_carry_all_five_fields():
    # when
    headers = signing.signed_headers(bridge_id="b", key_id="k", secret=b"x" * 16, method="POST",
                                     path_with_query="/graphql", body=b"{}", now=1772409600, nonce="n")
    # then
    assert headers["X-Bridge-Timestamp"] == "1772409600" and headers["X-Bridge-Nonce"] == "n"
    assert headers["X-Bridge-Signature"] == signing.signature(b"x" * 16, "POST", "/graphql", "1772409600", "n", b"{}")
    assert set(headers) == {"X-Bridge-Id", "X-Bridge-Key-Id", "X-Bridge-Timestamp", "X-Bridge-Nonce",
                            "X-Bridge-Signature"}


def test_config_loads_devices_and_reads_the_secret_only_from_its_file(tmp_path):
    # given
    path = write_config(tmp_path, "https://seen.example.com/")
    # when
    config = load(path)
    # then
    assert config.backend_url == "https://seen.example.com"
    assert config.device("ZKNY01").time_zone == ZoneInfo("America/New_York")
    assert config.device("ZK0001").direction == DirectionPolicy.DEVICE
    assert config.read_secret() == SECRET
    assert SECRET.decode() not in repr(config)


def test_config_reports_every_problem_with_its_location(tmp_path):
    # given
    write_config(tmp_path, "http://x")
    (tmp_path / "world.secret").write_text("short")
    (tmp_path / "world.secret").chmod(0o644)
    document = {
        "bridge_id": "", "backend_url": "ftp://x", "key_id": "k", "secret_file": "world.secret", "listen": "nope",
        "allowed_subnets": ["10.0.0.0/8", "not-a-net"], "relay": {"batch_size": 500},
        "devices": [{"serial": "A", "vendor": "acme", "time_zone": "Asia/Shangai"},
                    {"serial": "B", "vendor": "zkteco", "time_zone": "UTC", "direction": "sideways"},
                    {"serial": "B", "vendor": "zkteco", "time_zone": "UTC"},
                    {"serial": "C", "vendor": "hikvision", "time_zone": "UTC", "protocol": "pull"}],
    }
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(document))
    # when
    with pytest.raises(ConfigError) as caught:
        load(path)
    # then
    problems = "\n".join(caught.value.problems)
    for expected in ("bridge_id: required", "backend_url: must start with https://", "listen: expected host:port",
                     "allowed_subnets[1]: not a network", "relay.batch_size: must be an integer >= 1 and <= 100",
                     "devices[0].vendor", "devices[0].time_zone: unknown IANA time zone 'Asia/Shangai'",
                     "devices[1].direction", "devices[2].serial: 'B' is listed twice",
                     "devices[3].protocol: pull is only for zkteco", "fewer than 16 bytes", "world-readable"):
        assert expected in problems
    assert "short" not in str(caught.value)


def test_missing_secret_file_is_a_clear_error(tmp_path):
    # given
    path = write_config(tmp_path, "http://x", secret_file="missing.secret")
    # when / then
    with pytest.raises(ConfigError, match="secret_file: cannot read"):
        load(path)


@pytest.mark.parametrize(("zone", "local", "expected", "flags"), [
    ("Asia/Shanghai", "2026-03-02 08:00:00", "2026-03-02T08:00:00+08:00", ()),
    # New York falls back at 02:00 on 2026-11-01: 01:30 happens twice, take the first (EDT)
    ("America/New_York", "2026-11-01 01:30:00", "2026-11-01T01:30:00-04:00", (Flag.TZ_AMBIGUOUS,)),
    # ... and springs forward at 02:00 on 2026-03-08: 02:30 never happens
    ("America/New_York", "2026-03-08 02:30:00", "2026-03-08T02:30:00-05:00", (Flag.TZ_NONEXISTENT,)),
    ("Europe/Berlin", "2026-10-25 02:30:00", "2026-10-25T02:30:00+02:00", (Flag.TZ_AMBIGUOUS,)),
])
def test_wall_clock_is_interpreted_with_dst_flags(zone, local, expected, flags):
    # when
    resolved = localize(datetime.strptime(local, "%Y-%m-%d %H:%M:%S"), ZoneInfo(zone))
    # then
    assert resolved.occurred_at.isoformat() == expected
    assert resolved.flags == flags


@pytest.mark.parametrize(("zone", "when", "expected"), [
    ("America/New_York", "2026-01-15T12:00:00+00:00", "-5"), ("America/New_York", "2026-07-15T12:00:00+00:00", "-4"),
    ("Asia/Kolkata", "2026-07-15T12:00:00+00:00", "330"), ("Asia/Shanghai", "2026-07-15T12:00:00+00:00", "8"),
    ("America/St_Johns", "2026-01-15T12:00:00+00:00", "-210"), ("Asia/Kathmandu", "2026-01-15T12:00:00+00:00", "345"),
])
def test_adms_timezone_option_is_the_offset_at_that_instant(zone, when, expected):
    assert adms_timezone_option(ZoneInfo(zone), datetime.fromisoformat(when)) == expected


def _ctx(received: str = "2026-03-02T01:00:00+00:00") -> PunchContext:
    return PunchContext("ZK0001", ZoneInfo("Asia/Shanghai"), TzSource.CONFIGURED_ZONE, DirectionPolicy.DEVICE,
                        datetime.fromisoformat(received), 300.0)


def test_a_punch_from_the_future_is_flagged_not_rewritten():
    # when a punch arrives stamped an hour after it was received
    result = parse_attlog("1\t2026-03-02 10:00:00\t0\t1\n", _ctx("2026-03-02T01:00:00+00:00"))
    # then
    event = result.events[0]
    assert event.occurred_at == "2026-03-02T10:00:00+08:00"
    assert Flag.CLOCK_SKEW_SUSPECT in event.flags


def test_event_id_is_the_documented_hash_and_ignores_status():
    # given the same punch sent as check-in and, later, with another status
    first = parse_attlog("0042\t2026-03-02 08:00:00\t0\t1\n", _ctx()).events[0]
    second = parse_attlog("0042\t2026-03-02 08:00:00\t1\t1\t\t\t\n", _ctx()).events[0]
    # then the PIN is kept verbatim and the ids match the formula
    assert first.employee_pin == "0042"
    assert first.event_id == second.event_id == event_id("zkteco", "ZK0001", "0042", "2026-03-02 08:00:00")
    import hashlib

    assert first.event_id == hashlib.sha256(b"v1|zkteco|ZK0001|0042|2026-03-02 08:00:00").hexdigest()


def test_verify_codes_are_kept_raw_and_ambiguous_ones_flagged():
    # when
    body = "1\t2026-03-02 08:00:00\t0\t0\n2\t2026-03-02 08:00:00\t0\t2\n3\t2026-03-02 08:00:00\t0\t25\n"
    events = parse_attlog(body, _ctx()).events
    # then
    assert [e.verify_mode for e in events] == ["0", "2", "25"]
    assert [Flag.VERIFY_AMBIGUOUS in e.flags for e in events] == [True, True, False]


def test_direction_policy_overrides_the_status():
    # given an entrance-only terminal
    ctx = PunchContext("ZK0001", ZoneInfo("UTC"), TzSource.CONFIGURED_ZONE, DirectionPolicy.IN,
                       datetime.now(UTC), 300.0)
    # when
    event = parse_attlog("1\t2026-03-02 08:00:00\t1\t1\n", ctx).events[0]
    # then
    assert event.direction.value == "IN" and event.status_code == "1"


def test_operlog_triage_reads_only_the_first_word():
    # given
    body = "OPLOG 6\t0\t2026-03-02 08:00:00\t0\t0\t0\t0\nfp PIN=1\tTMP=AAA\nUSERPIC PIN=1\nERRORLOG x\n"
    # when
    triage = triage_operlog(body)
    # then
    assert (len(triage.oplog), triage.biometric, triage.users, triage.other) == (1, 2, 0, 1)


def test_devicecmd_results_parse_case_insensitively():
    # when
    results = parse_devicecmd("ID=12&Return=0&CMD=INFO\r\nid=13&return=-1002&cmd=DATA\r\nnonsense\n")
    # then
    assert results == [(12, "0", "INFO"), (13, "-1002", "DATA")]


def test_gap_fill_is_due_only_after_the_local_time_and_only_for_adms_terminals(tmp_path):
    # given terminals in Shanghai (UTC+8) and New York (UTC-5 in January), a pull and a Hikvision one
    from datetime import time

    from device_bridge.gapfill import due

    path = write_config(tmp_path, "http://x", devices=[
        {"serial": "SH", "vendor": "zkteco", "time_zone": "Asia/Shanghai"},
        {"serial": "NY", "vendor": "zkteco", "time_zone": "America/New_York"},
        {"serial": "PULL", "vendor": "zkteco", "time_zone": "UTC", "protocol": "pull", "address": "10.0.0.9:4370"},
        {"serial": "HIK", "vendor": "hikvision", "time_zone": "UTC"}])
    devices = load(path).devices
    # when it is 02:30 on the 16th in Shanghai (not yet 03:00) and 13:30 on the 15th in New York
    early = due(devices, datetime.fromisoformat("2026-01-15T18:30:00+00:00"), time(3, 0))
    # and an hour later
    later = due(devices, datetime.fromisoformat("2026-01-15T19:30:00+00:00"), time(3, 0))
    # then each ADMS terminal is asked for its own yesterday once its own 03:00 has passed
    assert [(s, c.text) for s, c in early] == [
        ("NY", "DATA QUERY ATTLOG StartTime=2026-01-14 00:00:00\tEndTime=2026-01-14 23:59:59")]
    assert [(s, c.text) for s, c in later] == [
        ("SH", "DATA QUERY ATTLOG StartTime=2026-01-15 00:00:00\tEndTime=2026-01-15 23:59:59"),
        ("NY", "DATA QUERY ATTLOG StartTime=2026-01-14 00:00:00\tEndTime=2026-01-14 23:59:59"),
    ]


def test_unquoted_yaml_time_is_read_as_the_time_it_looks_like(tmp_path):
    # given `gap_fill_daily_at: 3:00` unquoted, which YAML 1.1 reads as the integer 180
    path = write_config(tmp_path, "http://x")
    path.write_text(path.read_text().replace("gap_fill_daily_at: null", "gap_fill_daily_at: 3:00"))
    # when / then
    from datetime import time

    assert load(path).gap_fill_daily_at == time(3, 0)
