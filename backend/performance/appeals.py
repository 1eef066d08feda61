"""Appeals against a score: filing (routed to a second reviewer, never the manager who rated), the decision
(an upheld appeal may correct the appealed value, which queues a recompute), withdrawal, the lists, and the
overdue reminder. Every change is audited.

SLA: the reviewer answers within 72 hours of filing (`ANSWER_WITHIN`); once overdue, the reviewer and HR are
reminded once. `total_before` is the scorecard total when decided; `total_after` is filled on read from the
current scorecard once a recompute after the decision has landed (rejected: unchanged, so equal)."""
from __future__ import annotations

import uuid
from datetime import timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.models import AccountState, UserAccount
from backend.access.permissions import ROLE_GRANTS, Permission, Role, require
from backend.audit import service as audit
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus
from backend.org.queries import get_organization
from backend.performance import appeal_corrections, policy
from backend.performance.appeal_queries import get_appeal
from backend.performance.events import AppealDecided, AppealFiled
from backend.performance.models import Appeal, AppealStatus, Rating, RaterRelation, ReviewCycle, Scorecard
from backend.performance.statements import appeal_deadline

ANSWER_WITHIN = timedelta(hours=72)
MAX_EVIDENCE, MAX_EVIDENCE_LENGTH = 10, 500
MIN_REASON, MAX_REASON = 10, 2000
DECISIONS = (AppealStatus.UPHELD, AppealStatus.REJECTED)
_AFTER_LOCK_EN = ("\n\nYour score is corrected, but this cycle's bonus was already locked for payroll: your tier "
                  "and bonus stay as they were paid.")
_AFTER_LOCK_ZH = "\n\n你的得分已更正，但本周期奖金已锁定发放：等级和奖金保持原样。"


