"""Who sees and may change which post or comment. VISIBLE: everyone in the organisation; HIDDEN (by a
moderator): its author, marked, and moderators; DELETED (by its author): nobody. Shared by the use
cases and the feed queries, so a mutation can never reach what the feed would not show."""
from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from tortoise.expressions import Q

from backend.access.actor import Actor
from backend.access.permissions import Permission, has
from backend.community.models import Comment, Post, PostStatus
from backend.core import clock
from backend.core.errors import Forbidden, NotFound

EDIT_WINDOW = timedelta(minutes=30)


def person_id(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people take part in the community.")
    return actor.employee_id


def is_moderator(actor: Actor) -> bool:
    return has(actor, Permission.COMMUNITY_MODERATE)


def may_see(actor: Actor, status: PostStatus, author_id: UUID | None) -> bool:
    """PURE: the rule above, for a post or a comment."""
    if status == PostStatus.VISIBLE:
        return True
    if status == PostStatus.HIDDEN:
        return is_moderator(actor) or (author_id is not None and author_id == actor.employee_id)
    return False


def seen_filter(actor: Actor) -> Q:
    """The same rule as a query filter (for batches; the feed uses index-friendly separate queries)."""
    hidden = Q(status=PostStatus.HIDDEN) if is_moderator(actor) else Q(status=PostStatus.HIDDEN,
                                                                        author_id=actor.employee_id)
    return Q(status=PostStatus.VISIBLE) | hidden


def editable_until(actor: Actor, created_at: datetime, status: PostStatus, author_id: UUID | None) -> datetime | None:
    """When the author may no longer edit; None when the viewer may not edit it now."""
    if author_id is None or author_id != actor.employee_id or status == PostStatus.DELETED:
        return None
    until = created_at + EDIT_WINDOW
    return until if clock.now() < until else None


async def seen_post(actor: Actor, post_id: UUID, *, field: str = "postId") -> Post:
    """The post if the actor may see it; NotFound otherwise (as for an id that does not exist)."""
    post = await Post.get_for(actor, post_id, what="post")
    if not may_see(actor, post.status, post.author_id):
        raise NotFound("No such post.", field=field)
    return post


async def open_post(actor: Actor, post_id: UUID, *, field: str = "postId") -> Post:
    """A post people may react to and comment on: VISIBLE (a hidden post is frozen until restored)."""
    post = await seen_post(actor, post_id, field=field)
    if post.status != PostStatus.VISIBLE:
        raise Forbidden("This post is hidden; it cannot take reactions or comments.")
    return post


async def seen_comment(actor: Actor, comment_id: UUID, *, post_id: UUID | None = None,
                       field: str = "commentId") -> Comment:
    comment = await Comment.get_for(actor, comment_id, what="comment")
    if (post_id is not None and comment.post_id != post_id) or not may_see(actor, comment.status, comment.author_id):
        raise NotFound("No such comment.", field=field)
    return comment
