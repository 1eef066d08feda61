"""Tech talks over GraphQL: schedule (announced in the feed), sign up until full, check in by door code, complete,
rate; the door code and attendees only for the speaker, creator and HR; the list costs the same for few
and many talks."""
from __future__ import annotations

from datetime import timedelta

from backend.community import talk_attendance, talks
from backend.core import clock
from tests.factories.community import make_talk
from tests.factories.org import make_company
from tests.schema.community.social_support import run, statements

TALK = """id topic status capacity seatsTaken mySignup myRating averageRating ratingCount doorCode canManage canRate
  speaker { id name } attendees { id } signups { id }"""
RESULT = f"""__typename ... on TechTalkChanged {{ talk {{ {TALK} }} }} ... on UserError {{ code field }}"""
SCHEDULE = f"mutation($input: ScheduleTechTalkInput!) {{ scheduleTechTalk(input: $input) {{ {RESULT} }} }}"
SIGN_UP = f"mutation($id: ID!) {{ signUpForTalk(id: $id) {{ {RESULT} }} }}"
CHECK_IN = f"mutation($code: String!) {{ checkInToTalk(doorCode: $code) {{ {RESULT} }} }}"
COMPLETE = f"mutation($id: ID!) {{ completeTechTalk(id: $id) {{ {RESULT} }} }}"
RATE = f"mutation($id: ID!, $r: Int!) {{ rateTalk(id: $id, rating: $r) {{ {RESULT} }} }}"
LIST = f"query($u: Boolean!) {{ techTalks(upcomingOnly: $u) {{ {TALK} }} }}"
ONE = f"query($id: ID!) {{ techTalk(id: $id) {{ {TALK} }} }}"


async def test_schedule_sign_up_check_in_complete_and_rate(db):
    # given
    c = await make_company()
    start = clock.now() + timedelta(hours=1)
    # when
    made = (await run(c.employee.actor, SCHEDULE, input={
        "topic": "PLC 调试技巧 PLC debugging tips", "startsAt": start.isoformat(),
        "endsAt": (start + timedelta(hours=1)).isoformat(), "capacity": 1, "location": "3F A"}))["scheduleTechTalk"]
    talk = made["talk"]
    mine = (await run(c.peer.actor, SIGN_UP, id=talk["id"]))["signUpForTalk"]
    full = (await run(c.manager.actor, SIGN_UP, id=talk["id"]))["signUpForTalk"]
    as_peer = (await run(c.peer.actor, ONE, id=talk["id"]))["techTalk"]
    signed = (await run(c.employee.actor, ONE, id=talk["id"]))["techTalk"]  # the speaker, before the door
    with clock.frozen_at(start + timedelta(minutes=5)):
        checked = (await run(c.peer.actor, CHECK_IN, code=talk["doorCode"]))["checkInToTalk"]
        held = (await run(c.employee.actor, COMPLETE, id=talk["id"]))["completeTechTalk"]
        rated = (await run(c.peer.actor, RATE, id=talk["id"], r=4))["rateTalk"]
        bad = (await run(c.peer.actor, RATE, id=talk["id"], r=0))["rateTalk"]
    # then
    assert (talk["status"], talk["canManage"], len(talk["doorCode"]), talk["speaker"]["id"]) == (
        "SCHEDULED", True, 8, str(c.employee.employee.id))
    assert (mine["talk"]["mySignup"], mine["talk"]["seatsTaken"]) == ("SIGNED_UP", 1)
    assert (full["__typename"], full["code"]) == ("UserError", "OUT_OF_STOCK")
    assert (as_peer["doorCode"], as_peer["attendees"], as_peer["signups"], as_peer["canManage"]) == (
        None, None, None, False)
    assert (mine["talk"]["signups"], mine["talk"]["attendees"]) == (None, None)  # the peer is no manager
    assert (signed["signups"], signed["attendees"]) == ([{"id": str(c.peer.employee.id)}], [])
    assert checked["talk"]["mySignup"] == "ATTENDED"
    assert held["talk"]["status"] == "HELD" and held["talk"]["attendees"] == [{"id": str(c.peer.employee.id)}]
    assert held["talk"]["signups"] == [{"id": str(c.peer.employee.id)}]
    assert (rated["talk"]["myRating"], rated["talk"]["averageRating"], rated["talk"]["ratingCount"],
            rated["talk"]["canRate"]) == (4, 4.0, 1, True)
    assert (bad["code"], bad["field"]) == ("VALIDATION", "rating")


async def test_scheduling_for_someone_else_needs_hr(db):
    # given
    c = await make_company()
    start = clock.now() + timedelta(days=1)
    values = {"topic": "Kafka", "startsAt": start.isoformat(), "endsAt": (start + timedelta(hours=1)).isoformat(),
              "capacity": 10, "speakerId": str(c.peer.employee.id)}
    # when
    refused = (await run(c.employee.actor, SCHEDULE, input=values))["scheduleTechTalk"]
    made = (await run(c.hr.actor, SCHEDULE, input=values))["scheduleTechTalk"]
    # then
    assert refused == {"__typename": "UserError", "code": "FORBIDDEN", "field": None}
    assert made["talk"]["speaker"]["id"] == str(c.peer.employee.id)


async def test_the_list_costs_the_same_for_few_and_many(db, count_queries):
    # given
    c = await make_company()
    async def attended_talk(people: list) -> None:  # type: ignore[type-arg]
        t = await make_talk(c.hr.actor, starts_at=clock.now() + timedelta(minutes=10))
        await talks.sign_up(c.employee.actor, t.id)
        await talks.sign_up(c.owner.actor, t.id)
        with clock.frozen_at(clock.now() + timedelta(minutes=20)):
            await talk_attendance.record_attendance(c.hr.actor, t.id, [p.employee.id for p in people])
    await attended_talk([c.employee])
    small = await statements(count_queries, c.hr.actor, LIST, u=False)
    # when
    for _ in range(8):
        await attended_talk([c.employee, c.peer, c.manager])
    large = await statements(count_queries, c.hr.actor, LIST, u=False)
    # then
    print(f"techTalks statements: {small} small, {large} large")
    assert small == large
