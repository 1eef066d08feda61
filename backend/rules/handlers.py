"""The rules engine's rows for backend.event_handlers.HANDLERS: every catalogue trigger's event type
runs the rule firing handler. Built at import, after the catalogue registered its triggers."""
from __future__ import annotations

from collections.abc import Awaitable, Callable

from backend.access.actor import Actor
from backend.core.events import RecordedEvent
from backend.rules import firing
from backend.rules.catalogue import TRIGGERS

# The same shape as backend.event_handlers.Handler (that module sits above this one in the layers).
Handler = Callable[[Actor, RecordedEvent], Awaitable[None]]

RULE_HANDLERS: dict[str, list[Handler]] = {trigger.event_type: [firing.handle_event] for trigger in TRIGGERS.values()}
