"""Managing rules: create, edit, (de)activate, list, and read their firings. Every function
requires RULES_MANAGE; every change is audited. Firing itself lives in firing.py."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise.functions import Count

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements import badges
from backend.audit import service as audit
from backend.core import db
from backend.core.errors import ValidationFailed
from backend.core.pagination import Page, paginate
from backend.rules import awards as award_specs
from backend.rules import conditions as condition_trees
from backend.rules.awards import AwardSpec
from backend.rules.catalogue import TRIGGERS, Trigger
from backend.rules.models import Rule, RuleFiring

MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Definition:
    """A validated "when <trigger> [and conditions] then <awards>"."""

    trigger: Trigger
    conditions: dict[str, Any] | None
    awards: AwardSpec


async def check_definition(actor: Actor, *, trigger: str, conditions: Mapping[str, Any] | None,
                           awards: Mapping[str, Any]) -> Definition:
    """Validates without saving (create, update and previews share it). Raises ValidationFailed
    naming the field: "trigger", "conditions…", "awards…" (an unknown or inactive badge included)."""
    spec = TRIGGERS.get(trigger)
    if spec is None:
        raise ValidationFailed("Choose a trigger from the catalogue.", field="trigger")
    tree = condition_trees.validate(conditions, spec)
    award = award_specs.validate(awards)
    await _check_badge(actor, award)
    return Definition(trigger=spec, conditions=tree, awards=award)


async def _check_badge(actor: Actor, award: AwardSpec) -> None:
    if award.badge_code and await badges.get_active_by_code(actor, award.badge_code) is None:
        raise ValidationFailed("There is no active badge with this code.", field="awards.badgeCode")


def _name(value: str) -> str:
    name = value.strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise ValidationFailed(f"Give the rule a name of 1 to {MAX_NAME} characters.", field="name")
    return name


def _snapshot(rule: Rule) -> dict[str, Any]:
    return {"name": rule.name, "trigger": rule.trigger, "conditions": rule.conditions, "awards": rule.awards,
            "active": rule.active}


async def create_rule(actor: Actor, *, name: str, trigger: str, conditions: Mapping[str, Any] | None,
                      awards: Mapping[str, Any], active: bool = False) -> Rule:
    """Requires RULES_MANAGE. Raises Forbidden, ValidationFailed. Audited as "rule.created"."""
    require(actor, Permission.RULES_MANAGE)
    clean_name = _name(name)
    definition = await check_definition(actor, trigger=trigger, conditions=conditions, awards=awards)
    async with db.transaction():
        rule = await Rule.create_for(actor, name=clean_name, trigger=definition.trigger.key,
                                     conditions=definition.conditions,
                                     awards=award_specs.to_json(definition.awards), active=active)
        await audit.record(actor, action="rule.created", entity_type="rule", entity_id=rule.id,
                           after=_snapshot(rule))
    return rule


async def update_rule(actor: Actor, rule_id: UUID, *, name: str, trigger: str,
                      conditions: Mapping[str, Any] | None, awards: Mapping[str, Any]) -> Rule:
    """Replaces the definition (an active rule stays active; firings already made keep what they
    gave). Requires RULES_MANAGE. Raises Forbidden, NotFound, ValidationFailed. Audited."""
    require(actor, Permission.RULES_MANAGE)
    rule = await Rule.get_for(actor, rule_id, what="rule")
    clean_name = _name(name)
    definition = await check_definition(actor, trigger=trigger, conditions=conditions, awards=awards)
    async with db.transaction():
        before = _snapshot(rule)
        rule.name = clean_name
        rule.trigger = definition.trigger.key
        rule.conditions = definition.conditions
        rule.awards = award_specs.to_json(definition.awards)
        await rule.save()
        changed_before, changed_after = audit.diff(before, _snapshot(rule))
        if changed_after:
            await audit.record(actor, action="rule.updated", entity_type="rule", entity_id=rule.id,
                               before=changed_before, after=changed_after)
    return rule


async def set_rule_active(actor: Actor, rule_id: UUID, *, active: bool) -> Rule:
    """Turns a rule on or off; activating re-checks that its badge is still active. Requires
    RULES_MANAGE. Raises Forbidden, NotFound, ValidationFailed. Audited when it changes."""
    require(actor, Permission.RULES_MANAGE)
    rule = await Rule.get_for(actor, rule_id, what="rule")
    if rule.active == active:
        return rule
    if active:
        await _check_badge(actor, award_specs.from_json(rule.awards))
    async with db.transaction():
        rule.active = active
        await rule.save(update_fields=["active", "updated_at"])
        await audit.record(actor, action="rule.activated" if active else "rule.deactivated", entity_type="rule",
                           entity_id=rule.id, before={"active": not active}, after={"active": active})
    return rule


def list_triggers(actor: Actor) -> list[Trigger]:
    """The trigger catalogue, for the rule editor. Requires RULES_MANAGE."""
    require(actor, Permission.RULES_MANAGE)
    return list(TRIGGERS.values())


async def list_rules(actor: Actor) -> list[Rule]:
    """The organisation's rules, newest first. Requires RULES_MANAGE."""
    require(actor, Permission.RULES_MANAGE)
    return await Rule.of(actor).order_by("-created_at", "id")


async def get_rule(actor: Actor, rule_id: UUID) -> Rule:
    """Requires RULES_MANAGE. Raises NotFound (also for another organisation's rule)."""
    require(actor, Permission.RULES_MANAGE)
    return await Rule.get_for(actor, rule_id, what="rule")


async def rules_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[Rule | None]:
    """For DataLoaders (a firing's rule). Requires RULES_MANAGE."""
    require(actor, Permission.RULES_MANAGE)
    found = {r.id: r for r in await Rule.of(actor).filter(id__in=list(ids))}
    return [found.get(i) for i in ids]


async def list_firings(actor: Actor, *, rule_id: UUID, first: int = 20, after: str | None = None) -> Page[RuleFiring]:
    """A rule's firings, newest first. Requires RULES_MANAGE. Raises NotFound, ValidationFailed (page)."""
    require(actor, Permission.RULES_MANAGE)
    rule = await Rule.get_for(actor, rule_id, what="rule")
    return await paginate(RuleFiring.of(actor).filter(rule_id=rule.id), first=first, after=after, key="fired_at",
                          descending=True)


async def firing_counts(actor: Actor, rule_ids: Sequence[UUID]) -> list[int]:
    """How often each rule fired, in the order asked (one grouped query, for DataLoaders).
    Requires RULES_MANAGE."""
    require(actor, Permission.RULES_MANAGE)
    if not rule_ids:
        return []
    rows = await (RuleFiring.of(actor).filter(rule_id__in=list(rule_ids)).annotate(fired=Count("id"))
                  .group_by("rule_id").values_list("rule_id", "fired"))
    counts = {UUID(str(rule_id)): int(fired) for rule_id, fired in rows}
    return [counts.get(i, 0) for i in rule_ids]
