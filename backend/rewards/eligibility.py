"""Eligibility gates of a reward (tenure, tier, score, attendance): parsing HR's JSON and the pure check
that explains, in both languages, what a person is missing. Only `facts_for` touches the database."""
from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.core import clock
from backend.core.errors import ValidationFailed
from backend.org.models import Employee
from backend.performance.models import CycleStatus, Scorecard, TierPlacement

TIERS = ("top10", "top20", "improved")
NO_TIER = "none"  # a closed review cycle placed the person in no tier
# Which tiers satisfy a gate: a top 10 % person also meets "top 20 %"; "most improved" is its own track.
_MEETS = {"top10": {"top10"}, "top20": {"top10", "top20"}, "improved": {"improved"}}
_TIER_EN = {"top10": "Top 10 %", "top20": "Top 20 %", "improved": "Most improved"}
_TIER_ZH = {"top10": "卓越（前 10%）", "top20": "优秀（前 20%）", "improved": "进步最快"}
_FIELD = "eligibility"


@dataclass(frozen=True, slots=True)
class Gates:
    """What a reward asks for; None means no gate."""

    min_tenure_months: int | None = None
    min_tier: str | None = None
    min_score: float | None = None
    min_attendance_rate: float | None = None

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None) -> Gates:
        """Validates HR's JSON. Raises ValidationFailed (field "eligibility") naming the bad key."""
        values = dict(raw or {})
        unknown = sorted(set(values) - {"min_tenure_months", "min_tier", "min_score", "min_attendance_rate"})
        if unknown:
            raise ValidationFailed(f"Unknown eligibility gate: {unknown[0]}.", field=_FIELD)
        tenure, tier = values.get("min_tenure_months"), values.get("min_tier")
        if tenure is not None and (type(tenure) is not int or not 0 <= tenure <= 600):
            raise ValidationFailed("min_tenure_months is a whole number from 0 to 600.", field=_FIELD)
        if tier is not None and tier not in TIERS:
            raise ValidationFailed("min_tier is one of top10, top20, improved.", field=_FIELD)
        return cls(min_tenure_months=tenure, min_tier=tier, min_score=_percent(values, "min_score"),
                   min_attendance_rate=_percent(values, "min_attendance_rate"))

    def to_json(self) -> dict[str, Any]:
        """The stored form: only the gates that are set."""
        pairs = (("min_tenure_months", self.min_tenure_months), ("min_tier", self.min_tier),
                 ("min_score", self.min_score), ("min_attendance_rate", self.min_attendance_rate))
        return {key: value for key, value in pairs if value is not None}


def _percent(values: Mapping[str, Any], key: str) -> float | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ValidationFailed(f"{key} is a number from 0 to 100.", field=_FIELD)
    return float(value)


@dataclass(frozen=True, slots=True)
class Facts:
    """What is known about a person. tier/score/attendance stay None until their modules exist."""

    tenure_months: int
    tier: str | None = None  # "top10" | "top20" | "improved" | NO_TIER, from the last closed review cycle
    score: float | None = None  # 0..100, the last closed review cycle's total
    attendance_rate: float | None = None  # 0..100, present days / scheduled days over the last 90 days


@dataclass(frozen=True, slots=True)
class Reason:
    """One unmet gate. `code` is one of "tenure", "tier", "score", "attendance"."""

    code: str
    text_en: str
    text_zh: str


def check(gates: Gates, facts: Facts) -> list[Reason]:
    """Every unmet gate, in a fixed order; empty when the person is eligible. A gate whose data does not
    exist yet cannot be met (and says so)."""
    reasons: list[Reason] = []
    if gates.min_tenure_months is not None and facts.tenure_months < gates.min_tenure_months:
        need, have = gates.min_tenure_months, facts.tenure_months
        reasons.append(Reason("tenure", f"Needs {need} months with the company; you have {have}.",
                              f"需入职满 {need} 个月，你目前 {have} 个月。"))
    if gates.min_tier is not None and (facts.tier is None or facts.tier not in _MEETS[gates.min_tier]):
        reasons.append(_tier_reason(gates.min_tier, facts.tier))
    if gates.min_score is not None and (facts.score is None or facts.score < gates.min_score):
        need_s = _num(gates.min_score)
        reasons.append(Reason("score", "Needs a score from a closed review cycle; none yet.",
                              "需已结束考核周期的绩效得分，目前还没有。") if facts.score is None else
                       Reason("score", f"Needs a score of at least {need_s}; yours is {_num(facts.score)}.",
                              f"需绩效得分不低于 {need_s}，你目前 {_num(facts.score)}。"))
    if gates.min_attendance_rate is not None and (facts.attendance_rate is None
                                                  or facts.attendance_rate < gates.min_attendance_rate):
        need_a = _num(gates.min_attendance_rate)
        reasons.append(Reason("attendance", "Needs an attendance rate; attendance is not recorded yet.",
                              "需出勤率数据，目前尚未记录考勤。") if facts.attendance_rate is None else
                       Reason("attendance", f"Needs an attendance rate of at least {need_a} %; "
                              f"yours is {_num(facts.attendance_rate)} %.",
                              f"需出勤率不低于 {need_a}%，你目前 {_num(facts.attendance_rate)}%。"))
    return reasons


def _tier_reason(need: str, have: str | None) -> Reason:
    if have is None:
        return Reason("tier", "Needs a tier from a closed review cycle; none yet.", "需已结束考核周期的等级，目前还没有。")
    en, zh = _TIER_EN[need], _TIER_ZH[need]
    if have not in _TIER_EN:
        return Reason("tier", f"Needs the {en} tier in the last review cycle; you had no tier.",
                      f"需在最近一次考核中获评{zh}，你上次未获评等级。")
    return Reason("tier", f"Needs the {en} tier in the last review cycle; you were {_TIER_EN[have]}.",
                  f"需在最近一次考核中获评{zh}，你上次为{_TIER_ZH[have]}。")


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def tenure_months(hire_date: date, today: date) -> int:
    """Whole months since hire (0 before the first month is complete, never negative). A month ends on the
    same day number, or on the last day of a shorter month (hired 31 Jan → one month on 28/29 Feb)."""
    months = (today.year - hire_date.year) * 12 + today.month - hire_date.month
    last_day = calendar.monthrange(today.year, today.month)[1]
    if today.day < hire_date.day and today.day != last_day:
        months -= 1
    return max(months, 0)


async def facts_for(actor: Actor, employee: Employee) -> Facts:
    """Tenure counted in the organisation's time zone. Tier and score come from the person's latest closed
    review cycle they were scored in (by end date): its total, and their best tier there (top10 > top20 >
    improved; NO_TIER when placed in none), both None before any. Attendance stays None until the
    attendance module's daily records exist (present / scheduled days over the last 90 days)."""
    org = await Organization.get(id=actor.tenant_id)
    card = await Scorecard.of(actor).filter(employee_id=employee.id, cycle__status=CycleStatus.CLOSED).order_by(
        "-cycle__ends_on", "-cycle__closed_at").first().values("cycle_id", "total")
    tier: str | None = None
    if card is not None:
        placed = {str(t) for t, in await TierPlacement.of(actor).filter(
            cycle_id=card["cycle_id"], employee_id=employee.id).values_list("tier")}
        tier = next((t for t in TIERS if t in placed), NO_TIER)
    return Facts(tenure_months=tenure_months(employee.hire_date, clock.today_in(org.time_zone)), tier=tier,
                 score=round(float(card["total"]), 2) if card is not None else None)
