"""Growth map (成长地图): career tracks and their levels, level requirements (rules over evidence
records), evidence records with their verification state, learning resources and sessions, track
memberships and promotions, and computed progress. Written only by backend.growth."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class EvidenceKind(StrEnum):
    TRAINING = "training"  # attributes: provider, category, result, course_code; quantity = hours
    PROJECT = "project"  # attributes: role, outcome; ends_on
    CERTIFICATE = "certificate"  # attributes: certificate_code, issuer, expires_on
    COMPETITION_AWARD = "competition_award"  # attributes: competition, rank
    MENTORING = "mentoring"  # attributes: mentee_id; ends_on
    TEAM_TARGET = "team_target"  # led the team to its output target; attributes: period, target
    TECH_TALK = "tech_talk"  # gave a tech-sharing talk; attributes: topic, rating
    TIER_REACHED = "tier_reached"  # from performance; attributes: tier, cycle_id
    PRAISE = "praise"  # praise tied to a scorecard dimension, from recognition; attributes: dimension, value_code
    KEY_RESULT = "key_result"  # an OKR key result completed, from performance
    BADGE = "badge"  # a badge granted by a person, from recognition; attributes: badge_code


class RecordStatus(StrEnum):
    CLAIMED = "claimed"  # self-claimed: counts only once confirmed
    CONFIRMED = "confirmed"  # counts toward requirements
    REJECTED = "rejected"  # the confirmer said no (with a reason)
    REVOKED = "revoked"  # HR withdrew a confirmed record after an audit (with a reason)
    DISPUTED = "disputed"  # the employee contests a rejection or revocation; HR decides


class RecordSource(StrEnum):
    SELF = "self"  # the employee claimed it
    MANAGER = "manager"  # entered by a manager or trainer (confirmed at once)
    IMPORT = "import"  # HR's bulk import (confirmed at once)
    SESSION = "session"  # attendance of an internal learning session
    SYSTEM = "system"  # produced from another module's event (tier, praise, key result, badge, talk)


class Aggregate(StrEnum):
    COUNT = "count"  # matching confirmed records
    SUM = "sum"  # of `field` ("quantity" = hours, or a numeric attribute)
    DISTINCT = "distinct"  # distinct values of `field` (e.g. mentee_id: "mentor 2 newcomers")
    MONTHS_AT_PREVIOUS_LEVEL = "months_at_previous_level"  # tenure since the promotion into the previous level


class Comparator(StrEnum):
    GTE = "gte"
    GT = "gt"
    EQ = "eq"
    LTE = "lte"


class CareerTrack(TenantScoped):
    code = fields.CharField(max_length=40)
    job_family = fields.CharField(max_length=60)  # "production", "sales", "rnd", "management"
    name_en = fields.CharField(max_length=120)
    name_zh = fields.CharField(max_length=120)
    description_en = fields.TextField(default="")
    description_zh = fields.TextField(default="")
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "career_track"
        unique_together = (("tenant", "code"),)


class TrackLevel(TenantScoped):
    track: Any = fields.ForeignKeyField("seen.CareerTrack", related_name=False, on_delete=fields.CASCADE)
    track_id: uuid.UUID
    code = fields.CharField(max_length=40)
    name_en = fields.CharField(max_length=120)
    name_zh = fields.CharField(max_length=120)
    description_en = fields.TextField(default="")
    description_zh = fields.TextField(default="")
    position = fields.SmallIntField()  # order on the map (depth first); unique within the track
    # The level this one follows; two levels sharing a `previous` are a branch (specialist vs
    # management path). Null for the entry level.
    previous: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, null=True, on_delete=fields.RESTRICT)
    previous_id: uuid.UUID | None
    branch_en = fields.CharField(max_length=80, default="")  # path label where a branch starts
    branch_zh = fields.CharField(max_length=80, default="")

    class Meta:
        table = "track_level"
        unique_together = (("tenant", "track", "code"),)
        indexes = (("tenant_id", "track_id", "position"),)


class LevelRequirement(TenantScoped):
    level: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, on_delete=fields.CASCADE)
    level_id: uuid.UUID
    position = fields.SmallIntField()
    name_en = fields.CharField(max_length=200)
    name_zh = fields.CharField(max_length=200)
    how_to_en = fields.TextField(default="")  # how to get it: shown on the requirement detail
    how_to_zh = fields.TextField(default="")
    # The rule over recorded events (the vocabulary shared with rules and scoring): which records
    # (kind + conditions over their attributes), how they add up, over which window, against what.
    evidence_kind = fields.CharEnumField(EvidenceKind, max_length=20, null=True)  # null only for tenure
    # A backend.rules.conditions tree over the record's attributes (null: every record of the kind).
    conditions: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    aggregate = fields.CharEnumField(Aggregate, max_length=28, default=Aggregate.COUNT)
    measure_field = fields.CharField(max_length=40, null=True)  # for sum / distinct: "quantity" or an attribute
    window_days = fields.IntField(null=True)  # only records in the last N days; null = ever
    comparator = fields.CharEnumField(Comparator, max_length=4, default=Comparator.GTE)
    target = fields.FloatField()

    class Meta:
        table = "level_requirement"
        indexes = (("tenant_id", "level_id", "position"),)


class ResourceKind(StrEnum):
    INTERNAL_COURSE = "internal_course"
    EXTERNAL_LINK = "external_link"  # e.g. a MOOC course
    DOCUMENT = "document"


class LearningResource(TenantScoped):
    level: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, on_delete=fields.CASCADE)
    level_id: uuid.UUID
    requirement: Any = fields.ForeignKeyField("seen.LevelRequirement", related_name=False, null=True,
                                              on_delete=fields.SET_NULL)
    requirement_id: uuid.UUID | None
    kind = fields.CharEnumField(ResourceKind, max_length=16)
    title_en = fields.CharField(max_length=200)
    title_zh = fields.CharField(max_length=200)
    url = fields.CharField(max_length=500, default="")
    provider = fields.CharField(max_length=120, default="")
    position = fields.SmallIntField(default=0)

    class Meta:
        table = "learning_resource"
        indexes = (("tenant_id", "level_id"),)


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    COMPLETED = "completed"  # attendance taken; attendees have their training records


class LearningSession(TenantScoped):
    # An internal session (a course run, an equipment training) people enrol in; attending it
    # yields a confirmed evidence record of `evidence_kind` with `attributes`.
    level: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, null=True, on_delete=fields.SET_NULL)
    level_id: uuid.UUID | None
    requirement: Any = fields.ForeignKeyField("seen.LevelRequirement", related_name=False, null=True,
                                              on_delete=fields.SET_NULL)
    requirement_id: uuid.UUID | None
    title_en = fields.CharField(max_length=200)
    title_zh = fields.CharField(max_length=200)
    trainer: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    trainer_id: uuid.UUID | None
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    location = fields.CharField(max_length=200, default="")  # a room or a link
    capacity = fields.IntField()
    hours = fields.FloatField(default=0)
    evidence_kind = fields.CharEnumField(EvidenceKind, max_length=20, default=EvidenceKind.TRAINING)
    attributes: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    status = fields.CharEnumField(SessionStatus, max_length=10, default=SessionStatus.SCHEDULED)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "learning_session"
        indexes = (("tenant_id", "status", "starts_at"),)


class EnrolmentStatus(StrEnum):
    ENROLLED = "enrolled"
    CANCELLED = "cancelled"
    ATTENDED = "attended"


class SessionEnrolment(TenantScoped):
    session: Any = fields.ForeignKeyField("seen.LearningSession", related_name=False, on_delete=fields.CASCADE)
    session_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    status = fields.CharEnumField(EnrolmentStatus, max_length=10, default=EnrolmentStatus.ENROLLED)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "session_enrolment"
        unique_together = (("tenant", "session", "employee"),)


class GrowthRecord(TenantScoped):
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    kind = fields.CharEnumField(EvidenceKind, max_length=20)
    title = fields.CharField(max_length=200)  # in the words of whoever recorded it
    occurred_on = fields.DateField()  # the day it happened (training date, project start, award day)
    ends_on = fields.DateField(null=True)  # projects, mentoring
    quantity = fields.FloatField(null=True)  # hours for a training; what `sum` adds by default
    attributes: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)  # per kind, see EvidenceKind
    file: Any = fields.ForeignKeyField("seen.StoredFile", related_name=False, null=True, on_delete=fields.SET_NULL)
    file_id: uuid.UUID | None
    status = fields.CharEnumField(RecordStatus, max_length=10)
    source = fields.CharEnumField(RecordSource, max_length=8)
    # Idempotency for records made by imports, sessions and other modules' events ("tier:<id>").
    source_ref = fields.CharField(max_length=120, null=True)
    recorded_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    recorded_by_id: uuid.UUID | None
    # Shown as a QR code on the claimant's phone; a supervisor scans (or types) it to confirm.
    confirmation_code = fields.CharField(max_length=16, null=True)
    confirmed_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    confirmed_by_id: uuid.UUID | None
    confirmed_at = fields.DatetimeField(null=True)
    status_reason = fields.TextField(default="")  # why it was rejected, revoked or disputed
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "growth_record"
        unique_together = (("tenant", "source_ref"), ("tenant", "confirmation_code"))
        indexes = (("tenant_id", "employee_id", "status"), ("tenant_id", "status", "updated_at"))


class TrackMembership(TenantScoped):
    # Which track a person is on and the level HR last promoted them to (null: not yet at the
    # entry level). One track per person; a branch is a path within the track.
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    track: Any = fields.ForeignKeyField("seen.CareerTrack", related_name=False, on_delete=fields.RESTRICT)
    track_id: uuid.UUID
    current_level: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, null=True,
                                                on_delete=fields.RESTRICT)
    current_level_id: uuid.UUID | None
    level_since = fields.DateField(null=True)  # effective date of the promotion into current_level
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "track_membership"
        unique_together = (("tenant", "employee"),)
        indexes = (("tenant_id", "track_id"),)


class Promotion(TenantScoped):
    # HR's decision, recorded with its effective date; never edited (a mistake is a new promotion).
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    track: Any = fields.ForeignKeyField("seen.CareerTrack", related_name=False, on_delete=fields.RESTRICT)
    track_id: uuid.UUID
    from_level: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, null=True, on_delete=fields.RESTRICT)
    from_level_id: uuid.UUID | None
    to_level: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, on_delete=fields.RESTRICT)
    to_level_id: uuid.UUID
    effective_on = fields.DateField()
    decided_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    decided_by_id: uuid.UUID | None
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "promotion"
        indexes = (("tenant_id", "employee_id", "effective_on"),)


class LevelProgress(TenantScoped):
    # Computed by backend.growth.progress from confirmed records; never typed in. One row per
    # person and level of their track.
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    level: Any = fields.ForeignKeyField("seen.TrackLevel", related_name=False, on_delete=fields.CASCADE)
    level_id: uuid.UUID
    percent = fields.SmallIntField()  # 0..100: mean of the requirements' capped fractions
    complete = fields.BooleanField()
    # [{"requirement_id", "current", "target", "status": done|partial|missing, "record_ids": [...]}]
    requirements: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    completed_at = fields.DatetimeField(null=True)  # first time complete: LevelReached is emitted once
    computed_at = fields.DatetimeField()

    class Meta:
        table = "level_progress"
        unique_together = (("tenant", "employee", "level"),)


class GrowthRecompute(TenantScoped):
    # People whose progress must be recomputed (debounced): evidence, tracks or tenure changed.
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    requested_at = fields.DatetimeField()

    class Meta:
        table = "growth_recompute"
        unique_together = (("tenant", "employee"),)
