"""Reading feedback: the receiver, the giver and HR see a feedback; nobody else (coaching is private,
and public praise is read from the wall instead)."""
from __future__ import annotations

from uuid import UUID

from tortoise.expressions import Q

from backend.access.actor import Actor
from backend.access.permissions import Permission
from backend.core.errors import Forbidden
from backend.core.pagination import Page, paginate
from backend.recognition.models import Feedback


async def list_my_feedback(actor: Actor, *, first: int = 20, after: str | None = None, given: bool = False) -> Page[Feedback]:
    """The signed-in person's feedback received (or given), newest first."""
    if actor.employee_id is None:
        raise Forbidden("Only people receive feedback.")
    query = Feedback.of(actor).filter(**({"giver_id": actor.employee_id} if given else {"receiver_id": actor.employee_id}))
    return await paginate(query, first=first, after=after, key="created_at", descending=True)


async def feedback_by_ids(actor: Actor, ids: list[UUID]) -> list[Feedback | None]:
    query = Feedback.of(actor).filter(id__in=ids)
    if Permission.RECOGNITION_GIVE_ANYONE not in actor.permissions:
        query = query.filter(Q(giver_id=actor.employee_id) | Q(receiver_id=actor.employee_id))
    found = {f.id: f for f in await query}
    return [found.get(i) for i in ids]
