"""Reward pool queries and mutations: each unpacks input, calls one backend use case, maps the result."""
from __future__ import annotations

from typing import Annotated, Any

import strawberry

from backend.core.errors import ValidationFailed
from backend.rewards import catalogue, conversions, redemption, slots, vouchers
from backend.rewards import queries as rewards
from schema.context import Info
from schema.core.connection import Connection
from schema.core.enums import RedemptionStatus, RewardKind
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.rewards.inputs import ConversionRuleInput, RedeemRewardInput, RewardItemInput, SlotInput
from schema.rewards.types import ConversionRule, Entitlement, MeetingSlot, Redemption, RewardItem


@strawberry.type(description="An unmet eligibility gate, explained.")
class EligibilityReason:
    code: str = strawberry.field(description="tenure, tier, score or attendance.")
    text_en: str = strawberry.field(description="What is missing, in English.")
    text_zh: str = strawberry.field(description="What is missing, in Chinese.")


@strawberry.type(description="The reward closest to your wallet, and how far it is.")
class RewardWithinReach:
    item: RewardItem = strawberry.field(description="The reward.")
    wallet: int = strawberry.field(description="Your points now.")
    missing: int = strawberry.field(description="Points still needed (0: you can redeem it).")


@strawberry.type(description="A request changed state.")
class RedemptionChanged:
    redemption: Redemption = strawberry.field(description="The redemption now.")


@strawberry.type(description="A reward was saved.")
class RewardItemSaved:
    item: RewardItem = strawberry.field(description="The reward.")


@strawberry.type(description="One uploaded row and what happened to it.")
class VoucherRow:
    row: int = strawberry.field(description="1-based row number.")
    code: str = strawberry.field(description="The code as read (trimmed).")
    error: str | None = strawberry.field(description="blank, too_long, duplicate_in_upload or already_exists; null if fine.")


@strawberry.type(description="The row-by-row result of a voucher code upload.")
class VoucherCodesUploaded:
    rows: list[VoucherRow] = strawberry.field(description="Every row.")
    added: int = strawberry.field(description="Codes stored (0 when all-or-nothing met a bad row).")
    stock: int = strawberry.field(description="The reward's stock now.")


@strawberry.type(description="1:1 times were published.")
class SlotsPublished:
    slots: list[MeetingSlot] = strawberry.field(description="The new slots.")


@strawberry.type(description="A conversion rule was set.")
class ConversionRuleSet:
    rule: ConversionRule = strawberry.field(description="The rule.")


@strawberry.type(description="Bonus money was turned into days.")
class BonusConverted:
    entitlement: Entitlement = strawberry.field(description="The days received.")
    amount_minor: int = strawberry.field(description="Bonus given up, in the minor unit.")


RedemptionResult = Annotated[RedemptionChanged | UserError, strawberry.union("RedemptionResult")]
SaveRewardItemResult = Annotated[RewardItemSaved | UserError, strawberry.union("SaveRewardItemResult")]
UploadVoucherCodesResult = Annotated[VoucherCodesUploaded | UserError, strawberry.union("UploadVoucherCodesResult")]
PublishSlotsResult = Annotated[SlotsPublished | UserError, strawberry.union("PublishSlotsResult")]
SetConversionRuleResult = Annotated[ConversionRuleSet | UserError, strawberry.union("SetConversionRuleResult")]
ConvertBonusResult = Annotated[BonusConverted | UserError, strawberry.union("ConvertBonusResult")]


def _item_values(input: RewardItemInput) -> dict[str, Any]:
    if input.eligibility is not None and not isinstance(input.eligibility, dict):
        raise ValidationFailed("Give a JSON object.", field="eligibility")
    return {"name_en": input.name_en, "name_zh": input.name_zh, "description_en": input.description_en,
            "description_zh": input.description_zh, "image_url": input.image_url, "cost_points": input.cost_points,
            "per_person_limit": input.per_person_limit, "limit_period": input.limit_period,
            "requires_approval": input.requires_approval, "amount_minor": input.amount_minor, "days": input.days,
            "starts_at": input.starts_at, "location": input.location, "eligibility": input.eligibility or {}}


