"""The relay against a mock backend on loopback that fails, throttles, refuses poison batches,
drops connections after storing and restarts: nothing lost, nothing duplicated, order kept."""
from __future__ import annotations

import threading
import time

from device_bridge import cli
from tests.device_bridge.support import request


def _punches(first: int, count: int, *, day: str = "2026-03-02", status: int = 0) -> bytes:
    return b"".join(f"{first + i}\t{day} 08:{i // 60:02d}:{i % 60:02d}\t{status}\t1\n".encode() for i in range(count))


def _push(bridge, body: bytes, serial: str = "ZK0001") -> str:
    return bridge.send(request("POST", f"/iclock/cdata?SN={serial}&table=ATTLOG", body)).text


def test_backend_down_at_first_then_everything_arrives(bridge, backend):
    # given the backend is unreachable
    port = backend.port
    backend.stop()
    # when punches arrive meanwhile
    assert _push(bridge, _punches(1, 5)) == "OK:5"
    bridge.wait(lambda: bridge.health()["relay"]["lastError"] is not None, what="a relay error")
    health = bridge.health()
    # then they wait in the outbox, and health says why
    assert health["outbox"]["pending"] + health["outbox"]["sending"] == 5 and health["status"] == "degraded"
    assert health["oldestPendingAgeSeconds"] is not None
    # and arrive once the backend is back
    backend.port = port
    backend.start()
    backend.wait_for(5)
    bridge.wait(lambda: bridge.health()["outbox"]["delivered"] == 5, what="delivered")
    assert all(n == 1 for n in backend.created.values())


def test_throttling_honours_retry_after(bridge, backend):
    # given the backend throttles the first request
    backend.script.answers.append((429, {"Retry-After": "1"}, b""))
    # when
    _push(bridge, _punches(1, 3))
    backend.wait_for(3)
    # then the next attempt waited at least Retry-After
    attempts = [r for r in backend.log if r.event_ids]
    assert [r.status for r in attempts[:2]] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.95


def test_server_errors_back_off_and_retry(bridge, backend):
    # given three failures in a row
    backend.script.answers.extend([(500, {}, b"boom"), (502, {}, b""), (503, {}, b"")])
    # when
    _push(bridge, _punches(1, 4))
    # then
    backend.wait_for(4)
    assert [r.status for r in backend.log if r.event_ids][:4] == [500, 502, 503, 200]
    bridge.wait(lambda: bridge.health()["relay"]["consecutiveFailures"] == 0, what="recovery")


def test_a_poison_event_is_isolated_by_bisection_parked_and_redriven(bridge, backend, tmp_path):
    # given a batch of ten in which one punch makes the backend refuse the whole batch
    backend.script.poison_pins = {"6"}
    # when
    _push(bridge, _punches(1, 10))
    # then the other nine are delivered and the poison one parked
    backend.wait_for(9)
    bridge.wait(lambda: bridge.health()["parked"] == 1, what="a parked event")
    assert "6" not in backend.pins()
    health = bridge.health()
    assert health["status"] == "degraded" and health["outbox"]["delivered"] == 9
    assert bridge.sql("SELECT last_code FROM events WHERE state = 'parked'") == [("HTTP_400",)]
    # when the cause is fixed and the operator re-drives it
    backend.script.poison_pins = set()
    assert cli.main(["--config", str(tmp_path / "seen-bridge.yaml"), "redrive", "--all"]) == 0
    # then it is delivered, once
    backend.wait_for(10)
    assert sorted(backend.created.values()) == [1] * 10


def test_graphql_errors_without_data_are_bisected_too(bridge, backend, tmp_path, capsys):
    # given
    backend.script.graphql_poison_pins = {"3"}
    # when
    _push(bridge, _punches(1, 4))
    # then
    backend.wait_for(3)
    bridge.wait(lambda: bridge.health()["parked"] == 1, what="a parked event")
    config = str(tmp_path / "seen-bridge.yaml")
    cli.main(["--config", config, "parked"])
    listed = capsys.readouterr().out
    assert '"code": "BAD_EVENT"' in listed and '"employeePin": "3"' in listed
    # when the operator re-drives that one event by id (an unknown id changes nothing)
    backend.script.graphql_poison_pins = set()
    parked_id = bridge.sql("SELECT event_id FROM events WHERE state = 'parked'")[0][0]
    assert cli.main(["--config", config, "redrive", "--event-id", "f" * 64]) == 1
    assert cli.main(["--config", config, "redrive", "--event-id", parked_id]) == 0
    # then
    backend.wait_for(4)
    assert parked_id in backend.events


def test_per_event_rejections_park_or_retry(bridge, backend):
    # given one punch rejected for good and one rejected for now
    backend.script.rejected = {"1": ("UNKNOWN_DEVICE", False), "2": ("BUSY", True)}
    # when
    _push(bridge, _punches(1, 3))
    backend.wait_for(1)
    bridge.wait(lambda: bridge.health()["parked"] == 1, what="a parked event")
    # and the temporary cause goes away
    backend.script.rejected = {"1": ("UNKNOWN_DEVICE", False)}
    # then the retryable one arrives, the other stays parked with its code
    backend.wait_for(2)
    assert backend.pins() == ["2", "3"]
    assert bridge.sql("SELECT last_code FROM events WHERE state = 'parked'") == [("UNKNOWN_DEVICE",)]


