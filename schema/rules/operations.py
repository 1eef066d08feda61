"""Rules queries and mutations: each unpacks input, calls one backend use case, maps the result."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from backend.core.errors import ValidationFailed
from backend.rules import preview, service
from schema.context import Info
from schema.core.connection import Connection
from schema.core.errors import UserError
from schema.core.ids import required_uuid
from schema.core.results import attempt
from schema.rules.types import Rule, RuleFiring, RulePreview, RuleTrigger


@strawberry.input(description="A rule's definition.")
class RuleInput:
    name: str = strawberry.field(description="What HR calls it (1–120 characters).")
    trigger: str = strawberry.field(description="A trigger key from ruleTriggers.")
    conditions: JSON | None = strawberry.field(default=None, description="Optional condition tree over the trigger's fields.")
    awards: JSON = strawberry.field(description='JSON data with snake_case keys, e.g. {"points": 20, "badge_code": "mentor", "bonus_minor": 0, "praise_letter": {"en": "…", "zh": "…"}, "announce": true}')


@strawberry.input(description="A definition to try against past events, without saving.")
class PreviewRuleInput:
    trigger: str = strawberry.field(description="A trigger key.")
    conditions: JSON | None = strawberry.field(default=None, description="Optional condition tree.")
    awards: JSON = strawberry.field(description="Awards, as for a rule.")
    since: datetime | None = strawberry.field(default=None, description="Window start; default: start of last month.")
    until: datetime | None = strawberry.field(default=None, description="Window end; default: start of this month.")


@strawberry.type(description="A rule was saved.")
class RuleSaved:
    rule: Rule = strawberry.field(description="The rule.")


@strawberry.type(description="What a rule would have done.")
class RulePreviewed:
    preview: RulePreview = strawberry.field(description="The replay.")


SaveRuleResult = Annotated[RuleSaved | UserError, strawberry.union("SaveRuleResult")]
PreviewRuleResult = Annotated[RulePreviewed | UserError, strawberry.union("PreviewRuleResult")]


def _tree(value: object, *, field: str) -> dict[str, Any] | None:
    """JSON input must be an object here; anything else is a clear validation error."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationFailed("Give a JSON object.", field=field)
    return value


def _awards(value: object) -> dict[str, Any]:
    return _tree(value, field="awards") or {}


@strawberry.type
class RulesQuery:
    @strawberry.field(description="HR: what can set a rule off.")
    def rule_triggers(self, info: Info) -> list[RuleTrigger]:
        return [RuleTrigger.from_data(t) for t in service.list_triggers(info.context.actor)]

    @strawberry.field(description="HR: the organisation's rules, newest first.")
    async def rules(self, info: Info) -> list[Rule]:
        return [Rule.from_model(r) for r in await service.list_rules(info.context.actor)]

    @strawberry.field(description="HR: one rule.")
    async def rule(self, info: Info, id: strawberry.ID) -> Rule:
        return Rule.from_model(await service.get_rule(info.context.actor, required_uuid(id, field="id")))

    @strawberry.field(description="HR: when a rule fired and for whom, newest first.")
    async def rule_firings(self, info: Info, rule_id: strawberry.ID, first: int = 20, after: str | None = None) -> Connection[RuleFiring]:
        page = await service.list_firings(info.context.actor, rule_id=required_uuid(rule_id, field="ruleId"), first=first, after=after)
        return Connection.from_page(page, RuleFiring.from_model)


@strawberry.type
class RulesMutation:
    @strawberry.mutation(description="HR: create a rule (inactive until you activate it, unless active is true).")
    async def create_rule(self, info: Info, input: RuleInput, active: bool = False) -> SaveRuleResult:
        async def body() -> RuleSaved:
            rule = await service.create_rule(info.context.actor, name=input.name, trigger=input.trigger,
                                             conditions=_tree(input.conditions, field="conditions"), awards=_awards(input.awards), active=active)
            return RuleSaved(rule=Rule.from_model(rule))
        return await attempt(body)

    @strawberry.mutation(description="HR: change a rule's definition.")
    async def update_rule(self, info: Info, id: strawberry.ID, input: RuleInput) -> SaveRuleResult:
        async def body() -> RuleSaved:
            rule = await service.update_rule(info.context.actor, required_uuid(id, field="id"), name=input.name,
                                             trigger=input.trigger, conditions=_tree(input.conditions, field="conditions"),
                                             awards=_awards(input.awards))
            return RuleSaved(rule=Rule.from_model(rule))
        return await attempt(body)

    @strawberry.mutation(description="HR: turn a rule on or off.")
    async def set_rule_active(self, info: Info, id: strawberry.ID, active: bool) -> SaveRuleResult:
        async def body() -> RuleSaved:
            rule = await service.set_rule_active(info.context.actor, required_uuid(id, field="id"), active=active)
            return RuleSaved(rule=Rule.from_model(rule))
        return await attempt(body)

    @strawberry.mutation(description="HR: who would this definition have rewarded (default: last month)? Saves nothing.")
    async def preview_rule(self, info: Info, input: PreviewRuleInput) -> PreviewRuleResult:
        async def body() -> RulePreviewed:
            result = await preview.preview_rule(info.context.actor, trigger=input.trigger, conditions=_tree(input.conditions, field="conditions"),
                                                awards=_awards(input.awards), since=input.since, until=input.until)
            return RulePreviewed(preview=RulePreview.from_data(result))
        return await attempt(body)
