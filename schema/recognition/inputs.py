"""Inputs for recognition mutations."""
from __future__ import annotations

import strawberry

from schema.core.enums import BadgeGranter, FeedbackKind


@strawberry.input(description="A manager's praise or coaching for someone in their team (HR: anyone).")
class GiveFeedbackInput:
    receiver_id: strawberry.ID = strawberry.field(description="Who it is for.")
    kind: FeedbackKind = strawberry.field(description="Praise or coaching.")
    message: str = strawberry.field(description="What they did and why it mattered (up to 2000 characters).")
    value_id: strawberry.ID | None = strawberry.field(default=None, description="A company value it shows.")
    dimension: str | None = strawberry.field(default=None, description="A scorecard dimension it is about.")
    is_public: bool = strawberry.field(default=False, description="Praise only: show it on their public wall.")
    client_key: str = strawberry.field(description="A random key per submission (8–64 characters): a retry with the same key does not give twice.")


@strawberry.input(description="Thank a colleague, optionally with points from your monthly allowance.")
class GiveKudosInput:
    receiver_id: strawberry.ID = strawberry.field(description="Who to thank (not yourself).")
    message: str = strawberry.field(description="What you are thanking them for (up to 500 characters).")
    points: int = strawberry.field(default=0, description="Points to send; 0 sends thanks only.")
    value_id: strawberry.ID | None = strawberry.field(default=None, description="A company value it shows.")
    client_key: str = strawberry.field(description="A random key per submission (8–64 characters): a retry with the same key does not send twice.")


@strawberry.input(description="Grant a badge to someone in your team (HR: anyone).")
class GrantBadgeInput:
    employee_id: strawberry.ID = strawberry.field(description="Who earns it.")
    badge_id: strawberry.ID = strawberry.field(description="Which badge.")
    message: str = strawberry.field(default="", description="Why, in a sentence (optional).")
    client_key: str = strawberry.field(description="A random key per submission (8–64 characters): a retry with the same key does not grant twice.")


@strawberry.input(description="HR: a new badge.")
class CreateBadgeInput:
    code: str = strawberry.field(description="Short code: lowercase letters, digits, '-' or '_'.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    criteria_en: str = strawberry.field(description="What earns it, in English.")
    criteria_zh: str = strawberry.field(description="What earns it, in Chinese.")
    icon: str = strawberry.field(description="An emoji.")
    level: int = strawberry.field(default=1, description="1 bronze, 2 silver, 3 gold.")
    granted_by: BadgeGranter = strawberry.field(default=BadgeGranter.MANAGER, description="Who may grant it.")
    monthly_cap: int | None = strawberry.field(default=None, description="Most grants a month; null for no cap.")


@strawberry.input(description="HR: edit a badge (its code stays).")
class UpdateBadgeInput:
    id: strawberry.ID = strawberry.field(description="The badge.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    criteria_en: str = strawberry.field(description="What earns it, in English.")
    criteria_zh: str = strawberry.field(description="What earns it, in Chinese.")
    icon: str = strawberry.field(description="An emoji.")
    level: int = strawberry.field(description="1 bronze, 2 silver, 3 gold.")
    granted_by: BadgeGranter = strawberry.field(description="Who may grant it.")
    monthly_cap: int | None = strawberry.field(default=None, description="Most grants a month; null for no cap.")
    active: bool = strawberry.field(default=True, description="False retires it.")


@strawberry.input(description="HR: a company value.")
class CreateCompanyValueInput:
    code: str = strawberry.field(description="Short code, e.g. customer-first.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")


@strawberry.input(description="HR: allowances and caps; omitted fields keep their value.")
class UpdateRecognitionPolicyInput:
    allowance_employee: int | None = strawberry.field(default=None, description="Monthly allowance of an employee.")
    allowance_manager: int | None = strawberry.field(default=None, description="Monthly allowance of a manager.")
    allowance_hr_admin: int | None = strawberry.field(default=None, description="Monthly allowance of an HR admin.")
    allowance_owner: int | None = strawberry.field(default=None, description="Monthly allowance of an owner.")
    max_points_per_kudos: int | None = strawberry.field(default=None, description="Most points in one kudos.")
    pair_monthly_cap: int | None = strawberry.field(default=None, description="Most points to one colleague a month.")
