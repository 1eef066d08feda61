"""Web Push end to end against a loopback push service that verifies VAPID and decrypts with http_ece:
what arrives, what the service's answers do to the delivery, and exactly-once under redelivery."""
from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, time, timedelta

from backend.access.models import Locale
from backend.core import clock, jobs
from backend.core import db as core_db
from backend.core.models import OutboxEvent
from backend.core.outbox import recorded
from backend.notifications import delivery, preferences, subscriptions
from backend.notifications import service as notifications
from backend.notifications.events import NotificationCreated
from backend.notifications.models import Delivery, DeliveryChannel, DeliveryStatus, Notification, PushSubscription
from backend.org.models import Employee
from tests.backend.notifications.support import KUDOS, notify, send, subscribe_phone
from tests.factories.org import make_company
from tests.support.push_service import new_subscription_keys
from workers.jobs.notifications import send_deliveries, send_due_deliveries
from workers.jobs.outbox import drain_outbox


async def test_a_subscribed_person_gets_the_push_in_their_language(db, push_service):
    # given an English-speaking employee with a subscribed phone
    company = await make_company()
    person = company.employee
    await Employee.filter(id=person.employee.id).update(locale=Locale.EN)
    await subscribe_phone(person, push_service, "phone")
    # when they are notified and the sender runs
    note = await notify(company, person)
    sent = await send(company.system)
    # then the push service got one message it could verify and decrypt
    assert sent == 1 and push_service.rejected == []
    [(path, headers, payload, claims)] = push_service.received
    assert path == "/push/phone"
    assert payload == {"title": "A colleague thanked you", "body": "Thanks for the changeover plan", "url": "/wall",
                       "tag": "kudos_received", "id": str(note.id)}
    assert (headers["ttl"], headers["urgency"], headers["topic"]) == ("86400", "normal", "kudos_received")
    assert claims["aud"] == push_service.base_url  # the port is kept
    assert claims["sub"].startswith("mailto:")
    row = await Delivery.get(notification_id=note.id)
    assert (row.channel, row.status, row.attempts) == (DeliveryChannel.PUSH, DeliveryStatus.SENT, 1)
    assert (await PushSubscription.get(employee_id=person.employee.id)).last_success_at is not None


async def test_chinese_is_the_default_language_and_requests_are_urgent(db, push_service):
    # given a person with the default locale
    company = await make_company()
    await subscribe_phone(company.manager, push_service, "boss")
    message = notifications.Message(kind="redemption_requested", title_en="Approve a reward", title_zh="请审批兑换",
                                    link="/rewards/approvals")
    # when
    await notify(company, company.manager, message=message)
    await send(company.system)
    # then
    [(_, headers, payload, _)] = push_service.received
    assert payload["title"] == "请审批兑换" and payload["url"] == "/rewards/approvals"
    assert headers["urgency"] == "high"


async def test_the_whole_chain_runs_through_the_jobs(db, push_service):
    # given the in-process job runner with the outbox drain and the sender
    runner = jobs.InProcessJobs([drain_outbox, send_deliveries])
    jobs.configure(runner)
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    # when a use case notifies inside its transaction and the jobs it queued run
    async with core_db.transaction():
        await notifications.notify(company.system, recipient_id=company.employee.employee.id, message=KUDOS,
                                   dedupe_key="chain")
    await runner.wait_idle()
    # then the push arrived without anyone calling the sender by hand
    assert len(push_service.received) == 1
    assert await Delivery.filter(status=DeliveryStatus.SENT).count() == 1


async def test_a_gone_subscription_is_deleted_and_the_delivery_failed(db, push_service):
    # given
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "old-phone")
    push_service.respond_with("old-phone", 410)
    # when
    note = await notify(company, company.employee)
    await send(company.system)
    # then
    row = await Delivery.get(notification_id=note.id)
    assert row.status == DeliveryStatus.FAILED and "410" in (row.last_error or "")
    assert not await PushSubscription.filter(employee_id=company.employee.employee.id).exists()