def test_refused_credentials_pause_and_alert_without_dropping(start_bridge, backend, tmp_path):
    # given a bridge with a key id the backend does not know
    bridge = start_bridge(key_id="k-unknown")
    _push(bridge, _punches(1, 3))
    # when the backend answers 401
    bridge.wait(lambda: bridge.health()["relay"]["paused"], what="a pause")
    response = bridge.send(request("GET", "/healthz"))
    # then health alerts and everything is kept
    assert response.status == 503 and b'"status": "paused"' in response.body
    assert bridge.sql("SELECT COUNT(*) FROM events WHERE state != 'delivered'") == [(3,)]
    # when the operator fixes the key and restarts
    bridge.stop()
    fixed = start_bridge()
    # then everything arrives
    backend.wait_for(3)
    fixed.wait(lambda: fixed.health()["status"] == "ok", what="healthy")


def test_backend_auth_refusal_then_acceptance_resumes(bridge, backend):
    # given the backend refuses for a while
    backend.script.refuse_auth = True
    _push(bridge, _punches(1, 2))
    bridge.wait(lambda: bridge.health()["relay"]["paused"], what="a pause")
    # when it accepts again
    backend.script.refuse_auth = False
    # then
    backend.wait_for(2)
    bridge.wait(lambda: not bridge.health()["relay"]["paused"], what="resume")


def test_backend_crash_after_commit_is_healed_by_idempotency(bridge, backend):
    # given the backend stores the batch and dies before answering
    backend.script.drop_after_store = 1
    # when
    _push(bridge, _punches(1, 5))
    # then the bridge re-sends, the backend says DUPLICATE, and each punch exists once
    backend.wait_for(5)
    bridge.wait(lambda: bridge.health()["outbox"]["delivered"] == 5, what="delivered")
    assert sorted(backend.created.values()) == [1] * 5
    assert sum(1 for r in backend.log if r.event_ids) >= 2


def test_backend_restarts_during_uploads_lose_and_duplicate_nothing(start_bridge, backend):
    # given small batches and a terminal uploading steadily
    bridge = start_bridge(relay={"batch_size": 7})
    backend.script.delay = 0.01

    def terminal() -> None:
        for chunk in range(10):
            assert _push(bridge, _punches(chunk * 30, 30)) == "OK:30"
            time.sleep(0.02)

    uploader = threading.Thread(target=terminal)
    uploader.start()
    # when the backend restarts twice mid-stream
    for _ in range(2):
        time.sleep(0.1)
        backend.restart(down_for=0.2)
    uploader.join()
    # then
    backend.wait_for(300, timeout=20)
    bridge.wait(lambda: bridge.health()["outbox"]["delivered"] == 300, what="all delivered")
    assert len(backend.events) == 300 and set(backend.created.values()) == {1}


def test_batches_are_ordered_by_the_outbox_sequence(start_bridge, backend):
    # given batches of five
    bridge = start_bridge(relay={"batch_size": 5})
    body = _punches(100, 23)
    # when
    _push(bridge, body)
    backend.wait_for(23)
    # then the backend saw them in arrival order, in batches of at most five
    sent = [r.event_ids for r in backend.log if r.status == 200 and r.event_ids]
    order = [backend.events[i]["employeePin"] for batch in sent for i in batch]
    assert order == [str(100 + i) for i in range(23)]
    assert max(len(b) for b in sent) == 5


def test_synced_through_stops_below_an_undelivered_event(bridge, backend):
    # given punches at 08:00:00..08:00:04 (Shanghai) where the one at 08:00:02 is parked
    backend.script.rejected = {"12": ("UNMAPPED", False)}
    _push(bridge, _punches(10, 5))
    backend.wait_for(4)
    bridge.wait(lambda: bridge.health()["parked"] == 1, what="a parked event")
    # when the bridge reports the device
    bridge.wait(lambda: any(d.get("syncedThrough") == "2026-03-02T00:00:01+00:00"
                            for r in backend.log for d in r.devices), what="a device report")
    # then synced-through is the newest time with nothing undelivered before it
    device = next(d for d in bridge.health()["devices"] if d["serial"] == "ZK0001")
    assert device["syncedThrough"] == "2026-03-02T00:00:01+00:00"
    # and once the event is accepted it moves to the newest punch
    backend.script.rejected = {}
    bridge.call(_redrive(bridge))
    bridge.wait(lambda: any(d.get("syncedThrough") == "2026-03-02T00:00:04+00:00"
                            for r in backend.log for d in r.devices), what="a later device report")


async def _redrive(bridge) -> int:
    from device_bridge import outbox

    return await bridge.service.db.run(outbox.redrive)


def test_a_wrong_secret_under_a_valid_key_id_is_refused(start_bridge, backend, tmp_path):
    # given the right key id but another secret (the mock really checks the signature)
    other = tmp_path / "other.secret"
    other.write_bytes(b"not-the-registered-secret-at-all")
    other.chmod(0o600)
    bridge = start_bridge(secret_file="other.secret")
    # when
    _push(bridge, _punches(1, 1))
    # then
    bridge.wait(lambda: bridge.health()["relay"]["paused"], what="a pause")
    assert backend.events == {} and {r.status for r in backend.log} == {401}