async def file_appeal(actor: Actor, *, cycle_id: UUID, reason: str, client_key: str, dimension_code: str | None = None,
                      evidence: list[str] | None = None) -> Appeal:
    """A person appeals their own score in a cycle (one dimension, or the total when `dimension_code` is None)
    until the end of ends_on + appeal_days in the organisation's zone. A retry with the same client key returns
    the first appeal. Routed to the manager's manager, else HR (never the appellant nor a manager who rated
    the appealed score); the reviewer is told. Requires PERFORMANCE_REVIEW. Emits performance.appeal_filed.
    Raises Forbidden, NotFound, ValidationFailed (cycleId: window closed or no score; dimensionCode, reason,
    evidence), Conflict (an open appeal on the same score)."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    me, key = policy.person_id(actor), validation.client_key(client_key)
    if (existing := await Appeal.of(actor).get_or_none(employee_id=me, client_key=key)) is not None:
        return existing
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="cycle")
    organization = await get_organization(actor)
    if clock.now() >= appeal_deadline(cycle, ZoneInfo(organization.time_zone)):
        raise ValidationFailed("The appeal window for this cycle has closed.", field="cycleId")
    card = await Scorecard.of(actor).get_or_none(cycle_id=cycle.id, employee_id=me)
    if card is None:
        raise ValidationFailed("You have no score in this cycle to appeal yet.", field="cycleId")
    code = _dimension(card, dimension_code)
    text, items = _reason(reason), _evidence(evidence or [])
    appellant = await Employee.of(actor).get(id=me)
    reviewer = await _route(actor, appellant, await raters_of(actor, cycle.id, me, code))
    now, appeal_id = clock.now(), uuid.uuid4()
    try:
        async with db.transaction():
            # One person's filings queue behind each other (PostgreSQL), so two cannot both pass the check.
            await Employee.of(actor).select_for_update(no_key=True).get(id=me)
            if await Appeal.of(actor).filter(employee_id=me, cycle_id=cycle.id, dimension_code=code,
                                             status=AppealStatus.OPEN).exists():
                raise Conflict("You already have an open appeal on this score.", field="dimensionCode")
            appeal = await Appeal.create_for(
                actor, id=appeal_id, cycle_id=cycle.id, employee_id=me, dimension_code=code, reason=text, evidence=items,
                reviewer_id=reviewer, due_at=now + ANSWER_WITHIN, total_before=card.total, client_key=key, filed_at=now)
            await audit.record(actor, action="appeal.filed", entity_type="appeal", entity_id=appeal_id, after={
                "cycle_id": cycle.id, "dimension_code": code, "reviewer_id": reviewer, "total": card.total})
            await outbox.emit(actor, AppealFiled(appeal_id=str(appeal_id), employee_id=str(me),
                                                 reviewer_id=str(reviewer) if reviewer else None))
            await _tell_reviewers(actor, appeal, appellant, cycle, "filed")
    except IntegrityError:  # the same client key raced in: the first one stands
        return await Appeal.of(actor).get(employee_id=me, client_key=key)
    return appeal


async def decide_appeal(actor: Actor, *, appeal_id: UUID, outcome: AppealStatus, decision: str,
                        corrected_value: float | None = None) -> Appeal:
    """The assigned reviewer or HR upholds or rejects an open appeal, saying why. Never the appellant nor a
    manager who gave the appealed rating. UPHELD with `corrected_value` rewrites the appealed dimension's
    metric value (source APPEAL) or manager rating, which queues a recompute; in a closed cycle it rescores
    at once and re-places the final tiers, unless a bonus pool of the cycle is locked (then tiers and bonus
    stay as paid, recorded as appeal.correction_after_lock). The appellant is told (and of a lock).
    Requires APPEALS_DECIDE. Emits performance.appeal_decided. Raises Forbidden, NotFound, ValidationFailed
    (outcome, decision, correctedValue), Conflict (already decided or withdrawn)."""
    require(actor, Permission.APPEALS_DECIDE)
    me = policy.person_id(actor)
    appeal = await Appeal.get_for(actor, appeal_id, what="appeal")
    await require_decider(actor, appeal)
    if outcome not in DECISIONS:
        raise ValidationFailed("Decide an appeal as upheld or rejected.", field="outcome")
    text = validation.trimmed(decision, field="decision", max_length=MAX_REASON)
    if corrected_value is not None and outcome != AppealStatus.UPHELD:
        raise ValidationFailed("Only an upheld appeal corrects a value.", field="correctedValue")
    card = await Scorecard.of(actor).get_or_none(cycle_id=appeal.cycle_id, employee_id=appeal.employee_id)
    if card is None and corrected_value is not None:  # the person left (their card went): nothing to correct
        raise ValidationFailed("This person no longer has a score in the cycle to correct.", field="correctedValue")
    correction = await appeal_corrections.plan(actor, appeal, card, corrected_value) \
        if card is not None and corrected_value is not None else None
    total = card.total if card is not None else None
    now = clock.now()
    async with db.transaction():
        changed = await Appeal.of(actor).filter(id=appeal.id, status=AppealStatus.OPEN).update(
            status=outcome, decision=text, decided_by_id=me, decided_at=now, total_before=total,
            total_after=total if correction is None else None)
        if not changed:
            raise Conflict("This appeal was already decided or withdrawn.")
        applied = await appeal_corrections.apply(actor, appeal, correction, decided_by=me) if correction else None
        await audit.record(actor, action="appeal.decided", entity_type="appeal", entity_id=appeal.id,
                           before={"status": AppealStatus.OPEN, "value": applied.previous if applied else None},
                           after={"status": outcome, "decision": text, "value": corrected_value, "total": total})
        await outbox.emit(actor, AppealDecided(appeal_id=str(appeal.id), employee_id=str(appeal.employee_id),
                                               outcome=outcome.value))
        cycle = await ReviewCycle.of(actor).get(id=appeal.cycle_id)
        upheld = outcome == AppealStatus.UPHELD
        after_lock = applied is not None and applied.late is not None and applied.late.after_lock
        await notifications.notify(actor, recipient_id=appeal.employee_id, dedupe_key=f"appeal:{appeal.id}:decided",
                                   message=notifications.Message(
                                       kind="appeal_decided", link=_link(appeal),
                                       body_en=text + (_AFTER_LOCK_EN if after_lock else ""),
                                       body_zh=text + (_AFTER_LOCK_ZH if after_lock else ""),
                                       title_en=f"Your appeal on {cycle.name_en} was {'upheld' if upheld else 'rejected'}",
                                       title_zh=f"你对「{cycle.name_zh}」的申诉{'已被采纳' if upheld else '未被采纳'}"))
    return await get_appeal(actor, appeal_id=appeal.id)


async def withdraw_appeal(actor: Actor, *, appeal_id: UUID) -> Appeal:
    """The appellant withdraws an open appeal. Audited. Raises Forbidden, NotFound, Conflict."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    appeal = await Appeal.get_for(actor, appeal_id, what="appeal")
    if appeal.employee_id != policy.person_id(actor):
        raise Forbidden("Only the person who appealed can withdraw it.")
    async with db.transaction():
        if not await Appeal.of(actor).filter(id=appeal.id, status=AppealStatus.OPEN).update(status=AppealStatus.WITHDRAWN):
            raise Conflict("This appeal was already decided or withdrawn.")
        await audit.record(actor, action="appeal.withdrawn", entity_type="appeal", entity_id=appeal.id,
                           before={"status": AppealStatus.OPEN}, after={"status": AppealStatus.WITHDRAWN})
    return await get_appeal(actor, appeal_id=appeal.id)


async def remind_overdue_appeals(actor: Actor) -> int:
    """Once per appeal: when an open appeal passed its due time, remind its reviewer and HR. For the cron
    (system actor); safe to re-run (reminded_at is set conditionally, notifications are deduplicated)."""
    now, reminded = clock.now(), 0
    for appeal in await Appeal.of(actor).filter(status=AppealStatus.OPEN, due_at__lt=now, reminded_at=None):
        async with db.transaction():
            if not await Appeal.of(actor).filter(id=appeal.id, reminded_at=None).update(reminded_at=now):
                continue
            appellant = await Employee.of(actor).get(id=appeal.employee_id)
            cycle = await ReviewCycle.of(actor).get(id=appeal.cycle_id)
            await _tell_reviewers(actor, appeal, appellant, cycle, "overdue")
        reminded += 1
    return reminded


