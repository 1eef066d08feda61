"""Reading tech talks: the list (upcoming soonest first, or all latest first) and the per-talk figures the
API shows, batched for DataLoaders (one query per batch): the viewer's sign-up and rating, and the
attendee list (shown only to the speaker, creator and HR: the caller checks). Writes nothing."""
from __future__ import annotations

from collections.abc import Sequence
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


async def attendees(actor: Actor, talk_ids: Sequence[UUID]) -> list[list[UUID]]:
    """People marked ATTENDED per talk, in check-in order. No permission check: the caller decides."""
    by_talk: dict[UUID, list[UUID]] = {}
    if talk_ids:
        rows = await TalkSignup.of(actor).filter(talk_id__in=list(talk_ids), status=SignupStatus.ATTENDED).order_by(
            "checked_in_at", "id").values_list("talk_id", "employee_id")
        for talk_id, employee_id in rows:
            by_talk.setdefault(UUID(str(talk_id)), []).append(UUID(str(employee_id)))
    return [by_talk.get(i, []) for i in talk_ids]
