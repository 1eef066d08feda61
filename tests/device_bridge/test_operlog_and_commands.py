"""OPERLOG triage (biometric lines counted, never stored or logged), heartbeats and the command
allow-list, over raw sockets to the running bridge."""
from __future__ import annotations

import base64
import logging

import pytest

from device_bridge import cli
from device_bridge.commands import DeviceCommand, ForbiddenCommand
from tests.device_bridge.support import request

TEMPLATE = b"\x00BIOMETRIC-TEMPLATE-" + bytes(range(256)) * 4
TEMPLATE_B64 = base64.b64encode(TEMPLATE)
MARKERS = [TEMPLATE_B64[:48], TEMPLATE_B64[-48:], b"BIOMETRIC-TEMPLATE", b"Passwd=98765", b"98765"]


def _all_bridge_bytes(bridge) -> bytes:
    return b"".join(p.read_bytes() for p in bridge.config.data_dir.iterdir() if p.is_file())


def test_operlog_biometric_lines_are_counted_and_never_reach_disk_or_logs(bridge, bridge_logs, caplog):
    # given an OPERLOG upload mixing audit lines, a user's device password and templates of every kind
    caplog.set_level(logging.DEBUG)
    body = b"\r\n".join([
        b"OPLOG 4\t0\t2026-03-02 08:00:00\t0\t0\t0\t0",
        b"USER PIN=7\tName=Li Na\tPri=0\tPasswd=98765\tCard=0\tGrp=1",
        b"FP PIN=7\tFID=6\tSize=1024\tValid=1\tTMP=" + TEMPLATE_B64,
        b"FACE PIN=7\tFID=0\tSIZE=1024\tVALID=1\tTMP=" + TEMPLATE_B64,
        b"FVEIN Pin=7\tFID=1\tIndex=0\tValid=1\tSize=1024\tTmp=" + TEMPLATE_B64,
        b"BIODATA Pin=7\tNo=0\tIndex=0\tValid=1\tDuress=0\tType=9\tMajorVer=5\tTmp=" + TEMPLATE_B64,
        b"USERPIC PIN=7\tFileName=7.jpg\tSize=1024\tContent=" + TEMPLATE_B64,
        b"BIOPHOTO PIN=7\tFileName=7.jpg\tType=9\tSize=1024\tContent=" + TEMPLATE_B64,
        b"",
    ])
    # when
    response = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=OPERLOG&Stamp=77", body))
    # then all eight lines are acknowledged, six biometric ones counted, the audit line kept
    assert (response.status, response.text) == (200, "OK:8")
    counters = bridge.health()["counters"]
    assert (counters["biometric_dropped"], counters["user_lines_dropped"], counters["oplog_lines"]) == (6, 1, 1)
    assert bridge.sql("SELECT line FROM oplog") == [("OPLOG 4\t0\t2026-03-02 08:00:00\t0\t0\t0\t0",)]
    # and nothing of the templates or the password is in any file of the bridge or any log line
    stored = _all_bridge_bytes(bridge)
    logged = (bridge_logs.text + caplog.text).encode()
    for marker in MARKERS:
        assert marker not in stored
        assert marker not in logged
    assert b"OPLOG 4" in stored  # the search itself works on these files


def test_biometric_lines_sent_as_attlog_are_dropped_not_quarantined(bridge, bridge_logs):
    # given a confused terminal sending a template and a user record to the ATTLOG table
    body = b"FP PIN=7\tFID=6\tTMP=" + TEMPLATE_B64 + b"\nUSER PIN=7\tPasswd=98765\n8\t2026-03-02 08:00:00\t0\t1\n"
    # when
    response = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=ATTLOG", body))
    # then the punch is kept, the other two lines are counted and dropped unstored
    assert response.text == "OK:3"
    assert bridge.sql("SELECT COUNT(*) FROM quarantine") == [(0,)]
    assert bridge.health()["counters"]["dropped_lines"] == 2
    stored = _all_bridge_bytes(bridge)
    for marker in MARKERS:
        assert marker not in stored
        assert marker not in bridge_logs.text.encode()


def test_biodata_table_upload_is_acknowledged_and_discarded(bridge):
    # when
    body = b"BIODATA Pin=7\tTmp=" + TEMPLATE_B64
    response = bridge.send(request("POST", "/iclock/cdata?SN=ZK0001&table=BIODATA", body))
    # then
    assert response.text == "OK"
    assert TEMPLATE_B64[:48] not in _all_bridge_bytes(bridge)