@strawberry.type
class RewardsQuery:
    @strawberry.field(description="The reward pool: active rewards (HR: include retired ones), cheapest first.")
    async def rewards(self, info: Info, kind: RewardKind | None = None, include_inactive: bool = False) -> list[RewardItem]:
        items = await catalogue.list_items(info.context.actor, kind=kind, include_inactive=include_inactive)
        return [RewardItem.from_model(i) for i in items]

    @strawberry.field(description="One reward.")
    async def reward(self, info: Info, id: strawberry.ID) -> RewardItem:
        return RewardItem.from_model(await catalogue.get_item(info.context.actor, required_uuid(id, field="id")))

    @strawberry.field(description="Why you cannot redeem this reward yet (empty: you can).")
    async def reward_eligibility(self, info: Info, item_id: strawberry.ID) -> list[EligibilityReason]:
        reasons = await rewards.get_eligibility(info.context.actor, item_id=required_uuid(item_id, field="itemId"))
        return [EligibilityReason(code=r.code, text_en=r.text_en, text_zh=r.text_zh) for r in reasons]

    @strawberry.field(description="Free 1:1 times of a CEO-meeting reward.")
    async def reward_slots(self, info: Info, item_id: strawberry.ID) -> list[MeetingSlot]:
        found = await slots.list_free_slots(info.context.actor, item_id=required_uuid(item_id, field="itemId"))
        return [MeetingSlot.from_model(s) for s in found]

    @strawberry.field(description="The reward closest to your wallet (null when none qualifies).")
    async def next_reward_within_reach(self, info: Info) -> RewardWithinReach | None:
        progress = await rewards.next_within_reach(info.context.actor)
        if progress is None:
            return None
        return RewardWithinReach(item=RewardItem.from_model(progress.item), wallet=progress.wallet, missing=progress.missing)

    @strawberry.field(description="Your redemptions, newest first.")
    async def my_redemptions(self, info: Info, first: int = 20, after: str | None = None) -> Connection[Redemption]:
        page = await rewards.list_my_redemptions(info.context.actor, first=first, after=after)
        return Connection.from_page(page, Redemption.from_model)

    @strawberry.field(description="Managers and HR: requests to decide (pending: oldest first).")
    async def reward_approvals(self, info: Info, first: int = 20, after: str | None = None,
                               status: RedemptionStatus = RedemptionStatus.PENDING) -> Connection[Redemption]:
        page = await rewards.list_approvals(info.context.actor, first=first, after=after, status=status)
        return Connection.from_page(page, Redemption.from_model)

    @strawberry.field(description="One redemption (the requester, their managers, HR).")
    async def redemption(self, info: Info, id: strawberry.ID) -> Redemption:
        return Redemption.from_model(await rewards.get_redemption(info.context.actor, required_uuid(id, field="id")))

    @strawberry.field(description="Your days of extra leave and remote work.")
    async def my_entitlements(self, info: Info) -> list[Entitlement]:
        return [Entitlement.from_model(e) for e in await rewards.list_my_entitlements(info.context.actor)]

    @strawberry.field(description="Exchange rates HR set, e.g. ¥1,000 of bonus for 1 remote day.")
    async def conversion_rules(self, info: Info) -> list[ConversionRule]:
        return [ConversionRule.from_model(c) for c in await conversions.list_conversion_rules(info.context.actor)]

    @strawberry.field(description="Your bonus waiting for the next payout, in the minor unit (what conversions draw on).")
    async def my_pending_bonus(self, info: Info) -> int:
        return await conversions.my_pending_bonus(info.context.actor)


