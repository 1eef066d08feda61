"""Building blocks for the default career tracks: a requirement in one call (the issue's examples: N
trainings of a category, N projects, an award, a certificate, distinct mentees, team targets, months at
the previous level, a tier reached), and resources (internal courses, MOOC links). PURE data."""
from __future__ import annotations

from typing import Any

from backend.growth.models import Aggregate, Comparator, EvidenceKind, ResourceKind
from backend.growth.track_specs import RequirementDraft, ResourceDraft
from backend.growth.vocabulary import RequirementRule

TRAINING, PROJECT, CERTIFICATE = EvidenceKind.TRAINING, EvidenceKind.PROJECT, EvidenceKind.CERTIFICATE
AWARD, MENTORING, TEAM_TARGET = EvidenceKind.COMPETITION_AWARD, EvidenceKind.MENTORING, EvidenceKind.TEAM_TARGET
TECH_TALK, TIER, PRAISE, KEY_RESULT = EvidenceKind.TECH_TALK, EvidenceKind.TIER_REACHED, EvidenceKind.PRAISE, EvidenceKind.KEY_RESULT
ICOURSE = ("https://www.icourse163.org/", "中国大学MOOC")
XUETANG = ("https://www.xuetangx.com/", "学堂在线")
COURSERA = ("https://www.coursera.org/", "Coursera")


def eq(field: str, value: str) -> dict[str, Any]:
    return {"field": field, "op": "eq", "value": value}


def req(name: tuple[str, str], how: tuple[str, str], kind: EvidenceKind | None, target: float, *,
        aggregate: Aggregate = Aggregate.COUNT, field: str | None = None, window_days: int | None = None,
        conditions: dict[str, Any] | None = None) -> RequirementDraft:
    """A requirement from (English, Chinese) name and how-to texts."""
    return RequirementDraft(name_en=name[0], name_zh=name[1], how_to_en=how[0], how_to_zh=how[1], rule=RequirementRule(
        evidence_kind=kind, conditions=conditions, aggregate=aggregate, measure_field=field, window_days=window_days,
        comparator=Comparator.GTE, target=target))


def trainings(n: int, category: str | None, name: tuple[str, str], how: tuple[str, str], *,
              window_days: int | None = None) -> RequirementDraft:
    return req(name, how, TRAINING, n, window_days=window_days, conditions=eq("category", category) if category else None)


def certificate(code: str, name: tuple[str, str], how: tuple[str, str]) -> RequirementDraft:
    return req(name, how, CERTIFICATE, 1, conditions=eq("certificate_code", code))


def mentees(n: int) -> RequirementDraft:
    return req((f"Mentor {n} newcomers", f"带教 {n} 名新员工"),
               ("Be assigned as a newcomer's mentor; your manager records each mentoring relationship.",
                "担任新员工的师傅，由主管登记每一段带教关系。"), MENTORING, n, aggregate=Aggregate.DISTINCT, field="mentee_id")


def team_targets(n: int, *, window_days: int | None = None) -> RequirementDraft:
    span = (" in the last year", "（近一年内）") if window_days == 365 else (" in the last two years", "（近两年内）") \
        if window_days == 730 else ("", "")
    times = "once" if n == 1 else f"{n} times"
    return req((f"Lead the team to its quarterly output target {times}{span[0]}",
                f"带领团队达成季度产出目标 {n} 次{span[1]}"),
               ("Your manager records each quarter your team meets its output target.",
                "团队每达成一次季度产出目标，由上级登记一次。"), TEAM_TARGET, n, window_days=window_days)


def top_tier() -> RequirementDraft:
    return req(("Reach the top-20 % tier once", "获评一次「优秀」（前 20 %）及以上"),
               ("Finish a review cycle in the top 20 % (优秀) or top 10 % (卓越); it is recorded automatically.",
                "在一个考核周期中进入前 20 %（优秀）或前 10 %（卓越），系统自动记录。"), TIER, 1,
               conditions={"field": "tier", "op": "in", "value": ["top10", "top20"]})


def tenure(months: int, previous: tuple[str, str]) -> RequirementDraft:
    return req((f"{months} months as {previous[0]}", f"任{previous[1]}满 {months} 个月"),
               ("Counted from the date HR recorded your promotion into it.", "自人事登记晋升之日起计算。"),
               None, months, aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL)


def on_the_job(months: int) -> RequirementDraft:
    return req((f"{months} months on the job", f"入职满 {months} 个月"),
               ("Counted from your hire date.", "自入职之日起计算。"), None, months,
               aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL)


def course(title: tuple[str, str], *, requirement_index: int | None = None, provider: str = "内部培训 In-house"
           ) -> ResourceDraft:
    return ResourceDraft(kind=ResourceKind.INTERNAL_COURSE, title_en=title[0], title_zh=title[1], provider=provider,
                         requirement_index=requirement_index)


def mooc(title: tuple[str, str], site: tuple[str, str], *, requirement_index: int | None = None) -> ResourceDraft:
    return ResourceDraft(kind=ResourceKind.EXTERNAL_LINK, title_en=title[0], title_zh=title[1], url=site[0],
                         provider=site[1], requirement_index=requirement_index)


def document(title: tuple[str, str]) -> ResourceDraft:
    return ResourceDraft(kind=ResourceKind.DOCUMENT, title_en=title[0], title_zh=title[1])
