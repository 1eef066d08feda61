"""Pure-maths helpers for the requirement tests: a requirement spec and an evidence record in one line."""
from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from backend.growth.models import Aggregate, Comparator
from backend.growth.requirements import Evidence, RequirementSpec

TODAY = date(2026, 11, 20)


def spec(kind: str | None = "training", *, aggregate: Aggregate = Aggregate.COUNT, target: float = 3,
         comparator: Comparator = Comparator.GTE, field: str | None = None, window: int | None = None,
         conditions: dict[str, Any] | None = None) -> RequirementSpec:
    return RequirementSpec(id=uuid.uuid4(), position=0, kind=kind, conditions=conditions, aggregate=aggregate,
                           measure_field=field, window_days=window, comparator=comparator, target=target)


def record(kind: str = "training", *, on: date = date(2026, 6, 1), hours: float | None = None, title: str = "x",
           **attributes: Any) -> Evidence:
    return Evidence(id=uuid.uuid4(), kind=kind, title=title, occurred_on=on, quantity=hours, attributes=attributes)


EQUIPMENT = {"field": "category", "op": "eq", "value": "equipment"}