async def test_a_rate_limited_push_is_retried_later_then_sent(db, push_service):
    # given the push service asks us to wait two minutes once
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    push_service.respond_with("phone", 429, {"Retry-After": "120"})
    start = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    with clock.frozen_at(start):
        note = await notify(company, company.employee)
        await send(company.system)
        # then it waits, as asked
        row = await Delivery.get(notification_id=note.id)
        assert (row.status, row.attempts) == (DeliveryStatus.PENDING, 1)
        assert row.not_before == start + timedelta(seconds=120)
        assert await send(company.system) == 0  # not due yet
    # when the next run comes after the wait
    with clock.frozen_at(start + timedelta(seconds=121)):
        assert await send(company.system) == 1
    # then
    row = await Delivery.get(notification_id=note.id)
    assert (row.status, row.attempts, row.last_error) == (DeliveryStatus.SENT, 2, None)
    assert len(push_service.received) == 2


async def test_server_errors_back_off_and_give_up_after_six_attempts(db, push_service):
    # given a push service that keeps failing
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    push_service.respond_with("phone", 500, times=10)
    moment = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    with clock.frozen_at(moment):
        note = await notify(company, company.employee)
    waits = []
    # when the sender runs whenever the delivery is due
    for _ in range(6):
        with clock.frozen_at(moment):
            assert await send(company.system) == 1
        row = await Delivery.get(notification_id=note.id)
        if row.not_before:
            waits.append((row.not_before - moment).total_seconds())
            moment = row.not_before
    # then the waits grew and it stopped
    assert waits == [60, 120, 240, 480, 960]
    assert (row.status, row.attempts) == (DeliveryStatus.FAILED, 6)


async def test_a_muted_kind_stays_in_the_inbox_only(db, push_service):
    # given a person who muted kudos
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    await preferences.update_my_preferences(company.employee.actor, push_enabled=True, chat_enabled=True,
                                            muted_kinds=["kudos_received"], quiet_start=None, quiet_end=None)
    # when
    note = await notify(company, company.employee)
    assert await send(company.system) == 0
    # then
    assert push_service.received == []
    row = await Delivery.get(notification_id=note.id)
    assert (row.status, row.last_error) == (DeliveryStatus.SKIPPED, "muted")
    assert await notifications.unread_count(company.employee.actor) == 1


async def test_quiet_hours_defer_the_push_until_they_end(db, push_service):
    # given quiet hours 22:00-07:30 in Shanghai, and it is 23:00 there
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    await preferences.update_my_preferences(company.employee.actor, push_enabled=True, chat_enabled=True, muted_kinds=[],
                                            quiet_start=time(22, 0), quiet_end=time(7, 30))
    late = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # 23:00 in Shanghai
    with clock.frozen_at(late):
        note = await notify(company, company.employee)
        # when the sender runs at night
        assert await send(company.system) == 0
    # then it waits for 07:30 Shanghai time
    row = await Delivery.get(notification_id=note.id)
    assert row.not_before == datetime(2026, 11, 2, 23, 30, tzinfo=UTC)
    assert push_service.received == []
    # and the sweep cron sends it once the window has ended
    with clock.frozen_at(datetime(2026, 11, 2, 23, 31, tzinfo=UTC)):
        assert await send_due_deliveries({}) == 1
    assert len(push_service.received) == 1


async def test_a_redelivered_event_makes_no_second_delivery(db, push_service):
    # given a notification delivered once
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    note = await notify(company, company.employee)
    await send(company.system)
    event = await OutboxEvent.get(type=NotificationCreated.type)
    # when the outbox hands the same event over again, and the sender runs again
    await delivery.on_notification_created(company.system, recorded(event))
    await send(company.system)
    # then
    assert await Delivery.filter(notification_id=note.id).count() == 1
    assert len(push_service.received) == 1


async def test_the_same_notification_twice_is_one_event(db):
    # given
    company = await make_company()
    # when a handler that notifies is retried
    for _ in range(2):
        await notifications.notify(company.system, recipient_id=company.employee.employee.id, message=KUDOS,
                                   dedupe_key="same")
    # then
    events = await OutboxEvent.filter(type=NotificationCreated.type)
    assert [e.payload["kind"] for e in events] == ["kudos_received"]
    note = await Notification.get(dedupe_key="same")
    assert events[0].payload == {"notification_id": str(note.id), "recipient_id": str(company.employee.employee.id),
                                 "kind": "kudos_received"}


