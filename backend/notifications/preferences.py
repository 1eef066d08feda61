"""A person's delivery preferences: push and chat on or off, kinds muted (inbox only) and quiet hours.
The inbox always receives everything; these only decide what reaches the phone, and when."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, time
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.core import clock, db
from backend.core.errors import Forbidden, ValidationFailed
from backend.notifications.models import NotificationPreference


# Every kind a person may mute. A kind added elsewhere must be added here to become mutable.
KINDS: tuple[str, ...] = (
    "kudos_received", "feedback_received", "badge_received", "rule_award",
    "redemption_requested", "redemption_fulfilled", "redemption_declined",
)


@dataclass(frozen=True, slots=True)
class Preferences:
    """Quiet bounds are local wall-clock times in the organisation's time zone (naive)."""

    push_enabled: bool = True
    chat_enabled: bool = True
    muted_kinds: tuple[str, ...] = ()
    quiet_start: time | None = None
    quiet_end: time | None = None

    def allows(self, kind: str) -> bool:
        return kind not in self.muted_kinds


async def get_my_preferences(actor: Actor) -> Preferences:
    """The signed-in person's preferences, or the defaults until they save some."""
    return await preferences_of(actor, _own(actor))


async def preferences_of(actor: Actor, employee_id: UUID) -> Preferences:
    """No permission check: for delivery, which acts for the organisation."""
    row = await NotificationPreference.of(actor).get_or_none(employee_id=employee_id)
    if row is None:
        return Preferences()
    return Preferences(push_enabled=row.push_enabled, chat_enabled=row.chat_enabled,
                       muted_kinds=tuple(row.muted_kinds or ()), quiet_start=_local(row.quiet_start),
                       quiet_end=_local(row.quiet_end))


async def update_my_preferences(
    actor: Actor, *, push_enabled: bool, chat_enabled: bool, muted_kinds: list[str],
    quiet_start: time | None, quiet_end: time | None,
) -> Preferences:
    """Saves the whole set for the signed-in person. Raises ValidationFailed for an unknown kind
    (mutedKinds), half a quiet window or an empty one (quietStart / quietEnd); Forbidden for a kiosk."""
    me = _own(actor)
    unknown = [k for k in muted_kinds if k not in KINDS]
    if unknown:
        raise ValidationFailed(f"Unknown notification kind: {unknown[0]}.", field="mutedKinds")
    if (quiet_start is None) != (quiet_end is None):
        raise ValidationFailed("Give both the start and the end of quiet hours, or neither.",
                               field="quietEnd" if quiet_end is None else "quietStart")
    start, end = _local(quiet_start), _local(quiet_end)
    if start is not None and start == end:
        raise ValidationFailed("Quiet hours must end at a different time than they start.", field="quietEnd")
    saved = Preferences(push_enabled=push_enabled, chat_enabled=chat_enabled,
                        muted_kinds=tuple(k for k in KINDS if k in muted_kinds), quiet_start=start, quiet_end=end)
    await _save(actor, me, saved)
    return saved


async def _save(actor: Actor, employee_id: UUID, prefs: Preferences) -> None:
    # The ORM labels times with its default zone (UTC) and warns about naive ones; the label is
    # ignored on reading (see _local): these stay the organisation's wall-clock times.
    values: dict[str, Any] = {
        "push_enabled": prefs.push_enabled, "chat_enabled": prefs.chat_enabled, "muted_kinds": list(prefs.muted_kinds),
        "quiet_start": _labelled(prefs.quiet_start), "quiet_end": _labelled(prefs.quiet_end),
    }
    async with db.transaction():
        mine = NotificationPreference.of(actor).filter(employee_id=employee_id)
        if await mine.update(**values, updated_at=clock.now()):
            return
        try:
            async with db.transaction():  # a savepoint: a concurrent first save wins the unique row
                await NotificationPreference.create_for(actor, employee_id=employee_id, **values)
        except IntegrityError:
            await mine.update(**values, updated_at=clock.now())


def _local(value: time | None) -> time | None:
    return None if value is None else value.replace(tzinfo=None, second=0, microsecond=0)


def _labelled(value: time | None) -> time | None:
    return None if value is None else value.replace(tzinfo=UTC)


def _own(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people have notification preferences.")
    return actor.employee_id
