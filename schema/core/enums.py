"""Registers backend enums with strawberry under their GraphQL names. strawberry.enum() marks the
class in place, so types annotate fields with the backend enums themselves; import this module
before building types that use them."""
from __future__ import annotations

import strawberry

from backend.access.actor import ActorKind
from backend.access.models import AccountState, Locale
from backend.access.permissions import Role
from backend.core.errors import ErrorCode
from backend.org.models import EmployeeStatus
from backend.achievements.models import AchievementKind, BadgeGranter
from backend.points.models import TransferKind
from backend.recognition.models import FeedbackKind
from backend.rewards.models import ConversionUnit, EntitlementKind, LimitPeriod, RedemptionStatus, RewardKind

strawberry.enum(Role, name="Role", description="What a person may do; each role includes the ones before it.")
strawberry.enum(Locale, name="Locale", description="Language for text a person reads.")
strawberry.enum(ActorKind, name="ViewerKind", description="Who is signed in: a person, a kiosk, or the system.")
strawberry.enum(AccountState, name="AccountState", description="Whether a person can sign in.")
strawberry.enum(EmployeeStatus, name="EmployeeStatus", description="Still with the company, or left.")
strawberry.enum(ErrorCode, name="ErrorCode", description="Why something failed; the PWA localises by code.")

strawberry.enum(FeedbackKind, name="FeedbackKind", description="Praise (goes on the wall) or coaching (always private).")
strawberry.enum(BadgeGranter, name="BadgeGranter", description="Who may grant a badge: managers (and HR), HR only, or only rules.")
strawberry.enum(AchievementKind, name="AchievementKind", description="What kind of item is on the achievement wall.")
strawberry.enum(TransferKind, name="PointsMovementKind", description="Why points moved.")
strawberry.enum(RewardKind, name="RewardKind", description="What a reward is: cash bonus, training seat, leave, remote days, a CEO 1:1, a voucher.")
strawberry.enum(LimitPeriod, name="LimitPeriod", description="The period of a per-person limit.")
strawberry.enum(RedemptionStatus, name="RedemptionStatus", description="Where a redemption stands.")
strawberry.enum(EntitlementKind, name="EntitlementKind", description="Extra leave or remote-work days.")
strawberry.enum(ConversionUnit, name="ConversionUnit", description="A unit in a conversion rule.")

__all__ = ["AchievementKind", "BadgeGranter", "ConversionUnit", "EntitlementKind", "FeedbackKind", "LimitPeriod",
           "RedemptionStatus", "RewardKind", "TransferKind", "AccountState", "ActorKind", "EmployeeStatus", "ErrorCode", "Locale", "Role"]

from backend.performance.models import (  # noqa: E402  (grouped with their registrations)
    AnomalyKind, AppealStatus, CycleKind, CycleStatus, DimensionSource, Direction, FlagStatus, MetricSourceKind,
    PersonSplit, PoolStatus, RaterRelation, TierCode, ValueSource,
)

strawberry.enum(CycleKind, name="CycleKind", description="Monthly, quarterly or custom dates.")
strawberry.enum(CycleStatus, name="CycleStatus", description="Open (scores move live) or closed (final).")
strawberry.enum(DimensionSource, name="DimensionSource", description="What feeds a scorecard dimension.")
strawberry.enum(Direction, name="Direction", description="Whether a higher or a lower value is better.")
strawberry.enum(ValueSource, name="ValueSource", description="Who or what supplied a metric value.")
strawberry.enum(MetricSourceKind, name="MetricSourceKind", description="The kind of external system pushing metric values.")
strawberry.enum(RaterRelation, name="RaterRelation", description="How a rater stands to the person rated.")
strawberry.enum(TierCode, name="TierCode", description="top10 (卓越), top20 (优秀) or improved (进步最快).")
strawberry.enum(PoolStatus, name="BonusPoolStatus", description="draft → previewed → approved → locked.")
strawberry.enum(PersonSplit, name="PersonSplit", description="How a department's pool reaches people.")
strawberry.enum(AnomalyKind, name="AnomalyKind", description="What a detector found.")
strawberry.enum(FlagStatus, name="FlagStatus", description="Open, or resolved with a justification or an adjustment.")
strawberry.enum(AppealStatus, name="AppealStatus", description="Where an appeal stands.")