async def test_two_senders_racing_push_once(db, push_service):
    # given a due delivery
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    await notify(company, company.employee)
    # when two workers run at once
    counts = await asyncio.gather(send(company.system), send(company.system))
    # then
    assert sorted(counts) == [0, 1]
    assert len(push_service.received) == 1


async def test_a_payload_over_3_kb_is_truncated(db, push_service):
    # given the longest notification the inbox holds, in 4-byte emoji: over 3 KB as UTF-8
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    link = "/wall/" + "x" * 294
    message = notifications.Message(kind="rule_award", title_en="🏆" * 200, title_zh="🏆" * 200, link=link,
                                    body_en="🎉" * 500, body_zh="🎉" * 500)
    # when
    await notify(company, company.employee, message=message)
    await send(company.system)
    # then it still arrives within 3 KB, the body shortened and the rest whole
    [(_, _, payload, _)] = push_service.received
    assert len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()) <= 3072
    assert (payload["title"], payload["url"]) == ("🏆" * 200, link)
    assert payload["body"].endswith("…") and set(payload["body"][:-1]) == {"🎉"}
    assert 400 < len(payload["body"]) < 500


async def test_every_phone_of_the_person_gets_it(db, push_service):
    # given two subscribed browsers
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    await subscribe_phone(company.employee, push_service, "tablet")
    # when
    await notify(company, company.employee)
    assert await send(company.system) == 2
    # then
    assert sorted(r.path for r in push_service.received) == ["/push/phone", "/push/tablet"]


async def test_push_switched_off_sends_nothing(db, push_service):
    # given
    company = await make_company()
    await subscribe_phone(company.employee, push_service, "phone")
    await preferences.update_my_preferences(company.employee.actor, push_enabled=False, chat_enabled=True,
                                            muted_kinds=[], quiet_start=None, quiet_end=None)
    # when
    note = await notify(company, company.employee)
    await send(company.system)
    # then
    assert push_service.received == []
    assert (await Delivery.get(notification_id=note.id)).last_error == "push switched off"


async def test_a_phone_that_changed_hands_never_shows_the_old_owners_news(db, push_service):
    # given a delivery planned for the employee's phone, not yet sent
    company = await make_company()
    row, keys = await subscribe_phone(company.employee, push_service, "shared")
    note = await notify(company, company.employee)
    # when the peer signs in on that phone and subscribes it
    await subscriptions.subscribe(company.peer.actor, endpoint=row.endpoint, p256dh=keys[1], auth=keys[2])
    await send(company.system)
    # then the employee's notification is not pushed to it
    assert push_service.received == []
    assert (await Delivery.get(notification_id=note.id)).status == DeliveryStatus.FAILED


async def test_another_organisations_sender_does_not_touch_our_deliveries(db, push_service):
    # given a pending delivery in one organisation
    mine = await make_company("Mine")
    theirs = await make_company("Theirs")
    await subscribe_phone(mine.employee, push_service, "phone")
    await notify(mine, mine.employee)
    # when the other organisation's sender runs
    assert await send(theirs.system) == 0
    # then ours is still pending, and goes out with our sender
    assert push_service.received == []
    assert await send(mine.system) == 1


async def test_a_push_signed_with_another_vapid_key_is_refused(db, push_service):
    # given a subscription the browser made with a different applicationServerKey (e.g. before a key change)
    company = await make_company()
    _, other_key, _ = new_subscription_keys()
    endpoint = push_service.endpoint("stale", application_server_key=other_key)
    _, p256dh, auth = push_service.keys_for("stale")
    await subscriptions.subscribe(company.employee.actor, endpoint=endpoint, p256dh=p256dh, auth=auth)
    # when
    note = await notify(company, company.employee)
    await send(company.system)
    # then the push service refused it, and the delivery is not retried
    assert push_service.received == [] and len(push_service.rejected) == 1
    row = await Delivery.get(notification_id=note.id)
    assert row.status == DeliveryStatus.FAILED and "403" in (row.last_error or "")
