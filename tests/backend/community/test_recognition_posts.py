"""Public praise becomes a RECOGNITION post (by the giver, mentioning the receiver), once per feedback
however often the event is delivered; coaching and private praise never reach the feed."""
from __future__ import annotations

import pytest

from backend import event_handlers
from backend.community import posts
from backend.community.models import Mention, Post, PostCategory
from backend.core import outbox
from backend.core.errors import Forbidden
from backend.core.models import OutboxEvent
from backend.recognition import feedback
from backend.recognition.models import FeedbackKind
from tests.factories.org import make_company


async def test_public_praise_becomes_one_recognition_post(db):
    # given
    c = await make_company()
    given = await feedback.give_feedback(c.manager.actor, receiver_id=c.employee.employee.id, kind=FeedbackKind.PRAISE,
                                         message="Fixed line 3 overnight 连夜修好了三号线", is_public=True)
    # when the event is handled twice (delivery is at least once)
    await event_handlers.drain()
    event = await OutboxEvent.get(type="recognition.feedback_given")
    for handler in event_handlers.HANDLERS["recognition.feedback_given"]:
        await handler(c.system, outbox.recorded(event))
    # then
    post = await Post.of(c.system).get(category=PostCategory.RECOGNITION)
    assert (post.author_id, post.body, post.source_ref) == (c.manager.employee.id, "Fixed line 3 overnight 连夜修好了三号线",
                                                            f"feedback:{given.id}")
    assert await Post.of(c.system).count() == 1
    assert list(await Mention.of(c.system).filter(post_id=post.id).values_list("employee_id", flat=True)) == [
        c.employee.employee.id]
    with pytest.raises(Forbidden):  # the praise stands as it was given
        await posts.edit_post(c.manager.actor, post.id, "changed")


async def test_coaching_and_private_praise_stay_out_of_the_feed(db):
    c = await make_company()
    await feedback.give_feedback(c.manager.actor, receiver_id=c.employee.employee.id, kind=FeedbackKind.COACHING,
                                 message="Check the torque next time", is_public=False)
    await feedback.give_feedback(c.manager.actor, receiver_id=c.employee.employee.id, kind=FeedbackKind.PRAISE,
                                 message="Quietly great", is_public=False)
    await event_handlers.drain()
    assert await Post.of(c.system).count() == 0
