"""The pure decision: does this rule fire for this event, and whom does it reward? No I/O;
firing.py and preview.py wrap it with the database."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from backend.core.events import RecordedEvent
from backend.rules import awards as award_specs
from backend.rules import conditions
from backend.rules.awards import AwardSpec
from backend.rules.catalogue import Trigger
from backend.rules.models import Rule


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule as the engine sees it. `active` is the caller's filter: previews decide for
    inactive rules too."""

    id: UUID
    name: str
    trigger: str
    conditions: dict[str, Any] | None
    awards: AwardSpec
    active: bool = True

    @classmethod
    def of(cls, rule: Rule) -> RuleSpec:
        return cls(id=rule.id, name=rule.name, trigger=rule.trigger, conditions=rule.conditions,
                   awards=award_specs.from_json(rule.awards), active=rule.active)


@dataclass(frozen=True, slots=True)
class Decision:
    rule_id: UUID
    event_id: UUID
    recipient_id: UUID
    awards: AwardSpec


def decide(rule: RuleSpec, event: RecordedEvent, trigger: Trigger) -> Decision | None:
    """A decision when the rule's trigger is this event's, the payload names a recipient and the
    conditions hold; None otherwise."""
    if rule.trigger != trigger.key or event.type != trigger.event_type:
        return None
    recipient = _uuid(event.payload.get(trigger.recipient_field))
    if recipient is None or not conditions.matches(rule.conditions, event.payload):
        return None
    return Decision(rule_id=rule.id, event_id=event.id, recipient_id=recipient, awards=rule.awards)


def _uuid(value: Any) -> UUID | None:
    if isinstance(value, UUID):
        return value
    if not isinstance(value, str):
        return None
    try:
        return UUID(value)
    except ValueError:
        return None
