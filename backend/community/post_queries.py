"""Reading the feed. A page is newest first (created_at desc, id desc) by keyset on the (tenant,
status, created_at) index: one query for visible posts and one for the hidden posts the viewer may
still see (their own; all for moderators), merged, so neither needs an OR the index cannot serve.
Pinned posts come on top of the first page only and are left out of the chronological pages. Also
the batch readers the GraphQL loaders use (one query per batch)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements.models import Badge
from backend.community import policy
from backend.community.models import Comment, Mention, Post, PostCategory, PostReaction, PostReward, PostStatus
from backend.core.errors import NotFound, ValidationFailed
from backend.core.pagination import MAX_PAGE, decode_cursor, encode_cursor

MAX_PINNED = 10
MAX_COMMENTS = 200


@dataclass(frozen=True, slots=True)
class FeedPage:
    pinned: list[Post]  # first page only
    items: list[Post]
    has_next: bool

    @property
    def end_cursor(self) -> str | None:
        return cursor(self.items[-1]) if self.items else None


def cursor(post: Post) -> str:
    return encode_cursor(post.created_at, post.id)


async def feed_page(actor: Actor, *, first: int = 20, after: str | None = None,
                    category: PostCategory | None = None) -> FeedPage:
    """Requires COMMUNITY_TAKE_PART. Raises ValidationFailed (first, after)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    if not 1 <= first <= MAX_PAGE:
        raise ValidationFailed(f"first must be between 1 and {MAX_PAGE}.", field="first")
    position = _position(after) if after is not None else None
    queries = [_page(_base(actor, category).filter(status=PostStatus.VISIBLE), position, first)]
    if policy.is_moderator(actor):
        queries.append(_page(_base(actor, category).filter(status=PostStatus.HIDDEN), position, first))
    elif actor.employee_id is not None:
        queries.append(_page(_base(actor, category).filter(status=PostStatus.HIDDEN, author_id=actor.employee_id),
                             position, first))
    rows: list[Post] = []
    for query in queries:
        rows.extend(await query)
    rows.sort(key=lambda p: (p.created_at, p.id.hex), reverse=True)
    pinned: list[Post] = []
    if after is None:
        pinned = [p for p in await Post.of(actor).filter(policy.seen_filter(actor)).filter(
            **({"category": category} if category else {})).exclude(pinned_at=None)
            .order_by("-pinned_at", "-id").limit(MAX_PINNED)]
    return FeedPage(pinned=pinned, items=rows[:first], has_next=len(rows) > first)


async def feed_total(actor: Actor, *, category: PostCategory | None = None) -> int:
    """Posts the viewer may see (pinned ones included); only counted when asked for."""
    return await Post.of(actor).filter(policy.seen_filter(actor)).filter(
        **({"category": category} if category else {})).count()


def _base(actor: Actor, category: PostCategory | None) -> QuerySet[Post]:
    query = Post.of(actor).filter(pinned_at=None)
    return query.filter(category=category) if category is not None else query


def _position(after: str) -> tuple[datetime, str]:
    raw, pk = decode_cursor(after)
    try:
        if isinstance(raw, str):
            return datetime.fromisoformat(raw), pk
    except ValueError:
        pass
    raise ValidationFailed("That page cursor is not valid.", field="after")


def _page(query: QuerySet[Post], position: tuple[datetime, str] | None, first: int) -> QuerySet[Post]:
    if position is not None:
        moment, pk = position
        # The range bound (created_at <= moment) is what the index serves; the tie-break filters within it.
        query = query.filter(created_at__lte=moment).filter(Q(created_at__lt=moment) | Q(id__lt=pk))
    return query.order_by("-created_at", "-id").limit(first + 1)


