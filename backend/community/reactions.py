"""Reacting to a post with one of five kinds, on or off. The unique (post, person, kind) is the rule:
the insert's outcome decides whether the counter moves, so a double tap or two racing requests
count once. Every counter change first takes the post's row lock (a no-op conditional update; SQLite
runs one writer at a time), so concurrent reactions by different people never lose an increment."""
from __future__ import annotations

from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.community import live, policy
from backend.community.models import Post, PostReaction, PostStatus, ReactionKind
from backend.core import clock, db
from backend.core.errors import Forbidden


async def react(actor: Actor, post_id: UUID, kind: ReactionKind, *, on: bool) -> Post:
    """Turns the signed-in person's reaction of `kind` on or off; repeating is harmless. Requires
    COMMUNITY_TAKE_PART. Raises NotFound, Forbidden (hidden post)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    post = await policy.open_post(actor, post_id)
    async with db.transaction():
        if not await _lock(actor, post.id):
            raise Forbidden("This post is hidden; it cannot take reactions or comments.")
        changed = await (_add(actor, post.id, me, kind) if on else _remove(actor, post.id, me, kind))
        if changed:
            counts = dict((await Post.of(actor).get(id=post.id)).reaction_counts or {})
            counts[kind.value] = max(0, counts.get(kind.value, 0) + (1 if on else -1))
            await Post.of(actor).filter(id=post.id).update(reaction_counts=counts)
            live.publish_after_commit(actor, "post_changed", post.id)
    return await Post.of(actor).get(id=post.id)


async def _lock(actor: Actor, post_id: UUID) -> int:
    """Row lock on the post until commit (PostgreSQL); 0 if it is no longer visible."""
    return await Post.of(actor).filter(id=post_id, status=PostStatus.VISIBLE).update(status=PostStatus.VISIBLE)


async def _add(actor: Actor, post_id: UUID, me: UUID, kind: ReactionKind) -> bool:
    try:
        async with db.transaction():  # a savepoint: the duplicate must not abort the outer transaction
            await PostReaction.create_for(actor, post_id=post_id, employee_id=me, kind=kind, created_at=clock.now())
    except IntegrityError:
        return False  # already on: nothing to count
    return True


async def _remove(actor: Actor, post_id: UUID, me: UUID, kind: ReactionKind) -> bool:
    return bool(await PostReaction.of(actor).filter(post_id=post_id, employee_id=me, kind=kind).delete())
