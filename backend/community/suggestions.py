"""The suggestion box: people submit (optionally anonymously); the owner answers within 24 hours; the
suggestion is accepted or declined, and an accepted one implemented (the public "you said / we did"
board), optionally with reward points paid once through the ledger to its author, anonymous or not.

Owner: every suggestion goes to the organisation's suggestion owner, which is its first HR admin (the
oldest active HR-admin account of an active person), else its first owner-role account; HR reassigns.

Anonymity: the submitter is stored (to show people their own and to pay a reward) but never leaves
this module for anyone else: audit entries of an anonymous submitter's own actions are written under a
system actor (an audit row names its actor), no audit payload, event or notification to others holds
the submitter, and the reward's ledger memo says only "suggestion adopted"."""
from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import AccountState, UserAccount
from backend.access.permissions import Permission, Role, has, require
from backend.audit import service as audit
from backend.community.models import Suggestion, SuggestionStatus
from backend.community.suggestion_events import SuggestionAnswered, SuggestionImplemented
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus
from backend.points import ledger

ANSWER_WITHIN = timedelta(hours=24)
MAX_REWARD = 10_000
LINK = "/community/suggestions"
REWARD_MEMO = "建议被采纳 Suggestion adopted"
OPEN = (SuggestionStatus.RECEIVED, SuggestionStatus.ANSWERED, SuggestionStatus.ACCEPTED)


async def suggestion_owner(actor: Actor) -> UUID | None:
    """The organisation's suggestion owner: its first active HR admin, else its first active owner."""
    for role in (Role.HR_ADMIN, Role.OWNER):
        found = await UserAccount.of(actor).filter(
            role=role, state=AccountState.ACTIVE, employee__status=EmployeeStatus.ACTIVE,
        ).order_by("created_at", "id").limit(1).values_list("employee_id", flat=True)
        if found:
            return UUID(str(found[0]))
    return None


def may_answer(actor: Actor, s: Suggestion) -> bool:
    """The owner, whoever it was escalated to, and HR answer and decide."""
    me = actor.employee_id
    return has(actor, Permission.COMMUNITY_MANAGE) or (me is not None and me in (s.owner_id, s.escalated_to_id))


