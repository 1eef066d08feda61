"""Performance (绩效考核): review cycles, versioned scorecard templates and their dimensions, the data
that feeds them (metric values, ratings, OKRs), computed scorecards, tiers, bonus pools, anomaly flags
and appeals. Written only by backend.performance.

Scores are floats rounded to 2 decimals (0..cap, 100 = target met); money is integer fen."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped
from backend.performance import card_scores


class CycleKind(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    CUSTOM = "custom"


class CycleStatus(StrEnum):
    OPEN = "open"  # data comes in, scores recompute live
    CLOSED = "closed"  # scores frozen; tiers final; pools may be locked


class ReviewCycle(TenantScoped):
    name_en = fields.CharField(max_length=120)
    name_zh = fields.CharField(max_length=120)
    kind = fields.CharEnumField(CycleKind, max_length=10)
    starts_on = fields.DateField()
    ends_on = fields.DateField()  # inclusive
    status = fields.CharEnumField(CycleStatus, max_length=8, default=CycleStatus.OPEN)
    # The cycle "change vs previous" and "most improved" compare against: the latest earlier cycle of
    # the same kind when this one was created.
    previous: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, null=True, on_delete=fields.SET_NULL)
    previous_id: uuid.UUID | None
    # Tiers for this cycle, validated on save (backend.performance.tiers.TierPolicy).
    tier_policy: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    # Detector thresholds, validated on save (backend.performance.detectors.Thresholds); {} = defaults.
    anomaly_thresholds: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    appeal_days = fields.IntField(default=5)  # appeals may be filed until ends_on + this many days
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "review_cycle"
        indexes = (("tenant_id", "status", "ends_on"),)


class ScorecardTemplate(TenantScoped):
    code = fields.CharField(max_length=40)  # "sales", "rnd", "operations", "results_ability"
    name_en = fields.CharField(max_length=120)
    name_zh = fields.CharField(max_length=120)
    current_version = fields.IntField(default=1)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "scorecard_template"
        unique_together = (("tenant", "code"),)


class TemplateVersion(TenantScoped):
    # Versions are never edited: a change of dimensions or weights writes version n+1 (audited, and
    # with a reason when an open cycle already scores people with it). Scorecards keep the version
    # they were computed with.
    template: Any = fields.ForeignKeyField("seen.ScorecardTemplate", related_name=False, on_delete=fields.CASCADE)
    template_id: uuid.UUID
    version = fields.IntField()
    reason = fields.CharField(max_length=500, default="")
    created_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    created_by_id: uuid.UUID | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "scorecard_template_version"
        unique_together = (("template", "version"),)


class DimensionSource(StrEnum):
    METRIC = "metric"  # a quantitative value against a target, through a curve
    RATING = "rating"  # the manager's 1..5 on a rubric
    REVIEW_360 = "review_360"  # self, peers, reports and manager, 1..5 each
    ATTENDANCE = "attendance"  # the attendance rate (a metric fed by data until attendance exists)
    OKR = "okr"  # weighted progress of the person's key results


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better (defects, complaint count, lead time)


class Dimension(TenantScoped):
    version: Any = fields.ForeignKeyField("seen.TemplateVersion", related_name=False, on_delete=fields.CASCADE)
    version_id: uuid.UUID
    position = fields.IntField()
    code = fields.CharField(max_length=40)  # stable across versions: "results", "retention"
    name_en = fields.CharField(max_length=120)
    name_zh = fields.CharField(max_length=120)
    weight = fields.IntField()  # whole percent; a version's weights sum to exactly 100
    source = fields.CharEnumField(DimensionSource, max_length=12)
    # METRIC / ATTENDANCE: which metric feeds it and how a value becomes points (scoring.Curve).
    metric_code = fields.CharField(max_length=40, null=True)
    target = fields.FloatField(null=True)
    direction = fields.CharEnumField(Direction, max_length=6, default=Direction.HIGHER)
    floor_ratio = fields.FloatField(default=0.0)  # below this share of target the dimension scores 0
    cap_points = fields.FloatField(default=100.0)  # the most it can score (e.g. 120 to reward overshoot)
    unit = fields.CharField(max_length=20, default="")  # shown with values: "¥", "%", "件"
    # RATING: five levels, [{"en": ..., "zh": ...}] for 1..5.
    rubric: fields.JSONField[list[dict[str, str]]] = fields.JSONField(default=list)
    # REVIEW_360: how much each relation counts, {"self": 10, "peer": 30, "report": 20, "manager": 40}.
    relation_weights: fields.JSONField[dict[str, int]] = fields.JSONField(default=dict)

    class Meta:
        table = "scorecard_dimension"
        unique_together = (("version", "code"),)


class TemplateAssignment(TenantScoped):
    # Who a template applies to. The most specific match wins (department + job title + level beats
    # department alone); an employee matching two equally specific assignments is a configuration error.
    template: Any = fields.ForeignKeyField("seen.ScorecardTemplate", related_name=False, on_delete=fields.CASCADE)
    template_id: uuid.UUID
    department: Any = fields.ForeignKeyField("seen.Department", related_name=False, null=True, on_delete=fields.CASCADE)
    department_id: uuid.UUID | None
    job_title = fields.CharField(max_length=120, null=True)
    level = fields.CharField(max_length=60, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "scorecard_assignment"


class ValueSource(StrEnum):
    MANUAL = "manual"  # typed in by a manager or HR
    IMPORT = "import"  # an HR spreadsheet upload
    WEBHOOK = "webhook"  # pushed by an external system (CRM, Git, Jira, ERP)
    APPEAL = "appeal"  # corrected by an upheld appeal
    SYSTEM = "system"  # computed by Seen itself (attendance)


class MetricValue(TenantScoped):
    # The current value of one metric for one person in one cycle; every write is also kept in
    # MetricValueChange, so "who or what supplied it and when" survives later corrections.
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    metric_code = fields.CharField(max_length=40)
    value = fields.FloatField()
    source = fields.CharEnumField(ValueSource, max_length=8)
    source_label = fields.CharField(max_length=200, default="")  # file name, webhook source name, appeal id
    supplied_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    supplied_by_id: uuid.UUID | None
    updated_at = fields.DatetimeField()

    class Meta:
        table = "metric_value"
        unique_together = (("cycle", "employee", "metric_code"),)


class MetricValueChange(TenantScoped):
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    metric_code = fields.CharField(max_length=40)
    value = fields.FloatField()
    previous_value = fields.FloatField(null=True)
    source = fields.CharEnumField(ValueSource, max_length=8)
    source_label = fields.CharField(max_length=200, default="")
    supplied_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    supplied_by_id: uuid.UUID | None
    # A pushed value's id in the sending system: a retry with the same id changes nothing.
    metric_source: Any = fields.ForeignKeyField("seen.MetricSource", related_name=False, null=True, on_delete=fields.SET_NULL)
    metric_source_id: uuid.UUID | None
    external_id = fields.CharField(max_length=120, null=True)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "metric_value_change"
        unique_together = (("metric_source", "external_id"),)
        indexes = (("tenant_id", "cycle_id", "employee_id"),)


class MetricSourceKind(StrEnum):
    CRM = "crm"
    GIT = "git"
    JIRA = "jira"
    ERP = "erp"
    OTHER = "other"


class MetricSource(TenantScoped):
    # An external system allowed to push metric values. The secret signs each request (HMAC-SHA256);
    # it is shown once when created or rotated. The previous secret keeps working for a grace period.
    name = fields.CharField(max_length=80)
    kind = fields.CharEnumField(MetricSourceKind, max_length=6)
    secret = fields.CharField(max_length=128)
    previous_secret = fields.CharField(max_length=128, null=True)
    previous_valid_until = fields.DatetimeField(null=True)
    # Metric codes this source may write; [] means any.
    allowed_metrics: fields.JSONField[list[str]] = fields.JSONField(default=list)
    active = fields.BooleanField(default=True)
    last_used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "metric_source"
        unique_together = (("tenant", "name"),)


class RaterRelation(StrEnum):
    SELF = "self"
    PEER = "peer"
    REPORT = "report"  # the rater reports to the person rated
    MANAGER = "manager"


class Rating(TenantScoped):
    # One rater's 1..5 on one dimension of one person in one cycle. RATING dimensions read the
    # manager's; REVIEW_360 dimensions read every relation.
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    rater: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    rater_id: uuid.UUID
    relation = fields.CharEnumField(RaterRelation, max_length=8)
    dimension_code = fields.CharField(max_length=40)
    score = fields.IntField()  # 1..5
    comment = fields.CharField(max_length=1000, default="")
    updated_at = fields.DatetimeField()

    class Meta:
        table = "performance_rating"
        unique_together = (("cycle", "employee", "rater", "dimension_code"),)


class Objective(TenantScoped):
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    title = fields.CharField(max_length=200)
    weight = fields.IntField(default=1)  # relative among the person's objectives in the cycle
    position = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "okr_objective"


class KeyResult(TenantScoped):
    objective: Any = fields.ForeignKeyField("seen.Objective", related_name=False, on_delete=fields.CASCADE)
    objective_id: uuid.UUID
    title = fields.CharField(max_length=200)
    start_value = fields.FloatField(default=0.0)
    current_value = fields.FloatField(default=0.0)
    target_value = fields.FloatField()
    weight = fields.IntField(default=1)  # relative among the objective's key results
    completed_at = fields.DatetimeField(null=True)  # first time current reached target
    updated_at = fields.DatetimeField()

    class Meta:
        table = "okr_key_result"


class Scorecard(TenantScoped):
    # Computed, never typed: the recompute job rewrites it from the inputs above, and is its only writer.
    # No foreign-key constraints (db_constraint=False): PostgreSQL checks each one per inserted row, and
    # the five of them made copying a 10,000-person cycle's cards in take 0.46-0.55 s, not 0.13-0.15 s
    # (the data of tests/bench/test_scoring_recompute.py). The writer takes every id from rows it reads in
    # the same run, and Seen never deletes organisations, people, departments, cycles or template versions (people
    # leave by status; tests/architecture/test_card_parents.py holds that), so no card can dangle.
    tenant: Any = fields.ForeignKeyField("seen.Organization", related_name=False, on_delete=fields.CASCADE,
                                         db_constraint=False)
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE,
                                        db_constraint=False)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE,
                                           db_constraint=False)
    employee_id: uuid.UUID
    template_version: Any = fields.ForeignKeyField("seen.TemplateVersion", related_name=False, on_delete=fields.RESTRICT,
                                                   db_constraint=False)
    template_version_id: uuid.UUID
    department: Any = fields.ForeignKeyField("seen.Department", related_name=False, null=True, on_delete=fields.SET_NULL,
                                             db_constraint=False)
    department_id: uuid.UUID | None  # the department when computed: ranks and pools group by it
    total = fields.FloatField()  # weighted total, 0..max cap
    completion = fields.FloatField()  # share of dimensions' targets met, 0..1 ("80 % of target")
    # Each dimension's code, source, weight, raw value, points, weighted points, progress and flags, packed
    # (performance.card_scores); `dimensions` reads them back as DimensionScore.as_json entries.
    dimension_scores = fields.BinaryField(null=True)  # none (or empty): no dimensions
    dimension_notes: fields.JSONField[dict[str, dict[str, Any]] | None] = fields.JSONField(null=True)
    # 32 hex: a 64-bit digest of what the dimension scores were packed from, then one of the card's other
    # columns (performance.card_digests): a rerun compares it instead of packing every card again. Null:
    # written before (rewritten once).
    content_digest = fields.CharField(max_length=32, null=True)
    missing = fields.IntField(default=0)  # dimensions with no data yet
    rank_department = fields.IntField(null=True)
    rank_organization = fields.IntField(null=True)
    percentile_department = fields.FloatField(null=True)  # 100 = best
    percentile_organization = fields.FloatField(null=True)
    previous_total = fields.FloatField(null=True)
    change = fields.FloatField(null=True)  # total - previous_total
    computed_at = fields.DatetimeField()

    class Meta:
        table = "scorecard"
        unique_together = (("cycle", "employee"),)
        indexes = (("tenant_id", "cycle_id", "department_id"),)

    @property
    def dimensions(self) -> list[dict[str, Any]]:
        """Each dimension's score as DimensionScore.as_json: {"code", "source", "weight", "raw", "points",
        "weighted", "missing", "progress", "detail"} and "reason" when there is one."""
        return card_scores.entries(self.dimension_scores, self.dimension_notes)


class ScoreRecompute(TenantScoped):
    # People whose inputs changed since their scorecard was computed; the debounced job takes them.
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    requested_at = fields.DatetimeField()

    class Meta:
        table = "score_recompute"
        unique_together = (("cycle", "employee"),)


class TierCode(StrEnum):
    TOP10 = "top10"  # 卓越, the top band (10 % by default)
    TOP20 = "top20"  # 优秀, the next band (to 20 % by default)
    IMPROVED = "improved"  # 进步最快, the biggest gain against the person's own earlier cycles


class TierPlacement(TenantScoped):
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    tier = fields.CharEnumField(TierCode, max_length=8)
    position = fields.IntField()  # 1-based place within the tier's ordering
    basis = fields.FloatField()  # the total (top tiers) or the gain (improved) it was placed by
    placed_at = fields.DatetimeField()

    class Meta:
        table = "tier_placement"
        unique_together = (("cycle", "employee", "tier"),)


class PoolStatus(StrEnum):
    DRAFT = "draft"  # amount and formula being set
    PREVIEWED = "previewed"  # allocations computed, detectors run; flags must be resolved
    APPROVED = "approved"  # a second person approved the preview
    LOCKED = "locked"  # final and immutable; exported to payroll


class PersonSplit(StrEnum):
    TIER_AMOUNTS = "tier_amounts"  # fixed multiples per tier, the rest by score share
    SCORE_SHARE = "score_share"  # in proportion to total score


class BonusPool(TenantScoped):
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.RESTRICT)
    cycle_id: uuid.UUID
    name = fields.CharField(max_length=120)
    amount_minor = fields.BigIntField()  # fen
    status = fields.CharEnumField(PoolStatus, max_length=10, default=PoolStatus.DRAFT)
    # How the pool is split, validated on save (backend.performance.allocation.Formula):
    # {"department_weights": {dept_id: 1.2}, "person_split": "tier_amounts",
    #  "tier_multipliers": {"top10": 3, "top20": 2, "improved": 1.5, "none": 1}, "min_score": 60}
    formula: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    created_by_id: uuid.UUID | None
    previewed_at = fields.DatetimeField(null=True)
    approved_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    approved_by_id: uuid.UUID | None
    approved_at = fields.DatetimeField(null=True)
    locked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "bonus_pool"


class BonusAllocation(TenantScoped):
    # One person's share of a pool. Rewritten at each preview; immutable once the pool is locked.
    pool: Any = fields.ForeignKeyField("seen.BonusPool", related_name=False, on_delete=fields.CASCADE)
    pool_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.RESTRICT)
    employee_id: uuid.UUID
    department: Any = fields.ForeignKeyField("seen.Department", related_name=False, null=True, on_delete=fields.SET_NULL)
    department_id: uuid.UUID | None
    amount_minor = fields.BigIntField()
    # Why: {"department_pool": fen, "tier": "top20", "multiplier": 2, "score": 87.5, "share": 0.031}
    basis: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    adjusted_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    adjusted_by_id: uuid.UUID | None  # set when HR resolved a flag by changing this amount

    class Meta:
        table = "bonus_allocation"
        unique_together = (("pool", "employee"),)


class AnomalyKind(StrEnum):
    DEPARTMENT_INFLATED = "department_inflated"  # mean or top-tier share far above the organisation's
    ALL_HIGH = "all_high"  # nearly everyone high with little spread
    RATING_ALLIANCE = "rating_alliance"  # 考核同盟: manager ratings far above the objective metrics
    LENIENT_RATER = "lenient_rater"  # a rater much more generous than peers rating the same people
    RECIPROCAL_PAIR = "reciprocal_pair"  # two people rating each other high
    SUDDEN_JUMP = "sudden_jump"  # a person's total jumped far above their own history
    UNDIFFERENTIATED_POOL = "undifferentiated_pool"  # the pool spread evenly regardless of results


class FlagStatus(StrEnum):
    OPEN = "open"
    JUSTIFIED = "justified"  # HR recorded why it is fine
    ADJUSTED = "adjusted"  # HR changed scores or amounts and said why


class AnomalyFlag(TenantScoped):
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    pool: Any = fields.ForeignKeyField("seen.BonusPool", related_name=False, null=True, on_delete=fields.CASCADE)
    pool_id: uuid.UUID | None
    kind = fields.CharEnumField(AnomalyKind, max_length=24)
    # What a rerun of the detectors recognises as the same finding: "dept:<id>", "rater:<id>", "pair:<a>:<b>".
    subject_key = fields.CharField(max_length=100)
    department: Any = fields.ForeignKeyField("seen.Department", related_name=False, null=True, on_delete=fields.SET_NULL)
    department_id: uuid.UUID | None
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    employee_id: uuid.UUID | None  # the person, rater or first of a pair
    other_employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    other_employee_id: uuid.UUID | None
    severity = fields.FloatField()  # how far past the threshold, for sorting (1 = at the threshold)
    evidence: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)  # the numbers behind it
    status = fields.CharEnumField(FlagStatus, max_length=10, default=FlagStatus.OPEN)
    resolution = fields.CharField(max_length=1000, default="")
    resolved_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    resolved_by_id: uuid.UUID | None
    resolved_at = fields.DatetimeField(null=True)
    raised_at = fields.DatetimeField()

    class Meta:
        table = "anomaly_flag"
        unique_together = (("cycle", "kind", "subject_key"),)


class AppealStatus(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"  # the reviewer agreed; the correction was applied and scores recomputed
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Appeal(TenantScoped):
    cycle: Any = fields.ForeignKeyField("seen.ReviewCycle", related_name=False, on_delete=fields.CASCADE)
    cycle_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    dimension_code = fields.CharField(max_length=40, null=True)  # None: the total as a whole
    reason = fields.TextField()
    evidence: fields.JSONField[list[str]] = fields.JSONField(default=list)  # links and notes
    # Never the manager who rated: their manager, else an HR admin.
    reviewer: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    reviewer_id: uuid.UUID | None
    status = fields.CharEnumField(AppealStatus, max_length=10, default=AppealStatus.OPEN)
    due_at = fields.DatetimeField()  # the answer SLA
    decision = fields.TextField(default="")
    decided_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    decided_by_id: uuid.UUID | None
    decided_at = fields.DatetimeField(null=True)
    total_before = fields.FloatField(null=True)
    total_after = fields.FloatField(null=True)
    reminded_at = fields.DatetimeField(null=True)  # the overdue reminder went out
    client_key = fields.CharField(max_length=64)
    filed_at = fields.DatetimeField()

    class Meta:
        table = "performance_appeal"
        unique_together = (("tenant", "employee", "client_key"),)
        indexes = (("tenant_id", "status", "due_at"),)
