"""Anomaly detectors: pure functions over plain dataclasses (no I/O). `anomalies.py` loads the numbers,
runs these with the cycle's `Thresholds` and stores the findings as AnomalyFlag rows.

Thresholds and the reasoning behind each default are documented in backend/performance/DETECTORS.md.
Department comparisons always use the *other* departments as "the organisation" (leave-one-out), so an
inflated department cannot hide by dragging the organisation's mean and spread up with it."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from statistics import fmean, pstdev
from typing import Any, Protocol, TypeVar
from uuid import UUID

from backend.core.errors import ValidationFailed
from backend.performance.models import AnomalyKind, RaterRelation

FIELD = "anomalyThresholds"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When each detector fires. A cycle stores only the keys HR changed; `{}` means all defaults."""

    # Departments smaller than this are never judged as a group (3 people prove nothing).
    min_department_size: int = 5
    # department_inflated: (department mean − organisation mean) / organisation between-person sd.
    dept_mean_z: float = 1.0
    # department_inflated: its share of top-tier people > this × its share of headcount.
    top_share_ratio: float = 3.0
    # all_high: at least this share of the department scores above high_score, with sd below all_high_max_sd.
    high_score: float = 85.0
    all_high_share: float = 0.9
    all_high_max_sd: float = 5.0
    # rating_alliance (考核同盟): mean manager-rating points − mean objective points (metric, attendance,
    # OKR) in the department ≥ alliance_gap, and that gap exceeds the organisation's by ≥ alliance_excess.
    alliance_gap: float = 20.0
    alliance_excess: float = 15.0
    # lenient_rater: a rater with ≥ min_ratings ratings whose scores exceed what others gave the same
    # people (or the organisation's rater mean) by ≥ lenient_gap on the 1..5 scale.
    min_ratings: int = 5
    lenient_gap: float = 0.8
    # reciprocal_pair: two peers rating each other ≥ reciprocal_min on average, each ≥ reciprocal_gap
    # above what they give everyone else.
    reciprocal_min: float = 4.5
    reciprocal_gap: float = 1.0
    # sudden_jump: total − mean of the last up-to-3 totals ≥ jump_points, with ≥ jump_min_history of them.
    jump_points: float = 25.0
    jump_min_history: int = 2
    # undifferentiated_pool: coefficient of variation of amounts < pool_min_cv while that of scores > pool_score_cv.
    pool_min_cv: float = 0.05
    pool_score_cv: float = 0.1

    @classmethod
    def defaults(cls) -> Thresholds:
        return cls()

    @classmethod
    def parse(cls, raw: dict[str, Any] | None) -> Thresholds:
        """Validate a cycle's stored or submitted thresholds; missing keys keep their defaults.
        Raises ValidationFailed(field="anomalyThresholds") naming the offending key."""
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ValidationFailed("Anomaly thresholds must be an object of named numbers.", field=FIELD)
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise ValidationFailed(f"Unknown anomaly threshold: {', '.join(unknown)}.", field=FIELD)
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValidationFailed(f"Anomaly threshold {key} must be a number.", field=FIELD)
            if known[key].type == "int":
                if value != int(value):
                    raise ValidationFailed(f"Anomaly threshold {key} must be a whole number.", field=FIELD)
                value = int(value)
            else:
                value = float(value)
            low, high = _BOUNDS[key]
            if not low <= value <= high:
                raise ValidationFailed(f"Anomaly threshold {key} must be between {low:g} and {high:g}.", field=FIELD)
            values[key] = value
        return cls(**values)

    def as_json(self) -> dict[str, Any]:
        """Every threshold with its effective value (what the API shows)."""
        return asdict(self)


_BOUNDS: dict[str, tuple[float, float]] = {
    "min_department_size": (2, 1000),
    "dept_mean_z": (0.1, 10),
    "top_share_ratio": (1, 20),
    "high_score": (0, 200),
    "all_high_share": (0.5, 1),
    "all_high_max_sd": (0, 50),
    "alliance_gap": (1, 200),
    "alliance_excess": (0, 200),
    "min_ratings": (1, 1000),
    "lenient_gap": (0.1, 4),
    "reciprocal_min": (1, 5),
    "reciprocal_gap": (0, 4),
    "jump_points": (1, 200),
    "jump_min_history": (1, 3),
    "pool_min_cv": (0.001, 1),
    "pool_score_cv": (0, 10),
}