@strawberry.type
class RewardsMutation:
    @strawberry.mutation(description="Redeem a reward: points are held now, spent on approval, refunded on decline.")
    async def redeem_reward(self, info: Info, input: RedeemRewardInput) -> RedemptionResult:
        async def body() -> RedemptionChanged:
            done = await redemption.redeem(info.context.actor, item_id=required_uuid(input.item_id, field="itemId"),
                                           client_key=input.client_key, note=input.note,
                                           slot_id=to_uuid(input.slot_id, field="slotId"))
            return RedemptionChanged(redemption=Redemption.from_model(done))
        return await attempt(body)

    @strawberry.mutation(description="Manager or HR: approve a request; the reward is given at once.")
    async def approve_redemption(self, info: Info, id: strawberry.ID) -> RedemptionResult:
        async def body() -> RedemptionChanged:
            done = await redemption.approve(info.context.actor, redemption_id=required_uuid(id, field="id"))
            return RedemptionChanged(redemption=Redemption.from_model(done))
        return await attempt(body)

    @strawberry.mutation(description="Manager or HR: decline a request; points and stock go back.")
    async def decline_redemption(self, info: Info, id: strawberry.ID, reason: str) -> RedemptionResult:
        async def body() -> RedemptionChanged:
            done = await redemption.decline(info.context.actor, redemption_id=required_uuid(id, field="id"), reason=reason)
            return RedemptionChanged(redemption=Redemption.from_model(done))
        return await attempt(body)

    @strawberry.mutation(description="Withdraw your pending request; points and stock go back.")
    async def cancel_redemption(self, info: Info, id: strawberry.ID) -> RedemptionResult:
        async def body() -> RedemptionChanged:
            done = await redemption.cancel(info.context.actor, redemption_id=required_uuid(id, field="id"))
            return RedemptionChanged(redemption=Redemption.from_model(done))
        return await attempt(body)

    @strawberry.mutation(description="HR: add a reward to the pool.")
    async def create_reward(self, info: Info, input: RewardItemInput) -> SaveRewardItemResult:
        async def body() -> RewardItemSaved:
            item = await catalogue.create_item(info.context.actor, kind=input.kind, stock=input.stock, **_item_values(input))
            return RewardItemSaved(item=RewardItem.from_model(item))
        return await attempt(body)

    @strawberry.mutation(description="HR: edit a reward (its kind stays).")
    async def update_reward(self, info: Info, id: strawberry.ID, input: RewardItemInput) -> SaveRewardItemResult:
        async def body() -> RewardItemSaved:
            values = _item_values(input)
            if input.stock is not None:
                values["stock"] = input.stock
            item = await catalogue.update_item(info.context.actor, required_uuid(id, field="id"), **values)
            return RewardItemSaved(item=RewardItem.from_model(item))
        return await attempt(body)

    @strawberry.mutation(description="HR: offer a reward, or take it off the pool.")
    async def set_reward_active(self, info: Info, id: strawberry.ID, active: bool) -> SaveRewardItemResult:
        async def body() -> RewardItemSaved:
            item = await catalogue.set_item_active(info.context.actor, required_uuid(id, field="id"), active=active)
            return RewardItemSaved(item=RewardItem.from_model(item))
        return await attempt(body)

    @strawberry.mutation(description="HR: add (or remove, with a negative delta) units of stock.")
    async def adjust_reward_stock(self, info: Info, id: strawberry.ID, delta: int) -> SaveRewardItemResult:
        async def body() -> RewardItemSaved:
            item = await catalogue.adjust_stock(info.context.actor, required_uuid(id, field="id"), delta=delta)
            return RewardItemSaved(item=RewardItem.from_model(item))
        return await attempt(body)

    @strawberry.mutation(description="HR: upload voucher codes, one per row; all or nothing, or only the valid rows.")
    async def upload_voucher_codes(self, info: Info, item_id: strawberry.ID, codes: list[str],
                                   all_or_nothing: bool = True) -> UploadVoucherCodesResult:
        async def body() -> VoucherCodesUploaded:
            mode = vouchers.UploadMode.ALL_OR_NOTHING if all_or_nothing else vouchers.UploadMode.VALID_ROWS
            report = await vouchers.upload_codes(info.context.actor, item_id=required_uuid(item_id, field="itemId"),
                                                 codes=codes, mode=mode)
            return VoucherCodesUploaded(rows=[VoucherRow(row=r.row, code=r.code, error=r.error.value if r.error else None)
                                              for r in report.rows], added=report.added, stock=report.stock)
        return await attempt(body)

    @strawberry.mutation(description="HR (or the CEO): publish 1:1 times for a CEO-meeting reward.")
    async def publish_reward_slots(self, info: Info, item_id: strawberry.ID, slots_: Annotated[list[SlotInput], strawberry.argument(name="slots")]) -> PublishSlotsResult:
        async def body() -> SlotsPublished:
            made = await slots.publish_slots(info.context.actor, item_id=required_uuid(item_id, field="itemId"),
                                             slots=[(s.starts_at, s.ends_at, s.location) for s in slots_])
            return SlotsPublished(slots=[MeetingSlot.from_model(s) for s in made])
        return await attempt(body)

    @strawberry.mutation(description="HR: set an exchange rate between bonus money, days and points.")
    async def set_conversion_rule(self, info: Info, input: ConversionRuleInput) -> SetConversionRuleResult:
        async def body() -> ConversionRuleSet:
            rule = await conversions.set_conversion_rule(info.context.actor, from_unit=input.from_unit,
                                                         from_amount=input.from_amount, to_unit=input.to_unit,
                                                         to_amount=input.to_amount)
            return ConversionRuleSet(rule=ConversionRule.from_model(rule))
        return await attempt(body)

    @strawberry.mutation(description="Turn some of your pending bonus into days, at HR's rate.")
    async def convert_bonus(self, info: Info, rule_id: strawberry.ID, amount_minor: int, client_key: str) -> ConvertBonusResult:
        async def body() -> BonusConverted:
            done = await conversions.convert(info.context.actor, rule_id=required_uuid(rule_id, field="ruleId"),
                                             from_amount=amount_minor, client_key=client_key)
            entitlement = await rewards.get_entitlement(info.context.actor, done.entitlement_id)
            return BonusConverted(entitlement=Entitlement.from_model(entitlement), amount_minor=done.amount_minor)
        return await attempt(body)
