"""myBadge, kioskInfo, kioskCheckIn and kioskHeartbeat over GraphQL: the badge a person shows is what the
kiosk accepts, a replay answers duplicate, failures come back as typed UserErrors, and only kiosks may
check people in."""
from __future__ import annotations

import uuid
from typing import Any

from backend.access.actor import Actor
from backend.attendance import pins
from backend.attendance.models import ClockPunch
from backend.core import clock
from schema.build import build_schema
from schema.context import Context
from tests.backend.attendance.test_kiosk import make_kiosk
from tests.factories.org import make_company

SCHEMA = build_schema()
BADGE = "query { myBadge { token employeeNumber name } }"
INFO = "query { kioskInfo { siteName timeZone label serverTime syncedThrough } }"
CHECK_IN = """mutation($i: KioskCheckInInput!) { kioskCheckIn(input: $i) { __typename
  ... on KioskCheckIn { employeeName occurredAt direction duplicate } ... on UserError { code field } } }"""
HEARTBEAT = """mutation($n: Int!) { kioskHeartbeat(stillQueued: $n) { __typename
  ... on KioskSynced { kiosk { syncedThrough } } ... on UserError { code field } } }"""


async def _run(actor: Actor, query: str, **variables: Any) -> tuple[dict[str, Any] | None, list[Any]]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    return result.data, list(result.errors or [])


async def test_a_person_shows_their_badge_and_the_kiosk_checks_them_in(db):
    # given
    c = await make_company()
    kiosk, _ = await make_kiosk(c, "Gate 1")
    badge, _ = await _run(c.employee.actor, BADGE)
    assert badge is not None
    token = badge["myBadge"]["token"]
    event = str(uuid.uuid4())
    check_in = {"eventId": event, "occurredAt": clock.now().isoformat(), "badgeToken": token, "stillQueued": 0}
    # when
    first, _ = await _run(kiosk, CHECK_IN, i=check_in)
    again, _ = await _run(kiosk, CHECK_IN, i=check_in)
    info, errors = await _run(kiosk, INFO)
    # then
    assert badge["myBadge"]["name"] == c.employee.employee.name
    assert first and first["kioskCheckIn"]["__typename"] == "KioskCheckIn"
    assert (first["kioskCheckIn"]["employeeName"], first["kioskCheckIn"]["direction"], first["kioskCheckIn"]["duplicate"]) \
        == (c.employee.employee.name, "UNKNOWN", False)
    assert again and again["kioskCheckIn"]["duplicate"] is True
    assert await ClockPunch.of(c.system).filter(event_id=event).count() == 1
    assert not errors and info is not None
    assert (info["kioskInfo"]["siteName"], info["kioskInfo"]["label"]) == (c.site.name, "Gate 1")
    assert info["kioskInfo"]["syncedThrough"] is not None


async def test_failures_are_typed_user_errors(db):
    # given
    c = await make_company()
    kiosk, _ = await make_kiosk(c)
    await pins.set_device_pins(c.hr.actor, [pins.PinRow(pin="2468", employee_id=str(c.peer.employee.id))])
    base = {"occurredAt": clock.now().isoformat(), "employeeNumber": c.peer.employee.employee_number}
    # when
    wrong, _ = await _run(kiosk, CHECK_IN, i={**base, "eventId": str(uuid.uuid4()), "pin": "1111"})
    bad_id, _ = await _run(kiosk, CHECK_IN, i={**base, "eventId": "123", "pin": "2468"})
    not_kiosk, _ = await _run(c.hr.actor, CHECK_IN, i={**base, "eventId": str(uuid.uuid4()), "pin": "2468"})
    negative, _ = await _run(kiosk, HEARTBEAT, n=-1)
    beat, _ = await _run(kiosk, HEARTBEAT, n=0)
    # then
    assert wrong and wrong["kioskCheckIn"] == {"__typename": "UserError", "code": "INVALID_CREDENTIALS", "field": "pin"}
    assert bad_id and bad_id["kioskCheckIn"] == {"__typename": "UserError", "code": "VALIDATION", "field": "eventId"}
    assert not_kiosk and not_kiosk["kioskCheckIn"]["code"] == "FORBIDDEN"
    assert negative and negative["kioskHeartbeat"]["code"] == "VALIDATION"
    assert beat and beat["kioskHeartbeat"]["kiosk"]["syncedThrough"] is not None
    assert await ClockPunch.all().count() == 0


async def test_kiosk_info_is_for_kiosks_and_badges_for_people(db):
    # given
    c = await make_company()
    kiosk, _ = await make_kiosk(c)
    # when
    _, person_info_errors = await _run(c.employee.actor, INFO)
    _, kiosk_badge_errors = await _run(kiosk, BADGE)
    # then
    assert [e.extensions["code"] for e in person_info_errors] == ["FORBIDDEN"]
    assert [e.extensions["code"] for e in kiosk_badge_errors] == ["FORBIDDEN"]
