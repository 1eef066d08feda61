"""GraphQL types for recognition: company values, badges, feedback, kudos, policy and budget."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry

from backend.achievements.models import Badge as BadgeModel
from backend.recognition.models import CompanyValue as CompanyValueModel
from backend.recognition.models import Feedback as FeedbackModel
from backend.recognition.models import Kudos as KudosModel
from backend.recognition.models import RecognitionPolicy as PolicyModel
from backend.recognition.policy import Budget
from schema.context import Info
from schema.core.enums import BadgeGranter, FeedbackKind

if TYPE_CHECKING:
    from schema.org.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("schema.org.types")]


async def load_employee(info: Info, employee_id: UUID | None) -> EmployeeRef | None:
    from schema.org.types import Employee

    view = await info.context.org.employee.load(employee_id) if employee_id else None
    return Employee.from_view(view) if view else None


@strawberry.type(description="A company value that recognition can be tied to, e.g. 客户第一 / customer first.")
class CompanyValue:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    code: str = strawberry.field(description="Short code, e.g. customer-first.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    active: bool = strawberry.field(description="Still offered when giving recognition.")

    @classmethod
    def from_model(cls, v: CompanyValueModel) -> CompanyValue:
        return cls(id=strawberry.ID(str(v.id)), code=v.code, name_en=v.name_en, name_zh=v.name_zh, active=v.active)


@strawberry.type(description="A badge definition HR maintains.")
class Badge:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    code: str = strawberry.field(description="Short code, e.g. team-player.")
    name_en: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    criteria_en: str = strawberry.field(description="What earns it, in English.")
    criteria_zh: str = strawberry.field(description="What earns it, in Chinese.")
    icon: str = strawberry.field(description="An emoji shown as the badge's picture.")
    level: int = strawberry.field(description="1 bronze, 2 silver, 3 gold.")
    granted_by: BadgeGranter = strawberry.field(description="Who may grant it.")
    monthly_cap: int | None = strawberry.field(description="Most grants per month in the organisation; null for no cap.")
    active: bool = strawberry.field(description="Retired badges stay on walls but cannot be granted.")

    @classmethod
    def from_model(cls, b: BadgeModel) -> Badge:
        return cls(id=strawberry.ID(str(b.id)), code=b.code, name_en=b.name_en, name_zh=b.name_zh,
                   criteria_en=b.criteria_en, criteria_zh=b.criteria_zh, icon=b.icon, level=b.level,
                   granted_by=b.granted_by, monthly_cap=b.monthly_cap, active=b.active)


@strawberry.type(description="Feedback a manager gave: praise or coaching.")
class Feedback:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    kind: FeedbackKind = strawberry.field(description="Praise or coaching.")
    message: str = strawberry.field(description="What the manager wrote.")
    dimension: str | None = strawberry.field(description="The scorecard dimension it is about, if any.")
    is_public: bool = strawberry.field(description="Public praise shows on the receiver's public wall.")
    created_at: datetime = strawberry.field(description="When it was given.")
    model: strawberry.Private[FeedbackModel]

    @strawberry.field(description="Who gave it.")
    async def giver(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.giver_id)

    @strawberry.field(description="Who received it.")
    async def receiver(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.receiver_id)

    @strawberry.field(description="The company value it is tied to.")
    async def value(self, info: Info) -> CompanyValue | None:
        found = await info.context.recognition.value.load(self.model.value_id) if self.model.value_id else None
        return CompanyValue.from_model(found) if found else None

    @classmethod
    def from_model(cls, f: FeedbackModel) -> Feedback:
        return cls(id=strawberry.ID(str(f.id)), kind=f.kind, message=f.message, dimension=f.dimension,
                   is_public=f.is_public, created_at=f.created_at, model=f)


@strawberry.type(description="Thanks from a colleague, with points from their monthly allowance.")
class Kudos:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    points: int = strawberry.field(description="Points sent (0 for thanks only).")
    message: str = strawberry.field(description="What the colleague wrote.")
    created_at: datetime = strawberry.field(description="When it was given.")
    model: strawberry.Private[KudosModel]

    @strawberry.field(description="Who received it.")
    async def receiver(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.receiver_id)

    @classmethod
    def from_model(cls, k: KudosModel) -> Kudos:
        return cls(id=strawberry.ID(str(k.id)), points=k.points, message=k.message, created_at=k.created_at, model=k)


@strawberry.type(description="How much people may give: monthly allowances per role and kudos caps.")
class RecognitionPolicy:
    allowance_employee: int = strawberry.field(description="Monthly giving allowance of an employee.")
    allowance_manager: int = strawberry.field(description="Monthly giving allowance of a manager.")
    allowance_hr_admin: int = strawberry.field(description="Monthly giving allowance of an HR admin.")
    allowance_owner: int = strawberry.field(description="Monthly giving allowance of an owner.")
    max_points_per_kudos: int = strawberry.field(description="Most points in one kudos.")
    pair_monthly_cap: int = strawberry.field(description="Most points one person may send one colleague a month.")

    @classmethod
    def from_model(cls, p: PolicyModel) -> RecognitionPolicy:
        return cls(allowance_employee=p.allowance_employee, allowance_manager=p.allowance_manager,
                   allowance_hr_admin=p.allowance_hr_admin, allowance_owner=p.allowance_owner,
                   max_points_per_kudos=p.max_points_per_kudos, pair_monthly_cap=p.pair_monthly_cap)


@strawberry.type(description="Your giving allowance this month; unspent points expire, they never reach your wallet.")
class GivingBudget:
    period: str = strawberry.field(description="The month, e.g. 2026-11, in the organisation's time zone.")
    allowance: int = strawberry.field(description="This month's allowance for your role.")
    left: int = strawberry.field(description="Points you can still give this month.")
    max_points_per_kudos: int = strawberry.field(description="Most points in one kudos.")
    pair_monthly_cap: int = strawberry.field(description="Most points to one colleague this month.")

    @classmethod
    def from_data(cls, budget: Budget, policy: PolicyModel) -> GivingBudget:
        return cls(period=budget.period, allowance=budget.allowance, left=budget.left,
                   max_points_per_kudos=policy.max_points_per_kudos, pair_monthly_cap=policy.pair_monthly_cap)
