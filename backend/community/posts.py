"""Writing posts: anyone taking part posts warm moments and tech sharing (HR also announcements;
recognition posts only come from recognition's public praise), with up to 9 photos and @mentions;
the author edits within 30 minutes and deletes (kept as DELETED, shown to nobody)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.community import live, mentions, photos, policy
from backend.community.models import Post, PostCategory, PostStatus
from backend.core import clock, db, validation
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.org.models import Employee

MAX_BODY = 5000


@dataclass(frozen=True, slots=True)
class PostDraft:
    category: PostCategory
    body: str
    photo_ids: Sequence[UUID] = field(default_factory=tuple)
    mention_ids: Sequence[UUID] = field(default_factory=tuple)


def checked_body(body: str, *, field: str = "body") -> str:
    return validation.trimmed(body, field=field, max_length=MAX_BODY)


async def create_post(actor: Actor, draft: PostDraft) -> Post:
    """A new post by the signed-in person; mentioned people are told. Requires COMMUNITY_TAKE_PART
    (ANNOUNCEMENT: COMMUNITY_MODERATE). Raises Forbidden, ValidationFailed (category, body, photoIds,
    mentionIds), NotFound (photoIds, mentionIds), Conflict (a photo on another post)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    if draft.category == PostCategory.RECOGNITION:
        raise ValidationFailed("Recognition posts come from public praise; choose another category.",
                               field="category")
    if draft.category == PostCategory.ANNOUNCEMENT:
        require(actor, Permission.COMMUNITY_MODERATE)
    body = checked_body(draft.body)
    stored = await photos.checked(actor, list(draft.photo_ids))
    mentioned = await mentions.checked(actor, list(draft.mention_ids))
    author = await Employee.of(actor).get(id=me)
    async with db.transaction():
        post = await Post.create_for(actor, author_id=me, category=draft.category, body=body, created_at=clock.now())
        await photos.attach(actor, post, stored)
        await mentions.record(actor, post, mentioned, author_name=(author.name, author.latin_name or ""))
        live.publish_after_commit(actor, "post_created", post.id)
    return post


async def edit_post(actor: Actor, post_id: UUID, body: str) -> Post:
    """The author changes the text within 30 minutes of posting (also while hidden, to fix it).
    Raises NotFound, Forbidden (not the author), Conflict (the window closed), ValidationFailed (body)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    post = await policy.seen_post(actor, post_id, field="id")
    if post.author_id != me:
        raise Forbidden("Only the author can edit a post.")
    if post.category == PostCategory.RECOGNITION:
        raise Forbidden("A recognition post shows the praise as it was given; it cannot be edited.")
    text = checked_body(body)
    now = clock.now()
    async with db.transaction():
        # Conditional: the window and the status are checked by the update itself.
        if not await Post.of(actor).filter(id=post.id, author_id=me, created_at__gt=now - policy.EDIT_WINDOW,
                                           status__in=[PostStatus.VISIBLE, PostStatus.HIDDEN]).update(
                body=text, edited_at=now):
            raise Conflict("Posts can be edited for 30 minutes after posting.")
        live.publish_after_commit(actor, "post_changed", post.id)
    return await Post.of(actor).get(id=post.id)


async def delete_post(actor: Actor, post_id: UUID) -> Post:
    """The author deletes their post: DELETED, kept for reports and the audit, shown to nobody (and
    unpinned). Audited. Raises NotFound, Forbidden (not the author)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    post = await policy.seen_post(actor, post_id, field="id")
    if post.author_id != me:
        raise Forbidden("Only the author can delete a post.")
    async with db.transaction():
        if await Post.of(actor).filter(id=post.id).exclude(status=PostStatus.DELETED).update(
                status=PostStatus.DELETED, pinned_at=None):
            await audit.record(actor, action="post.deleted", entity_type="post", entity_id=post.id,
                               before={"status": post.status}, after={"status": PostStatus.DELETED})
            live.publish_after_commit(actor, "post_changed", post.id)
    return await Post.of(actor).get(id=post.id)
