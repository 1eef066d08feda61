"""Polls for culture activities ("火锅还是烧烤？"): anyone creates one (it comes with its post in the feed),
everyone votes once, the creator or HR closes it early, the clock closes it at closes_at. One ballot per
person is the unique (poll, voter) constraint, never a read-then-write; the option and poll counters move
in the same transaction as the ballot, behind the conditional update that also refuses a closed poll."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.audit import service as audit
from backend.community import live
from backend.community.models import Poll, PollBallot, PollOption, Post, PostCategory, ResultsVisibility
from backend.core import clock, db, validation
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.org.models import Employee, EmployeeStatus

MIN_OPTIONS, MAX_OPTIONS, MAX_OPEN = 2, 10, timedelta(days=90)


@dataclass(frozen=True, slots=True)
class PollDraft:
    question: str
    options: list[str]
    closes_at: datetime
    multiple: bool = False
    max_choices: int | None = None  # default: 1 for single choice, every option for multiple choice
    anonymous: bool = False
    results_visibility: ResultsVisibility = ResultsVisibility.AFTER_VOTE
    body: str = ""  # the post's intro text
    announcement: bool = False  # HR: the post is an ANNOUNCEMENT instead of a warm moment


def _person(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people take part in the community.")
    return actor.employee_id


def is_closed(poll: Poll) -> bool:
    """Closed early by a person, or by the clock (whether or not the cron has marked it yet)."""
    return poll.closed_at is not None or poll.closes_at <= clock.now()


async def create_poll(actor: Actor, draft: PollDraft) -> Poll:
    """Creates the poll and its post (WARM_MOMENT, or ANNOUNCEMENT for HR). The participation base is the
    organisation's active people now. Requires COMMUNITY_TAKE_PART (announcements: COMMUNITY_MODERATE).
    Audited. Raises Forbidden, ValidationFailed (question, options, maxChoices, closesAt, body)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = _person(actor)
    if draft.announcement:
        require(actor, Permission.COMMUNITY_MODERATE)
    question = validation.trimmed(draft.question, field="question", max_length=300)
    body = validation.trimmed(draft.body, field="body", max_length=5000, required=False)
    labels = _options(draft.options)
    max_choices = _max_choices(draft, len(labels))
    if draft.closes_at.tzinfo is None:
        raise ValidationFailed("Give the closing time with its UTC offset.", field="closesAt")
    now = clock.now()
    if not now < draft.closes_at <= now + MAX_OPEN:
        raise ValidationFailed("A poll closes in the future, within 90 days.", field="closesAt")
    eligible = await Employee.of(actor).filter(status=EmployeeStatus.ACTIVE).count()
    category = PostCategory.ANNOUNCEMENT if draft.announcement else PostCategory.WARM_MOMENT
    async with db.transaction():
        post = await Post.create_for(actor, author_id=me, category=category, body=body or question, created_at=now)
        poll = await Poll.create_for(
            actor, post_id=post.id, question=question, multiple=draft.multiple, max_choices=max_choices,
            anonymous=draft.anonymous, results_visibility=draft.results_visibility, closes_at=draft.closes_at,
            eligible_count=eligible, created_by_id=me, created_at=now)
        await PollOption.bulk_create([PollOption.build_for(actor, id=uuid.uuid4(), poll_id=poll.id, position=n, label=label)
                                      for n, label in enumerate(labels)])
        await audit.record(actor, action="poll.created", entity_type="poll", entity_id=poll.id,
                           after={"question": question, "options": labels, "multiple": draft.multiple,
                                  "max_choices": max_choices, "anonymous": draft.anonymous,
                                  "closes_at": draft.closes_at, "post_id": post.id})
        live.publish_after_commit(actor, "post_created", post.id)
    return poll


