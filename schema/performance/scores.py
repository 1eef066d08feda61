"""GraphQL for computed scores: a card, the statement, history, the manager's team, HR's ranked list,
and asking for a recompute. Resolvers unpack arguments, call one backend function, map the result."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.performance import progress, queries, recompute, statements
from schema.context import Info
from schema.core.connection import Connection
from schema.core.errors import UserError
from schema.core.ids import person_or_self, required_uuid, to_uuid
from schema.core.results import attempt
from schema.performance.score_types import Scorecard, ScorecardStatement, TeamMember


@strawberry.type(description="Everyone active in the cycle was queued for a recompute.")
class ScoresRecomputeQueued:
    cycle_id: strawberry.ID = strawberry.field(description="The review cycle.")
    queued: int = strawberry.field(description="People queued.")


RecomputeScoresResult = Annotated[ScoresRecomputeQueued | UserError, strawberry.union("RecomputeScoresResult")]


@strawberry.type
class ScoresQuery:
    @strawberry.field(description="A person's scorecard (default: yours) in a cycle (default: the current one); "
                                  "null when not computed. The person, their managers and HR.")
    async def scorecard(self, info: Info, cycle_id: strawberry.ID | None = None,
                        employee_id: strawberry.ID | None = None) -> Scorecard | None:
        actor = info.context.actor
        card = await queries.get_scorecard(actor, employee_id=person_or_self(actor, employee_id),
                                           cycle_id=to_uuid(cycle_id, field="cycleId"))
        return Scorecard.from_model(card) if card else None

    @strawberry.field(description="How a person's number was made in a cycle, line by line (default: yours).")
    async def scorecard_statement(self, info: Info, cycle_id: strawberry.ID,
                                  employee_id: strawberry.ID | None = None) -> ScorecardStatement:
        actor = info.context.actor
        found = await statements.get_statement(actor, cycle_id=required_uuid(cycle_id, field="cycleId"),
                                               employee_id=person_or_self(actor, employee_id))
        return ScorecardStatement.from_statement(found)

    @strawberry.field(description="A person's latest cards, oldest first, for a trend (default: yours; last 1..24).")
    async def my_score_history(self, info: Info, employee_id: strawberry.ID | None = None, last: int = 6) -> list[Scorecard]:
        actor = info.context.actor
        cards = await queries.score_history(actor, employee_id=person_or_self(actor, employee_id), last=last)
        return [Scorecard.from_model(c) for c in cards]

    @strawberry.field(description="Managers: everyone below you in a cycle (default: the current one), "
                                  "who needs attention first.")
    async def team_performance(self, info: Info, cycle_id: strawberry.ID | None = None) -> list[TeamMember]:
        members = await progress.team_performance(info.context.actor, cycle_id=to_uuid(cycle_id, field="cycleId"))
        return [TeamMember.from_member(m) for m in members]

    @strawberry.field(description="HR: a cycle's scorecards in rank order (organisation, or department when filtered).")
    async def cycle_scorecards(self, info: Info, cycle_id: strawberry.ID, department_id: strawberry.ID | None = None,
                               first: int = 50, after: str | None = None) -> Connection[Scorecard]:
        page = await queries.list_cycle_scorecards(info.context.actor, cycle_id=required_uuid(cycle_id, field="cycleId"),
                                                   department_id=to_uuid(department_id, field="departmentId"),
                                                   first=first, after=after)
        return Connection.from_page(page, Scorecard.from_model)


@strawberry.type
class ScoresMutation:
    @strawberry.mutation(description="HR: recompute everyone's scores in an open cycle (queued; workers run it).")
    async def recompute_scores(self, info: Info, cycle_id: strawberry.ID) -> RecomputeScoresResult:
        async def body() -> ScoresRecomputeQueued:
            cycle = required_uuid(cycle_id, field="cycleId")
            queued = await recompute.queue_recompute(info.context.actor, cycle_id=cycle)
            return ScoresRecomputeQueued(cycle_id=strawberry.ID(str(cycle)), queued=queued)

        return await attempt(body)
