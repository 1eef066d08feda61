"""Reaching a level is a rules trigger: a rule on "growth level reached" rewards the person once, through
the real outbox drain, even when the recompute runs again."""
from __future__ import annotations

from datetime import date

from backend import event_handlers
from backend.growth import progress
from backend.growth.models import EvidenceKind
from backend.points import queries as points
from backend.rules import service as rules
from tests.factories.growth import add_record, assign, make_track
from tests.factories.org import make_company


async def test_a_rule_rewards_reaching_a_level_once(db):
    # given a rule paying 50 points for reaching "middle", and a junior who now meets it
    c = await make_company()
    await rules.create_rule(c.hr.actor, name="Level up", trigger="growth_level_reached",
                            conditions={"field": "level_code", "op": "eq", "value": "middle"}, awards={"points": 50},
                            active=True)
    track = await make_track(c.hr.actor)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "junior", date(2025, 1, 1))
    for _ in range(3):
        await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment")
    # when the recompute runs twice and the outbox drains
    await progress.recompute(c.system)
    await progress.recompute(c.system)
    await event_handlers.drain()
    await event_handlers.drain()
    # then
    balance = await points.get_balances(c.employee.actor, worker)
    assert balance.wallet == 50
