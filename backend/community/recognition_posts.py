"""Recognition's public praise becomes a RECOGNITION post in the feed, written by the giver and
mentioning the receiver (who was already told by recognition, so no second note). An outbox handler
(at least once): Post.source_ref "feedback:<id>" is unique per organisation, so a redelivered event
makes no second post. Coaching and private feedback never reach the feed."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.community import live, mentions
from backend.community.models import Post, PostCategory
from backend.core import db
from backend.core.events import RecordedEvent
from backend.recognition.events import FeedbackGiven
from backend.recognition.models import Feedback, FeedbackKind


async def on_feedback_given(actor: Actor, event: RecordedEvent) -> None:
    payload = event.payload
    if payload.get("kind") != FeedbackKind.PRAISE.value or not payload.get("is_public"):
        return
    feedback = await Feedback.of(actor).get_or_none(id=UUID(payload["feedback_id"]))
    if feedback is not None:
        await post_for_feedback(actor, feedback)


async def post_for_feedback(actor: Actor, feedback: Feedback) -> None:
    """The recognition post of one public praise, made once (also used by the demo seed)."""
    if feedback.kind != FeedbackKind.PRAISE or not feedback.is_public:
        return
    try:
        async with db.transaction():
            post = await Post.create_for(actor, author_id=feedback.giver_id, category=PostCategory.RECOGNITION,
                                         body=feedback.message.strip()[:5000] or "👏", source_ref=f"feedback:{feedback.id}",
                                         created_at=feedback.created_at)
            await mentions.record(actor, post, [feedback.receiver_id], notify=False)
            live.publish_after_commit(actor, "post_created", post.id)
    except IntegrityError:
        return  # posted before (the source_ref is unique)


# Event type → handlers, merged into backend.event_handlers.
RECOGNITION_POST_HANDLERS: dict[str, list[Callable[[Actor, RecordedEvent], Awaitable[None]]]] = {
    FeedbackGiven.type: [on_feedback_given]}