async def require_decider(actor: Actor, appeal: Appeal) -> None:
    """The assigned reviewer or HR; never the appellant nor a manager who rated the appealed score."""
    me = policy.person_id(actor)
    if me == appeal.employee_id:
        raise Forbidden("You cannot decide your own appeal.")
    if me in await raters_of(actor, appeal.cycle_id, appeal.employee_id, appeal.dimension_code):
        raise Forbidden("You gave the rating under appeal: a second reviewer decides it.")
    if not policy.sees_everyone(actor) and me != appeal.reviewer_id:
        raise Forbidden("Only the assigned reviewer or HR can decide this appeal.")


async def raters_of(actor: Actor, cycle_id: UUID, employee_id: UUID, dimension_code: str | None) -> set[UUID]:
    """Who gave the manager ratings under appeal (of one dimension, or of every dimension for the total)."""
    query = Rating.of(actor).filter(cycle_id=cycle_id, employee_id=employee_id, relation=RaterRelation.MANAGER)
    if dimension_code is not None:
        query = query.filter(dimension_code=dimension_code)
    return {UUID(str(r)) for r in await query.values_list("rater_id", flat=True)}


async def _route(actor: Actor, appellant: Employee, conflicted: set[UUID]) -> UUID | None:
    """The manager's manager when they are active and may decide appeals; else the first HR admin (then owner)
    who is neither the appellant nor conflicted; None when nobody is (HR still sees every appeal)."""
    excluded = conflicted | {appellant.id} | ({appellant.manager_id} if appellant.manager_id else set())
    if appellant.manager_id is not None:
        manager = await Employee.of(actor).get_or_none(id=appellant.manager_id)
        above = manager.manager_id if manager else None
        if above is not None and above not in excluded and await _may_decide(actor, above):
            return above
    for reviewer in await hr_ids(actor):
        if reviewer not in excluded:
            return reviewer
    return None


async def _may_decide(actor: Actor, employee_id: UUID) -> bool:
    if not await Employee.of(actor).filter(id=employee_id, status=EmployeeStatus.ACTIVE).exists():
        return False
    account = await UserAccount.of(actor).get_or_none(employee_id=employee_id, state=AccountState.ACTIVE)
    return account is not None and Permission.APPEALS_DECIDE in ROLE_GRANTS[account.role]


async def hr_ids(actor: Actor) -> list[UUID]:
    """Active HR admins, else owners, oldest account first."""
    for role in (Role.HR_ADMIN, Role.OWNER):
        ids = [UUID(str(i)) for i in await UserAccount.of(actor).filter(role=role, state=AccountState.ACTIVE)
               .order_by("created_at").limit(20).values_list("employee_id", flat=True)]
        if ids:
            return ids
    return []


async def _tell_reviewers(actor: Actor, appeal: Appeal, appellant: Employee, cycle: ReviewCycle, what: str) -> None:
    what_en = f"the {appeal.dimension_code} score" if appeal.dimension_code else "the total"
    what_zh = f"「{appeal.dimension_code}」得分" if appeal.dimension_code else "总分"
    overdue = what == "overdue"
    message = notifications.Message(
        kind=f"appeal_{what}", link=_link(appeal), body_en=appeal.reason[:500], body_zh=appeal.reason[:500],
        title_en=(f"Overdue: {appellant.name}'s appeal on" if overdue else f"{appellant.name} appeals") +
        f" {what_en} of {cycle.name_en}",
        title_zh=f"{'已超期：' if overdue else ''}{appellant.name} 对「{cycle.name_zh}」{what_zh}提出申诉")
    recipients = [appeal.reviewer_id] if appeal.reviewer_id else []
    if overdue or not recipients:
        recipients += [h for h in await hr_ids(actor) if h not in recipients and h != appeal.employee_id]
    for recipient in recipients:
        await notifications.notify(actor, recipient_id=recipient, message=message,
                                   dedupe_key=f"appeal:{appeal.id}:{what}")


def _dimension(card: Scorecard, code: str | None) -> str | None:
    if code is None or not code.strip():
        return None
    codes = [d.get("code") for d in card.dimensions]
    if code.strip() not in codes:
        raise ValidationFailed("Your scorecard has no such dimension.", field="dimensionCode")
    return code.strip()


def _reason(reason: str) -> str:
    text = validation.trimmed(reason, field="reason", max_length=MAX_REASON)
    if len(text) < MIN_REASON:
        raise ValidationFailed(f"Explain the appeal in at least {MIN_REASON} characters.", field="reason")
    return text


def _evidence(items: list[str]) -> list[str]:
    if len(items) > MAX_EVIDENCE:
        raise ValidationFailed(f"Attach at most {MAX_EVIDENCE} pieces of evidence.", field="evidence")
    cleaned = [validation.trimmed(i, field="evidence", max_length=MAX_EVIDENCE_LENGTH) for i in items]
    return cleaned


def _link(appeal: Appeal) -> str:
    return f"/performance/appeals/{appeal.id}"

