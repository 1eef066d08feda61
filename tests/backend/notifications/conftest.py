"""Fixtures for delivery tests: the loopback push service, and the delivery handler in the table."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from backend import event_handlers
from backend.notifications import delivery
from backend.notifications.events import NotificationCreated
from tests.backend.notifications.support import ChatRobot
from tests.support.push_service import PushService


@pytest.fixture
def push_service() -> Iterator[PushService]:
    service = PushService()
    service.start()
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture
def chat_robot() -> Iterator[ChatRobot]:
    robot = ChatRobot()
    robot.start()
    try:
        yield robot
    finally:
        robot.stop()


@pytest.fixture(autouse=True)
def delivery_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    # The table row backend/event_handlers.py carries (set here too, so these tests do not depend on it).
    monkeypatch.setitem(event_handlers.HANDLERS, NotificationCreated.type, [delivery.on_notification_created])
