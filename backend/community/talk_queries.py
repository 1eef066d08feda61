"""Reading tech talks: the list (upcoming soonest first, or all latest first) and the per-talk figures the
API shows, batched for DataLoaders (one query per batch): the viewer's sign-up and rating, and the
sign-up and attendee lists (shown only to the speaker, creator and HR: the caller checks). Writes nothing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.community.models import SignupStatus, TalkSignup, TalkStatus, TechTalk
from backend.core import clock

LIST_LIMIT = 200


async def list_talks(actor: Actor, *, upcoming_only: bool = True) -> list[TechTalk]:
    """Upcoming: scheduled talks that have not ended, soonest first; else every talk, latest first (at most
    200). Requires COMMUNITY_TAKE_PART."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    if upcoming_only:
        return await TechTalk.of(actor).filter(status=TalkStatus.SCHEDULED, ends_at__gte=clock.now()).order_by(
            "starts_at", "id").limit(LIST_LIMIT)
    return await TechTalk.of(actor).order_by("-starts_at", "id").limit(LIST_LIMIT)


async def get_talk(actor: Actor, talk_id: UUID) -> TechTalk | None:
    require(actor, Permission.COMMUNITY_TAKE_PART)
    return await TechTalk.of(actor).get_or_none(id=talk_id)


async def talks_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[TechTalk | None]:
    found = {t.id: t for t in await TechTalk.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]


async def talks_by_post_ids(actor: Actor, post_ids: Sequence[UUID]) -> list[TechTalk | None]:
    found = {t.post_id: t for t in await TechTalk.of(actor).filter(post_id__in=list(post_ids))} if post_ids else {}
    return [found.get(i) for i in post_ids]


async def my_signups(actor: Actor, talk_ids: Sequence[UUID]) -> list[tuple[SignupStatus, int | None] | None]:
    """The viewer's sign-up status and rating per talk; None where they never signed up."""
    if not talk_ids or actor.employee_id is None:
        return [None for _ in talk_ids]
    rows = await TalkSignup.of(actor).filter(talk_id__in=list(talk_ids), employee_id=actor.employee_id).values_list(
        "talk_id", "status", "rating")
    found = {UUID(str(t)): (SignupStatus(s), r) for t, s, r in rows}
    return [found.get(i) for i in talk_ids]


@dataclass(frozen=True, slots=True)
class Seats:
    attendees: list[UUID]  # marked ATTENDED, in check-in order
    signups: list[UUID]  # holding a seat (signed up or attended; not cancelled), in sign-up order


async def seats(actor: Actor, talk_ids: Sequence[UUID]) -> list[Seats]:
    """Who attended and who holds a seat, per talk, from one query (so both lists resolve together and the
    people on them load in one batch). No permission check: the caller decides."""
    rows = await TalkSignup.of(actor).filter(
        talk_id__in=list(talk_ids), status__in=[SignupStatus.SIGNED_UP, SignupStatus.ATTENDED]).values_list(
        "talk_id", "employee_id", "status", "checked_in_at", "created_at", "id") if talk_ids else []
    by_talk: dict[UUID, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_talk.setdefault(UUID(str(row[0])), []).append(row)
    found: dict[UUID, Seats] = {}
    for talk_id, held in by_talk.items():
        attended = sorted((r for r in held if r[2] == SignupStatus.ATTENDED), key=lambda r: (r[3] or r[4], str(r[5])))
        holding = sorted(held, key=lambda r: (r[4], str(r[5])))
        found[talk_id] = Seats([UUID(str(r[1])) for r in attended], [UUID(str(r[1])) for r in holding])
    return [found.get(i, Seats([], [])) for i in talk_ids]
