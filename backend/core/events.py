"""Domain events: past-tense facts a use case records in the outbox inside its transaction."""
from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from typing import Any, ClassVar


@dataclasses.dataclass(frozen=True, slots=True)
class DomainEvent:
    """Subclasses set `type` ("domain.fact_happened") and carry only primitive-able fields."""

    type: ClassVar[str] = ""

    def payload(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as the outbox hands it to a handler: its id keys exactly-once side effects."""

    id: uuid.UUID
    type: str
    payload: dict[str, Any]
    occurred_at: datetime
