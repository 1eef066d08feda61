"""Per-request DataLoaders for the community feed: a post's photos, the viewer's reactions, mentions (of posts
and of comments), rewards (and their badges by code) and comment threads, and posts by id (for the moderation
queue and other domains' cards, e.g. a poll's post). One query per batch, so a feed page costs the same
whatever its size."""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.achievements.models import Badge
from backend.community import photos, post_queries
from backend.community.models import Comment, Post, PostReward
from backend.community.post_queries import Thread
from backend.files.models import StoredFile
from backend.org.views import EmployeeView
from schema.org.loaders import OrgLoaders


class CommunityLoaders:
    def __init__(self, actor: Actor) -> None:
        async def post(ids: list[UUID]) -> list[Post | None]:
            return await post_queries.posts_by_ids(actor, ids)

        async def post_photos(ids: list[UUID]) -> list[list[StoredFile]]:
            return await photos.photos_by_post_ids(actor, ids)

        async def mine(ids: list[UUID]) -> list[set[str]]:
            return await post_queries.my_reactions(actor, ids)

        async def mentioned(ids: list[UUID]) -> list[list[UUID]]:
            return await post_queries.post_mentions(actor, ids)

        async def comment_mentioned(post_ids: list[UUID]) -> list[dict[UUID, list[UUID]]]:
            return await post_queries.comment_mentions(actor, post_ids)

        async def badges(codes: list[str]) -> list[Badge | None]:
            return await post_queries.badges_by_codes(actor, codes)

        async def rewards(ids: list[UUID]) -> list[PostReward | None]:
            return await post_queries.rewards_by_post_ids(actor, ids)

        async def threads(keys: list[tuple[UUID, int]]) -> list[list[Thread]]:
            # One query for every post asked at once, with the largest `first` asked; trimmed per key.
            ids = list(dict.fromkeys(k[0] for k in keys))
            found = dict(zip(ids, await post_queries.threads_by_post_ids(actor, ids, first=max(k[1] for k in keys)),
                             strict=True))
            return [found[post_id][:first] for post_id, first in keys]

        async def comments(ids: list[UUID]) -> list[Comment | None]:
            return await post_queries.comments_by_ids(actor, ids)

        self.post = DataLoader(load_fn=post)
        self.photos = DataLoader(load_fn=post_photos)
        self.my_reactions = DataLoader(load_fn=mine)
        self.mentions = DataLoader(load_fn=mentioned)
        self.comment_mentions = DataLoader(load_fn=comment_mentioned)  # by post id: comments and replies at once
        self.reward = DataLoader(load_fn=rewards)
        self.badge_by_code = DataLoader(load_fn=badges)  # a reward's badge, for its name
        self.threads = DataLoader(load_fn=threads)
        self.comment = DataLoader(load_fn=comments)


@dataclass(slots=True)
class PagePrefetch:
    """What a feed page's posts need beyond their rows, read for the whole page at once (the same batch
    readers the loaders use, so the statements and the visibility rules are the same), so that Post's fields
    can resolve synchronously: strawberry's per-field async wrapper costs more than the reads on a page.
    None = not selected, not read: the field falls back to its loader."""
    authors: dict[UUID, EmployeeView | None] | None = None
    photos: dict[UUID, list[StoredFile]] | None = None
    mine: dict[UUID, set[str]] | None = None


async def prefetch_page(actor: Actor, org: OrgLoaders, posts: Sequence[Post], selected: set[str]) -> PagePrefetch:
    """Reads, concurrently, only what `selected` (the Post fields the query asks for) needs."""
    ids = list(dict.fromkeys(p.id for p in posts))
    found = PagePrefetch()
    if not ids:
        return found

    async def authors() -> None:
        author_ids = list(dict.fromkeys(p.author_id for p in posts if p.author_id is not None))
        # Through the org loader: the viewer's visibility of people, and its cache, stay the same.
        found.authors = dict(zip(author_ids, await org.employee.load_many(author_ids), strict=True))

    async def post_photos() -> None:
        found.photos = dict(zip(ids, await photos.photos_by_post_ids(actor, ids), strict=True))

    async def mine() -> None:
        found.mine = dict(zip(ids, await post_queries.my_reactions(actor, ids), strict=True))

    wanted = [read() for name, read in (("author", authors), ("photos", post_photos), ("reactions", mine))
              if name in selected]
    await asyncio.gather(*wanted)
    return found
