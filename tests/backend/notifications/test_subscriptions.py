"""Web Push subscriptions: what a browser may register, re-binding a shared phone, removing one's own."""
from __future__ import annotations

import base64
import dataclasses

import pytest

from backend.core.config import Environment, use_settings
from backend.core.errors import NotFound, ValidationFailed
from backend.notifications import subscriptions
from backend.notifications.models import PushSubscription
from tests.factories.org import make_company
from tests.support.push_service import new_subscription_keys

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc:def"


def _keys() -> tuple[str, str]:
    _, p256dh, auth = new_subscription_keys()
    return p256dh, auth


async def test_subscribing_is_idempotent(db):
    # given
    company = await make_company()
    p256dh, auth = _keys()
    # when the same browser subscribes twice
    first = await subscriptions.subscribe(company.employee.actor, endpoint=ENDPOINT, p256dh=p256dh, auth=auth,
                                          user_agent="Chrome on Android")
    again = await subscriptions.subscribe(company.employee.actor, endpoint=ENDPOINT, p256dh=p256dh, auth=auth)
    # then
    assert again.id == first.id
    assert [s.endpoint for s in await subscriptions.list_my_subscriptions(company.employee.actor)] == [ENDPOINT]


async def test_a_shared_phone_moves_to_whoever_subscribes_it(db):
    # given the employee's phone is subscribed, in their organisation
    company = await make_company()
    other = await make_company("Other")
    p256dh, auth = _keys()
    await subscriptions.subscribe(company.employee.actor, endpoint=ENDPOINT, p256dh=p256dh, auth=auth)
    # when a colleague signs in on it, then someone of another organisation
    await subscriptions.subscribe(company.peer.actor, endpoint=ENDPOINT, p256dh=p256dh, auth=auth)
    peer_had = await subscriptions.list_my_subscriptions(company.peer.actor)
    await subscriptions.subscribe(other.employee.actor, endpoint=ENDPOINT, p256dh=p256dh, auth=auth)
    # then only the last owner has it
    assert [s.endpoint for s in peer_had] == [ENDPOINT]
    assert await subscriptions.list_my_subscriptions(company.employee.actor) == []
    assert await subscriptions.list_my_subscriptions(company.peer.actor) == []
    assert [s.endpoint for s in await subscriptions.list_my_subscriptions(other.employee.actor)] == [ENDPOINT]
    assert await PushSubscription.all().count() == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"p256dh": "not base64!"}, "p256dh"),
    ({"p256dh": base64.urlsafe_b64encode(b"\x04" + b"\x01" * 64).decode()}, "p256dh"),  # not on the curve
    ({"p256dh": base64.urlsafe_b64encode(b"\x02" + b"\x01" * 32).decode()}, "p256dh"),  # compressed
    ({"auth": base64.urlsafe_b64encode(b"x" * 15).decode()}, "auth"),
    ({"auth": ""}, "auth"),
    ({"endpoint": "http://push.example/abc"}, "endpoint"),
    ({"endpoint": "ftp://push.example/abc"}, "endpoint"),
    ({"endpoint": "https:///nohost"}, "endpoint"),
    ({"endpoint": "https://push.example/" + "a" * 1000}, "endpoint"),
])
async def test_bad_subscriptions_are_refused(db, change, field):
    # given
    company = await make_company()
    p256dh, auth = _keys()
    values = {"endpoint": ENDPOINT, "p256dh": p256dh, "auth": auth, **change}
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await subscriptions.subscribe(company.employee.actor, **values)
    assert refused.value.field == field
    assert await PushSubscription.all().count() == 0


async def test_padded_keys_are_accepted_and_stored_unpadded(db):
    company = await make_company()
    p256dh, auth = _keys()
    row = await subscriptions.subscribe(company.employee.actor, endpoint=ENDPOINT, p256dh=p256dh + "=", auth=auth + "==")
    assert (row.p256dh, row.auth) == (p256dh, auth)


async def test_a_loopback_endpoint_only_in_test_and_dev(db, settings):
    # given
    company = await make_company()
    p256dh, auth = _keys()
    local = "http://127.0.0.1:8123/push/phone"
    # when in the test environment, then it is accepted
    await subscriptions.subscribe(company.employee.actor, endpoint=local, p256dh=p256dh, auth=auth)
    # when in production, then it is refused
    use_settings(dataclasses.replace(settings, env=Environment.PROD))
    try:
        with pytest.raises(ValidationFailed):
            await subscriptions.subscribe(company.employee.actor, endpoint=local + "2", p256dh=p256dh, auth=auth)
    finally:
        use_settings(settings)


async def test_unsubscribing_removes_only_ones_own(db):
    # given
    company = await make_company()
    p256dh, auth = _keys()
    await subscriptions.subscribe(company.employee.actor, endpoint=ENDPOINT, p256dh=p256dh, auth=auth)
    # when a colleague tries, then it is not found, and the owner can
    with pytest.raises(NotFound):
        await subscriptions.unsubscribe(company.peer.actor, endpoint=ENDPOINT)
    await subscriptions.unsubscribe(company.employee.actor, endpoint=ENDPOINT)
    assert await PushSubscription.all().count() == 0


async def test_another_organisation_cannot_unsubscribe_our_endpoint(db):
    # given
    mine = await make_company("Mine")
    theirs = await make_company("Theirs")
    p256dh, auth = _keys()
    await subscriptions.subscribe(theirs.employee.actor, endpoint=ENDPOINT, p256dh=p256dh, auth=auth)
    # when / then
    with pytest.raises(NotFound):
        await subscriptions.unsubscribe(mine.employee.actor, endpoint=ENDPOINT)
    assert await subscriptions.list_my_subscriptions(mine.employee.actor) == []
    assert len(await subscriptions.list_my_subscriptions(theirs.employee.actor)) == 1


def test_the_application_server_key_is_the_public_point_of_the_signing_key(settings):
    # when
    key = subscriptions.vapid_public_key()
    # then: 65 bytes, uncompressed, no padding, and what the settings advertise
    raw = base64.urlsafe_b64decode(key + "=")
    assert len(raw) == 65 and raw[0] == 0x04 and "=" not in key
    assert key == settings.vapid_public_key
