"""Polls over GraphQL: create with its post, vote once (CONFLICT on the second), results and voters per the
visibility rules (anonymous polls never show voters, not even to HR), participation for HR and the creator,
closing; the feed's Post.poll costs the same for few and many polls."""
from __future__ import annotations

from datetime import timedelta

from backend.community import polls
from backend.core import clock
from tests.factories.community import make_poll
from tests.factories.org import make_company
from tests.schema.community.social_support import run, statements

POLL = """id question multiple maxChoices anonymous resultsVisibility closed ballotCount myChoice resultsVisible
  participationRate canClose options { id label votes voters { id name } }"""
CREATE = f"""mutation($input: CreatePollInput!) {{ createPoll(input: $input) {{ __typename
  ... on PollChanged {{ poll {{ {POLL} }} post {{ id category body poll {{ id }} }} }} ... on UserError {{ code field }} }} }}"""
VOTE = f"""mutation($p: ID!, $o: [ID!]!) {{ vote(pollId: $p, optionIds: $o) {{ __typename
  ... on PollChanged {{ poll {{ {POLL} }} }} ... on UserError {{ code field }} }} }}"""
CLOSE = f"""mutation($p: ID!) {{ closePoll(pollId: $p) {{ __typename ... on PollChanged {{ poll {{ {POLL} }} }}
  ... on UserError {{ code }} }} }}"""
READ = f"query($id: ID!) {{ poll(id: $id) {{ {POLL} }} }}"


async def test_create_vote_twice_and_close(db):
    # given
    c = await make_company()
    closes = (clock.now() + timedelta(days=2)).isoformat()
    # when
    made = (await run(c.employee.actor, CREATE, input={"body": "团建投票", "poll": {
        "question": "火锅还是烧烤？Hotpot or barbecue this month?", "options": ["火锅", "烧烤"], "closesAt": closes}}))["createPoll"]
    poll = made["poll"]
    hotpot = poll["options"][0]["id"]
    voted = (await run(c.peer.actor, VOTE, p=poll["id"], o=[hotpot]))["vote"]
    twice = (await run(c.peer.actor, VOTE, p=poll["id"], o=[hotpot]))["vote"]
    unseen = (await run(c.manager.actor, READ, id=poll["id"]))["poll"]
    closed = (await run(c.employee.actor, CLOSE, p=poll["id"]))["closePoll"]
    # then
    assert made["post"]["category"] == "WARM_MOMENT" and made["post"]["poll"]["id"] == poll["id"]
    assert (poll["maxChoices"], poll["resultsVisibility"], poll["canClose"], poll["participationRate"]) == (
        1, "AFTER_VOTE", True, 0.0)
    assert voted["poll"]["myChoice"] == [hotpot] and voted["poll"]["participationRate"] is None
    assert voted["poll"]["options"][0]["votes"] == 1
    assert voted["poll"]["options"][0]["voters"] == [{"id": str(c.peer.employee.id), "name": c.peer.employee.name}]
    assert (twice["__typename"], twice["code"]) == ("UserError", "CONFLICT")
    assert not unseen["resultsVisible"] and {o["votes"] for o in unseen["options"]} == {None}
    assert {o["voters"] is None for o in unseen["options"]} == {True}
    assert closed["poll"]["closed"] and closed["poll"]["ballotCount"] == 1
    assert closed["poll"]["participationRate"] == 0.2


async def test_bad_input_is_a_user_error(db):
    # given
    c = await make_company()
    # when
    made = (await run(c.employee.actor, CREATE, input={"poll": {
        "question": "Lunch?", "options": ["Noodles"], "closesAt": (clock.now() + timedelta(days=1)).isoformat()}}))
    # then
    assert made["createPoll"] == {"__typename": "UserError", "code": "VALIDATION", "field": "options"}


async def test_anonymous_polls_never_show_voters_even_to_hr(db):
    # given
    c = await make_company()
    poll = await make_poll(c.hr.actor, anonymous=True)
    first = (await run(c.hr.actor, READ, id=str(poll.id)))["poll"]["options"][0]["id"]
    await run(c.peer.actor, VOTE, p=str(poll.id), o=[first])
    await polls.close_poll(c.hr.actor, poll.id)
    # when
    seen = (await run(c.hr.actor, READ, id=str(poll.id)))["poll"]
    # then
    assert seen["resultsVisible"] and seen["options"][0]["votes"] == 1
    assert [o["voters"] for o in seen["options"]] == [None, None]


async def test_only_the_creator_or_hr_close(db):
    # given
    c = await make_company()
    poll = await make_poll(c.employee.actor)
    # when
    refused = (await run(c.peer.actor, CLOSE, p=str(poll.id)))["closePoll"]
    read = (await run(c.peer.actor, READ, id=str(poll.id)))["poll"]
    # then
    assert refused == {"__typename": "UserError", "code": "FORBIDDEN"} and read["canClose"] is False


async def test_reading_polls_through_posts_costs_the_same_for_few_and_many(db, count_queries):
    # given
    c = await make_company()
    feed = f"query {{ feed(first: 50) {{ edges {{ node {{ id poll {{ {POLL} }} talk {{ id }} }} }} }} }}"
    for _ in range(2):
        p = await make_poll(c.hr.actor)
        await polls.vote(c.peer.actor, p.id, [(await _first_option(c, p.id))])
    small = await statements(count_queries, c.peer.actor, feed)
    # when
    for _ in range(6):
        p = await make_poll(c.hr.actor, multiple=True)
        await polls.vote(c.peer.actor, p.id, [(await _first_option(c, p.id))])
        await polls.vote(c.manager.actor, p.id, [(await _first_option(c, p.id))])
    large = await statements(count_queries, c.peer.actor, feed)
    # then
    print(f"feed with polls statements: {small} small, {large} large")
    assert small == large


async def _first_option(c, poll_id):  # type: ignore[no-untyped-def]
    from backend.community.models import PollOption

    return (await PollOption.of(c.system).filter(poll_id=poll_id).order_by("position").first()).id
