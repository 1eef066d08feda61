"""GraphQL for the suggestion box: the lists, the public board, HR's statistics, and the flow (submit,
answer, decide, implement, reassign). Each resolver calls one backend function."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.community import suggestion_queries, suggestions
from backend.community.models import Suggestion as SuggestionModel
from backend.community.suggestion_queries import Scope
from schema.community.suggestion_types import Suggestion, SuggestionStats
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid
from schema.core.results import attempt


@strawberry.input(description="A new suggestion.")
class SubmitSuggestionInput:
    title: str = strawberry.field(description="Title (up to 200 characters).")
    body: str = strawberry.field(description="The suggestion (up to 5,000 characters).")
    anonymous: bool = strawberry.field(default=False, description="Hide who wrote it from everyone, HR included.")


@strawberry.type(description="A suggestion changed.")
class SuggestionChanged:
    suggestion: Suggestion = strawberry.field(description="The suggestion now.")


SuggestionResult = Annotated[SuggestionChanged | UserError, strawberry.union("SuggestionResult")]


def _changed(s: SuggestionModel) -> SuggestionChanged:
    return SuggestionChanged(suggestion=Suggestion.from_model(s))


@strawberry.type
class SuggestionsQuery:
    @strawberry.field(description="Suggestions, newest first: MINE, TO_ANSWER (owner or escalation target), or ALL "
                                  "(HR).")
    async def suggestions(self, info: Info, scope: Scope = Scope.MINE) -> list[Suggestion]:
        return [Suggestion.from_model(s) for s in await suggestion_queries.list_suggestions(info.context.actor, scope)]

    @strawberry.field(description="One suggestion, for its submitter, its owner or escalation target, and HR; "
                                  "null for anyone else (an anonymous submitter's name stays hidden).")
    async def suggestion(self, info: Info, id: strawberry.ID) -> Suggestion | None:
        found = await suggestion_queries.get_suggestion(info.context.actor, required_uuid(id, field="id"))
        return Suggestion.from_model(found) if found else None

    @strawberry.field(description="The public \"you said / we did\" board: implemented suggestions, newest first.")
    async def suggestion_board(self, info: Info) -> list[Suggestion]:
        return [Suggestion.from_model(s) for s in await suggestion_queries.board(info.context.actor)]

    @strawberry.field(description="HR: the box's statistics and answer clock.")
    async def suggestion_stats(self, info: Info) -> SuggestionStats:
        return SuggestionStats.from_stats(await suggestion_queries.stats(info.context.actor))


@strawberry.type
class SuggestionsMutation:
    @strawberry.mutation(description="Submit a suggestion (optionally anonymous); it must be answered within 24 hours.")
    async def submit_suggestion(self, info: Info, input: SubmitSuggestionInput) -> SuggestionResult:
        async def body() -> SuggestionChanged:
            return _changed(await suggestions.submit(info.context.actor, title=input.title, body=input.body,
                                                     anonymous=input.anonymous))
        return await attempt(body)

    @strawberry.mutation(description="Owner, escalation target or HR: answer a received suggestion.")
    async def answer_suggestion(self, info: Info, id: strawberry.ID, answer: str) -> SuggestionResult:
        async def body() -> SuggestionChanged:
            return _changed(await suggestions.answer(info.context.actor, required_uuid(id, field="id"), answer))
        return await attempt(body)

    @strawberry.mutation(description="Owner, escalation target or HR: accept or decline (a note is required when "
                                     "it was not answered yet; it becomes the answer).")
    async def decide_suggestion(self, info: Info, id: strawberry.ID, accept: bool, note: str = "") -> SuggestionResult:
        async def body() -> SuggestionChanged:
            return _changed(await suggestions.decide(info.context.actor, required_uuid(id, field="id"), accept=accept,
                                                     note=note))
        return await attempt(body)

    @strawberry.mutation(description="An accepted suggestion was put into practice: it goes on the board; HR may "
                                     "reward its author (paid once, also when anonymous, without revealing them).")
    async def implement_suggestion(self, info: Info, id: strawberry.ID, outcome: str,
                                   reward_points: int = 0) -> SuggestionResult:
        async def body() -> SuggestionChanged:
            return _changed(await suggestions.implement(info.context.actor, required_uuid(id, field="id"),
                                                        outcome=outcome, reward_points=reward_points))
        return await attempt(body)

    @strawberry.mutation(description="HR: give an open suggestion to someone else to answer.")
    async def reassign_suggestion(self, info: Info, id: strawberry.ID, owner_id: strawberry.ID) -> SuggestionResult:
        async def body() -> SuggestionChanged:
            return _changed(await suggestions.reassign(info.context.actor, required_uuid(id, field="id"),
                                                       required_uuid(owner_id, field="ownerId")))
        return await attempt(body)
