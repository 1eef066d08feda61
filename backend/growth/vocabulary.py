"""The evidence vocabulary requirements are written in: per evidence kind, the record attributes a
condition may test, which fields a SUM adds up and which a DISTINCT counts; and validating one
requirement (kind, conditions, aggregate, field, window, comparator, target) with errors naming the path."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from backend.core import conditions
from backend.core.conditions import FieldSpec
from backend.core.errors import ValidationFailed
from backend.growth.models import Aggregate, Comparator, EvidenceKind

MAX_WINDOW_DAYS = 3660
MAX_TARGET = 1_000_000.0


def _text(en: str, zh: str) -> FieldSpec:
    return FieldSpec(type="str", name_en=en, name_zh=zh)


def _number(en: str, zh: str) -> FieldSpec:
    return FieldSpec(type="int", name_en=en, name_zh=zh)


_PROVIDER, _CERTIFICATE = _text("Provider", "培训机构"), _text("Certificate code", "证书编号")
FIELDS: Mapping[EvidenceKind, Mapping[str, FieldSpec]] = MappingProxyType({
    EvidenceKind.TRAINING: {"provider": _PROVIDER, "category": _text("Category", "类别"),
                            "result": _text("Result", "结果"), "course_code": _text("Course code", "课程代码"),
                            "certificate_code": _CERTIFICATE},
    EvidenceKind.PROJECT: {"role": _text("Role", "角色"), "outcome": _text("Outcome", "成果")},
    EvidenceKind.CERTIFICATE: {"certificate_code": _CERTIFICATE, "issuer": _text("Issuer", "发证机构")},
    EvidenceKind.COMPETITION_AWARD: {"competition": _text("Competition", "竞赛"), "rank": _number("Rank", "名次")},
    EvidenceKind.MENTORING: {"mentee_id": _text("Mentee", "带教对象")},
    EvidenceKind.TEAM_TARGET: {"period": _text("Period", "周期"), "target": _text("Target", "目标")},
    EvidenceKind.TECH_TALK: {"topic": _text("Topic", "主题"), "rating": _number("Rating", "评分")},
    EvidenceKind.TIER_REACHED: {"tier": FieldSpec(type="enum", name_en="Tier", name_zh="等级",
                                                  choices=("top10", "top20", "improved")),
                                "cycle_id": _text("Review cycle", "考核周期")},
    EvidenceKind.PRAISE: {"dimension": _text("Scorecard dimension", "考核维度"),
                          "value_code": _text("Company value", "企业价值观")},
    EvidenceKind.KEY_RESULT: {"cycle_id": _text("Review cycle", "考核周期"),
                              "key_result_id": _text("Key result", "关键结果")},
    EvidenceKind.BADGE: {"badge_code": _text("Badge", "徽章")},
})


def summable(kind: EvidenceKind) -> tuple[str, ...]:
    """Fields a SUM may add: the record's quantity (hours for a training) and numeric attributes."""
    return ("quantity", *sorted(n for n, s in FIELDS[kind].items() if s.type == "int"))


def distinct_fields(kind: EvidenceKind) -> tuple[str, ...]:
    """Fields a DISTINCT may count (e.g. mentee_id: "mentor 2 newcomers"): the title and every attribute."""
    return ("title", *sorted(FIELDS[kind]))


@dataclass(frozen=True, slots=True)
class RequirementRule:
    """A requirement's rule as HR wrote it, before validation."""

    evidence_kind: EvidenceKind | None
    conditions: Mapping[str, Any] | None
    aggregate: Aggregate
    measure_field: str | None
    window_days: int | None
    comparator: Comparator
    target: float


def validate_rule(rule: RequirementRule, *, path: str) -> RequirementRule:
    """The rule normalised (conditions tree normalised, SUM's field defaulting to quantity), or
    ValidationFailed whose field is `path` + the part at fault, e.g. "levels[2].requirements[0].target"."""
    _target(rule.target, path=path)
    if rule.window_days is not None and not 1 <= rule.window_days <= MAX_WINDOW_DAYS:
        raise ValidationFailed(f"A window is 1 to {MAX_WINDOW_DAYS} days (or none).", field=f"{path}.windowDays")
    if rule.aggregate == Aggregate.MONTHS_AT_PREVIOUS_LEVEL:
        return _tenure(rule, path=path)
    kind = rule.evidence_kind
    if kind is None:
        raise ValidationFailed("Choose the kind of evidence this requirement counts.", field=f"{path}.evidenceKind")
    field = _measure(rule, kind, path=path)
    try:
        tree = conditions.validate(rule.conditions, FIELDS[kind], subject="evidence kind")
    except ValidationFailed as err:
        raise ValidationFailed(err.message, field=f"{path}.{err.field}" if err.field else f"{path}.conditions") from None
    return RequirementRule(evidence_kind=kind, conditions=tree, aggregate=rule.aggregate, measure_field=field,
                           window_days=rule.window_days, comparator=rule.comparator, target=float(rule.target))


def _target(target: float, *, path: str) -> None:
    if not math.isfinite(target) or not 0 <= target <= MAX_TARGET:
        raise ValidationFailed(f"The target is a number from 0 to {MAX_TARGET:,.0f}.", field=f"{path}.target")


def _tenure(rule: RequirementRule, *, path: str) -> RequirementRule:
    if rule.evidence_kind is not None:
        raise ValidationFailed("Months at the previous level count no evidence: leave the kind empty.",
                               field=f"{path}.evidenceKind")
    if rule.conditions:
        raise ValidationFailed("Months at the previous level take no conditions.", field=f"{path}.conditions")
    if rule.measure_field:
        raise ValidationFailed("Months at the previous level take no field.", field=f"{path}.measureField")
    if rule.window_days is not None:
        raise ValidationFailed("Months at the previous level take no window.", field=f"{path}.windowDays")
    if rule.comparator not in (Comparator.GTE, Comparator.GT):
        raise ValidationFailed("Months at the previous level compare with at least or more than.",
                               field=f"{path}.comparator")
    return RequirementRule(evidence_kind=None, conditions=None, aggregate=rule.aggregate, measure_field=None,
                           window_days=None, comparator=rule.comparator, target=float(rule.target))


def _measure(rule: RequirementRule, kind: EvidenceKind, *, path: str) -> str | None:
    name = (rule.measure_field or "").strip() or None
    if rule.aggregate == Aggregate.COUNT:
        if name is not None:
            raise ValidationFailed("A count takes no field.", field=f"{path}.measureField")
        return None
    if rule.aggregate == Aggregate.SUM:
        allowed = summable(kind)
        name = name or "quantity"
    else:
        allowed = distinct_fields(kind)
        if name is None:
            raise ValidationFailed(f"Choose the field whose distinct values count (one of: {', '.join(allowed)}).",
                                   field=f"{path}.measureField")
    if name not in allowed:
        raise ValidationFailed(f"For this evidence kind the field is one of: {', '.join(allowed)}.",
                               field=f"{path}.measureField")
    return name
