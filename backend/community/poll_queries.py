"""Reading polls, batched for DataLoaders (one query per batch), and the visibility rules the API applies:
results (vote counts) show after the viewer voted or once the poll is closed (AFTER_VOTE), or only once
closed (AFTER_CLOSE); voters show for named polls once results show, never for anonymous ones (to
nobody, HR included: the voter query itself skips anonymous polls); the participation rate shows to HR
and the poll's creator only. Writes nothing."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.community.models import Poll, PollBallot, PollOption, ResultsVisibility
from backend.community.polls import is_closed


def results_visible(poll: Poll, my_choice: list[str] | None) -> bool:
    if is_closed(poll):
        return True
    return poll.results_visibility == ResultsVisibility.AFTER_VOTE and my_choice is not None


def participation_rate(actor: Actor, poll: Poll) -> float | None:
    """Ballots over the active people when the poll opened (0..1), for HR and the creator; else None."""
    if not (has(actor, Permission.COMMUNITY_MANAGE) or (actor.employee_id is not None
                                                         and actor.employee_id == poll.created_by_id)):
        return None
    if poll.eligible_count <= 0:
        return 0.0
    return min(1.0, poll.ballot_count / poll.eligible_count)


async def polls_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Poll | None]:
    found = {p.id: p for p in await Poll.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]


async def polls_by_post_ids(actor: Actor, post_ids: Sequence[UUID]) -> list[Poll | None]:
    found = {p.post_id: p for p in await Poll.of(actor).filter(post_id__in=list(post_ids))} if post_ids else {}
    return [found.get(i) for i in post_ids]


async def options_by_poll_ids(actor: Actor, poll_ids: Sequence[UUID]) -> list[list[PollOption]]:
    by_poll: dict[UUID, list[PollOption]] = {}
    if poll_ids:
        for option in await PollOption.of(actor).filter(poll_id__in=list(poll_ids)).order_by("position"):
            by_poll.setdefault(option.poll_id, []).append(option)
    return [by_poll.get(i, []) for i in poll_ids]


async def my_choices(actor: Actor, poll_ids: Sequence[UUID]) -> list[list[str] | None]:
    """The viewer's own ballot per poll (option ids), None where they have not voted."""
    if not poll_ids or actor.employee_id is None:
        return [None for _ in poll_ids]
    rows = await PollBallot.of(actor).filter(poll_id__in=list(poll_ids), voter_id=actor.employee_id).values_list(
        "poll_id", "option_ids")
    found = {UUID(str(p)): [str(o) for o in options] for p, options in rows}
    return [found.get(i) for i in poll_ids]


async def named_voters(actor: Actor, poll_ids: Sequence[UUID]) -> list[dict[str, list[UUID]]]:
    """Option id → voter ids, for named polls only (an anonymous poll's ballots are never read here).
    No visibility check: the caller shows them only when results are visible."""
    by_poll: dict[UUID, dict[str, list[UUID]]] = {}
    if poll_ids:
        rows = await PollBallot.of(actor).filter(poll_id__in=list(poll_ids), poll__anonymous=False).order_by(
            "created_at").values_list("poll_id", "voter_id", "option_ids")
        for poll_id, voter_id, options in rows:
            voters = by_poll.setdefault(UUID(str(poll_id)), {})
            for option in options:
                voters.setdefault(str(option), []).append(UUID(str(voter_id)))
    return [by_poll.get(i, {}) for i in poll_ids]


async def get_poll(actor: Actor, poll_id: UUID) -> Poll | None:
    """One poll, for anyone taking part in the community (COMMUNITY_TAKE_PART)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    return await Poll.of(actor).get_or_none(id=poll_id)
