"""Comments: threaded one level (a reply to a reply joins the thread), counted on the post, edited
within 30 minutes, deleted by their author; the post's author and the @mentioned are told once."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.community import comments
from backend.community.models import Comment, Mention, Post, PostStatus
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.notifications.models import Notification
from backend.org.models import Employee, EmployeeStatus
from tests.factories.community import make_post
from tests.factories.org import make_company


async def test_a_reply_to_a_reply_joins_the_top_level_thread_and_counts(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    # when
    top = await comments.add_comment(c.peer.actor, post.id, " Count me in 算我一个 ")
    reply = await comments.add_comment(c.manager.actor, post.id, "Me too", parent_id=top.id)
    deeper = await comments.add_comment(c.employee.actor, post.id, "Great!", parent_id=reply.id)
    # then
    assert top.body == "Count me in 算我一个" and top.parent_id is None
    assert (reply.parent_id, deeper.parent_id) == (top.id, top.id)
    assert (await Post.of(c.system).get(id=post.id)).comment_count == 3


async def test_a_parent_from_another_post_is_unknown(db):
    c = await make_company()
    post, other = await make_post(c.employee.actor), await make_post(c.peer.actor)
    elsewhere = await comments.add_comment(c.peer.actor, other.id, "Hi")
    with pytest.raises(NotFound) as refused:
        await comments.add_comment(c.peer.actor, post.id, "Hi", parent_id=elsewhere.id)
    assert refused.value.field == "parentId" and await Comment.of(c.system).filter(post_id=post.id).count() == 0


async def test_deleting_a_comment_recounts_and_hides_its_thread(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    top = await comments.add_comment(c.peer.actor, post.id, "First")
    await comments.add_comment(c.manager.actor, post.id, "Reply", parent_id=top.id)
    await comments.add_comment(c.manager.actor, post.id, "Second")
    # when
    with pytest.raises(Forbidden):
        await comments.delete_comment(c.employee.actor, top.id)
    deleted = await comments.delete_comment(c.peer.actor, top.id)
    # then the reply went from view with its thread: one visible comment is left
    assert deleted.status == PostStatus.DELETED
    assert (await Post.of(c.system).get(id=post.id)).comment_count == 1


async def test_the_author_edits_a_comment_within_30_minutes(db):
    c = await make_company()
    post = await make_post(c.employee.actor)
    start = clock.now()
    with clock.frozen_at(start):
        comment = await comments.add_comment(c.peer.actor, post.id, "Teh hotpot")
    with clock.frozen_at(start + timedelta(minutes=10)):
        edited = await comments.edit_comment(c.peer.actor, comment.id, "The hotpot")
    with clock.frozen_at(start + timedelta(minutes=45)), pytest.raises(Conflict):
        await comments.edit_comment(c.peer.actor, comment.id, "Late")
    assert edited.body == "The hotpot" and edited.edited_at is not None


async def test_hidden_posts_take_no_comments(db):
    c = await make_company()
    post = await make_post(c.employee.actor, status=PostStatus.HIDDEN, hidden_reason="off topic")
    with pytest.raises(Forbidden):
        await comments.add_comment(c.employee.actor, post.id, "Hello?")
    assert await Comment.of(c.system).count() == 0


async def test_the_post_author_and_the_mentioned_are_told_once_each(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    # when the peer comments mentioning the manager (and the author, who hears once, as mentioned)
    comment = await comments.add_comment(c.peer.actor, post.id, "@Manager @Worker look",
                                         mention_ids=[c.manager.employee.id, c.employee.employee.id])
    await comments.add_comment(c.employee.actor, post.id, "Thanks!")  # the author's own comment tells nobody
    # then
    notes = await Notification.of(c.system).filter(kind__in=["community_mention", "community_comment"]) \
        .order_by("recipient_id").values_list("recipient_id", "kind")
    assert sorted(notes) == sorted([(c.manager.employee.id, "community_mention"),
                                    (c.employee.employee.id, "community_mention")])
    mentioned = await Mention.of(c.system).filter(comment_id=comment.id).values_list("employee_id", flat=True)
    assert sorted(mentioned) == sorted([c.manager.employee.id, c.employee.employee.id])


async def test_a_comment_tells_the_post_author(db):
    c = await make_company()
    post = await make_post(c.employee.actor)
    await comments.add_comment(c.peer.actor, post.id, "Nice photo")
    note = await Notification.of(c.system).get(kind="community_comment")
    assert note.recipient_id == c.employee.employee.id and "评论了你的动态" in note.title_zh


async def test_someone_who_left_cannot_be_mentioned(db):
    c = await make_company()
    post = await make_post(c.employee.actor)
    await Employee.of(c.system).filter(id=c.manager.employee.id).update(status=EmployeeStatus.LEFT)
    with pytest.raises(NotFound) as refused:
        await comments.add_comment(c.peer.actor, post.id, "hi", mention_ids=[c.manager.employee.id])
    assert refused.value.field == "mentionIds" and await Comment.of(c.system).count() == 0
