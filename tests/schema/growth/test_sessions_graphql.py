"""Learning sessions over GraphQL: HR schedules, people enrol (full → OUT_OF_STOCK), the trainer takes
attendance; the list costs a constant number of statements however many sessions and enrolments."""
from __future__ import annotations

from datetime import timedelta

from backend.core import clock
from backend.growth import sessions
from tests.factories.growth_sessions import make_session
from tests.factories.org import make_company
from tests.schema.growth.evidence_support import run, statements

SESSION = "id titleEn titleZh status capacity enrolled myEnrolment hours evidenceKind trainer { name } levelId"
LIST = f"query {{ learningSessions {{ {SESSION} }} }}"
SCHEDULE = f"""mutation($input: ScheduleLearningSessionInput!) {{ scheduleLearningSession(input: $input) {{
  __typename ... on LearningSessionSaved {{ session {{ {SESSION} }} }} ... on UserError {{ code field }} }} }}"""
ENROL = """mutation($id: ID!) { enrolInSession(id: $id) { __typename
  ... on EnrolmentChanged { status session { enrolled myEnrolment } } ... on UserError { code message } } }"""
ATTEND = """mutation($s: ID!, $e: [ID!]!) { recordSessionAttendance(sessionId: $s, employeeIds: $e) { __typename
  ... on SessionAttendanceRecorded { attended created session { status } } ... on UserError { code field } } }"""


async def test_hr_schedules_and_people_enrol_until_full(db):
    # given
    c = await make_company()
    start = clock.now() + timedelta(days=3)
    # when
    scheduled = (await run(c.hr.actor, SCHEDULE, input={
        "titleEn": "Forklift licence", "titleZh": "叉车证培训", "startsAt": start.isoformat(),
        "endsAt": (start + timedelta(hours=3)).isoformat(), "capacity": 1, "hours": 3,
        "trainerId": str(c.manager.employee.id), "attributes": {"category": "safety"}}))["scheduleLearningSession"]
    session_id = scheduled["session"]["id"]
    mine = (await run(c.employee.actor, ENROL, id=session_id))["enrolInSession"]
    full = (await run(c.peer.actor, ENROL, id=session_id))["enrolInSession"]
    listed = (await run(c.employee.actor, LIST))["learningSessions"]
    # then
    assert scheduled["session"]["status"] == "SCHEDULED" and scheduled["session"]["trainer"]["name"] == c.manager.employee.name
    assert (mine["status"], mine["session"]["enrolled"], mine["session"]["myEnrolment"]) == ("ENROLLED", 1, "ENROLLED")
    assert (full["__typename"], full["code"]) == ("UserError", "OUT_OF_STOCK")
    assert [(s["titleZh"], s["enrolled"], s["myEnrolment"]) for s in listed] == [("叉车证培训", 1, "ENROLLED")]


async def test_the_trainer_takes_attendance(db):
    # given
    c = await make_company()
    session = await make_session(c, trainer=c.manager, starts_at=clock.now() + timedelta(minutes=30))
    # when
    with clock.frozen_at(clock.now() + timedelta(hours=1)):
        done = (await run(c.manager.actor, ATTEND, s=str(session.id), e=[str(c.employee.employee.id)]))
    # then
    assert done["recordSessionAttendance"] == {"__typename": "SessionAttendanceRecorded", "attended": 1, "created": 1,
                                               "session": {"status": "COMPLETED"}}


async def test_the_session_list_costs_the_same_for_few_and_many(db, count_queries):
    # given
    c = await make_company()
    for _ in range(2):
        s = await make_session(c, trainer=c.manager)
        await sessions.enrol(c.employee.actor, s.id)
    small = await statements(count_queries, c.employee.actor, LIST)
    # when
    for _ in range(8):
        s = await make_session(c, trainer=c.peer)
        await sessions.enrol(c.employee.actor, s.id)
        await sessions.enrol(c.manager.actor, s.id)
    large = await statements(count_queries, c.employee.actor, LIST)
    # then
    print(f"learningSessions statements: {small} small, {large} large")
    assert small == large
