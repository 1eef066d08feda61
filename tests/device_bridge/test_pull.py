"""ZKTeco pull through pyzk in a thread, against a fake terminal speaking the frame format."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.device_bridge.fake_zk import CMD_CONNECT, CMD_EXIT, CMD_FREE_DATA, CMD_GET_FREE_SIZES, CMD_READ_BUFFER, \
    FakeTerminal

pytest.importorskip("zk", reason="pyzk is the optional bridge-pull extra")

HARMLESS = {CMD_CONNECT, CMD_EXIT, CMD_GET_FREE_SIZES, CMD_READ_BUFFER, CMD_FREE_DATA}


def _device(terminal: FakeTerminal) -> dict[str, object]:
    return {"serial": "ZKPULL1", "vendor": "zkteco", "time_zone": "Asia/Shanghai", "protocol": "pull",
            "address": f"127.0.0.1:{terminal.port}", "poll_interval_seconds": 1}


def test_pulled_log_is_relayed_once_even_when_re_read(start_bridge, backend):
    # given an old terminal holding three punches (pyzk: status = verify method, punch = in/out)
    terminal = FakeTerminal([("17", datetime(2026, 3, 2, 8, 0, 5), 1, 0),
                             ("18", datetime(2026, 3, 2, 8, 1, 0), 15, 1),
                             ("19", datetime(2026, 3, 2, 8, 2, 0), 4, 255)])
    try:
        # when the bridge polls it twice
        bridge = start_bridge(devices=[_device(terminal)])
        backend.wait_for(3)
        bridge.wait(lambda: terminal.commands.count(CMD_CONNECT) >= 2, timeout=10, what="a second poll")
        bridge.wait(lambda: terminal.commands.count(CMD_EXIT) >= 2, timeout=10, what="the second poll to finish")
    finally:
        terminal.stop()
    # then the punches arrive once, mapped the right way round, in the terminal's zone
    events = {e["employeePin"]: e for e in backend.events.values()}
    assert sorted(events) == ["17", "18", "19"] and set(backend.created.values()) == {1}
    assert (events["17"]["protocol"], events["17"]["direction"], events["17"]["verifyMode"]) == ("pull", "IN", "1")
    assert (events["18"]["direction"], events["18"]["verifyMode"]) == ("OUT", "15")
    assert events["19"]["direction"] == "UNKNOWN"
    assert events["17"]["occurredAt"] == "2026-03-02T08:00:05+08:00"
    # and only harmless commands ever reached the terminal
    assert set(terminal.commands) <= HARMLESS


def test_an_offline_pull_terminal_is_retried_without_stopping_the_bridge(start_bridge, backend, bridge_logs):
    # given a pull terminal that is not there
    terminal = FakeTerminal([])
    terminal.stop()
    # when
    bridge = start_bridge(devices=[_device(terminal)])
    bridge.wait(lambda: "pull from ZKPULL1" in bridge_logs.text, timeout=15, what="a logged pull failure")
    # then the bridge still serves
    assert bridge.health()["status"] in ("ok", "degraded")
