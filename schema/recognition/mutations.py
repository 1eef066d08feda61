"""Recognition mutations: each unpacks input, calls one backend use case, maps the fact or the UserError."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.achievements import badges
from backend.recognition import badges as badge_grants
from backend.recognition import feedback, kudos, policy, values
from schema.achievements.types import Achievement
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.recognition.inputs import (
    CreateBadgeInput, CreateCompanyValueInput, GiveFeedbackInput, GiveKudosInput, GrantBadgeInput, UpdateBadgeInput,
    UpdateRecognitionPolicyInput,
)
from schema.recognition.types import Badge, CompanyValue, Feedback, Kudos, RecognitionPolicy


@strawberry.type(description="Feedback was given; the receiver was notified.")
class FeedbackGiven:
    feedback: Feedback = strawberry.field(description="The feedback.")


@strawberry.type(description="Kudos were sent; the points left your allowance for their wallet.")
class KudosGiven:
    kudos: Kudos = strawberry.field(description="The kudos.")


@strawberry.type(description="A badge was granted and is on their wall.")
class BadgeGranted:
    achievement: Achievement = strawberry.field(description="The wall item.")


@strawberry.type(description="A badge definition was saved.")
class BadgeSaved:
    badge: Badge = strawberry.field(description="The badge.")


@strawberry.type(description="A company value was added.")
class CompanyValueCreated:
    value: CompanyValue = strawberry.field(description="The value.")


@strawberry.type(description="The recognition policy was saved.")
class RecognitionPolicyUpdated:
    policy: RecognitionPolicy = strawberry.field(description="The policy now.")


GiveFeedbackResult = Annotated[FeedbackGiven | UserError, strawberry.union("GiveFeedbackResult")]
GiveKudosResult = Annotated[KudosGiven | UserError, strawberry.union("GiveKudosResult")]
GrantBadgeResult = Annotated[BadgeGranted | UserError, strawberry.union("GrantBadgeResult")]
SaveBadgeResult = Annotated[BadgeSaved | UserError, strawberry.union("SaveBadgeResult")]
CreateCompanyValueResult = Annotated[CompanyValueCreated | UserError, strawberry.union("CreateCompanyValueResult")]
UpdateRecognitionPolicyResult = Annotated[RecognitionPolicyUpdated | UserError, strawberry.union("UpdateRecognitionPolicyResult")]


@strawberry.type
class RecognitionMutation:
    @strawberry.mutation(description="Manager: praise or coach someone in your team (HR: anyone).")
    async def give_feedback(self, info: Info, input: GiveFeedbackInput) -> GiveFeedbackResult:
        async def body() -> FeedbackGiven:
            given = await feedback.give_feedback(
                info.context.actor, receiver_id=required_uuid(input.receiver_id, field="receiverId"), kind=input.kind,
                message=input.message, value_id=to_uuid(input.value_id, field="valueId"), dimension=input.dimension,
                is_public=input.is_public, client_key=input.client_key,
            )
            return FeedbackGiven(feedback=Feedback.from_model(given))
        return await attempt(body)

    @strawberry.mutation(description="Thank a colleague, optionally with points from your monthly allowance.")
    async def give_kudos(self, info: Info, input: GiveKudosInput) -> GiveKudosResult:
        async def body() -> KudosGiven:
            given = await kudos.give_kudos(
                info.context.actor, receiver_id=required_uuid(input.receiver_id, field="receiverId"), points=input.points,
                message=input.message, client_key=input.client_key, value_id=to_uuid(input.value_id, field="valueId"),
            )
            return KudosGiven(kudos=Kudos.from_model(given))
        return await attempt(body)

    @strawberry.mutation(description="Manager: grant a badge to someone in your team (HR: anyone).")
    async def grant_badge(self, info: Info, input: GrantBadgeInput) -> GrantBadgeResult:
        async def body() -> BadgeGranted:
            achievement = await badge_grants.grant_badge(
                info.context.actor, employee_id=required_uuid(input.employee_id, field="employeeId"),
                badge_id=required_uuid(input.badge_id, field="badgeId"), message=input.message,
                client_key=input.client_key,
            )
            return BadgeGranted(achievement=Achievement.from_model(achievement))
        return await attempt(body)

    @strawberry.mutation(description="HR: define a badge.")
    async def create_badge(self, info: Info, input: CreateBadgeInput) -> SaveBadgeResult:
        async def body() -> BadgeSaved:
            badge = await badges.create_badge(
                info.context.actor, code=input.code, name_en=input.name_en, name_zh=input.name_zh,
                criteria_en=input.criteria_en, criteria_zh=input.criteria_zh, icon=input.icon, level=input.level,
                granted_by=input.granted_by, monthly_cap=input.monthly_cap,
            )
            return BadgeSaved(badge=Badge.from_model(badge))
        return await attempt(body)

    @strawberry.mutation(description="HR: edit or retire a badge.")
    async def update_badge(self, info: Info, input: UpdateBadgeInput) -> SaveBadgeResult:
        async def body() -> BadgeSaved:
            badge = await badges.update_badge(
                info.context.actor, required_uuid(input.id, field="id"), name_en=input.name_en, name_zh=input.name_zh,
                criteria_en=input.criteria_en, criteria_zh=input.criteria_zh, icon=input.icon, level=input.level,
                granted_by=input.granted_by, monthly_cap=input.monthly_cap, active=input.active,
            )
            return BadgeSaved(badge=Badge.from_model(badge))
        return await attempt(body)

    @strawberry.mutation(description="HR: add a company value.")
    async def create_company_value(self, info: Info, input: CreateCompanyValueInput) -> CreateCompanyValueResult:
        async def body() -> CompanyValueCreated:
            value = await values.create_value(info.context.actor, code=input.code, name_en=input.name_en, name_zh=input.name_zh)
            return CompanyValueCreated(value=CompanyValue.from_model(value))
        return await attempt(body)

    @strawberry.mutation(description="HR: set monthly allowances and kudos caps.")
    async def update_recognition_policy(self, info: Info, input: UpdateRecognitionPolicyInput) -> UpdateRecognitionPolicyResult:
        async def body() -> RecognitionPolicyUpdated:
            changes = {k: v for k, v in vars(input).items() if v is not None}
            saved = await policy.update_policy(info.context.actor, **changes)
            return RecognitionPolicyUpdated(policy=RecognitionPolicy.from_model(saved))
        return await attempt(body)
