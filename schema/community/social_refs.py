"""What the feed's Post type needs from polls and talks: lazy type references (no import cycle with the
poll and talk types) and the loaders behind Post.poll and Post.talk (one query per batch of posts)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry

if TYPE_CHECKING:
    from schema.community.poll_types import Poll
    from schema.community.talk_types import TechTalk
    from schema.context import Info

PollRef = Annotated["Poll", strawberry.lazy("schema.community.poll_types")]
TalkRef = Annotated["TechTalk", strawberry.lazy("schema.community.talk_types")]


async def load_poll(info: Info, post_id: UUID) -> PollRef | None:
    from schema.community.poll_types import Poll

    found = await info.context.social.poll_by_post.load(post_id)
    return Poll.from_model(found) if found else None


async def load_talk(info: Info, post_id: UUID) -> TalkRef | None:
    from schema.community.talk_types import TechTalk

    found = await info.context.social.talk_by_post.load(post_id)
    return TechTalk.from_model(found) if found else None