@dataclass(frozen=True, slots=True)
class PersonScore:
    employee_id: UUID
    department_id: UUID | None
    total: float
    rating_points: float | None = None  # mean points of the person's RATING dimensions with data
    objective_points: float | None = None  # mean points of METRIC / ATTENDANCE / OKR dimensions with data
    previous_totals: tuple[float, ...] = ()  # newest first, up to 3
    top_tier: bool = False


@dataclass(frozen=True, slots=True)
class RatingGiven:
    rater_id: UUID
    employee_id: UUID
    relation: RaterRelation
    score: int


@dataclass(frozen=True, slots=True)
class PoolShare:
    employee_id: UUID
    department_id: UUID | None
    amount_minor: int
    score: float


@dataclass(frozen=True, slots=True)
class Labels:
    """Names used in explanations; an unknown id shows as its first 8 characters."""

    departments: Mapping[UUID, str] = field(default_factory=dict)
    people: Mapping[UUID, str] = field(default_factory=dict)

    def department(self, key: UUID | None) -> str:
        return "(none)" if key is None else self.departments.get(key, str(key)[:8])

    def person(self, key: UUID) -> str:
        return self.people.get(key, str(key)[:8])


@dataclass(frozen=True, slots=True)
class Finding:
    kind: AnomalyKind
    subject_key: str
    severity: float  # ≥ 1: how far past the threshold (the largest ratio when several conditions fired)
    evidence: dict[str, Any]
    explanation_en: str
    explanation_zh: str
    department_id: UUID | None = None
    employee_id: UUID | None = None
    other_employee_id: UUID | None = None


def run_all(people: Sequence[PersonScore], ratings: Sequence[RatingGiven], th: Thresholds, labels: Labels,
            pool: tuple[UUID, Sequence[PoolShare]] | None = None) -> list[Finding]:
    """Every detector, in a stable order (kind, then subject)."""
    found = [*department_inflated(people, th, labels), *all_high(people, th, labels),
             *rating_alliance(people, th, labels), *lenient_rater(ratings, th, labels),
             *reciprocal_pair(ratings, th, labels), *sudden_jump(people, th, labels)]
    if pool is not None:
        found += undifferentiated_pool(pool[0], pool[1], th, labels)
    return sorted(found, key=lambda f: (f.kind.value, f.subject_key))


def top_share_of(people: Sequence[PersonScore], share: float = 0.1) -> set[UUID]:
    """The top `share` by total (at least one person), ties broken by id: the top tier when none is placed yet."""
    ranked = sorted(people, key=lambda p: (-p.total, str(p.employee_id)))
    return {p.employee_id for p in ranked[:max(1, round(len(ranked) * share))]} if ranked else set()


def department_inflated(people: Sequence[PersonScore], th: Thresholds, labels: Labels) -> list[Finding]:
    """Mean far above the rest of the organisation (in units of its between-person sd), or far more than its
    share of the top tier (and at least 3 top-tier people, so one star in a small team is not a finding)."""
    findings = []
    top_total = sum(p.top_tier for p in people)
    for dept, members in _departments(people, th):
        others = [p.total for p in people if p.department_id != dept]
        if len(others) < 2:
            continue
        mean, org_mean, org_sd = _mean([p.total for p in members]), _mean(others), max(pstdev(others), 1.0)
        z = (mean - org_mean) / org_sd
        top = sum(p.top_tier for p in members)
        head_share, top_share = len(members) / len(people), (top / top_total if top_total else 0.0)
        ratio = top_share / head_share
        by_mean, by_top = z > th.dept_mean_z, top >= 3 and ratio > th.top_share_ratio
        if not (by_mean or by_top):
            continue
        name = labels.department(dept)
        en, zh = [], []
        if by_mean:
            en.append(f"Department {name} mean {mean:.1f} vs org {org_mean:.1f} (z = {z:.1f} > {th.dept_mean_z:g})")
            zh.append(f"部门「{name}」平均分 {mean:.1f}，全公司 {org_mean:.1f}（z = {z:.1f} > {th.dept_mean_z:g}）")
        if by_top:
            en.append(f"holds {top_share:.0%} of the top tier with {head_share:.0%} of the headcount "
                      f"({ratio:.1f}× > {th.top_share_ratio:g}×)")
            zh.append(f"以 {head_share:.0%} 的人数占据 {top_share:.0%} 的最高档（{ratio:.1f} 倍 > {th.top_share_ratio:g} 倍）")
        findings.append(Finding(
            kind=AnomalyKind.DEPARTMENT_INFLATED, subject_key=f"dept:{dept}", department_id=dept,
            severity=_severity(z / th.dept_mean_z if by_mean else 0, ratio / th.top_share_ratio if by_top else 0),
            evidence=_round({"headcount": len(members), "mean": mean, "org_mean": org_mean, "org_sd": org_sd, "z": z,
                             "top_tier": top, "top_tier_total": top_total, "top_share": top_share,
                             "headcount_share": head_share, "top_share_ratio": ratio}),
            explanation_en="; ".join(en) + ".", explanation_zh="；".join(zh) + "。"))
    return findings


