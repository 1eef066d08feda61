"""Peer kudos: allowance to wallet, caps, retries and who may receive them."""
from __future__ import annotations

import uuid

import pytest

from backend.achievements.models import Achievement, AchievementKind
from backend.core.errors import InsufficientPoints, LimitExceeded, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.org.models import Employee, EmployeeStatus
from backend.points import queries as points
from backend.recognition import kudos, policy
from backend.recognition.models import Kudos
from tests.factories.org import make_company


def key() -> str:
    return uuid.uuid4().hex


async def test_kudos_move_points_from_the_allowance_to_the_colleagues_wallet(db):
    # given
    company = await make_company()
    # when the employee thanks a peer with 20 points
    given = await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=20,
                                   message="Thanks for covering my shift", client_key=key())
    # then the points moved, the peer has a wall item, a notification and the event is recorded
    giver = await points.get_balances(company.employee.actor, company.employee.employee.id)
    receiver = await points.get_balances(company.peer.actor, company.peer.employee.id)
    assert (giver.allowance, giver.wallet) == (80, 0)
    assert receiver.wallet == 20
    item = await Achievement.of(company.system).get(source_type="kudos", source_id=given.id)
    assert (item.kind, item.points, item.employee_id) == (AchievementKind.KUDOS, 20, company.peer.employee.id)
    note = await Notification.of(company.system).get(recipient_id=company.peer.employee.id)
    assert note.kind == "kudos_received" and note.link == f"/wall?highlight={item.id}"
    assert await OutboxEvent.filter(type="recognition.kudos_given").count() == 1


async def test_a_retry_with_the_same_client_key_sends_nothing_twice(db):
    # given a kudos already sent
    company = await make_company()
    client_key = key()
    first = await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=10,
                                   message="Thanks", client_key=client_key)
    # when the phone retries the same submission
    again = await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=10,
                                   message="Thanks", client_key=client_key)
    # then it is the same kudos and the wallet grew once
    assert again.id == first.id
    assert (await points.get_balances(company.peer.actor, company.peer.employee.id)).wallet == 10
    assert await Kudos.of(company.system).count() == 1


async def test_nobody_can_thank_themselves(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as err:
        await kudos.give_kudos(company.employee.actor, receiver_id=company.employee.employee.id, points=5,
                               message="Me", client_key=key())
    assert err.value.field == "receiverId"


async def test_points_above_the_per_kudos_maximum_are_refused(db):
    # given the default policy: at most 50 points per kudos
    company = await make_company()
    # when / then
    with pytest.raises(LimitExceeded) as err:
        await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=51,
                               message="Big thanks", client_key=key())
    assert err.value.field == "points"
    assert await Kudos.of(company.system).count() == 0


async def test_the_monthly_cap_per_colleague_is_enforced(db):
    # given a cap of 30 points per colleague a month and 25 already sent
    company = await make_company()
    await policy.update_policy(company.hr.actor, pair_monthly_cap=30, max_points_per_kudos=25)
    await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=25,
                           message="Thanks", client_key=key())
    # when another 10 would pass the cap
    with pytest.raises(LimitExceeded) as err:
        await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=10,
                               message="Thanks again", client_key=key())
    # then it is refused, saying how much is left, and a different colleague is still fine
    assert "5 more points" in err.value.message
    await kudos.give_kudos(company.employee.actor, receiver_id=company.manager.employee.id, points=10,
                           message="Thanks boss", client_key=key())


async def test_a_spent_allowance_refuses_points_and_changes_nothing(db):
    # given an allowance of 30 with 30 spent
    company = await make_company()
    await policy.update_policy(company.hr.actor, allowance_employee=30)
    await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=30,
                           message="Thanks", client_key=key())
    # when more points are sent to someone else
    with pytest.raises(InsufficientPoints):
        await kudos.give_kudos(company.employee.actor, receiver_id=company.manager.employee.id, points=5,
                               message="Thanks", client_key=key())
    # then no kudos, wall item or notification was left behind; thanks without points still work
    assert await Kudos.of(company.system).filter(receiver_id=company.manager.employee.id).count() == 0
    assert await Notification.of(company.system).filter(recipient_id=company.manager.employee.id).count() == 0
    await kudos.give_kudos(company.employee.actor, receiver_id=company.manager.employee.id, points=0,
                           message="Thanks anyway", client_key=key())


async def test_people_who_left_cannot_receive_kudos(db):
    # given
    company = await make_company()
    await Employee.of(company.system).filter(id=company.peer.employee.id).update(status=EmployeeStatus.LEFT)
    # when / then
    with pytest.raises(ValidationFailed):
        await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=5,
                               message="Bye", client_key=key())


async def test_another_organisations_person_is_not_found(db):
    # given two companies
    mine = await make_company("Mine")
    theirs = await make_company("Theirs")
    # when / then
    with pytest.raises(NotFound):
        await kudos.give_kudos(mine.employee.actor, receiver_id=theirs.employee.employee.id, points=5,
                               message="Hi", client_key=key())


async def test_a_blank_message_is_refused(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as err:
        await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=5,
                               message="   ", client_key=key())
    assert err.value.field == "message"


async def test_the_budget_shows_the_allowance_for_the_role_and_what_is_left(db):
    # given a manager who sent 15 points
    company = await make_company()
    await kudos.give_kudos(company.manager.actor, receiver_id=company.employee.employee.id, points=15,
                           message="Good work", client_key=key())
    # when
    budget = await policy.get_my_budget(company.manager.actor)
    # then
    assert (budget.allowance, budget.left) == (200, 185)
    assert len(budget.period) == 7