async def submit(actor: Actor, *, title: str, body: str, anonymous: bool) -> Suggestion:
    """Requires COMMUNITY_TAKE_PART. The clock starts now (due in 24 h); the owner is told (never who
    wrote an anonymous one). Audited. Raises Forbidden, ValidationFailed (title, body)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    if actor.employee_id is None:
        raise Forbidden("Only people submit suggestions.")
    me = await Employee.of(actor).get(id=actor.employee_id)
    values: dict[str, Any] = {"title": validation.trimmed(title, field="title", max_length=200),
                              "body": validation.trimmed(body, field="body", max_length=5000)}
    owner_id, now = await suggestion_owner(actor), clock.now()
    async with db.transaction():
        s = await Suggestion.create_for(
            actor, submitter_id=me.id, anonymous=anonymous, department_id=me.department_id, status=SuggestionStatus.RECEIVED,
            owner_id=owner_id, due_at=now + ANSWER_WITHIN, created_at=now, **values)
        await audit.record(_auditor(actor, s), action="suggestion.submitted", entity_type="suggestion", entity_id=s.id,
                           after={**values, "anonymous": anonymous, "owner_id": owner_id, "due_at": s.due_at})
        if owner_id is not None:
            await notifications.notify(actor, recipient_id=owner_id, dedupe_key=f"suggestion:{s.id}:new",
                                       message=notifications.Message(
                                           kind="suggestion_received", link=f"{LINK}/{s.id}",
                                           title_en=f"New suggestion to answer within 24 h: {s.title}",
                                           title_zh=f"新的建议（请在 24 小时内答复）：{s.title}"))
    return s


async def answer(actor: Actor, suggestion_id: UUID, text: str) -> Suggestion:
    """The owner, escalation target or HR answers a received suggestion (the clock stops). The author is
    told. Audited. Raises Forbidden, NotFound, ValidationFailed (answer), Conflict (answered before)."""
    s = await _answerable(actor, suggestion_id)
    reply = validation.trimmed(text, field="answer", max_length=5000)
    now = clock.now()
    async with db.transaction():
        if not await Suggestion.of(actor).filter(id=s.id, status=SuggestionStatus.RECEIVED).update(
                status=SuggestionStatus.ANSWERED, answer=reply, answered_at=now, answered_by_id=actor.employee_id):
            raise Conflict("This suggestion was already answered.")
        await _after(actor, s, "answered", {"status": SuggestionStatus.ANSWERED, "answer": reply})
        await outbox.emit(actor, SuggestionAnswered(suggestion_id=str(s.id), on_time=now <= s.due_at))
    return await Suggestion.of(actor).get(id=s.id)


async def decide(actor: Actor, suggestion_id: UUID, *, accept: bool, note: str = "") -> Suggestion:
    """Accept or decline a suggestion. A received one may be decided directly; then the note is its
    answer (required) and the clock stops. Audited; the author is told. Raises Forbidden, NotFound,
    ValidationFailed (note), Conflict (already decided)."""
    s = await _answerable(actor, suggestion_id)
    note = validation.trimmed(note, field="note", max_length=5000, required=s.status == SuggestionStatus.RECEIVED)
    status, now = (SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DECLINED), clock.now()
    changes: dict[str, Any] = {"status": status, "decided_at": now}
    if s.status == SuggestionStatus.RECEIVED:
        changes |= {"answer": note, "answered_at": now, "answered_by_id": actor.employee_id}
    elif note:
        changes["answer"] = f"{s.answer}\n\n{note}".strip()[:5000]
    async with db.transaction():
        if not await Suggestion.of(actor).filter(id=s.id, status=s.status).filter(
                status__in=(SuggestionStatus.RECEIVED, SuggestionStatus.ANSWERED)).update(**changes):
            raise Conflict("This suggestion was already decided.")
        await _after(actor, s, "accepted" if accept else "declined", {"status": status, "note": note})
    return await Suggestion.of(actor).get(id=s.id)


async def implement(actor: Actor, suggestion_id: UUID, *, outcome: str, reward_points: int = 0) -> Suggestion:
    """An accepted suggestion was put into practice: it goes on the public board with its outcome. A
    reward (HR only, COMMUNITY_MANAGE) is paid once to the author's wallet, anonymous or not, with a memo
    that names no one. Audited. Raises Forbidden, NotFound, ValidationFailed (outcome, rewardPoints),
    Conflict (not accepted)."""
    s = await _answerable(actor, suggestion_id)
    text = validation.trimmed(outcome, field="outcome", max_length=5000)
    if isinstance(reward_points, bool) or not 0 <= reward_points <= MAX_REWARD:
        raise ValidationFailed(f"Reward points are 0 to {MAX_REWARD}.", field="rewardPoints")
    if reward_points and not has(actor, Permission.COMMUNITY_MANAGE):
        raise Forbidden("Only HR rewards an adopted suggestion.")
    now = clock.now()
    async with db.transaction():
        if not await Suggestion.of(actor).filter(id=s.id, status=SuggestionStatus.ACCEPTED).update(
                status=SuggestionStatus.IMPLEMENTED, outcome=text, implemented_at=now, reward_points=reward_points):
            raise Conflict("Only an accepted suggestion can be implemented.")
        # rewarded_at is claimed once, so a retried or concurrent implement never pays twice.
        if reward_points and await Suggestion.of(actor).filter(id=s.id, rewarded_at=None).update(rewarded_at=now):
            await ledger.award(actor, employee_id=s.submitter_id, points=reward_points, memo=REWARD_MEMO,
                               source_type="suggestion", source_id=s.id, idempotency_key=f"suggestion-reward:{s.id}")
        await _after(actor, s, "implemented", {"status": SuggestionStatus.IMPLEMENTED, "outcome": text,
                                               "reward_points": reward_points})
        await outbox.emit(actor, SuggestionImplemented(suggestion_id=str(s.id), reward_points=reward_points))
    return await Suggestion.of(actor).get(id=s.id)


async def reassign(actor: Actor, suggestion_id: UUID, owner_id: UUID) -> Suggestion:
    """HR gives an open suggestion to another active person to answer; they are told. Requires
    COMMUNITY_MANAGE. Audited. Raises Forbidden, NotFound (ownerId), Conflict (closed)."""
    require(actor, Permission.COMMUNITY_MANAGE)
    s = await Suggestion.get_for(actor, suggestion_id, what="suggestion")
    if not await Employee.of(actor).filter(id=owner_id, status=EmployeeStatus.ACTIVE).exists():
        raise NotFound("No such person.", field="ownerId")
    async with db.transaction():
        if not await Suggestion.of(actor).filter(id=s.id, status__in=OPEN).update(owner_id=owner_id):
            raise Conflict("This suggestion is closed.")
        await audit.record(actor, action="suggestion.reassigned", entity_type="suggestion", entity_id=s.id,
                           before={"owner_id": s.owner_id}, after={"owner_id": owner_id})
        await notifications.notify(actor, recipient_id=owner_id, dedupe_key=f"suggestion:{s.id}:owner:{owner_id}",
                                   message=notifications.Message(
                                       kind="suggestion_assigned", link=f"{LINK}/{s.id}",
                                       title_en=f"A suggestion was given to you to answer: {s.title}",
                                       title_zh=f"有一条建议转给你答复：{s.title}"))
    return await Suggestion.of(actor).get(id=s.id)


async def _answerable(actor: Actor, suggestion_id: UUID) -> Suggestion:
    require(actor, Permission.COMMUNITY_TAKE_PART)
    s = await Suggestion.get_for(actor, suggestion_id, what="suggestion")
    if not may_answer(actor, s):
        raise Forbidden("Only the suggestion's owner or HR can do that.")
    return s


def _auditor(actor: Actor, s: Suggestion) -> Actor:
    """An anonymous author's own actions are audited under a system actor: the row would name them."""
    if s.anonymous and actor.employee_id == s.submitter_id:
        return Actor.system(actor.tenant_id, label="suggestion box")
    return actor


_TOLD = {"answered": ("Your suggestion was answered", "你的建议已答复"),
         "accepted": ("Your suggestion was accepted", "你的建议已被采纳"),
         "declined": ("Your suggestion was declined", "你的建议未被采纳"),
         "implemented": ("Your suggestion was put into practice", "你的建议已落地实施")}


async def _after(actor: Actor, s: Suggestion, what: str, after: dict[str, Any]) -> None:
    """Audit (no submitter in it) and tell the author (only they get this notification)."""
    await audit.record(_auditor(actor, s), action=f"suggestion.{what}", entity_type="suggestion", entity_id=s.id,
                       before={"status": s.status}, after=after)
    en, zh = _TOLD[what]
    if what == "implemented" and after.get("reward_points"):
        en, zh = f"{en}: +{after['reward_points']} points", f"{zh}：+{after['reward_points']} 积分"
    if s.submitter_id != actor.employee_id:
        await notifications.notify(actor, recipient_id=s.submitter_id, dedupe_key=f"suggestion:{s.id}:{what}",
                                   message=notifications.Message(kind=f"suggestion_{what}", link=f"{LINK}/{s.id}",
                                                                 title_en=f"{en}: {s.title}"[:200],
                                                                 title_zh=f"{zh}：{s.title}"[:200]))
