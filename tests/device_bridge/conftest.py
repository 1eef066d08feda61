"""Fixtures for bridge tests: a mock backend on loopback, a config in a temp directory, and the real
bridge service running in-process, with every log line it writes collected."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.device_bridge.mock_backend import MockBackend
from tests.device_bridge.support import KEY_ID, SECRET, InProcessBridge, LogCollector, write_config


@pytest.fixture
def backend() -> Iterator[MockBackend]:
    server = MockBackend({KEY_ID: SECRET, "k0-old": b"an-older-rotated-out-key-0000000"})
    yield server
    server.stop()


@pytest.fixture
def bridge_logs() -> Iterator[LogCollector]:
    collector = LogCollector()
    logger = logging.getLogger("device_bridge")
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(collector)
    yield collector
    logger.removeHandler(collector)
    logger.setLevel(previous)


@pytest.fixture
def start_bridge(tmp_path: Path, backend: MockBackend, bridge_logs: LogCollector
                 ) -> Iterator[Callable[..., InProcessBridge]]:
    running: list[InProcessBridge] = []

    def start(**overrides: Any) -> InProcessBridge:
        config = write_config(tmp_path, overrides.pop("backend_url", backend.url), **overrides)
        bridge = InProcessBridge(config)
        running.append(bridge)
        return bridge

    yield start
    for bridge in running:
        bridge.stop()


@pytest.fixture
def bridge(start_bridge: Callable[..., InProcessBridge]) -> InProcessBridge:
    return start_bridge()
