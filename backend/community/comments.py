"""Comments on posts, threaded one level: a reply to a reply joins the top-level comment's thread. The
author edits within 30 minutes and deletes; the post's comment count (what the feed shows without
an aggregate) is recounted in the same transaction, under the post's row lock."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from tortoise.expressions import F, Q

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.community import live, mentions, policy
from backend.community.models import Comment, Post, PostStatus
from backend.core import clock, db, validation
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.notifications import service as notifications
from backend.org.models import Employee

MAX_COMMENT = 2000


async def add_comment(actor: Actor, post_id: UUID, body: str, *, parent_id: UUID | None = None,
                      mention_ids: Sequence[UUID] = ()) -> Comment:
    """A comment (or a reply) by the signed-in person on a visible post; the post's author and the
    mentioned are told. Requires COMMUNITY_TAKE_PART. Raises NotFound (postId, parentId, mentionIds),
    Forbidden (hidden post), ValidationFailed (body, mentionIds)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    post = await policy.open_post(actor, post_id)
    text = validation.trimmed(body, field="body", max_length=MAX_COMMENT)
    thread = None
    if parent_id is not None:
        parent = await policy.seen_comment(actor, parent_id, post_id=post.id, field="parentId")
        if parent.status != PostStatus.VISIBLE:
            raise NotFound("No such comment.", field="parentId")
        thread = parent.parent_id or parent.id
    mentioned = await mentions.checked(actor, list(mention_ids))
    author = await Employee.of(actor).get(id=me)
    async with db.transaction():
        if not await lock(actor, post.id, visible_only=True):
            raise Forbidden("This post is hidden; it cannot take reactions or comments.")
        comment = await Comment.create_for(actor, post_id=post.id, parent_id=thread, author_id=me, body=text,
                                           created_at=clock.now())
        await recount(actor, post.id)
        await mentions.record(actor, post, mentioned, comment=comment, author_name=(author.name, author.latin_name or ""))
        if post.author_id is not None and post.author_id != me and post.author_id not in mentioned:
            await _tell_author(actor, post, comment, author)
        live.publish_after_commit(actor, "post_changed", post.id)
    return comment


async def edit_comment(actor: Actor, comment_id: UUID, body: str) -> Comment:
    """The author changes the text within 30 minutes. Raises NotFound, Forbidden, Conflict, ValidationFailed."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    comment = await policy.seen_comment(actor, comment_id, field="id")
    if comment.author_id != me:
        raise Forbidden("Only the author can edit a comment.")
    text = validation.trimmed(body, field="body", max_length=MAX_COMMENT)
    now = clock.now()
    async with db.transaction():
        if not await Comment.of(actor).filter(id=comment.id, author_id=me, created_at__gt=now - policy.EDIT_WINDOW,
                                              status__in=[PostStatus.VISIBLE, PostStatus.HIDDEN]).update(
                body=text, edited_at=now):
            raise Conflict("Comments can be edited for 30 minutes after posting.")
        live.publish_after_commit(actor, "post_changed", comment.post_id)
    return await Comment.of(actor).get(id=comment.id)


async def delete_comment(actor: Actor, comment_id: UUID) -> Comment:
    """The author deletes their comment (its replies go with it from view). Raises NotFound, Forbidden."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    comment = await policy.seen_comment(actor, comment_id, field="id")
    if comment.author_id != me:
        raise Forbidden("Only the author can delete a comment.")
    async with db.transaction():
        await lock(actor, comment.post_id)
        if await Comment.of(actor).filter(id=comment.id).exclude(status=PostStatus.DELETED).update(
                status=PostStatus.DELETED):
            await recount(actor, comment.post_id)
            live.publish_after_commit(actor, "post_changed", comment.post_id)
    return await Comment.of(actor).get(id=comment.id)


async def lock(actor: Actor, post_id: UUID, *, visible_only: bool = False) -> int:
    """The post's row lock until commit (PostgreSQL); 0 when it is gone (or not visible, if asked)."""
    query = Post.of(actor).filter(id=post_id)
    if visible_only:
        query = query.filter(status=PostStatus.VISIBLE)
    return await query.update(comment_count=F("comment_count"))


async def recount(actor: Actor, post_id: UUID) -> int:
    """Visible comments whose thread is visible too (what everyone sees); call under `lock`."""
    count = await Comment.of(actor).filter(post_id=post_id, status=PostStatus.VISIBLE).filter(
        Q(parent_id=None) | Q(parent__status=PostStatus.VISIBLE)).count()
    await Post.of(actor).filter(id=post_id).update(comment_count=count)
    return count


async def _tell_author(actor: Actor, post: Post, comment: Comment, author: Employee) -> None:
    who_en, who_zh = author.latin_name or author.name, author.name
    await notifications.notify(actor, recipient_id=post.author_id, dedupe_key=f"comment:{comment.id}",  # type: ignore[arg-type]
                               message=notifications.Message(
                                   kind="community_comment", link=f"/community/posts/{post.id}",
                                   title_en=f"{who_en} commented on your post", title_zh=f"{who_zh} 评论了你的动态",
                                   body_en=comment.body[:200], body_zh=comment.body[:200]))