async def vote(actor: Actor, poll_id: UUID, option_ids: list[UUID]) -> PollBallot:
    """The signed-in person's one ballot. A second vote (even a concurrent one) is a Conflict and changes
    nothing. Requires COMMUNITY_TAKE_PART. Raises Forbidden, NotFound, ValidationFailed (optionIds),
    Conflict (closed, already voted)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = _person(actor)
    poll = await Poll.get_for(actor, poll_id, what="poll")
    chosen = list(dict.fromkeys(option_ids))
    if len(chosen) != len(option_ids) or not 1 <= len(chosen) <= poll.max_choices:
        raise ValidationFailed(f"Choose 1 to {poll.max_choices} different options.", field="optionIds")
    valid = {UUID(str(i)) for i in await PollOption.of(actor).filter(poll_id=poll.id).values_list("id", flat=True)}
    if not set(chosen) <= valid:
        raise ValidationFailed("That option is not in this poll.", field="optionIds")
    now = clock.now()
    try:
        async with db.transaction():
            # Counts the ballot and refuses a closed poll in one statement (it also queues racing votes).
            if not await Poll.of(actor).filter(id=poll.id, closed_at=None, closes_at__gt=now).update(
                    ballot_count=F("ballot_count") + 1):
                raise Conflict("This poll is closed.")
            ballot = await PollBallot.create_for(actor, poll_id=poll.id, voter_id=me,
                                                 option_ids=[str(o) for o in chosen], created_at=now)
            await PollOption.of(actor).filter(id__in=chosen).update(vote_count=F("vote_count") + 1)
            live.publish_after_commit(actor, "post_changed", poll.post_id)
    except IntegrityError:  # the unique (poll, voter): everything above rolled back
        raise Conflict("You have already voted in this poll.") from None
    return ballot


async def close_poll(actor: Actor, poll_id: UUID) -> Poll:
    """Its creator or HR closes the poll now. Audited. Raises Forbidden, NotFound, Conflict (closed)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    poll = await Poll.get_for(actor, poll_id, what="poll")
    if not may_close(actor, poll):
        raise Forbidden("Only the poll's creator or HR can close it.")
    now = clock.now()
    async with db.transaction():
        if not await Poll.of(actor).filter(id=poll.id, closed_at=None, closes_at__gt=now).update(closed_at=now):
            raise Conflict("This poll is already closed.")
        await audit.record(actor, action="poll.closed", entity_type="poll", entity_id=poll.id,
                           after={"closed_at": now, "ballot_count": poll.ballot_count})
        live.publish_after_commit(actor, "post_changed", poll.post_id)
    return await Poll.of(actor).get(id=poll.id)


def may_close(actor: Actor, poll: Poll) -> bool:
    return actor.employee_id is not None and (poll.created_by_id == actor.employee_id
                                              or has(actor, Permission.COMMUNITY_MANAGE))


async def mark_due_closed(actor: Actor) -> int:
    """For the cron (system actor): polls past closes_at get closed_at = closes_at. Results never wait for
    this (is_closed reads the clock); it records the fact. Idempotent."""
    due = await Poll.of(actor).filter(closed_at=None, closes_at__lte=clock.now()).values_list("id", "closes_at")
    marked = 0
    for poll_id, closes_at in due:
        marked += await Poll.of(actor).filter(id=poll_id, closed_at=None).update(closed_at=closes_at)
    return marked


def _options(options: list[str]) -> list[str]:
    labels = [validation.trimmed(o, field="options", max_length=120) for o in options]
    if not MIN_OPTIONS <= len(labels) <= MAX_OPTIONS:
        raise ValidationFailed(f"Give {MIN_OPTIONS} to {MAX_OPTIONS} options.", field="options")
    if len({label.casefold() for label in labels}) != len(labels):
        raise ValidationFailed("Options must differ from each other.", field="options")
    return labels


def _max_choices(draft: PollDraft, n: int) -> int:
    if not draft.multiple:
        if draft.max_choices not in (None, 1):
            raise ValidationFailed("A single-choice poll takes one choice.", field="maxChoices")
        return 1
    wanted = n if draft.max_choices is None else draft.max_choices
    if isinstance(wanted, bool) or not 1 <= wanted <= n:
        raise ValidationFailed(f"Allow 1 to {n} choices.", field="maxChoices")
    return wanted