def all_high(people: Sequence[PersonScore], th: Thresholds, labels: Labels) -> list[Finding]:
    """Nearly everyone above the high mark with little spread: a department that stopped differentiating."""
    findings = []
    for dept, members in _departments(people, th):
        totals = [p.total for p in members]
        share, spread = sum(t > th.high_score for t in totals) / len(totals), pstdev(totals)
        if share < th.all_high_share or spread >= th.all_high_max_sd:
            continue
        name = labels.department(dept)
        findings.append(Finding(
            kind=AnomalyKind.ALL_HIGH, subject_key=f"dept:{dept}", department_id=dept,
            severity=_severity(share / th.all_high_share * th.all_high_max_sd / max(spread, th.all_high_max_sd / 10)),
            evidence=_round({"headcount": len(totals), "high_share": share, "sd": spread, "mean": _mean(totals),
                             "high_score": th.high_score}),
            explanation_en=f"Department {name}: {share:.0%} score above {th.high_score:g} "
                           f"(≥ {th.all_high_share:.0%}) with a spread of {spread:.1f} (< {th.all_high_max_sd:g}).",
            explanation_zh=f"部门「{name}」{share:.0%} 的人高于 {th.high_score:g} 分（≥ {th.all_high_share:.0%}），"
                           f"标准差仅 {spread:.1f}（< {th.all_high_max_sd:g}）。"))
    return findings


def rating_alliance(people: Sequence[PersonScore], th: Thresholds, labels: Labels) -> list[Finding]:
    """考核同盟: the manager's rating points far above what the objective dimensions support, in a department,
    while the same gap elsewhere is much smaller (a strict metric target for everyone is not collusion)."""
    both = [p for p in people if p.rating_points is not None and p.objective_points is not None]
    findings = []
    for dept, members in _departments(both, th):
        gap = _mean([_gap(p) for p in members])
        others = [_gap(p) for p in both if p.department_id != dept]
        org_gap = _mean(others) if others else 0.0
        if gap < th.alliance_gap or gap - org_gap < th.alliance_excess:
            continue
        name = labels.department(dept)
        rating, objective = _mean([p.rating_points or 0.0 for p in members]), _mean([p.objective_points or 0.0 for p in members])
        findings.append(Finding(
            kind=AnomalyKind.RATING_ALLIANCE, subject_key=f"dept:{dept}", department_id=dept,
            severity=_severity(gap / th.alliance_gap, (gap - org_gap) / th.alliance_excess if th.alliance_excess else 0),
            evidence=_round({"headcount": len(members), "rating_points": rating, "objective_points": objective,
                             "gap": gap, "org_gap": org_gap}),
            explanation_en=f"Department {name}: manager ratings average {rating:.1f} points but the objective results "
                           f"{objective:.1f} (gap {gap:.1f} ≥ {th.alliance_gap:g}; elsewhere {org_gap:.1f}).",
            explanation_zh=f"部门「{name}」经理评分平均 {rating:.1f} 分，客观指标仅 {objective:.1f} 分"
                           f"（差 {gap:.1f} ≥ {th.alliance_gap:g}；其他部门 {org_gap:.1f}）。"))
    return findings


