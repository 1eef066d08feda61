"""Firing rules when an event is drained from the outbox: exactly once per (rule, event, recipient),
because the RuleFiring row is inserted first, in the same transaction as every award it gives."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.models import Locale, Organization
from backend.achievements import badges, record
from backend.achievements.models import AchievementKind, Badge
from backend.core import clock, db
from backend.core.errors import LimitExceeded, ValidationFailed
from backend.core.events import RecordedEvent
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus
from backend.points import ledger
from backend.rules import awards as award_specs
from backend.rules.catalogue import triggers_for_event
from backend.rules.engine import Decision, RuleSpec, decide
from backend.rules.models import Rule, RuleFiring

log = logging.getLogger(__name__)
SOURCE = "rule_firing"


@dataclass(frozen=True, slots=True)
class _Grant:
    """One decision about to be carried out, with what the organisation looks like now."""

    rule: RuleSpec
    decision: Decision
    recipient: Employee
    currency: str


async def on_event(actor: Actor, event: RecordedEvent) -> int:
    """Fires the organisation's active rules for this event; returns how many firings were made
    now (0 when the event was handled before: delivery is at least once). People who left get
    nothing. Awards that fail roll back their firing, so a retry gives them again."""
    triggers = {t.key: t for t in triggers_for_event(event.type)}
    if not triggers:
        return 0
    rules = await Rule.of(actor).filter(active=True, trigger__in=list(triggers)).order_by("created_at", "id")
    decided = [(spec, d) for spec in _specs(rules) if (d := decide(spec, event, triggers[spec.trigger]))]
    if not decided:
        return 0
    people = {e.id: e for e in await Employee.of(actor).filter(
        id__in=list({d.recipient_id for _, d in decided}), status=EmployeeStatus.ACTIVE)}
    currency = "CNY"
    if any(spec.awards.bonus_minor for spec, _ in decided):
        currency = (await Organization.get(id=actor.tenant_id)).currency
    made = 0
    for spec, decision in decided:
        recipient = people.get(decision.recipient_id)
        if recipient is not None and await _fire(actor, _Grant(spec, decision, recipient, currency)):
            made += 1
    return made


def _specs(rules: list[Rule]) -> list[RuleSpec]:
    """A stored rule that no longer validates (the award vocabulary tightened since it was saved)
    is skipped and logged, so one stale rule cannot block every other rule on this event."""
    specs = []
    for rule in rules:
        try:
            specs.append(RuleSpec.of(rule))
        except ValidationFailed as err:
            log.error("rule %s (tenant %s) no longer validates and was skipped: %s", rule.id, rule.tenant_id, err)
    return specs


async def handle_event(actor: Actor, event: RecordedEvent) -> None:
    """The outbox handler (handlers return nothing)."""
    made = await on_event(actor, event)
    if made:
        log.info("rules fired %d time(s) for %s %s", made, event.type, event.id)


async def _fire(actor: Actor, grant: _Grant) -> bool:
    async with db.transaction():
        badge, skipped = await _badge(actor, grant.rule.awards.badge_code, grant.recipient)
        given = award_specs.to_json(grant.rule.awards) | ({"badge_skipped": skipped} if skipped else {})
        firing = await _claim(actor, grant.decision, given)
        if firing is None:
            return False
        shown = await _give(actor, grant, firing, badge)
        await _notify(actor, grant, badge, link=f"/wall?highlight={shown}" if shown else "/wall")
    return True


async def _badge(actor: Actor, code: str | None, person: Employee) -> tuple[Badge | None, str | None]:
    """The badge to grant, or why it is skipped: deactivated since the rule was saved, already held
    (a "5 years" badge must not come again at 6), or capped this month."""
    if code is None:
        return None, None
    badge = await badges.get_active_by_code(actor, code)
    if badge is None:
        return None, "inactive"
    if await badges.holds(actor, employee_id=person.id, badge_id=badge.id):
        return None, "already_held"
    try:
        await badges.check_monthly_cap(actor, badge)
    except LimitExceeded:
        return None, "monthly_cap"
    return badge, None


async def _claim(actor: Actor, decision: Decision, given: dict[str, object]) -> RuleFiring | None:
    """The exactly-once guard: the unique (rule, event, recipient) decides; None if it fired before.
    A savepoint, so the duplicate leaves the surrounding transaction usable (PostgreSQL)."""
    try:
        async with db.transaction():
            return await RuleFiring.create_for(actor, rule_id=decision.rule_id, event_id=decision.event_id,
                                               recipient_id=decision.recipient_id, awards=given, fired_at=clock.now())
    except IntegrityError:
        return None


async def _give(actor: Actor, grant: _Grant, firing: RuleFiring, badge: Badge | None) -> UUID | None:
    """Returns the wall item the notification should open."""
    spec, rule, person = grant.rule.awards, grant.rule.name, grant.recipient
    shown: list[UUID] = []
    if spec.points:
        await ledger.award(actor, employee_id=person.id, points=spec.points, memo=rule[:300], source_type=SOURCE,
                           idempotency_key=f"rule:{grant.rule.id}:{grant.decision.event_id}:{person.id}",
                           source_id=firing.id)
    if spec.points or spec.praise_letter:
        letter = spec.praise_letter
        detail = letter.render(locale=_locale(person), name=person.name, rule=rule) if letter else ""
        title_en, title_zh = ((f"+{spec.points} points: {rule}", f"+{spec.points} 积分：{rule}") if spec.points
                              else (f"Praise letter: {rule}", f"表扬信：{rule}"))
        # `announce` makes the award public on the wall; the feed module (not yet written) will post
        # firings whose awards JSON says "announce": true.
        shown.append((await record.record(actor, record.Earned(
            employee_id=person.id, kind=AchievementKind.AWARD, title_en=title_en, title_zh=title_zh,
            source_type=SOURCE, source_id=firing.id, detail=detail, points=spec.points, is_public=spec.announce))).id)
    if badge is not None:
        shown.append((await record.record(actor, record.Earned(
            employee_id=person.id, kind=AchievementKind.BADGE, title_en=badge.name_en, title_zh=badge.name_zh,
            source_type=SOURCE, source_id=firing.id, detail=rule, badge_id=badge.id))).id)
    if spec.bonus_minor:
        # Money stays private on the wall whatever `announce` says.
        shown.append((await record.record(actor, record.Earned(
            employee_id=person.id, kind=AchievementKind.BONUS, title_en=f"Bonus: {rule}", title_zh=f"奖金：{rule}",
            source_type=SOURCE, source_id=firing.id, amount_minor=spec.bonus_minor, is_public=False))).id)
        await record.add_bonus_line(actor, employee_id=person.id, amount_minor=spec.bonus_minor, reason=rule,
                                    source_type=SOURCE, source_id=firing.id)
    return shown[0] if shown else None


async def _notify(actor: Actor, grant: _Grant, badge: Badge | None, *, link: str) -> None:
    spec, rule, person = grant.rule.awards, grant.rule.name, grant.recipient
    if spec.points:
        title_en, title_zh = f"You earned {spec.points} points: {rule}", f"你获得了 {spec.points} 积分：{rule}"
    elif badge is not None:
        title_en, title_zh = f"You earned the badge {badge.name_en}: {rule}", f"你获得了徽章「{badge.name_zh}」：{rule}"
    elif spec.bonus_minor:
        title_en, title_zh = f"You earned a bonus: {rule}", f"你获得了一笔奖金：{rule}"
    elif spec.praise_letter:
        title_en, title_zh = f"You received a praise letter: {rule}", f"你收到了一封表扬信：{rule}"
    else:
        return  # only a badge, and it was skipped: nothing arrived to tell about
    en, zh = [], []
    if spec.points:
        en.append(f"{spec.points} points")
        zh.append(f"{spec.points} 积分")
    if badge is not None:
        en.append(f"Badge: {badge.name_en}")
        zh.append(f"徽章：{badge.name_zh}")
    if spec.bonus_minor:
        en.append(f"Bonus: {_money(spec.bonus_minor, grant.currency)}")
        zh.append(f"奖金：{_money(spec.bonus_minor, grant.currency)}")
    if spec.praise_letter:
        en.append(spec.praise_letter.render(locale="en", name=person.name, rule=rule))
        zh.append(spec.praise_letter.render(locale="zh", name=person.name, rule=rule))
    await notifications.notify(actor, recipient_id=person.id, dedupe_key=f"rule:{grant.rule.id}:{grant.decision.event_id}",
                               message=notifications.Message(kind="rule_award", title_en=title_en, title_zh=title_zh,
                                                             link=link, body_en=" · ".join(en),
                                                             body_zh=" · ".join(zh)))


def _locale(person: Employee) -> str:
    return "en" if person.locale == Locale.EN else "zh"


def _money(minor: int, currency: str) -> str:
    """Two decimals: the organisation currencies we serve (CNY and the like) have cents."""
    return f"{minor // 100}.{minor % 100:02d} {currency}"
