"""A stand-in for Seen's ingestClockEvents on loopback, implementing exactly the bridge contract:
HMAC verified from first principles (not through device_bridge.signing), ±300 s window, nonce
replay refused, two key ids; idempotent on eventId. Tests script it to fail, throttle, refuse
poison batches, drop connections after storing, and restart on the same port."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Script:
    """What the next requests get: a queue of canned answers, then normal processing."""
    answers: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    drop_after_store: int = 0  # store the batch, then close without answering (a crash after commit)
    poison_pins: set[str] = field(default_factory=set)  # a batch holding one of these -> 400
    graphql_poison_pins: set[str] = field(default_factory=set)  # -> 200 {"errors": ...} without data
    rejected: dict[str, tuple[str, bool]] = field(default_factory=dict)  # pin -> (code, retryable)
    refuse_auth: bool = False
    delay: float = 0.0


@dataclass
class Received:
    at: float
    status: int
    event_ids: list[str]
    devices: list[dict[str, Any]]


class MockBackend:
    def __init__(self, keys: dict[str, bytes], port: int = 0) -> None:
        self.keys = keys
        self.script = Script()
        self.events: dict[str, dict[str, Any]] = {}
        self.created: dict[str, int] = {}
        self.log: list[Received] = []
        self.nonces: dict[str, float] = {}
        self.lock = threading.RLock()
        self.port = port
        self.server: ThreadingHTTPServer | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        backend = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                backend.handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def restart(self, down_for: float = 0.0) -> None:
        self.stop()
        time.sleep(down_for)
        self.start()

    # --- the contract -------------------------------------------------------------------------
    def verify(self, handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        h = handler.headers
        secret = self.keys.get(h.get("X-Bridge-Key-Id", ""))
        timestamp, nonce = h.get("X-Bridge-Timestamp", ""), h.get("X-Bridge-Nonce", "")
        if secret is None or not h.get("X-Bridge-Id") or not timestamp.isdigit() or not nonce:
            return False
        if abs(time.time() - int(timestamp)) > 300:
            return False
        message = "v1\n" + handler.command.upper() + "\n" + handler.path + "\n" + timestamp + "\n" + nonce + "\n" \
            + hashlib.sha256(body).hexdigest()
        expected = "v1=" + hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, h.get("X-Bridge-Signature", "")):
            return False
        with self.lock:
            now = time.time()
            self.nonces = {n: t for n, t in self.nonces.items() if now - t < 600}
            if nonce in self.nonces:
                return False
            self.nonces[nonce] = now
        return True

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", "0")))
        document = json.loads(body)
        batch = document["variables"]["input"]["events"]
        devices = document["variables"]["input"]["devices"]
        ids = [e["eventId"] for e in batch]
        if self.script.delay:
            time.sleep(self.script.delay)
        if handler.path != "/graphql" or not self.verify(handler, body) or self.script.refuse_auth:
            return self.answer(handler, 401, {}, b'{"error":"unauthenticated"}', ids, devices)
        with self.lock:
            if self.script.answers and batch:
                status, headers, content = self.script.answers.pop(0)
                return self.answer(handler, status, headers, content, ids, devices)
        pins = {e["employeePin"] for e in batch}
        if pins & self.script.poison_pins:
            return self.answer(handler, 400, {}, b'{"errors":[{"message":"bad input"}]}', ids, devices)
        if pins & self.script.graphql_poison_pins:
            refused = {"data": None, "errors": [{"message": "bad", "extensions": {"code": "BAD_EVENT"}}]}
            return self.answer(handler, 200, {}, json.dumps(refused).encode(), ids, devices)
        results = [self.ingest(event) for event in batch]
        with self.lock:
            if self.script.drop_after_store and batch:
                self.script.drop_after_store -= 1
                self.log.append(Received(time.time(), 0, ids, devices))
                handler.close_connection = True
                handler.connection.close()  # committed, but the bridge never hears back
                return None
        content = json.dumps({"data": {"ingestClockEvents": {"results": results}}}).encode()
        return self.answer(handler, 200, {}, content, ids, devices)

    def ingest(self, event: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            rejected = self.script.rejected.get(event["employeePin"])
            if rejected:
                return {"eventId": event["eventId"], "status": "REJECTED", "code": rejected[0],
                        "retryable": rejected[1]}
            if event["eventId"] in self.events:
                return {"eventId": event["eventId"], "status": "DUPLICATE", "code": None, "retryable": False}
            self.events[event["eventId"]] = event
            self.created[event["eventId"]] = self.created.get(event["eventId"], 0) + 1
            return {"eventId": event["eventId"], "status": "CREATED", "code": None, "retryable": False}

    def answer(self, handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], content: bytes,
               ids: list[str], devices: list[dict[str, Any]]) -> None:
        with self.lock:
            self.log.append(Received(time.time(), status, ids, devices))
        handler.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        handler.wfile.write(content)

    # --- assertions helpers --------------------------------------------------------------------
    def wait_for(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if len(self.events) >= count:
                    return
            time.sleep(0.02)
        raise AssertionError(f"backend holds {len(self.events)} events, expected {count}")

    def pins(self) -> list[str]:
        with self.lock:
            return sorted(e["employeePin"] for e in self.events.values())