def lenient_rater(ratings: Sequence[RatingGiven], th: Thresholds, labels: Labels) -> list[Finding]:
    """A rater (≥ min_ratings ratings, self-ratings aside) whose scores exceed what the other raters gave the
    same people by ≥ lenient_gap; when too few of their ratees were rated by anyone else (a manager's RATING
    dimension), against the mean of every other rater's scores."""
    judged = [r for r in ratings if r.relation != RaterRelation.SELF]
    by_ratee, by_rater = _group(judged, lambda r: r.employee_id), _group(judged, lambda r: r.rater_id)
    findings = []
    for rater, given in sorted(by_rater.items(), key=lambda kv: str(kv[0])):
        if len(given) < th.min_ratings:
            continue
        mine = _mean([r.score for r in given])
        diffs = [r.score - _mean(others) for r in given
                 if (others := [o.score for o in by_ratee[r.employee_id] if o.rater_id != rater])]
        if len(diffs) >= th.min_ratings:
            basis, reference = "same_people", mine - _mean(diffs)
        else:
            rest = [r.score for r in judged if r.rater_id != rater]
            if not rest:
                continue
            basis, reference = "organisation", _mean(rest)
        gap = mine - reference
        if gap < th.lenient_gap:
            continue
        name = labels.person(rater)
        versus_en, versus_zh = ("others rating the same people", "其他人对同一批人") if basis == "same_people" \
            else ("the organisation's raters", "全公司评分人")
        findings.append(Finding(
            kind=AnomalyKind.LENIENT_RATER, subject_key=f"rater:{rater}", employee_id=rater,
            severity=_severity(gap / th.lenient_gap),
            evidence=_round({"ratings": len(given), "mean": mine, "reference": reference, "gap": gap, "basis": basis}),
            explanation_en=f"{name} gives {mine:.2f} on average over {len(given)} ratings, {gap:.2f} above "
                           f"{versus_en} ({reference:.2f}; threshold {th.lenient_gap:g}).",
            explanation_zh=f"{name} 的 {len(given)} 个评分平均 {mine:.2f}，比{versus_zh}（{reference:.2f}）"
                           f"高 {gap:.2f}（阈值 {th.lenient_gap:g}）。"))
    return findings


def reciprocal_pair(ratings: Sequence[RatingGiven], th: Thresholds, labels: Labels) -> list[Finding]:
    """Two peers rating each other ≥ reciprocal_min, each ≥ reciprocal_gap above what the other peers give the
    person they rate (else above what the rater gives everyone else). Two stars honestly rating each other
    high are not flagged: their other raters agree with them."""
    peer = [r for r in ratings if r.relation == RaterRelation.PEER]
    pairs = _group(peer, lambda r: (r.rater_id, r.employee_id))
    by_ratee, by_rater = _group(peer, lambda r: r.employee_id), _group(peer, lambda r: r.rater_id)

    def excess(rater: UUID, ratee: UUID) -> tuple[float, float] | None:
        given = _mean([r.score for r in pairs[(rater, ratee)]])
        reference = [r.score for r in by_ratee[ratee] if r.rater_id != rater] or \
            [r.score for r in by_rater[rater] if r.employee_id != ratee]
        return (given, given - _mean(reference)) if reference else None

    findings = []
    for a, b in sorted((k for k in pairs if str(k[0]) < str(k[1]) and (k[1], k[0]) in pairs), key=str):
        ab, ba = excess(a, b), excess(b, a)
        if ab is None or ba is None or min(ab[0], ba[0]) < th.reciprocal_min or min(ab[1], ba[1]) < th.reciprocal_gap:
            continue
        name_a, name_b = labels.person(a), labels.person(b)
        findings.append(Finding(
            kind=AnomalyKind.RECIPROCAL_PAIR, subject_key=f"pair:{a}:{b}", employee_id=a, other_employee_id=b,
            severity=_severity(min(ab[1], ba[1]) / th.reciprocal_gap if th.reciprocal_gap else 1.0),
            evidence=_round({"a_to_b": ab[0], "b_to_a": ba[0], "a_to_b_excess": ab[1], "b_to_a_excess": ba[1]}),
            explanation_en=f"{name_a} and {name_b} rate each other {ab[0]:.1f} and {ba[0]:.1f}, "
                           f"{ab[1]:.1f} and {ba[1]:.1f} above their other ratings (threshold {th.reciprocal_gap:g}).",
            explanation_zh=f"{name_a} 与 {name_b} 互评 {ab[0]:.1f} 和 {ba[0]:.1f}，比其他评分分别高 "
                           f"{ab[1]:.1f} 和 {ba[1]:.1f}（阈值 {th.reciprocal_gap:g}）。"))
    return findings


