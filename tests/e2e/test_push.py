"""Web Push end to end: the live server's worker encrypts and signs a push for the employee, a loopback push
service (tests/support/push_service.py) verifies and decrypts it, and the decrypted message is delivered
to the PWA's service worker over CDP, which shows it and, on "click", opens the redemption.

Headless Chromium cannot make a real push subscription offline (STACK.md, "Push in tests"), so the
subscription is registered through the API with keys generated here, pointing at the loopback service.
"""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.test_rewards import give_points, remote_day_item, wait_for
from tests.support.push_service import PushService, new_subscription_keys

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"

WHO = "query { me { employee { id } } }"
SUBSCRIBE = """mutation($i: PushSubscriptionInput!) { subscribePush(input: $i) { __typename
  ... on PushSubscribed { subscriptions } ... on UserError { code message field } } }"""
UNSUBSCRIBE = "mutation($e: String!) { unsubscribePush(endpoint: $e) { __typename } }"
PREFERENCES = "query { notificationPreferences { pushEnabled mutedKinds quietStart quietEnd } }"
REDEEM = """mutation($i: RedeemRewardInput!) { redeemReward(input: $i) { __typename
  ... on RedemptionChanged { redemption { id status } } ... on UserError { code message field } } }"""
APPROVE = """mutation($id: ID!) { approveRedemption(id: $id) { __typename
  ... on RedemptionChanged { redemption { id status } } ... on UserError { code message field } } }"""
SHOWN = """() => navigator.serviceWorker.ready
  .then((r) => r.getNotifications())
  .then((list) => list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data })))"""


@pytest.fixture
def push_service() -> Iterator[PushService]:
    service = PushService()
    service.start()
    yield service
    service.stop()


def _registration_id(page: Any, events: list[dict[str, Any]], scope: str) -> str:
    """The service worker registration for `scope`, as CDP reports it (events arrive while Playwright waits)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for event in events:
            for reg in event.get("registrations", []):
                if reg.get("scopeURL") == scope and not reg.get("isDeleted"):
                    return str(reg["registrationId"])
        page.wait_for_timeout(100)
    raise AssertionError(f"CDP reported no service worker registration for {scope}: {events}")


def test_a_push_sent_by_the_worker_reaches_the_service_worker_and_opens_the_redemption(
    new_phone: Any, login: Any, api: Any, live_server: str, push_service: PushService,
) -> None:
    # given the employee's phone with the service worker in control and notifications allowed
    worker = new_phone()
    worker.grant_permissions(["notifications"], origin=live_server)
    page = worker.new_page()
    login(page, EMPLOYEE)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
    employee_id = api(worker, WHO)["me"]["employee"]["id"]
    prefs = api(worker, PREFERENCES)["notificationPreferences"]
    assert prefs["pushEnabled"] and "redemption_fulfilled" not in prefs["mutedKinds"] and prefs["quietStart"] is None
    # and a push subscription for it, registered through the API, at the loopback push service
    keys = new_subscription_keys()
    endpoint = push_service.endpoint(f"employee-{uuid.uuid4().hex[:8]}", keys)
    _, p256dh, auth = keys
    subscribed = api(worker, SUBSCRIBE, {"i": {"endpoint": endpoint, "p256dh": p256dh, "auth": auth,
                                               "userAgent": "e2e headless Chromium"}})["subscribePush"]
    assert subscribed["__typename"] == "PushSubscribed", subscribed
    try:
        # and a pending remote-day request of theirs
        hr = new_phone()
        login(hr.new_page(), HR)
        item = remote_day_item(hr, api)
        give_points(hr, api, employee_id, item["costPoints"])
        asked = api(worker, REDEEM, {"i": {"itemId": item["id"], "clientKey": uuid.uuid4().hex}})["redeemReward"]
        assert asked["__typename"] == "RedemptionChanged", asked
        redemption_id = asked["redemption"]["id"]
        link = f"/rewards/redemptions/{redemption_id}"

        # when the manager approves it
        boss = new_phone()
        login(boss.new_page(), MANAGER)
        approved = api(boss, APPROVE, {"id": redemption_id})["approveRedemption"]
        assert approved["__typename"] == "RedemptionChanged" and approved["redemption"]["status"] == "FULFILLED", approved

        # then the server's worker pushes it: the push service verified the VAPID token and decrypted the payload
        def delivered() -> dict[str, Any] | None:
            return next((r.payload for r in push_service.received if r.payload.get("url") == link), None)

        payload = wait_for(delivered, "the push service received the fulfilment push", timeout=60)
        assert not push_service.rejected, push_service.rejected
        assert payload["tag"] == "redemption_fulfilled" and payload["title"] and payload["id"]

        # when that message is delivered to the service worker (as the browser's push service would)
        cdp = worker.new_cdp_session(page)
        events: list[dict[str, Any]] = []
        cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: events.append(event))
        cdp.send("ServiceWorker.enable")
        registration = _registration_id(page, events, f"{live_server}/")
        cdp.send("ServiceWorker.deliverPushMessage", {
            "origin": live_server, "registrationId": registration, "data": json.dumps(payload, ensure_ascii=False)})

        # then the service worker shows it, with the text and the link the server sent
        shown = wait_for(lambda: [n for n in page.evaluate(SHOWN) if n["tag"] == payload["tag"]],
                         "the service worker showed the notification")
        assert shown[0]["title"] == payload["title"]
        assert shown[0]["body"] == payload["body"]
        assert shown[0]["data"]["url"] == f"{live_server}{link}"

        # when it is "tapped" (the worker's click handler, run through its test hook)
        page.evaluate("(tag) => navigator.serviceWorker.controller.postMessage({ type: 'seen:open-notification', tag })",
                      payload["tag"])
        # then the app opens the redemption, fulfilled
        page.wait_for_url(f"**{link}")
        page.locator(".redemption-status.tag-fulfilled").wait_for()
        # and the notification is gone from the tray
        wait_for(lambda: not [n for n in page.evaluate(SHOWN) if n["tag"] == payload["tag"]],
                 "the opened notification was closed", timeout=5)
    finally:
        api(worker, UNSUBSCRIBE, {"e": endpoint})
