"""Factories for learning sessions: scheduled through the real use case (by the company's HR admin)."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from backend.core import clock
from backend.growth import sessions
from backend.growth.models import LearningSession
from tests.factories.org import Company, Person

_numbers = itertools.count(1)


async def make_session(company: Company, *, trainer: Person | None = None, capacity: int = 20,
                       starts_at: datetime | None = None, hours: float = 4.0, **changes: Any) -> LearningSession:
    n = next(_numbers)
    start = starts_at or clock.now() + timedelta(days=7)
    draft = sessions.SessionDraft(
        title_en=changes.pop("title_en", f"Five-axis CNC basics {n}"), title_zh=changes.pop("title_zh", f"五轴数控基础 {n}"),
        starts_at=start, ends_at=start + timedelta(hours=4), capacity=capacity, hours=hours, location="Room 2",
        trainer_id=trainer.employee.id if trainer else None,
        attributes=changes.pop("attributes", {"category": "equipment", "provider": "Plant school"}), **changes)
    return await sessions.schedule_session(company.hr.actor, draft)
