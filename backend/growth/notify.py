"""Inbox notifications of the evidence workflow, in zh-CN and en: a claim to the person's manager (and
the trainer it names), decisions to the record's owner, a dispute to HR, a cancelled session to its
enrollees, and (after commit, from the outbox) a level reached to the person and their manager.
Called inside the changing transaction; keys come from the transition's audit entry, so each
transition notifies once."""
from __future__ import annotations

from uuid import UUID

from backend.access.actor import Actor
from backend.audit.models import AuditEntry
from backend.core.events import RecordedEvent
from backend.growth import record_policy
from backend.growth.events import LevelReached
from backend.growth.models import CareerTrack, GrowthRecord, LearningSession, TrackLevel
from backend.notifications import service as notifications
from backend.org.models import Employee
from backend.performance.appeals import hr_ids

INBOX_LINK, MAP_LINK, QUALITY_LINK, SESSIONS_LINK = "/growth/inbox", "/growth", "/growth/quality", "/growth/sessions"


def name_en(person: Employee) -> str:
    return person.latin_name or person.name


async def claimed(actor: Actor, record: GrowthRecord, owner: Employee, entry: AuditEntry) -> None:
    """The person's manager, and the trainer of the session the claim names, are asked to confirm."""
    recipients = [owner.manager_id] if owner.manager_id else []
    session_id = record_policy.session_of(record.attributes)
    if session_id is not None:
        session = await LearningSession.of(actor).get_or_none(id=session_id)
        if session is not None and session.trainer_id and session.trainer_id not in recipients:
            recipients.append(session.trainer_id)
    message = notifications.Message(
        kind="growth_record_claimed", link=INBOX_LINK,
        title_en=f"{name_en(owner)} asks you to confirm: {record.title}", title_zh=f"{owner.name} 请你确认：{record.title}")
    for recipient in recipients:
        if recipient != owner.id:
            await notifications.notify(actor, recipient_id=recipient, message=message, dedupe_key=f"growth:{entry.id}")


async def decided(actor: Actor, record: GrowthRecord, entry: AuditEntry, *, by: Employee | None) -> None:
    """The owner hears about a confirmation, rejection, revocation or a manager's record made for them."""
    who_en, who_zh = (name_en(by), by.name) if by else ("HR", "人事")
    title = record.title
    texts = {
        "confirmed": ("growth_record_confirmed", f"Confirmed by {who_en}: {title}", f"{who_zh} 已确认：{title}"),
        "recorded": ("growth_record_confirmed", f"{who_en} recorded evidence for you: {title}",
                     f"{who_zh} 为你记录了成长记录：{title}"),
        "attended": ("growth_record_confirmed", f"Attendance recorded: {title}", f"已记录出勤：{title}"),
        "rejected": ("growth_record_rejected", f"Not confirmed: {title}", f"未通过确认：{title}"),
        "revoked": ("growth_record_revoked", f"Revoked after review: {title}", f"经审核已撤销：{title}"),
        "reinstated": ("growth_dispute_resolved", f"Your dispute was accepted: {title}", f"你的异议已被采纳：{title}"),
        "dispute_upheld": ("growth_dispute_resolved", f"Your dispute was not accepted: {title}",
                           f"你的异议未被采纳：{title}"),
    }
    kind, title_en, title_zh = texts[entry.action.rsplit(".", 1)[-1]]
    reason = record.status_reason[:500]
    await notifications.notify(actor, recipient_id=record.employee_id, dedupe_key=f"growth:{entry.id}",
                               message=notifications.Message(kind=kind, link=MAP_LINK, title_en=title_en,
                                                             title_zh=title_zh, body_en=reason, body_zh=reason))


async def disputed(actor: Actor, record: GrowthRecord, owner: Employee, entry: AuditEntry) -> None:
    """HR decides disputes: every active HR admin (else owner) but the disputing person hears of it."""
    message = notifications.Message(
        kind="growth_record_disputed", link=QUALITY_LINK, body_en=record.status_reason[:500],
        body_zh=record.status_reason[:500], title_en=f"{name_en(owner)} disputes a decision: {record.title}",
        title_zh=f"{owner.name} 对成长记录的处理提出异议：{record.title}")
    for recipient in await hr_ids(actor):
        if recipient != owner.id:
            await notifications.notify(actor, recipient_id=recipient, message=message, dedupe_key=f"growth:{entry.id}")


async def session_cancelled(actor: Actor, session: LearningSession, enrollees: list[UUID], *, when: str) -> None:
    message = notifications.Message(
        kind="learning_session_cancelled", link=SESSIONS_LINK, title_en=f"Cancelled: {session.title_en} ({when})",
        title_zh=f"已取消：{session.title_zh}（{when}）")
    for recipient in enrollees:
        await notifications.notify(actor, recipient_id=recipient, message=message,
                                   dedupe_key=f"session:{session.id}:cancelled")


async def on_level_reached(actor: Actor, event: RecordedEvent) -> None:
    """Outbox handler: the person and their manager hear that a level's requirements are all met
    (a promotion stays HR's decision). At least once: the dedupe keys make a repeat harmless."""
    payload = event.payload
    person = await Employee.of(actor).get_or_none(id=UUID(payload["employee_id"]))
    level = await TrackLevel.of(actor).get_or_none(id=UUID(payload["level_id"]))
    if person is None or level is None:
        return
    track = await CareerTrack.of(actor).get(id=level.track_id)
    key = f"level_reached:{person.id}:{level.id}"
    await notifications.notify(actor, recipient_id=person.id, dedupe_key=key, message=notifications.Message(
        kind="growth_level_reached", link=MAP_LINK,
        title_en=f"You met every requirement of {level.name_en} ({track.name_en})",
        title_zh=f"你已达成「{track.name_zh}」中「{level.name_zh}」的全部要求"))
    if person.manager_id is not None:
        await notifications.notify(actor, recipient_id=person.manager_id, dedupe_key=key, message=notifications.Message(
            kind="growth_level_reached", link=f"/growth/team/{person.id}",
            title_en=f"{name_en(person)} met every requirement of {level.name_en} ({track.name_en})",
            title_zh=f"{person.name} 已达成「{track.name_zh}」中「{level.name_zh}」的全部要求"))


# Outbox handlers of the evidence side, merged into backend.event_handlers.
EVIDENCE_HANDLERS = {LevelReached.type: [on_level_reached]}
