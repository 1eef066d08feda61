"""Polls: created with their post, one ballot per person (the unique constraint decides, also when the same
person votes twice at once), counters kept with the ballot, closing by hand or by the clock, and the
visibility rules (results, voters, participation)."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from backend.community import poll_queries, polls
from backend.community.models import Poll, PollBallot, PollOption, Post, PostCategory, ResultsVisibility
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from tests.factories.community import make_poll
from tests.factories.org import make_company


async def _options(poll: Poll) -> list[PollOption]:
    return (await poll_queries.options_by_poll_ids(_system(poll), [poll.id]))[0]


def _system(poll: Poll):  # type: ignore[no-untyped-def]
    from backend.access.actor import Actor

    return Actor.system(poll.tenant_id)


async def test_a_poll_comes_with_its_post_and_counts_everyone_active(db):
    # given
    c = await make_company()
    # when
    poll = await make_poll(c.employee.actor, body="本月团建 Team outing")
    # then
    post = await Post.of(c.system).get(id=poll.post_id)
    assert (post.category, post.body, post.author_id) == (PostCategory.WARM_MOMENT, "本月团建 Team outing", c.employee.employee.id)
    assert (poll.max_choices, poll.eligible_count, poll.ballot_count) == (1, 5, 0)
    assert [o.label for o in await _options(poll)] == ["火锅 Hotpot", "烧烤 Barbecue"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"options": ("Only one",)}, "options"),
    ({"options": tuple(f"o{n}" for n in range(11))}, "options"),
    ({"options": ("Same", "same")}, "options"),
    ({"options": ("A", " ")}, "options"),
    ({"question": "  "}, "question"),
    ({"multiple": True, "max_choices": 3}, "maxChoices"),
    ({"max_choices": 2}, "maxChoices"),
])
async def test_bad_polls_are_refused_naming_the_field(db, changes, field):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await make_poll(c.employee.actor, **changes)
    assert raised.value.field == field
    assert await Poll.of(c.system).count() == 0 and await Post.of(c.system).count() == 0


@pytest.mark.parametrize("offset", [timedelta(minutes=-1), timedelta(days=91)])
async def test_the_closing_time_is_in_the_next_90_days(db, offset):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await make_poll(c.employee.actor, closes_at=clock.now() + offset)
    assert raised.value.field == "closesAt"


async def test_only_hr_makes_an_announcement_poll(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await make_poll(c.employee.actor, announcement=True)
    poll = await make_poll(c.hr.actor, announcement=True)
    assert (await Post.of(c.system).get(id=poll.post_id)).category == PostCategory.ANNOUNCEMENT


async def test_one_vote_per_person_counted_with_the_ballot(db):
    # given
    c = await make_company()
    poll = await make_poll(c.hr.actor, options=("A", "B", "C"), multiple=True, max_choices=2)
    a, b, _ = await _options(poll)
    # when
    await polls.vote(c.employee.actor, poll.id, [a.id, b.id])
    await polls.vote(c.peer.actor, poll.id, [a.id])
    # then
    with pytest.raises(Conflict):
        await polls.vote(c.employee.actor, poll.id, [b.id])
    assert [o.vote_count for o in await _options(poll)] == [2, 1, 0]
    assert (await Poll.of(c.system).get(id=poll.id)).ballot_count == 2


async def test_a_concurrent_double_vote_makes_exactly_one_ballot(db):
    # given
    c = await make_company()
    poll = await make_poll(c.hr.actor)
    a, b = await _options(poll)

    async def attempt(option_id):  # type: ignore[no-untyped-def]
        try:
            await polls.vote(c.employee.actor, poll.id, [option_id])
            return "ok"
        except Conflict:
            return "conflict"
    # when
    outcomes = await asyncio.gather(*(attempt(o.id) for o in (a, b, a, b, a, b)))
    # then
    assert sorted(outcomes) == ["conflict"] * 5 + ["ok"]
    assert await PollBallot.of(c.system).filter(poll_id=poll.id).count() == 1
    assert sum(o.vote_count for o in await _options(poll)) == 1
    assert (await Poll.of(c.system).get(id=poll.id)).ballot_count == 1


@pytest.mark.parametrize("choice", ["two", "foreign", "repeat"])
async def test_bad_choices_are_refused(db, choice):
    # given
    c = await make_company()
    poll = await make_poll(c.hr.actor)
    other = await make_poll(c.hr.actor)
    a, b = await _options(poll)
    foreign = (await _options(other))[0]
    chosen = {"two": [a.id, b.id], "foreign": [foreign.id], "repeat": [a.id, a.id]}[choice]
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await polls.vote(c.employee.actor, poll.id, chosen)
    assert raised.value.field == "optionIds"
    assert await PollBallot.of(c.system).count() == 0


async def test_closing_by_hand_stops_votes_and_shows_results(db):
    # given
    c = await make_company()
    poll = await make_poll(c.employee.actor, results_visibility=ResultsVisibility.AFTER_CLOSE)
    a, _ = await _options(poll)
    await polls.vote(c.peer.actor, poll.id, [a.id])
    assert not poll_queries.results_visible(await Poll.of(c.system).get(id=poll.id), ["x"])
    # when
    with pytest.raises(Forbidden):
        await polls.close_poll(c.peer.actor, poll.id)
    closed = await polls.close_poll(c.employee.actor, poll.id)
    # then
    assert closed.closed_at is not None and poll_queries.results_visible(closed, None)
    with pytest.raises(Conflict):
        await polls.vote(c.manager.actor, poll.id, [a.id])
    with pytest.raises(Conflict):
        await polls.close_poll(c.hr.actor, poll.id)


async def test_the_clock_closes_a_poll_and_the_cron_records_it(db):
    # given
    c = await make_company()
    poll = await make_poll(c.employee.actor, closes_at=clock.now() + timedelta(hours=1))
    a, _ = await _options(poll)
    # when
    with clock.frozen_at(clock.now() + timedelta(hours=2)):
        with pytest.raises(Conflict):
            await polls.vote(c.peer.actor, poll.id, [a.id])
        visible = poll_queries.results_visible(await Poll.of(c.system).get(id=poll.id), None)
        marked = await polls.mark_due_closed(c.system)
        again = await polls.mark_due_closed(c.system)
    # then
    assert visible and (marked, again) == (1, 0)
    assert (await Poll.of(c.system).get(id=poll.id)).closed_at == poll.closes_at


async def test_after_vote_results_show_to_voters_only_while_open(db):
    # given
    poll = Poll(results_visibility=ResultsVisibility.AFTER_VOTE, closes_at=clock.now() + timedelta(days=1))
    after_close = Poll(results_visibility=ResultsVisibility.AFTER_CLOSE, closes_at=clock.now() + timedelta(days=1))
    # then
    assert poll_queries.results_visible(poll, ["o"]) and not poll_queries.results_visible(poll, None)
    assert not poll_queries.results_visible(after_close, ["o"])


async def test_participation_is_for_hr_and_the_creator(db):
    # given
    c = await make_company()
    poll = await make_poll(c.employee.actor)
    a, _ = await _options(poll)
    await polls.vote(c.peer.actor, poll.id, [a.id])
    poll = await Poll.of(c.system).get(id=poll.id)
    # then
    assert poll_queries.participation_rate(c.hr.actor, poll) == pytest.approx(0.2)
    assert poll_queries.participation_rate(c.employee.actor, poll) == pytest.approx(0.2)
    assert poll_queries.participation_rate(c.peer.actor, poll) is None


async def test_voters_are_never_read_for_an_anonymous_poll(db):
    # given
    c = await make_company()
    named = await make_poll(c.hr.actor)
    secret = await make_poll(c.hr.actor, anonymous=True)
    for poll in (named, secret):
        await polls.vote(c.peer.actor, poll.id, [(await _options(poll))[0].id])
    # when
    found = await poll_queries.named_voters(c.hr.actor, [named.id, secret.id])
    # then
    assert found[0] == {str((await _options(named))[0].id): [c.peer.employee.id]}
    assert found[1] == {}