async def get_post(actor: Actor, post_id: UUID) -> Post | None:
    """The post if the viewer may see it, else None. Requires COMMUNITY_TAKE_PART."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    try:
        return await policy.seen_post(actor, post_id)
    except NotFound:
        return None


async def posts_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Post | None]:
    found = {p.id: p for p in await Post.of(actor).filter(id__in=list(ids)).filter(policy.seen_filter(actor))} \
        if ids else {}
    return [found.get(i) for i in ids]


async def my_reactions(actor: Actor, post_ids: Sequence[UUID]) -> list[set[str]]:
    mine: dict[UUID, set[str]] = {i: set() for i in post_ids}
    if post_ids and actor.employee_id is not None:
        for post_id, kind in await PostReaction.of(actor).filter(post_id__in=list(post_ids),
                                                                 employee_id=actor.employee_id) \
                .values_list("post_id", "kind"):
            mine[_uuid(post_id)].add(str(kind))
    return [mine[i] for i in post_ids]


async def post_mentions(actor: Actor, post_ids: Sequence[UUID]) -> list[list[UUID]]:
    """People mentioned in each post itself (not in its comments), in the order mentioned."""
    found: dict[UUID, list[UUID]] = {i: [] for i in post_ids}
    if post_ids:
        for post_id, employee_id in await Mention.of(actor).filter(post_id__in=list(post_ids), comment_id=None) \
                .order_by("created_at", "id").values_list("post_id", "employee_id"):
            found[_uuid(post_id)].append(_uuid(employee_id))
    return [found[i] for i in post_ids]


async def comment_mentions(actor: Actor, post_ids: Sequence[UUID]) -> list[dict[UUID, list[UUID]]]:
    """People mentioned in each post's comments, by comment id, in the order mentioned. Keyed by post, so a
    page's comments and their replies share one query."""
    found: dict[UUID, dict[UUID, list[UUID]]] = {i: {} for i in post_ids}
    if post_ids:
        for post_id, comment_id, employee_id in await Mention.of(actor).filter(
                post_id__in=list(post_ids), comment_id__isnull=False).order_by("created_at", "id").values_list(
                "post_id", "comment_id", "employee_id"):
            found[_uuid(post_id)].setdefault(_uuid(comment_id), []).append(_uuid(employee_id))
    return [found[i] for i in post_ids]


async def badges_by_codes(actor: Actor, codes: Sequence[str]) -> list[Badge | None]:
    """The organisation's badges by code (inactive ones too: a reward keeps showing the badge it gave)."""
    found = {b.code: b for b in await Badge.of(actor).filter(code__in=list(codes))} if codes else {}
    return [found.get(c) for c in codes]


async def rewards_by_post_ids(actor: Actor, post_ids: Sequence[UUID]) -> list[PostReward | None]:
    found = {r.post_id: r for r in await PostReward.of(actor).filter(post_id__in=list(post_ids))} if post_ids else {}
    return [found.get(i) for i in post_ids]


@dataclass(frozen=True, slots=True)
class Thread:
    comment: Comment
    replies: list[Comment]


async def threads_by_post_ids(actor: Actor, post_ids: Sequence[UUID], *, first: int = 50) -> list[list[Thread]]:
    """Each post's first `first` top-level comments the viewer may see, oldest first, with their replies
    (a thread whose top comment the viewer may not see is left out). One query."""
    first = max(1, min(first, MAX_COMMENTS))
    rows = await Comment.of(actor).filter(post_id__in=list(post_ids)).filter(policy.seen_filter(actor)) \
        .order_by("created_at", "id") if post_ids else []
    tops: dict[UUID, list[Thread]] = {i: [] for i in post_ids}
    threads: dict[UUID, Thread] = {}
    for row in rows:
        if row.parent_id is None and len(tops[row.post_id]) < first:
            threads[row.id] = Thread(row, [])
            tops[row.post_id].append(threads[row.id])
    for row in rows:
        if row.parent_id is not None and row.parent_id in threads:
            threads[row.parent_id].replies.append(row)
    return [tops[i] for i in post_ids]


def _uuid(value: object) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


async def comments_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Comment | None]:
    found = {c.id: c for c in await Comment.of(actor).filter(id__in=list(ids)).filter(policy.seen_filter(actor))} \
        if ids else {}
    return [found.get(i) for i in ids]
