"""Tech-sharing talks: anyone schedules their own talk (HR schedules for others), which announces it in
the feed (a TECH_SHARING post linked to the talk); people sign up and cancel; the speaker, its creator or
HR cancels it; attendees rate it 1–5 once held. Capacity holds under concurrency on both databases as in
backend.growth.sessions: a sign-up first updates its talk row (a row lock on PostgreSQL until commit;
SQLite runs one writer at a time), then counts the seats taken, then inserts, so the last seat goes once.
signup_count is rewritten from that count under the same lock."""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.audit import service as audit
from backend.community import live
from backend.community.models import Post, PostCategory, SignupStatus, TalkSignup, TalkStatus, TechTalk
from backend.core import clock, db, validation
from backend.core.errors import Conflict, Forbidden, NotFound, OutOfStock, ValidationFailed
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus
from backend.org.queries import get_organization

HOLDS_SEAT = (SignupStatus.SIGNED_UP, SignupStatus.ATTENDED)
MAX_CAPACITY, MAX_AHEAD = 1000, timedelta(days=365)
MIN_LENGTH, MAX_LENGTH = timedelta(minutes=5), timedelta(hours=12)
DOOR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from a QR fallback
LINK = "/community/talks"


class TalkFull(OutOfStock):
    """Every seat of the talk is taken."""


@dataclass(frozen=True, slots=True)
class TalkDraft:
    topic: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    description: str = ""
    location: str = ""
    link: str = ""
    speaker_id: UUID | None = None  # default: the person scheduling


