"""Helpers for the delivery tests: a chat-robot stand-in, subscribing a person's (simulated) phone,
and notifying someone then running the outbox handler and the sender."""
from __future__ import annotations

import json
from typing import Any

from backend import event_handlers
from backend.access.actor import Actor
from backend.notifications import delivery, subscriptions
from backend.notifications import service as notifications
from backend.notifications.models import Notification, PushSubscription
from tests.factories.org import Company, Person
from tests.support.push_service import Keys, LoopbackServer, PushService, Request, Response

KUDOS = notifications.Message(kind="kudos_received", title_en="A colleague thanked you", title_zh="同事为你点赞",
                              link="/wall", body_en="Thanks for the changeover plan", body_zh="谢谢你的换线方案")


class ChatRobot(LoopbackServer):
    """Stands in for a DingTalk, Feishu or WeCom robot: records JSON bodies, answers `answer`."""

    def __init__(self, answer: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.answer = answer or {"errcode": 0, "errmsg": "ok"}
        self.status = 200
        self.bodies: list[dict[str, Any]] = []

    def handle(self, request: Request) -> Response:
        self.bodies.append(json.loads(request.body))
        return Response(self.status, {"Content-Type": "application/json"}, json.dumps(self.answer).encode())


async def subscribe_phone(person: Person, service: PushService, name: str) -> tuple[PushSubscription, Keys]:
    """The person's browser subscribed through the real use case, keys generated as a browser would."""
    endpoint = service.endpoint(name, application_server_key=subscriptions.vapid_public_key())
    keys = service.keys_for(name)
    row = await subscriptions.subscribe(person.actor, endpoint=endpoint, p256dh=keys[1], auth=keys[2],
                                        user_agent="Test phone")
    return row, keys


async def notify(company: Company, person: Person, *, message: notifications.Message = KUDOS,
                 key: str = "k:1") -> Notification:
    """A notification through the real use case, then the drain that runs the delivery handler."""
    note = await notifications.notify(company.system, recipient_id=person.employee.id, message=message, dedupe_key=key)
    await event_handlers.drain()
    return note


async def send(actor: Actor) -> int:
    return await delivery.send_due(actor)
