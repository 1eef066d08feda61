"""GraphQL type for tech-sharing talks (build with `TechTalk.from_model`; the viewer's sign-up and the
attendee and sign-up lists load through info.context.social). The door code and those lists are for the speaker,
whoever scheduled the talk, and HR only."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import strawberry

from backend.community import talks
from backend.community.models import SignupStatus, TalkStatus
from backend.community.models import TechTalk as TechTalkModel
from schema.context import Info
from schema.recognition.types import EmployeeRef, load_employee

strawberry.enum(TalkStatus, name="TalkStatus", description="Scheduled, held (attendance taken, credit given) or cancelled.")
strawberry.enum(SignupStatus, name="SignupStatus", description="Signed up, cancelled, or attended.")


@strawberry.type(description="A tech-sharing talk people sign up for; its speaker and attendees earn growth credit.")
class TechTalk:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    topic: str = strawberry.field(description="Topic.")
    description: str = strawberry.field(description="What it is about.")
    starts_at: datetime = strawberry.field(description="Start.")
    ends_at: datetime = strawberry.field(description="End.")
    location: str = strawberry.field(description="A room.")
    link: str = strawberry.field(description="Or a meeting link.")
    capacity: int = strawberry.field(description="Seats.")
    seats_taken: int = strawberry.field(description="Seats taken (signed up or attended).")
    status: TalkStatus = strawberry.field(description="Scheduled, held or cancelled.")
    rating_count: int = strawberry.field(description="Ratings given.")
    model: strawberry.Private[TechTalkModel]

    @classmethod
    def from_model(cls, t: TechTalkModel) -> TechTalk:
        return cls(id=strawberry.ID(str(t.id)), topic=t.topic, description=t.description, starts_at=t.starts_at,
                   ends_at=t.ends_at, location=t.location, link=t.link, capacity=t.capacity, seats_taken=t.signup_count,
                   status=t.status, rating_count=t.rating_count, model=t)

    @strawberry.field(description="Who gives the talk.")
    async def speaker(self, info: Info) -> EmployeeRef:
        found = await load_employee(info, self.model.speaker_id)
        assert found is not None  # the speaker row is RESTRICT-protected
        return found

    @strawberry.field(description="Your sign-up, if you ever signed up.")
    async def my_signup(self, info: Info) -> SignupStatus | None:
        mine: tuple[SignupStatus, int | None] | None = await info.context.social.my_signup.load(self.model.id)
        return mine[0] if mine else None

    @strawberry.field(description="Your rating (1–5), if you rated it.")
    async def my_rating(self, info: Info) -> int | None:
        mine: tuple[SignupStatus, int | None] | None = await info.context.social.my_signup.load(self.model.id)
        return mine[1] if mine else None

    @strawberry.field(description="Average rating, null before the first.")
    def average_rating(self) -> float | None:
        t = self.model
        return round(t.rating_sum / t.rating_count, 2) if t.rating_count else None

    @strawberry.field(description="The door code shown as a QR (speaker, creator and HR only).")
    def door_code(self, info: Info) -> str | None:
        return self.model.door_code if talks.may_manage(info.context.actor, self.model) else None

    @strawberry.field(description="People who attended (speaker, creator and HR only).")
    async def attendees(self, info: Info) -> list[EmployeeRef] | None:
        if not talks.may_manage(info.context.actor, self.model):
            return None
        return await _people(info, (await info.context.social.seats.load(self.model.id)).attendees)

    @strawberry.field(description="People holding a seat (signed up or attended; not cancelled), in sign-up "
                                  "order, to tick off at the door (speaker, creator and HR only).")
    async def signups(self, info: Info) -> list[EmployeeRef] | None:
        if not talks.may_manage(info.context.actor, self.model):
            return None
        return await _people(info, (await info.context.social.seats.load(self.model.id)).signups)

    @strawberry.field(description="You may cancel it, take attendance and complete it (speaker, creator, HR).")
    def can_manage(self, info: Info) -> bool:
        return talks.may_manage(info.context.actor, self.model)

    @strawberry.field(description="You attended it and it was held, so you may rate it.")
    async def can_rate(self, info: Info) -> bool:
        mine: tuple[SignupStatus, int | None] | None = await info.context.social.my_signup.load(self.model.id)
        return self.model.status == TalkStatus.HELD and mine is not None and mine[0] == SignupStatus.ATTENDED


async def _people(info: Info, ids: list[UUID]) -> list[EmployeeRef]:
    from schema.org.types import Employee

    views = await info.context.org.employee.load_many(ids)
    return [Employee.from_view(v) for v in views if v is not None]