def person(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people take part in tech talks.")
    return actor.employee_id


def may_manage(actor: Actor, talk: TechTalk) -> bool:
    """The speaker, whoever scheduled it, and HR."""
    me = actor.employee_id
    return has(actor, Permission.COMMUNITY_MANAGE) or (me is not None and me in (talk.speaker_id, talk.created_by_id))


async def schedule(actor: Actor, draft: TalkDraft) -> TechTalk:
    """Schedules a talk and announces it in the feed. Requires COMMUNITY_TAKE_PART for one's own talk,
    COMMUNITY_MANAGE for someone else's. Audited. Raises Forbidden, NotFound (speakerId), ValidationFailed."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = person(actor)
    speaker_id = draft.speaker_id or me
    if speaker_id != me:
        require(actor, Permission.COMMUNITY_MANAGE)
    speaker = await Employee.of(actor).get_or_none(id=speaker_id, status=EmployeeStatus.ACTIVE)
    if speaker is None:
        raise NotFound("No such speaker.", field="speakerId")
    values = _checked(draft)
    organization = await get_organization(actor)
    when = draft.starts_at.astimezone(ZoneInfo(organization.time_zone)).strftime("%Y-%m-%d %H:%M")
    where = values["location"] or values["link"]
    talk_id, now = uuid.uuid4(), clock.now()
    async with db.transaction():
        post = await Post.create_for(
            actor, author_id=me, category=PostCategory.TECH_SHARING, created_at=now, source_ref=f"talk:{talk_id}",
            body=f"技术分享 Tech talk：{values['topic']}\n{speaker.name} · {when}" + (f" · {where}" if where else ""))
        talk = await TechTalk.create_for(actor, id=talk_id, speaker_id=speaker.id, door_code=door_code(),
                                         post_id=post.id, created_by_id=me, created_at=now, **values)
        await audit.record(actor, action="tech_talk.scheduled", entity_type="tech_talk", entity_id=talk.id,
                           after={**values, "speaker_id": speaker.id, "post_id": post.id})
        live.publish_after_commit(actor, "post_created", post.id)
    return talk


async def cancel(actor: Actor, talk_id: UUID) -> TechTalk:
    """The speaker, creator or HR cancels a scheduled talk; its sign-ups are cancelled and told. Audited.
    Raises Forbidden, NotFound, Conflict (not scheduled)."""
    talk = await managed(actor, talk_id)
    async with db.transaction():
        if not await TechTalk.of(actor).filter(id=talk.id, status=TalkStatus.SCHEDULED).update(status=TalkStatus.CANCELLED):
            raise Conflict("Only a scheduled talk can be cancelled.")
        signed = [UUID(str(e)) for e in await TalkSignup.of(actor).filter(
            talk_id=talk.id, status=SignupStatus.SIGNED_UP).values_list("employee_id", flat=True)]
        await TalkSignup.of(actor).filter(talk_id=talk.id, status=SignupStatus.SIGNED_UP).update(
            status=SignupStatus.CANCELLED)
        await TechTalk.of(actor).filter(id=talk.id).update(signup_count=0)
        await audit.record(actor, action="tech_talk.cancelled", entity_type="tech_talk", entity_id=talk.id,
                           before={"status": talk.status}, after={"status": TalkStatus.CANCELLED, "signups": len(signed)})
        message = notifications.Message(kind="tech_talk_cancelled", link=f"{LINK}/{talk.id}",
                                        title_en=f"Tech talk cancelled: {talk.topic}", title_zh=f"技术分享已取消：{talk.topic}")
        for employee_id in signed:
            await notifications.notify(actor, recipient_id=employee_id, message=message,
                                       dedupe_key=f"talk:{talk.id}:cancelled")
        if talk.post_id:
            live.publish_after_commit(actor, "post_changed", talk.post_id)
    return await TechTalk.of(actor).get(id=talk.id)


async def sign_up(actor: Actor, talk_id: UUID) -> TalkSignup:
    """The signed-in person takes a seat in a scheduled talk that has not ended. Signing up again returns
    the sign-up. Requires COMMUNITY_TAKE_PART. Raises Forbidden, NotFound, Conflict (not open), TalkFull."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = person(actor)
    talk = await TechTalk.get_for(actor, talk_id, what="talk")
    if talk.speaker_id == me:
        raise Conflict("You are the speaker of this talk.")
    try:
        async with db.transaction():
            await lock_open(actor, talk.id)
            existing = await TalkSignup.of(actor).get_or_none(talk_id=talk.id, employee_id=me)
            if existing is not None and existing.status in HOLDS_SEAT:
                return existing
            taken = await TalkSignup.of(actor).filter(talk_id=talk.id, status__in=HOLDS_SEAT).count()
            if taken >= talk.capacity:
                raise TalkFull("This talk is full.")
            if existing is None:
                signup = await TalkSignup.create_for(actor, talk_id=talk.id, employee_id=me, created_at=clock.now())
            else:
                await TalkSignup.of(actor).filter(id=existing.id).update(status=SignupStatus.SIGNED_UP)
            await TechTalk.of(actor).filter(id=talk.id).update(signup_count=taken + 1)
    except IntegrityError:  # the same person's racing sign-up won (unique talk, employee)
        return await TalkSignup.of(actor).get(talk_id=talk.id, employee_id=me)
    return signup if existing is None else await TalkSignup.of(actor).get(id=existing.id)


async def cancel_signup(actor: Actor, talk_id: UUID) -> TalkSignup:
    """The signed-in person gives their seat back before the talk starts. Requires COMMUNITY_TAKE_PART.
    Raises Forbidden, NotFound (not signed up), Conflict (started, or attended)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = person(actor)
    talk = await TechTalk.get_for(actor, talk_id, what="talk")
    signup = await TalkSignup.of(actor).get_or_none(talk_id=talk.id, employee_id=me)
    if signup is None:
        raise NotFound("You have not signed up for this talk.")
    if signup.status == SignupStatus.CANCELLED:
        return signup
    if signup.status == SignupStatus.ATTENDED or talk.starts_at <= clock.now():
        raise Conflict("The talk has started; the sign-up stands.")
    async with db.transaction():
        await TechTalk.of(actor).filter(id=talk.id).update(signup_count=F("signup_count"))  # the seat lock
        await TalkSignup.of(actor).filter(id=signup.id, status=SignupStatus.SIGNED_UP).update(status=SignupStatus.CANCELLED)
        await recount(actor, talk.id)
    return await TalkSignup.of(actor).get(id=signup.id)


async def rate(actor: Actor, talk_id: UUID, rating: int) -> TechTalk:
    """An attendee rates a held talk 1–5; rating again replaces the first. The talk's sum and count move
    with a compare-and-set on the sign-up's rating, so racing re-ratings stay consistent. Raises
    Forbidden (not an attendee), NotFound, ValidationFailed (rating), Conflict (not held)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = person(actor)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationFailed("Rate from 1 to 5.", field="rating")
    talk = await TechTalk.get_for(actor, talk_id, what="talk")
    if talk.status != TalkStatus.HELD:
        raise Conflict("Talks are rated once held.")
    for _ in range(5):
        signup = await TalkSignup.of(actor).get_or_none(talk_id=talk.id, employee_id=me, status=SignupStatus.ATTENDED)
        if signup is None:
            raise Forbidden("Only attendees rate a talk.")
        async with db.transaction():
            mine = TalkSignup.of(actor).filter(id=signup.id)
            mine = mine.filter(rating__isnull=True) if signup.rating is None else mine.filter(rating=signup.rating)
            if not await mine.update(rating=rating):
                continue  # a racing rating of mine landed first: read it again
            await TechTalk.of(actor).filter(id=talk.id).update(
                rating_sum=F("rating_sum") + (rating - (signup.rating or 0)),
                rating_count=F("rating_count") + (1 if signup.rating is None else 0))
        return await TechTalk.of(actor).get(id=talk.id)
    raise Conflict("Your rating changed meanwhile; try again.")


async def lock_open(actor: Actor, talk_id: UUID) -> None:
    """The serialising update: concurrent seat changes of this talk queue here until commit."""
    if not await TechTalk.of(actor).filter(id=talk_id, status=TalkStatus.SCHEDULED, ends_at__gt=clock.now()).update(
            signup_count=F("signup_count")):
        raise Conflict("This talk is not open for sign-up.")


async def recount(actor: Actor, talk_id: UUID) -> None:
    taken = await TalkSignup.of(actor).filter(talk_id=talk_id, status__in=HOLDS_SEAT).count()
    await TechTalk.of(actor).filter(id=talk_id).update(signup_count=taken)


async def managed(actor: Actor, talk_id: UUID) -> TechTalk:
    require(actor, Permission.COMMUNITY_TAKE_PART)
    talk = await TechTalk.get_for(actor, talk_id, what="talk")
    if not may_manage(actor, talk):
        raise Forbidden("Only the speaker, whoever scheduled the talk, or HR can do that.")
    return talk


def door_code() -> str:
    return "".join(secrets.choice(DOOR_ALPHABET) for _ in range(8))


def _checked(draft: TalkDraft) -> dict[str, object]:
    topic = validation.trimmed(draft.topic, field="topic", max_length=200)
    if draft.starts_at.tzinfo is None or draft.ends_at.tzinfo is None:
        raise ValidationFailed("Give times with their UTC offset.", field="startsAt")
    now = clock.now()
    if not now < draft.starts_at <= now + MAX_AHEAD:
        raise ValidationFailed("A talk starts in the future, within a year.", field="startsAt")
    if not draft.starts_at + MIN_LENGTH <= draft.ends_at <= draft.starts_at + MAX_LENGTH:
        raise ValidationFailed("A talk lasts 5 minutes to 12 hours.", field="endsAt")
    if isinstance(draft.capacity, bool) or not 1 <= draft.capacity <= MAX_CAPACITY:
        raise ValidationFailed(f"Capacity is 1 to {MAX_CAPACITY} seats.", field="capacity")
    link = validation.trimmed(draft.link, field="link", max_length=500, required=False)
    if link and not link.startswith(("https://", "http://")):
        raise ValidationFailed("A link starts with https://.", field="link")
    return {"topic": topic, "starts_at": draft.starts_at, "ends_at": draft.ends_at, "capacity": draft.capacity,
            "description": validation.trimmed(draft.description, field="description", max_length=5000, required=False),
            "location": validation.trimmed(draft.location, field="location", max_length=200, required=False),
            "link": link}
