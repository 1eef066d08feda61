"""GraphQL types for the rules engine: the trigger catalogue, rules, firings and previews."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from backend.rules.catalogue import Trigger
from backend.rules.models import Rule as RuleModel
from backend.rules.models import RuleFiring as RuleFiringModel
from backend.rules.preview import Preview
from schema.context import Info
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.type(description="A payload field a rule condition may test.")
class RuleTriggerField:
    name: str = strawberry.field(description="The field, as used in conditions (e.g. points).")
    type: str = strawberry.field(description="int, str, bool or enum.")
    choices: list[str] = strawberry.field(description="Allowed values of an enum field.")
    name_en: str = strawberry.field(description="Label in English.")
    name_zh: str = strawberry.field(description="Label in Chinese.")


@strawberry.type(description="Something that can set a rule off, e.g. kudos received or a work anniversary.")
class RuleTrigger:
    key: str = strawberry.field(description="Stable key used by rules.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    description_en: str = strawberry.field(description="What it means, in English.")
    description_zh: str = strawberry.field(description="What it means, in Chinese.")
    fields: list[RuleTriggerField] = strawberry.field(description="Fields conditions may test.")

    @classmethod
    def from_data(cls, t: Trigger) -> RuleTrigger:
        return cls(key=t.key, name_en=t.name_en, name_zh=t.name_zh, description_en=t.description_en,
                   description_zh=t.description_zh,
                   fields=[RuleTriggerField(name=n, type=f.type, choices=list(f.choices), name_en=f.name_en, name_zh=f.name_zh)
                           for n, f in t.fields.items()])


@strawberry.type(description="HR's rule: when <trigger> [and conditions] then <awards>.")
class Rule:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    name: str = strawberry.field(description="What HR calls it.")
    trigger: str = strawberry.field(description="The trigger's key.")
    conditions: JSON | None = strawberry.field(description='Condition tree: {"all"|"any": [...]}, {"not": ...} or {"field", "op", "value"}.')
    awards: JSON = strawberry.field(description="Awards (JSON data, snake_case keys): points, badge_code, bonus_minor, praise_letter {en, zh}, announce.")
    active: bool = strawberry.field(description="Only active rules fire.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it was last changed.")
    model_id: strawberry.Private[UUID]

    @strawberry.field(description="How many times it fired.")
    async def firing_count(self, info: Info) -> int:
        return await info.context.rules.firing_count.load(self.model_id)

    @classmethod
    def from_model(cls, r: RuleModel) -> Rule:
        return cls(id=strawberry.ID(str(r.id)), name=r.name, trigger=r.trigger,
                   conditions=JSON(r.conditions) if r.conditions is not None else None, awards=JSON(r.awards),
                   active=r.active, created_at=r.created_at, updated_at=r.updated_at, model_id=r.id)


@strawberry.type(description="One time a rule fired for one person.")
class RuleFiring:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    fired_at: datetime = strawberry.field(description="When.")
    awards: JSON = strawberry.field(description="What was given, as it was then (a skipped badge is noted).")
    recipient_id: strawberry.Private[UUID]

    @strawberry.field(description="Who was rewarded.")
    async def recipient(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.recipient_id)

    @classmethod
    def from_model(cls, f: RuleFiringModel) -> RuleFiring:
        return cls(id=strawberry.ID(str(f.id)), fired_at=f.fired_at, awards=JSON(f.awards), recipient_id=f.recipient_id)


@strawberry.type(description="One event the rule would have rewarded.")
class RulePreviewHit:
    occurred_at: datetime = strawberry.field(description="When the event happened.")
    recipient_id: strawberry.Private[UUID]

    @strawberry.field(description="Who would have been rewarded.")
    async def recipient(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.recipient_id)


@strawberry.type(description="Who a rule would have rewarded in a past window, and what it would have cost.")
class RulePreview:
    since: datetime = strawberry.field(description="Window start (inclusive).")
    until: datetime = strawberry.field(description="Window end (exclusive).")
    events_considered: int = strawberry.field(description="Events of the trigger's kind in the window.")
    recipients: int = strawberry.field(description="Distinct people rewarded.")
    points_total: int = strawberry.field(description="Points that would have been awarded.")
    bonus_minor_total: int = strawberry.field(description="Money that would have been awarded (minor unit).")
    badges: int = strawberry.field(description="Badges that would have been granted (before monthly caps).")
    hits: list[RulePreviewHit] = strawberry.field(description="Each rewarded event (at most 200, newest first).")

    @classmethod
    def from_data(cls, p: Preview) -> RulePreview:
        hits = sorted(p.hits, key=lambda h: h.occurred_at, reverse=True)[:200]
        return cls(since=p.since, until=p.until, events_considered=p.events_considered, recipients=p.recipients,
                   points_total=p.points_total, bonus_minor_total=p.bonus_minor_total, badges=p.badges,
                   hits=[RulePreviewHit(occurred_at=h.occurred_at, recipient_id=h.recipient_id) for h in hits])
