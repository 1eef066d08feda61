"""Registers the growth domain's backend enums with strawberry under the contract's GraphQL names.
Import this module before building types that use them (registering the same enum again under the
same name is harmless, so any growth schema module may import it)."""
from __future__ import annotations

import strawberry

from backend.growth.models import (
    Aggregate, Comparator, EnrolmentStatus, EvidenceKind, RecordSource, RecordStatus, ResourceKind, SessionStatus,
)
from backend.growth.requirements import RequirementStatus

strawberry.enum(EvidenceKind, name="EvidenceKind",
                description="What a record evidences: a training, project, certificate, award, mentoring, team target, "
                            "tech talk, or a fact from another module (tier, praise, key result, badge).")
strawberry.enum(RecordStatus, name="RecordStatus",
                description="Verification state: claimed (counts once confirmed), confirmed, rejected, revoked, disputed.")
strawberry.enum(RecordSource, name="RecordSource",
                description="Who or what made the record: the person, a manager, an import, a session, the system.")
strawberry.enum(SessionStatus, name="SessionStatus", description="Scheduled, cancelled, or completed (attendance taken).")
strawberry.enum(EnrolmentStatus, name="EnrolmentStatus", description="Enrolled, cancelled, or attended.")
strawberry.enum(Aggregate, name="GrowthAggregate",
                description="How matching records add up: count, sum of a field, distinct values, months at the "
                            "previous level.")
strawberry.enum(Comparator, name="GrowthComparator", description="How the aggregate is compared with the target.")
strawberry.enum(ResourceKind, name="ResourceKind", description="An internal course, an external link (e.g. a MOOC), a document.")
strawberry.enum(RequirementStatus, name="RequirementStatus", description="A requirement done, partly done (2 of 3) or missing.")

__all__ = ["Aggregate", "Comparator", "EnrolmentStatus", "EvidenceKind", "RecordSource", "RecordStatus",
           "RequirementStatus", "ResourceKind", "SessionStatus"]
