"""Starting scorecard templates for a new organisation (and the demo) to edit: sales, R&D, operations,
production and a results:ability 7:3 variant, bilingual, with realistic targets. Installing twice adds
nothing: a template whose code exists is left as HR edited it."""
from __future__ import annotations

from dataclasses import dataclass

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.performance import templates
from backend.performance.models import DimensionSource, Direction, ScorecardTemplate
from backend.performance.template_specs import DimensionDraft

METRIC, RATING, REVIEW_360 = DimensionSource.METRIC, DimensionSource.RATING, DimensionSource.REVIEW_360
ATTENDANCE, OKR = DimensionSource.ATTENDANCE, DimensionSource.OKR

MENTORING_RUBRIC = [
    {"en": "Keeps knowledge to themselves; newcomers get no help", "zh": "不分享经验，新人得不到帮助"},
    {"en": "Helps when asked, but rarely follows up", "zh": "被请教时才帮忙，很少跟进"},
    {"en": "Regularly shares leads and techniques with newcomers", "zh": "经常与新人分享客户线索和技巧"},
    {"en": "Coaches one newcomer to their first deal", "zh": "带教一名新人完成首单"},
    {"en": "Coaches several people to steady results; runs team sessions", "zh": "带出多名稳定出单的新人，并主持团队分享"},
]
SAFETY_RUBRIC = [
    {"en": "Broke a safety rule that caused or nearly caused an injury", "zh": "违反安全规定，造成或险些造成伤害"},
    {"en": "Repeated reminders about PPE or 5S", "zh": "多次被提醒劳保用品或 5S 问题"},
    {"en": "Follows every safety rule and keeps the station in order", "zh": "遵守全部安全规定，工位整洁有序"},
    {"en": "Reports hazards and near misses before they cause harm", "zh": "主动上报隐患和未遂事件"},
    {"en": "Leads safety improvements others adopt", "zh": "牵头的安全改进被他人采纳推广"},
]
ABILITY_RUBRIC = [
    {"en": "Lacks the skills the role needs; needs close supervision", "zh": "不具备岗位所需技能，需要密切指导"},
    {"en": "Handles routine work; needs help with anything new", "zh": "能完成常规工作，新任务需要帮助"},
    {"en": "Fully capable in the role; solves problems independently", "zh": "完全胜任岗位，能独立解决问题"},
    {"en": "Handles complex work and improves how the team works", "zh": "能处理复杂工作，并改进团队做法"},
    {"en": "An expert others learn from; shapes the team's direction", "zh": "团队公认的专家，影响团队方向"},
]
PEER_HEAVY = {"self": 10, "peer": 40, "report": 10, "manager": 40}


@dataclass(frozen=True, slots=True)
class DefaultTemplate:
    code: str
    name_en: str
    name_zh: str
    dimensions: tuple[DimensionDraft, ...]


def _attendance() -> DimensionDraft:
    return DimensionDraft("attendance", "Attendance", "出勤率", 10, ATTENDANCE, metric_code="attendance_rate",
                          target=98.0, floor_ratio=0.8, unit="%")


DEFAULTS = (
    DefaultTemplate("sales", "Sales", "销售岗", (
        DimensionDraft("results", "Sales revenue", "销售业绩", 40, METRIC, metric_code="sales_revenue",
                       target=500_000.0, floor_ratio=0.5, cap_points=120.0, unit="¥"),
        DimensionDraft("retention", "Customer retention", "客户留存率", 30, METRIC, metric_code="customer_retention_rate",
                       target=90.0, floor_ratio=0.6, cap_points=110.0, unit="%"),
        DimensionDraft("mentoring", "Mentoring", "传帮带", 20, RATING, rubric=MENTORING_RUBRIC),
        _attendance(),
    )),
    DefaultTemplate("rnd", "R&D", "研发岗", (
        DimensionDraft("delivery", "On-time delivery", "按期交付率", 30, METRIC, metric_code="on_time_delivery_rate",
                       target=90.0, floor_ratio=0.5, cap_points=110.0, unit="%"),
        DimensionDraft("patents", "Patents and invention disclosures", "专利与发明披露", 25, METRIC,
                       metric_code="invention_disclosures", target=2.0, cap_points=150.0, unit="件"),
        DimensionDraft("documentation", "Technical documents", "技术文档", 25, METRIC, metric_code="tech_documents",
                       target=4.0, cap_points=120.0, unit="篇"),
        DimensionDraft("teamwork", "Teamwork (360)", "团队协作（360 评价）", 20, REVIEW_360, relation_weights=PEER_HEAVY),
    )),
    DefaultTemplate("operations", "Operations", "运营岗", (
        DimensionDraft("user_growth", "User growth", "用户增长", 35, METRIC, metric_code="new_active_users",
                       target=2000.0, floor_ratio=0.3, cap_points=120.0, unit="人"),
        DimensionDraft("process_suggestions", "Process suggestions adopted", "流程改进建议（采纳）", 30, METRIC,
                       metric_code="process_suggestions_adopted", target=3.0, cap_points=150.0, unit="条"),
        DimensionDraft("cross_team_support", "Cross-team support (360)", "跨部门支持（360 评价）", 25, REVIEW_360,
                       relation_weights=PEER_HEAVY),
        _attendance(),
    )),
    DefaultTemplate("production", "Production", "生产岗", (
        DimensionDraft("output", "Output", "产量", 40, METRIC, metric_code="output_units", target=1200.0,
                       floor_ratio=0.5, cap_points=120.0, unit="件"),
        DimensionDraft("defect_rate", "Defect rate", "不良率", 30, METRIC, metric_code="defect_rate", target=1.5,
                       direction=Direction.LOWER, floor_ratio=0.3, cap_points=120.0, unit="%"),
        DimensionDraft("safety", "Safety", "安全生产", 20, RATING, rubric=SAFETY_RUBRIC),
        _attendance(),
    )),
    DefaultTemplate("results_ability", "Results and ability (7:3)", "业绩与能力（7:3）", (
        DimensionDraft("results", "Results (OKR)", "业绩（OKR）", 70, OKR),
        DimensionDraft("ability", "Ability", "能力", 30, RATING, rubric=ABILITY_RUBRIC),
    )),
)


async def install_default_templates(actor: Actor) -> dict[str, ScorecardTemplate]:
    """Creates the default templates that are missing (by code) through templates.create_template, so
    each is validated and audited. Requires PERFORMANCE_CONFIGURE. Returns every default by code,
    including ones that already existed."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    existing = {t.code: t for t in await ScorecardTemplate.of(actor).filter(code__in=[d.code for d in DEFAULTS])}
    for default in DEFAULTS:
        if default.code not in existing:
            existing[default.code] = await templates.create_template(
                actor, code=default.code, name_en=default.name_en, name_zh=default.name_zh,
                dimensions=default.dimensions)
    return existing