def sudden_jump(people: Sequence[PersonScore], th: Thresholds, labels: Labels) -> list[Finding]:
    """A total far above the mean of the person's own last (up to 3) totals; people with fewer than
    jump_min_history earlier totals have no baseline and are never flagged."""
    findings = []
    for p in sorted(people, key=lambda p: str(p.employee_id)):
        history = p.previous_totals[:3]
        if len(history) < th.jump_min_history:
            continue
        baseline = _mean(list(history))
        jump = p.total - baseline
        if jump < th.jump_points:
            continue
        name = labels.person(p.employee_id)
        findings.append(Finding(
            kind=AnomalyKind.SUDDEN_JUMP, subject_key=f"person:{p.employee_id}", employee_id=p.employee_id,
            department_id=p.department_id, severity=_severity(jump / th.jump_points),
            evidence=_round({"total": p.total, "baseline": baseline, "jump": jump, "history": list(history)}),
            explanation_en=f"{name} scored {p.total:.1f}, {jump:.1f} above their own average of {baseline:.1f} "
                           f"over {len(history)} earlier cycles (threshold {th.jump_points:g}).",
            explanation_zh=f"{name} 本期 {p.total:.1f} 分，比此前 {len(history)} 期平均 {baseline:.1f} 分"
                           f"高 {jump:.1f}（阈值 {th.jump_points:g}）。"))
    return findings


def undifferentiated_pool(pool_id: UUID, shares: Sequence[PoolShare], th: Thresholds, labels: Labels) -> list[Finding]:
    """Amounts (of the people paid) nearly equal while their scores differ: for the whole pool, else for each
    department's part of it (one finding for the pool already covers every department)."""
    paid = [s for s in shares if s.amount_minor > 0]
    whole = _flat(paid, th)
    if whole is not None:
        return [_pool_finding(f"pool:{pool_id}", None, whole, th, "The pool", "奖金池")]
    findings = []
    for dept, members in _departments(paid, th):
        flat = _flat(members, th)
        if flat is not None:
            name = labels.department(dept)
            findings.append(_pool_finding(f"pool:{pool_id}:dept:{dept}", dept, flat, th,
                                          f"Department {name}'s share of the pool", f"部门「{name}」的奖金"))
    return findings


def _flat(shares: Sequence[PoolShare], th: Thresholds) -> dict[str, float] | None:
    if len(shares) < th.min_department_size:
        return None
    amounts, scores = [float(s.amount_minor) for s in shares], [s.score for s in shares]
    amount_cv, score_cv = _cv(amounts), _cv(scores)
    if amount_cv >= th.pool_min_cv or score_cv <= th.pool_score_cv:
        return None
    return {"people": len(shares), "amount_cv": amount_cv, "score_cv": score_cv, "mean_amount_minor": _mean(amounts)}


def _pool_finding(key: str, dept: UUID | None, flat: dict[str, float], th: Thresholds, what_en: str,
                  what_zh: str) -> Finding:
    amount_cv, score_cv = flat["amount_cv"], flat["score_cv"]
    return Finding(
        kind=AnomalyKind.UNDIFFERENTIATED_POOL, subject_key=key, department_id=dept,
        severity=_severity(th.pool_min_cv / max(amount_cv, th.pool_min_cv / 10)), evidence=_round(flat),
        explanation_en=f"{what_en} is spread almost evenly over {flat['people']:.0f} people (variation "
                       f"{amount_cv:.1%} < {th.pool_min_cv:.0%}) although their scores vary by {score_cv:.1%}.",
        explanation_zh=f"{what_zh}几乎平均分给 {flat['people']:.0f} 人（变异系数 {amount_cv:.1%} < "
                       f"{th.pool_min_cv:.0%}），而他们的分数差异为 {score_cv:.1%}。")


class _InDepartment(Protocol):
    @property
    def department_id(self) -> UUID | None: ...


K = TypeVar("K")
T = TypeVar("T")
P = TypeVar("P", bound=_InDepartment)


def _group(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    grouped: dict[K, list[T]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


def _departments(items: Sequence[P], th: Thresholds) -> list[tuple[UUID, list[P]]]:
    """Departments (by id order) with at least min_department_size members; people without one are skipped."""
    grouped = _group((i for i in items if i.department_id is not None), lambda i: i.department_id)
    return sorted(((d, m) for d, m in grouped.items() if d is not None and len(m) >= th.min_department_size),
                  key=lambda dm: str(dm[0]))


def _gap(p: PersonScore) -> float:
    return (p.rating_points or 0.0) - (p.objective_points or 0.0)


def _mean(values: Sequence[float]) -> float:
    return fmean(values) if values else 0.0


def _cv(values: Sequence[float]) -> float:
    mean = _mean(values)
    return pstdev(values) / mean if mean > 0 else 0.0


def _severity(*ratios: float) -> float:
    return round(max(1.0, *ratios), 2)


def _round(values: dict[str, Any]) -> dict[str, Any]:
    def one(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 3)
        return [one(i) for i in v] if isinstance(v, list) else v
    return {k: one(v) for k, v in values.items()}
