"""Per-request DataLoaders for polls and tech talks (helper of schema/community's Poll and TechTalk types,
and of the feed's Post.poll / Post.talk): one query per batch, whatever the number of posts or talks."""
from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.community import poll_queries, talk_queries
from backend.community.models import Poll, PollOption, SignupStatus, TechTalk


class SocialLoaders:
    def __init__(self, actor: Actor) -> None:
        async def poll_by_post(ids: list[UUID]) -> list[Poll | None]:
            return await poll_queries.polls_by_post_ids(actor, ids)

        async def options(ids: list[UUID]) -> list[list[PollOption]]:
            return await poll_queries.options_by_poll_ids(actor, ids)

        async def my_choice(ids: list[UUID]) -> list[list[str] | None]:
            return await poll_queries.my_choices(actor, ids)

        async def voters(ids: list[UUID]) -> list[dict[str, list[UUID]]]:
            return await poll_queries.named_voters(actor, ids)

        async def talk_by_post(ids: list[UUID]) -> list[TechTalk | None]:
            return await talk_queries.talks_by_post_ids(actor, ids)

        async def my_signup(ids: list[UUID]) -> list[tuple[SignupStatus, int | None] | None]:
            return await talk_queries.my_signups(actor, ids)

        async def seats(ids: list[UUID]) -> list[talk_queries.Seats]:
            return await talk_queries.seats(actor, ids)

        self.poll_by_post = DataLoader(load_fn=poll_by_post)
        self.poll_options = DataLoader(load_fn=options)
        self.my_choice = DataLoader(load_fn=my_choice)
        self.named_voters = DataLoader(load_fn=voters)  # named polls only; shown when results are visible
        self.talk_by_post = DataLoader(load_fn=talk_by_post)
        self.my_signup = DataLoader(load_fn=my_signup)
        self.seats = DataLoader(load_fn=seats)  # attendees and sign-ups: shown to the speaker, creator and HR only
