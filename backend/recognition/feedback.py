"""Instant feedback from a manager to a report: praise goes on the wall, coaching stays private."""
from __future__ import annotations

from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements import record
from backend.achievements.models import AchievementKind
from backend.core import clock, db, outbox, validation
from backend.core.errors import ValidationFailed
from backend.notifications import service as notifications
from backend.recognition import people
from backend.recognition.events import FeedbackGiven
from backend.recognition.models import CompanyValue, Feedback, FeedbackKind


async def give_feedback(
    actor: Actor, *, receiver_id: UUID, kind: FeedbackKind, message: str, value_id: UUID | None = None,
    dimension: str | None = None, is_public: bool = False, client_key: str | None = None,
) -> Feedback:
    """A manager (for anyone below them) or HR (for anyone) gives praise or coaching. Public praise
    goes on the receiver's wall as public, private praise as private; coaching is never public. A
    retry with the same `client_key` returns the first feedback and notifies nobody again.
    Requires RECOGNITION_GIVE. Emits recognition.feedback_given. Raises ValidationFailed,
    NotFound (unknown colleague or value), Forbidden (not their manager)."""
    require(actor, Permission.RECOGNITION_GIVE)
    giver = people.giver_id(actor)
    key = validation.client_key(client_key) if client_key is not None else None
    if key and (existing := await Feedback.of(actor).get_or_none(giver_id=giver, client_key=key)) is not None:
        return existing
    await people.require_in_charge(actor, receiver_id)
    receiver = await people.active_colleague(actor, receiver_id, field="receiverId")
    text = people.message_text(message, max_length=2000)
    if kind == FeedbackKind.COACHING and is_public:
        raise ValidationFailed("Coaching is always private.", field="isPublic")
    value = await people.checked_value(actor, value_id)
    if dimension is not None:
        dimension = people.message_text(dimension, max_length=80, field="dimension")
    try:
        async with db.transaction():
            feedback = await _record(actor, giver=giver, receiver=receiver.id, kind=kind, text=text, value=value,
                                     dimension=dimension, is_public=is_public, key=key)
    except IntegrityError:
        # the same client key raced in from a second request: the first one's feedback stands
        return await Feedback.of(actor).get(giver_id=giver, client_key=key)
    return feedback


async def _record(actor: Actor, *, giver: UUID, receiver: UUID, kind: FeedbackKind, text: str,
                  value: CompanyValue | None, dimension: str | None, is_public: bool, key: str | None) -> Feedback:
    feedback = await Feedback.create_for(
        actor, giver_id=giver, receiver_id=receiver, kind=kind, message=text, value=value,
        dimension=dimension, is_public=is_public, client_key=key, created_at=clock.now(),
    )
    link = f"/feedback?highlight={feedback.id}"
    if kind == FeedbackKind.PRAISE:
        achievement = await record.record(actor, record.Earned(
            employee_id=receiver, kind=AchievementKind.PRAISE, title_en=_title_en(value), title_zh=_title_zh(value),
            detail=text, source_type="feedback", source_id=feedback.id, given_by_id=giver, is_public=is_public,
            earned_at=feedback.created_at,
        ))
        link = f"/wall?highlight={achievement.id}"
    await notifications.notify(actor, recipient_id=receiver, dedupe_key=f"feedback:{feedback.id}",
                               message=_message(kind, feedback, link))
    await outbox.emit(actor, FeedbackGiven(
        feedback_id=str(feedback.id), giver_id=str(giver), receiver_id=str(receiver), kind=kind.value,
        value_code=value.code if value else None, dimension=dimension, is_public=is_public,
    ))
    return feedback


def _title_en(value: object | None) -> str:
    name = getattr(value, "name_en", None)
    return f"Praise: {name}" if name else "Praise from your manager"


def _title_zh(value: object | None) -> str:
    name = getattr(value, "name_zh", None)
    return f"表扬：{name}" if name else "来自主管的表扬"


def _message(kind: FeedbackKind, feedback: Feedback, link: str) -> notifications.Message:
    preview = feedback.message[:140]
    if kind == FeedbackKind.PRAISE:
        return notifications.Message(kind="feedback_received", title_en="You were praised", title_zh="你收到了表扬",
                                     body_en=preview, body_zh=preview, link=link)
    return notifications.Message(kind="feedback_received", title_en="New coaching feedback", title_zh="你收到了新的辅导反馈",
                                 body_en=preview, body_zh=preview, link=link)
