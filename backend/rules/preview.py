"""Rule previews: "who would this rule have rewarded?" by replaying the organisation's recorded
events through the same decide() that firing uses. Reads only; never awards anything."""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import outbox
from backend.core.errors import ValidationFailed
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus
from backend.rules.catalogue import TRIGGERS, Trigger
from backend.rules.engine import RuleSpec, decide
from backend.rules.models import Rule
from backend.rules.service import check_definition

MAX_WINDOW = timedelta(days=366)
UNSAVED = uuid.UUID(int=0)


@dataclass(frozen=True, slots=True)
class PreviewHit:
    recipient_id: UUID
    occurred_at: datetime
    event_id: UUID


@dataclass(frozen=True, slots=True)
class Preview:
    """Totals count every hit; badges ignore monthly caps (a cap is applied when firing)."""

    since: datetime
    until: datetime
    events_considered: int
    hits: list[PreviewHit]
    recipients: int
    points_total: int
    bonus_minor_total: int
    badges: int


async def preview_rule(actor: Actor, *, trigger: str, conditions: Mapping[str, Any] | None,
                       awards: Mapping[str, Any], since: datetime | None = None,
                       until: datetime | None = None) -> Preview:
    """Validates like create_rule (without a name) and replays [since, until), by default the
    previous calendar month in the organisation's time zone. Requires RULES_MANAGE. Raises
    Forbidden, ValidationFailed."""
    require(actor, Permission.RULES_MANAGE)
    definition = await check_definition(actor, trigger=trigger, conditions=conditions, awards=awards)
    rule = RuleSpec(id=UNSAVED, name="", trigger=definition.trigger.key, conditions=definition.conditions,
                    awards=definition.awards, active=False)
    return await _replay(actor, rule, definition.trigger, await _window(actor, since, until))


async def preview_saved_rule(actor: Actor, rule_id: UUID, *, since: datetime | None = None,
                             until: datetime | None = None) -> Preview:
    """The same for a saved rule, active or not. Requires RULES_MANAGE. Raises NotFound."""
    require(actor, Permission.RULES_MANAGE)
    row = await Rule.get_for(actor, rule_id, what="rule")
    trigger = TRIGGERS.get(row.trigger)
    if trigger is None:
        raise ValidationFailed("This rule's trigger is no longer offered.", field="trigger")
    return await _replay(actor, RuleSpec.of(row), trigger, await _window(actor, since, until))


async def _window(actor: Actor, since: datetime | None, until: datetime | None) -> tuple[datetime, datetime]:
    if since is None or until is None:
        default_since, default_until = await calendar.previous_month(actor)
        since, until = since or default_since, until or default_until
    for value, field in ((since, "since"), (until, "until")):
        if value.tzinfo is None:
            raise ValidationFailed("Give a time with a time zone.", field=field)
    if since >= until:
        raise ValidationFailed("The end must be after the start.", field="until")
    if until - since > MAX_WINDOW:
        raise ValidationFailed("Preview at most a year at a time.", field="since")
    # In UTC: SQLite compares stored times as text, so a +08:00 bound would cut the wrong instant.
    return since.astimezone(UTC), until.astimezone(UTC)


async def _active(actor: Actor, ids: set[UUID]) -> set[UUID]:
    """Who of these still works here (people who left are not rewarded)."""
    if not ids:
        return set()
    rows = await Employee.of(actor).filter(id__in=list(ids), status=EmployeeStatus.ACTIVE).values_list("id", flat=True)
    return {UUID(str(row)) for row in rows}


async def _replay(actor: Actor, rule: RuleSpec, trigger: Trigger, window: tuple[datetime, datetime]) -> Preview:
    since, until = window
    events = await outbox.history(actor, [trigger.event_type], since=since, until=until)
    decisions = [d for d in (decide(rule, event, trigger) for event in events) if d is not None]
    when = {event.id: event.occurred_at for event in events}
    present = await _active(actor, {d.recipient_id for d in decisions})
    hits = [PreviewHit(recipient_id=d.recipient_id, occurred_at=when[d.event_id], event_id=d.event_id)
            for d in decisions if d.recipient_id in present]
    award = rule.awards
    return Preview(
        since=since, until=until, events_considered=len(events), hits=hits,
        recipients=len({h.recipient_id for h in hits}), points_total=award.points * len(hits),
        bonus_minor_total=award.bonus_minor * len(hits), badges=len(hits) if award.badge_code else 0,
    )
