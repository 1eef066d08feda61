"""Helpers for the rules tests: badges, recorded trigger events and wallet balances."""
from __future__ import annotations

import uuid
from typing import Any

from backend.access.actor import Actor
from backend.achievements import badges
from backend.achievements.models import Badge
from backend.core import db, outbox
from backend.core.events import DomainEvent, RecordedEvent
from backend.points.models import AccountKind, PointsAccount
from backend.recognition.events import FeedbackGiven, KudosGiven
from backend.rules import service
from backend.rules.models import Rule
from tests.factories.org import Person

VALUE_PRAISE = {"all": [{"field": "kind", "op": "eq", "value": "praise"},
                        {"field": "value_code", "op": "ne", "value": ""}]}


async def make_badge(system: Actor, code: str = "team-player", *, monthly_cap: int | None = None) -> Badge:
    return await badges.create_badge(system, code=code, name_en="Team player", name_zh="团队之星",
                                     criteria_en="Helps others.", criteria_zh="乐于助人。", icon="🤝",
                                     monthly_cap=monthly_cap)


async def make_rule(actor: Actor, *, trigger: str = "kudos_received", conditions: dict[str, Any] | None = None,
                    awards: dict[str, Any] | None = None, active: bool = True, name: str = "Kudos bonus") -> Rule:
    return await service.create_rule(actor, name=name, trigger=trigger, conditions=conditions,
                                     awards=awards or {"points": 20}, active=active)


async def record_event(system: Actor, event: DomainEvent) -> RecordedEvent:
    """Records the event the way a use case does (in its transaction) and returns it as handed to handlers."""
    async with db.transaction():
        row = await outbox.emit(system, event)
    assert row is not None
    return outbox.recorded(row)


def kudos(giver: Person, receiver: Person, *, points: int = 10, value_code: str | None = None) -> KudosGiven:
    return KudosGiven(kudos_id=str(uuid.uuid4()), giver_id=str(giver.employee.id),
                      receiver_id=str(receiver.employee.id), points=points, value_code=value_code)


def feedback(giver: Person, receiver: Person, *, kind: str = "praise", value_code: str | None = "care") -> FeedbackGiven:
    return FeedbackGiven(feedback_id=str(uuid.uuid4()), giver_id=str(giver.employee.id),
                         receiver_id=str(receiver.employee.id), kind=kind, value_code=value_code, dimension=None,
                         is_public=True)


async def wallet(actor: Actor, employee_id: uuid.UUID) -> int:
    account = await PointsAccount.of(actor).get_or_none(kind=AccountKind.WALLET, owner_key=str(employee_id))
    return 0 if account is None else account.balance
