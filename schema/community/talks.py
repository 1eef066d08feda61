"""GraphQL for tech-sharing talks: the list and one talk; scheduling, cancelling, signing up and cancelling,
checking in by door code, manual attendance, completing and rating. Each resolver calls one backend
function."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import strawberry

from backend.community import talk_attendance, talk_queries, talks
from backend.community.models import TechTalk as TechTalkModel
from schema.community.talk_types import TechTalk
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt


@strawberry.input(description="A talk to schedule.")
class ScheduleTechTalkInput:
    speaker_id: strawberry.ID | None = strawberry.field(default=None, description="The speaker (default: you; HR for "
                                                                                  "someone else).")
    topic: str = strawberry.field(description="Topic (up to 200 characters).")
    description: str = strawberry.field(default="", description="What it is about.")
    starts_at: datetime = strawberry.field(description="Start, in the future, with its UTC offset.")
    ends_at: datetime = strawberry.field(description="End, 5 minutes to 12 hours after the start.")
    location: str = strawberry.field(default="", description="A room.")
    link: str = strawberry.field(default="", description="Or a meeting link (https://).")
    capacity: int = strawberry.field(description="Seats (1–1,000).")


@strawberry.type(description="A talk changed (or your sign-up, check-in or rating of it).")
class TechTalkChanged:
    talk: TechTalk = strawberry.field(description="The talk now.")


TechTalkResult = Annotated[TechTalkChanged | UserError, strawberry.union("TechTalkResult")]


async def _changed(info: Info, talk_id: UUID) -> TechTalkChanged:
    return TechTalkChanged(talk=TechTalk.from_model(await TechTalkModel.of(info.context.actor).get(id=talk_id)))


@strawberry.type
class TalksQuery:
    @strawberry.field(description="Tech talks: upcoming (scheduled, not ended) soonest first, or all latest first.")
    async def tech_talks(self, info: Info, upcoming_only: bool = True) -> list[TechTalk]:
        return [TechTalk.from_model(t) for t in await talk_queries.list_talks(info.context.actor,
                                                                              upcoming_only=upcoming_only)]

    @strawberry.field(description="One tech talk; null if there is no such talk.")
    async def tech_talk(self, info: Info, id: strawberry.ID) -> TechTalk | None:
        found = await talk_queries.get_talk(info.context.actor, required_uuid(id, field="id"))
        return TechTalk.from_model(found) if found else None


@strawberry.type
class TalksMutation:
    @strawberry.mutation(description="Schedule a talk (yours; HR: anyone's); it is announced in the feed.")
    async def schedule_tech_talk(self, info: Info, input: ScheduleTechTalkInput) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            draft = talks.TalkDraft(topic=input.topic, starts_at=input.starts_at, ends_at=input.ends_at,
                                    capacity=input.capacity, description=input.description, location=input.location,
                                    link=input.link, speaker_id=to_uuid(input.speaker_id, field="speakerId"))
            return await _changed(info, (await talks.schedule(info.context.actor, draft)).id)
        return await attempt(body)

    @strawberry.mutation(description="Speaker, creator or HR: cancel a scheduled talk; those signed up are told.")
    async def cancel_tech_talk(self, info: Info, id: strawberry.ID) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            return await _changed(info, (await talks.cancel(info.context.actor, required_uuid(id, field="id"))).id)
        return await attempt(body)

    @strawberry.mutation(description="Take a seat (OUT_OF_STOCK when full).")
    async def sign_up_for_talk(self, info: Info, id: strawberry.ID) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            return await _changed(info, (await talks.sign_up(info.context.actor, required_uuid(id, field="id"))).talk_id)
        return await attempt(body)

    @strawberry.mutation(description="Give your seat back before the talk starts.")
    async def cancel_talk_signup(self, info: Info, id: strawberry.ID) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            signup = await talks.cancel_signup(info.context.actor, required_uuid(id, field="id"))
            return await _changed(info, signup.talk_id)
        return await attempt(body)

    @strawberry.mutation(description="Check in with the door code (from 30 minutes before the start to the end).")
    async def check_in_to_talk(self, info: Info, door_code: str) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            return await _changed(info, (await talk_attendance.check_in(info.context.actor, door_code)).id)
        return await attempt(body)

    @strawberry.mutation(description="Speaker, creator or HR: mark people present.")
    async def record_talk_attendance(self, info: Info, talk_id: strawberry.ID,
                                     employee_ids: list[strawberry.ID]) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            talk = await talk_attendance.record_attendance(
                info.context.actor, required_uuid(talk_id, field="talkId"),
                [required_uuid(e, field="employeeIds") for e in employee_ids])
            return await _changed(info, talk.id)
        return await attempt(body)

    @strawberry.mutation(description="Speaker, creator or HR: the talk was held (once started); speaker and "
                                     "attendees get growth credit, once.")
    async def complete_tech_talk(self, info: Info, id: strawberry.ID) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            return await _changed(info, (await talk_attendance.complete(info.context.actor,
                                                                        required_uuid(id, field="id"))).id)
        return await attempt(body)

    @strawberry.mutation(description="Attendees: rate a held talk 1–5; rating again replaces your rating.")
    async def rate_talk(self, info: Info, id: strawberry.ID, rating: int) -> TechTalkResult:
        async def body() -> TechTalkChanged:
            return await _changed(info, (await talks.rate(info.context.actor, required_uuid(id, field="id"), rating)).id)
        return await attempt(body)
