"""Peer kudos: points from the giver's monthly allowance to a colleague's wallet, with caps."""
from __future__ import annotations

from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.functions import Sum

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements import badges, record
from backend.achievements.models import AchievementKind
from backend.core import clock, db, outbox, validation
from backend.core.errors import Forbidden, LimitExceeded, ValidationFailed
from backend.notifications import service as notifications
from backend.org import calendar
from backend.points import ledger
from backend.recognition import people, policy
from backend.recognition.events import KudosGiven
from backend.recognition.models import Kudos


async def give_kudos(
    actor: Actor, *, receiver_id: UUID, points: int, message: str, client_key: str, value_id: UUID | None = None,
) -> Kudos:
    """Anyone thanks a colleague, optionally with points from their giving allowance. A retry with
    the same `client_key` returns the first kudos and moves nothing again. Requires RECOGNITION_GIVE.
    Emits recognition.kudos_given. Raises ValidationFailed, NotFound, LimitExceeded (per-kudos or
    per-colleague monthly cap), InsufficientPoints (allowance spent)."""
    require(actor, Permission.RECOGNITION_GIVE)
    giver = people.giver_id(actor)
    if actor.role is None:
        raise Forbidden("Only people can give kudos.")
    key = validation.client_key(client_key)
    if (existing := await Kudos.of(actor).get_or_none(giver_id=giver, client_key=key)) is not None:
        return existing
    receiver = await people.active_colleague(actor, receiver_id, field="receiverId")
    text = people.message_text(message, max_length=500)
    value = await people.checked_value(actor, value_id)
    rules = await policy.get_policy(actor)
    if not 0 <= points <= rules.max_points_per_kudos:
        raise LimitExceeded(f"Give between 0 and {rules.max_points_per_kudos} points.", field="points")
    sent = await _sent_this_month(actor, giver, receiver.id)
    if sent + points > rules.pair_monthly_cap:
        raise LimitExceeded(f"You can send {max(rules.pair_monthly_cap - sent, 0)} more points to this colleague "
                            "this month.", field="points")
    try:
        async with db.transaction():
            kudos = await Kudos.create_for(actor, giver_id=giver, receiver_id=receiver.id, points=points, message=text,
                                           value=value, client_key=key, created_at=clock.now())
            if points:
                await policy.ensure_allowance(actor, employee_id=giver, role=actor.role)
                await ledger.send_kudos_points(actor, giver_id=giver, receiver_id=receiver.id, points=points,
                                               idempotency_key=f"kudos:{kudos.id}", source_id=kudos.id)
            achievement = await record.record(actor, record.Earned(
                employee_id=receiver.id, kind=AchievementKind.KUDOS, title_en=f"Kudos: {value.name_en}" if value else "Kudos",
                title_zh=f"点赞：{value.name_zh}" if value else "同事点赞", detail=text, points=points,
                source_type="kudos", source_id=kudos.id, given_by_id=giver, earned_at=kudos.created_at,
            ))
            await notifications.notify(actor, recipient_id=receiver.id, dedupe_key=f"kudos:{kudos.id}",
                                       message=_message(kudos, link=f"/wall?highlight={achievement.id}"))
            await outbox.emit(actor, KudosGiven(kudos_id=str(kudos.id), giver_id=str(giver), receiver_id=str(receiver.id),
                                                points=points, value_code=value.code if value else None))
    except IntegrityError:
        # the same client key raced in from a second request: the first one's kudos stands
        return await Kudos.of(actor).get(giver_id=giver, client_key=key)
    return kudos


async def _sent_this_month(actor: Actor, giver: UUID, receiver: UUID) -> int:
    start = await calendar.month_start(actor)
    rows = await Kudos.of(actor).filter(giver_id=giver, receiver_id=receiver, created_at__gte=start).annotate(
        total=Sum("points")).values("total")
    return int(rows[0]["total"] or 0) if rows else 0


def _message(kudos: Kudos, *, link: str) -> notifications.Message:
    preview = kudos.message[:140]
    if kudos.points:
        return notifications.Message(kind="kudos_received", title_en=f"Kudos with {kudos.points} points",
                                     title_zh=f"同事为你点赞，并送你 {kudos.points} 积分", body_en=preview, body_zh=preview, link=link)
    return notifications.Message(kind="kudos_received", title_en="A colleague thanked you", title_zh="同事为你点赞",
                                 body_en=preview, body_zh=preview, link=link)
