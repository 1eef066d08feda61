"""Browser tests: a real `seen serve` on a free loopback port with demo data, driven by Debian's Chromium.

The PWA must be built first (`npm --prefix pwa ci && npm --prefix pwa run build`); the server serves
pwa/dist. Never downloads a browser: /usr/bin/chromium or the tests skip (fail under CI=true).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.e2e_support import CHROMIUM, CHROMIUM_ARGS, PHONE, PWA_DIST, REPO_ROOT, graphql, sign_in


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (apt-get install chromium); e2e tests need Debian's Chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"seen serve exited with {proc.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as res:
                if res.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url}/healthz not 200 within {timeout}s:\n{log.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="session")
def live_env() -> Iterator[dict[str, str]]:
    """The environment of the served app: run `seen` commands against the same database with it."""
    with tempfile.TemporaryDirectory(prefix="seen-e2e-") as tmp:
        base_url = f"http://127.0.0.1:{_free_port()}"
        yield {**os.environ, "SEEN_DATA_DIR": tmp, "SEEN_PWA_DIST": str(PWA_DIST), "SEEN_ENV": "test",
               "SEEN_PUBLIC_URL": base_url, "SEEN_SCORE_DEBOUNCE_SECONDS": "1"}


@pytest.fixture(scope="session")
def live_server(live_env: dict[str, str]) -> Iterator[str]:
    _require_chromium()
    if not (PWA_DIST / "index.html").exists():
        pytest.fail(f"{PWA_DIST} is not built: run `npm --prefix pwa ci && npm --prefix pwa run build`")
    seen = Path(sys.executable).parent / "seen"
    env, tmp = live_env, live_env["SEEN_DATA_DIR"]  # the data directory lives as long as the session
    base_url = env["SEEN_PUBLIC_URL"]
    port = int(base_url.rsplit(":", 1)[1])
    for step in (["migrate"], ["seed"]):
        done = subprocess.run([str(seen), *step], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            pytest.fail(f"seen {' '.join(step)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    log = Path(tmp) / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(seen), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            _wait_healthy(base_url, proc, log)
            yield base_url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_driver: Any) -> Iterator[Any]:
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_phone(browser: Any, live_server: str) -> Iterator[Any]:
    """Factory for fresh phone-sized contexts (separate cookies and storage), closed after the test."""
    contexts: list[Any] = []

    def make(**kwargs: Any) -> Any:
        options = {"viewport": PHONE, "base_url": live_server, "locale": "en-US", "timezone_id": "Asia/Shanghai", **kwargs}
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_phone: Any) -> Any:
    return new_phone()


@pytest.fixture
def api() -> Any:
    return graphql


@pytest.fixture
def login() -> Any:
    return sign_in
