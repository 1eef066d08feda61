"""GraphQL for polls: createPoll (with its post), vote, closePoll, and reading one poll. Each resolver calls
one backend function."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from backend.community import poll_queries, polls
from backend.community.models import Poll as PollModel
from backend.community.models import Post as PostModel
from backend.community.models import ResultsVisibility
from schema.community.poll_types import Poll
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt

if TYPE_CHECKING:
    from schema.community.post_types import Post

PostRef = Annotated["Post", strawberry.lazy("schema.community.post_types")]


@strawberry.input(description="A poll's question, answers and rules.")
class PollInput:
    question: str = strawberry.field(description="The question (up to 300 characters).")
    options: list[str] = strawberry.field(description="2 to 10 different answers.")
    multiple: bool = strawberry.field(default=False, description="Several answers may be chosen.")
    max_choices: int | None = strawberry.field(default=None, description="For multiple choice: at most this many "
                                                                         "(default: every answer).")
    anonymous: bool = strawberry.field(default=False, description="Nobody ever sees who voted how.")
    results_visibility: ResultsVisibility = strawberry.field(default=ResultsVisibility.AFTER_VOTE,
                                                             description="When voters see the counts.")
    closes_at: datetime = strawberry.field(description="When voting ends (in the future, within 90 days).")


@strawberry.input(description="A new poll and the intro text of its post.")
class CreatePollInput:
    body: str = strawberry.field(default="", description="The post's intro text (default: the question).")
    poll: PollInput = strawberry.field(description="The poll.")
    announcement: bool = strawberry.field(default=False, description="HR: post it as an ANNOUNCEMENT.")


@strawberry.type(description="A poll was created, voted in or closed.")
class PollChanged:
    poll: Poll = strawberry.field(description="The poll now.")
    post_model: strawberry.Private[PostModel]

    @strawberry.field(description="The post carrying the poll.")
    def post(self) -> PostRef:
        from schema.community.post_types import Post

        return Post.from_model(self.post_model)


CreatePollResult = Annotated[PollChanged | UserError, strawberry.union("CreatePollResult")]
VoteResult = Annotated[PollChanged | UserError, strawberry.union("VoteResult")]
ClosePollResult = Annotated[PollChanged | UserError, strawberry.union("ClosePollResult")]


async def _changed(info: Info, poll: PollModel) -> PollChanged:
    fresh = await PollModel.of(info.context.actor).get(id=poll.id)
    post = await PostModel.of(info.context.actor).get(id=fresh.post_id)
    return PollChanged(poll=Poll.from_model(fresh), post_model=post)


@strawberry.type
class PollQuery:
    @strawberry.field(description="One poll (everyone in the organisation); null if there is no such poll.")
    async def poll(self, info: Info, id: strawberry.ID) -> Poll | None:
        found = await poll_queries.get_poll(info.context.actor, required_uuid(id, field="id"))
        return Poll.from_model(found) if found else None


@strawberry.type
class PollMutation:
    @strawberry.mutation(description="Create a poll and the post that carries it.")
    async def create_poll(self, info: Info, input: CreatePollInput) -> CreatePollResult:
        async def body() -> PollChanged:
            p = input.poll
            draft = polls.PollDraft(question=p.question, options=list(p.options), closes_at=p.closes_at,
                                    multiple=p.multiple, max_choices=p.max_choices, anonymous=p.anonymous,
                                    results_visibility=p.results_visibility, body=input.body,
                                    announcement=input.announcement)
            return await _changed(info, await polls.create_poll(info.context.actor, draft))
        return await attempt(body)

    @strawberry.mutation(description="Vote once (CONFLICT on a second vote or a closed poll).")
    async def vote(self, info: Info, poll_id: strawberry.ID, option_ids: list[strawberry.ID]) -> VoteResult:
        async def body() -> PollChanged:
            chosen = [to_uuid(o, field="optionIds") for o in option_ids]
            ballot = await polls.vote(info.context.actor, required_uuid(poll_id, field="pollId"),
                                      [o for o in chosen if o is not None])
            return await _changed(info, await PollModel.of(info.context.actor).get(id=ballot.poll_id))
        return await attempt(body)

    @strawberry.mutation(description="Its creator or HR: close the poll now.")
    async def close_poll(self, info: Info, poll_id: strawberry.ID) -> ClosePollResult:
        async def body() -> PollChanged:
            return await _changed(info, await polls.close_poll(info.context.actor, required_uuid(poll_id, field="pollId")))
        return await attempt(body)