def test_heartbeat_without_commands_answers_ok_and_records_last_seen(bridge):
    # when
    response = bridge.send(request("GET", "/iclock/getrequest?SN=ZK0001&INFO=Ver%206.60,3,0,120,192.168.1.9"))
    # then
    assert (response.status, response.text) == (200, "OK")
    device = next(d for d in bridge.health()["devices"] if d["serial"] == "ZK0001")
    assert device["lastSeen"] is not None and device["options"]["INFO"].startswith("Ver 6.60")


def test_queued_command_goes_out_once_and_its_result_is_recorded(bridge, tmp_path):
    # given an operator queues INFO through the CLI
    assert cli.main(["--config", str(tmp_path / "seen-bridge.yaml"), "command", "--device", "ZK0001", "info"]) == 0
    # when the terminal polls twice and reports the result
    first = bridge.send(request("GET", "/iclock/getrequest?SN=ZK0001")).text
    second = bridge.send(request("GET", "/iclock/getrequest?SN=ZK0001")).text
    result = bridge.send(request("POST", "/iclock/devicecmd?SN=ZK0001", b"ID=1&Return=0&CMD=INFO\n"))
    # then
    assert (first, second, result.text) == ("C:1:INFO\n", "OK", "OK")
    assert bridge.sql("SELECT state, return_code FROM commands") == [("done", "0")]


def test_gap_filling_query_is_a_wire_command_with_a_time_range(bridge, tmp_path):
    # given
    argv = ["--config", str(tmp_path / "seen-bridge.yaml"), "command", "--device", "ZK0001", "query-attlog",
            "--start", "2026-03-01T00:00:00", "--end", "2026-03-01T23:59:59"]
    assert cli.main(argv) == 0
    # when
    text = bridge.send(request("GET", "/iclock/getrequest?SN=ZK0001")).text
    # then
    assert text == "C:1:DATA QUERY ATTLOG StartTime=2026-03-01 00:00:00\tEndTime=2026-03-01 23:59:59\n"


@pytest.mark.parametrize("text", ["REBOOT", "CLEAR LOG", "CLEAR DATA", "DATA DELETE USERINFO PIN=1", "SHELL rm -rf /",
                                  "ENROLL_FP PIN=1", "UPGRADE", "INFO\nC:2:CLEAR DATA", "info", "CHECK ",
                                  "DATA UPDATE USERINFO PIN=1", "SET OPTION Delay=1"])
def test_commands_off_the_allow_list_cannot_be_made(text):
    # when / then
    with pytest.raises(ForbiddenCommand):
        DeviceCommand(text)


def test_cli_refuses_commands_off_the_allow_list(bridge, tmp_path):
    # when / then argparse refuses before anything is queued
    with pytest.raises(SystemExit):
        cli.main(["--config", str(tmp_path / "seen-bridge.yaml"), "command", "--device", "ZK0001", "reboot"])
    assert bridge.sql("SELECT COUNT(*) FROM commands") == [(0,)]


def test_a_forbidden_command_written_into_the_file_is_refused_not_sent(bridge):
    # given something bypassed the API and wrote a row directly
    import sqlite3

    conn = sqlite3.connect(bridge.db_path)
    conn.execute("INSERT INTO commands (device_sn, command, created_at) VALUES ('ZK0001', 'CLEAR DATA', 0)")
    conn.commit()
    conn.close()
    # when the terminal polls
    text = bridge.send(request("GET", "/iclock/getrequest?SN=ZK0001")).text
    # then
    assert text == "OK"
    assert bridge.sql("SELECT state FROM commands") == [("refused",)]


def test_nightly_gap_fill_asks_each_adms_terminal_for_yesterday_once(start_bridge):
    # given gap filling at local midnight (so it is due now for every terminal)
    bridge = start_bridge(gap_fill_daily_at="00:00")
    bridge.wait(lambda: bridge.sql("SELECT COUNT(*) FROM commands") == [(3,)], what="three gap-fill commands")
    # when the Shanghai terminal polls
    text = bridge.send(request("GET", "/iclock/getrequest?SN=ZK0001")).text
    # then it is asked to re-upload yesterday (its own calendar), and a restart does not ask again
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    yesterday = (datetime.now(ZoneInfo("Asia/Shanghai")) - timedelta(days=1)).date()
    assert text == f"C:1:DATA QUERY ATTLOG StartTime={yesterday} 00:00:00\tEndTime={yesterday} 23:59:59\n"
    bridge.stop()
    again = start_bridge(gap_fill_daily_at="00:00")
    again.wait(lambda: again.health()["status"] == "ok", what="started")
    assert again.sql("SELECT COUNT(*) FROM commands") == [(3,)]
