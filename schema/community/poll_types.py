"""GraphQL types for polls (build with `Poll.from_model`; options, the viewer's ballot and voters load
through info.context.social). Visibility rules live in backend.community.poll_queries: vote counts only
once results are visible to the viewer, voters only for named polls then, never for anonymous ones."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import strawberry

from backend.community import poll_queries, polls
from backend.community.models import Poll as PollModel
from backend.community.models import PollOption as PollOptionModel
from backend.community.models import ResultsVisibility
from schema.context import Info
from schema.recognition.types import EmployeeRef

strawberry.enum(ResultsVisibility, name="ResultsVisibility",
                description="When voters see the counts: after voting (or once closed), or only once closed.")


@strawberry.type(description="One answer of a poll.")
class PollOption:
    id: strawberry.ID = strawberry.field(description="Stable id (what `vote` takes).")
    label: str = strawberry.field(description="The answer's text.")
    votes: int | None = strawberry.field(description="Ballots choosing it; null while results are not visible to you.")
    voter_ids: strawberry.Private[list[UUID] | None]

    @strawberry.field(description="Who chose it: named polls once results are visible to you; always null for "
                                  "anonymous polls (nobody, HR included, sees who voted how).")
    async def voters(self, info: Info) -> list[EmployeeRef] | None:
        from schema.org.types import Employee

        if self.voter_ids is None:
            return None
        views = await info.context.org.employee.load_many(self.voter_ids)
        return [Employee.from_view(v) for v in views if v is not None]


@strawberry.type(description="A poll on a post: single or multiple choice, with a deadline, anonymous or named.")
class Poll:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    question: str = strawberry.field(description="The question.")
    multiple: bool = strawberry.field(description="Several answers may be chosen (up to maxChoices).")
    max_choices: int = strawberry.field(description="How many answers a ballot may choose (1 for single choice).")
    anonymous: bool = strawberry.field(description="Nobody ever sees who voted how.")
    results_visibility: ResultsVisibility = strawberry.field(description="When counts become visible.")
    closes_at: datetime = strawberry.field(description="When voting ends.")
    ballot_count: int = strawberry.field(description="People who voted.")
    model: strawberry.Private[PollModel]

    @classmethod
    def from_model(cls, p: PollModel) -> Poll:
        return cls(id=strawberry.ID(str(p.id)), question=p.question, multiple=p.multiple, max_choices=p.max_choices,
                   anonymous=p.anonymous, results_visibility=p.results_visibility, closes_at=p.closes_at,
                   ballot_count=p.ballot_count, model=p)

    @strawberry.field(description="Closed by its creator or HR, or its closing time has passed.")
    def closed(self) -> bool:
        return polls.is_closed(self.model)

    @strawberry.field(description="The option ids of your ballot; null if you have not voted.")
    async def my_choice(self, info: Info) -> list[strawberry.ID] | None:
        mine: list[str] | None = await info.context.social.my_choice.load(self.model.id)
        return None if mine is None else [strawberry.ID(o) for o in mine]

    @strawberry.field(description="Whether counts (and, for named polls, voters) are visible to you now.")
    async def results_visible(self, info: Info) -> bool:
        return poll_queries.results_visible(self.model, await info.context.social.my_choice.load(self.model.id))

    @strawberry.field(description="The answers in order, with counts when results are visible to you.")
    async def options(self, info: Info) -> list[PollOption]:
        found: list[PollOptionModel] = await info.context.social.poll_options.load(self.model.id)
        visible = poll_queries.results_visible(self.model, await info.context.social.my_choice.load(self.model.id))
        voters: dict[str, list[UUID]] = {}
        if visible and not self.model.anonymous:
            voters = await info.context.social.named_voters.load(self.model.id)
        return [PollOption(id=strawberry.ID(str(o.id)), label=o.label, votes=o.vote_count if visible else None,
                           voter_ids=voters.get(str(o.id), []) if visible and not self.model.anonymous else None)
                for o in found]

    @strawberry.field(description="Ballots over the active people when it opened (0..1): HR and the creator only, "
                                  "else null.")
    def participation_rate(self, info: Info) -> float | None:
        return poll_queries.participation_rate(info.context.actor, self.model)

    @strawberry.field(description="You may close it now (its creator or HR, while open).")
    def can_close(self, info: Info) -> bool:
        return not polls.is_closed(self.model) and polls.may_close(info.context.actor, self.model)
