"""The suggestion box's 24-hour answer clock, run every 10 minutes by a cron: 20 hours after submission
the owner is reminded once; at 24 hours (the due time) the suggestion is escalated once to the owner's
manager (else the organisation's first owner-role person other than the owner), who is told, and the
owner too. "Once" is a conditional UPDATE on reminded_at / escalated_at: of two racing runs only the one
whose update matched notifies (and the notifications' dedupe keys would absorb a repeat anyway).
Messages name the suggestion's title, never its author."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import AccountState, UserAccount
from backend.access.permissions import Role
from backend.community.models import Suggestion, SuggestionStatus
from backend.core import clock, db
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus

REMIND_AFTER = timedelta(hours=20)
LINK = "/community/suggestions"


@dataclass(frozen=True, slots=True)
class Tick:
    reminded: int
    escalated: int


async def run(actor: Actor) -> Tick:
    """One pass for one organisation (system actor). Idempotent."""
    now = clock.now()
    reminded = escalated = 0
    due_reminders = await Suggestion.of(actor).filter(
        status=SuggestionStatus.RECEIVED, reminded_at=None, owner_id__not_isnull=True,
        created_at__lte=now - REMIND_AFTER)
    for s in due_reminders:
        if s.owner_id is None:
            continue
        async with db.transaction():
            if not await Suggestion.of(actor).filter(id=s.id, status=SuggestionStatus.RECEIVED,
                                                     reminded_at=None).update(reminded_at=now):
                continue
            left = max(0, int((s.due_at - now).total_seconds() // 3600))
            await notifications.notify(actor, recipient_id=s.owner_id, dedupe_key=f"suggestion:{s.id}:reminder",
                                       message=notifications.Message(
                                           kind="suggestion_reminder", link=f"{LINK}/{s.id}",
                                           title_en=f"{left} h left to answer a suggestion: {s.title}",
                                           title_zh=f"建议答复还剩 {left} 小时：{s.title}"))
            reminded += 1
    overdue = await Suggestion.of(actor).filter(status=SuggestionStatus.RECEIVED, escalated_at=None, due_at__lte=now)
    for s in overdue:
        target = await _escalation_target(actor, s.owner_id)
        async with db.transaction():
            if not await Suggestion.of(actor).filter(id=s.id, status=SuggestionStatus.RECEIVED,
                                                     escalated_at=None).update(escalated_at=now, escalated_to_id=target):
                continue
            message = notifications.Message(kind="suggestion_escalated", link=f"{LINK}/{s.id}",
                                            title_en=f"A suggestion was not answered within 24 h: {s.title}",
                                            title_zh=f"有建议超过 24 小时未答复：{s.title}")
            for recipient in dict.fromkeys(r for r in (target, s.owner_id) if r is not None):
                await notifications.notify(actor, recipient_id=recipient, message=message,
                                           dedupe_key=f"suggestion:{s.id}:escalated")
            escalated += 1
    return Tick(reminded=reminded, escalated=escalated)


async def _escalation_target(actor: Actor, owner_id: UUID | None) -> UUID | None:
    if owner_id is not None:
        owner = await Employee.of(actor).get_or_none(id=owner_id)
        if owner is not None and owner.manager_id is not None and await Employee.of(actor).filter(
                id=owner.manager_id, status=EmployeeStatus.ACTIVE).exists():
            return owner.manager_id
    owners = UserAccount.of(actor).filter(role=Role.OWNER, state=AccountState.ACTIVE)
    if owner_id is not None:
        owners = owners.exclude(employee_id=owner_id)
    found = await owners.order_by("created_at", "id").limit(1).values_list("employee_id", flat=True)
    return UUID(str(found[0])) if found else None
