"""The trigger catalogue: which recorded events can fire a rule, whose the reward is, and which
payload fields conditions may test. Data only; no I/O."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from backend.attendance.events import AttendanceStreakReached
from backend.community.events import PostPinned
from backend.community.talk_events import TechTalkAttended, TechTalkGiven
from backend.core.conditions import FieldSpec
from backend.growth.events import LevelReached
from backend.org.events import BirthdayToday, WorkAnniversaryToday
from backend.performance.events import KeyResultCompleted, TierReached
from backend.recognition.events import BadgeGranted, FeedbackGiven, KudosGiven

__all__ = ["TRIGGERS", "FieldSpec", "Trigger", "register", "triggers_for_event"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """`recipient_field` names the payload field holding the employee id a firing rewards."""

    key: str
    event_type: str
    recipient_field: str
    fields: Mapping[str, FieldSpec] = field(default_factory=dict, hash=False)
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str


TRIGGERS: dict[str, Trigger] = {}


def register(trigger: Trigger) -> Trigger:
    """Adds a trigger (rules-side modules for later domains call this at import). Registering the
    same definition twice is harmless; a different definition under a taken key is a bug."""
    existing = TRIGGERS.get(trigger.key)
    if existing is not None and existing != trigger:
        raise ValueError(f"trigger {trigger.key!r} is already registered differently")
    if any(spec.type == "enum" and not spec.choices for spec in trigger.fields.values()):
        raise ValueError(f"trigger {trigger.key!r} has an enum field without choices")
    TRIGGERS[trigger.key] = Trigger(
        key=trigger.key, event_type=trigger.event_type, recipient_field=trigger.recipient_field,
        fields=MappingProxyType(dict(trigger.fields)), name_en=trigger.name_en, name_zh=trigger.name_zh,
        description_en=trigger.description_en, description_zh=trigger.description_zh,
    )
    return TRIGGERS[trigger.key]


def triggers_for_event(event_type: str) -> list[Trigger]:
    return [t for t in TRIGGERS.values() if t.event_type == event_type]


_VALUE_CODE = FieldSpec(type="str", name_en="Company value", name_zh="公司价值观")

register(Trigger(
    key="kudos_received", event_type=KudosGiven.type, recipient_field="receiver_id",
    fields={"points": FieldSpec(type="int", name_en="Points given", name_zh="赠送积分"), "value_code": _VALUE_CODE},
    name_en="Kudos received", name_zh="收到点赞",
    description_en="A colleague gave someone kudos; the receiver is rewarded.",
    description_zh="同事给某人点赞时，奖励被点赞的人。",
))
register(Trigger(
    key="feedback_received", event_type=FeedbackGiven.type, recipient_field="receiver_id",
    fields={
        "kind": FieldSpec(type="enum", name_en="Kind", name_zh="类型", choices=("praise", "coaching")),
        "value_code": _VALUE_CODE,
        "dimension": FieldSpec(type="str", name_en="Scorecard dimension", name_zh="考核维度"),
        "is_public": FieldSpec(type="bool", name_en="Public", name_zh="公开"),
    },
    name_en="Feedback received", name_zh="收到即时反馈",
    description_en="A manager gave someone praise or coaching; the receiver is rewarded.",
    description_zh="主管给出表扬或辅导反馈时，奖励收到反馈的人。",
))
register(Trigger(
    key="badge_received", event_type=BadgeGranted.type, recipient_field="employee_id",
    fields={"badge_code": FieldSpec(type="str", name_en="Badge code", name_zh="徽章代码")},
    name_en="Badge received", name_zh="获得徽章",
    description_en="Someone was granted a badge by a person (not by a rule).",
    description_zh="有人被授予徽章时（由人授予，而非规则）。",
))
register(Trigger(
    key="birthday", event_type=BirthdayToday.type, recipient_field="employee_id",
    name_en="Birthday", name_zh="生日",
    description_en="It is someone's birthday (checked each morning).",
    description_zh="员工生日当天（每天早上检查）。",
))
register(Trigger(
    key="work_anniversary", event_type=WorkAnniversaryToday.type, recipient_field="employee_id",
    fields={"years": FieldSpec(type="int", name_en="Years of service", name_zh="司龄（年）")},
    name_en="Work anniversary", name_zh="入职周年",
    description_en="Someone completes another full year of service.",
    description_zh="员工入职满整年时。",
))
register(Trigger(
    key="okr_key_result_completed", event_type=KeyResultCompleted.type, recipient_field="employee_id",
    name_en="OKR key result completed", name_zh="完成 OKR 关键结果",
    description_en="A key result reached its target for the first time; its owner is rewarded.",
    description_zh="关键结果首次达到目标值时，奖励其负责人。",
))
register(Trigger(
    key="tier_reached", event_type=TierReached.type, recipient_field="employee_id",
    fields={"tier": FieldSpec(type="enum", name_en="Tier", name_zh="等级", choices=("top10", "top20", "improved"))},
    name_en="Scorecard tier reached", name_zh="绩效评级达成",
    description_en="A closed review cycle placed someone in a tier (top 10 %, top 20 %, most improved).",
    description_zh="考核周期结束后有人进入某一等级（卓越、优秀、进步最快）。",
))
register(Trigger(
    key="growth_level_reached", event_type=LevelReached.type, recipient_field="employee_id",
    fields={"track_code": FieldSpec(type="str", name_en="Career track code", name_zh="职业通道代码"),
            "level_code": FieldSpec(type="str", name_en="Level code", name_zh="级别代码")},
    name_en="Growth level reached", name_zh="成长地图达到新级别",
    description_en="Someone's verified records met every requirement of a career level for the first time.",
    description_zh="员工经确认的成长记录首次满足某一职业级别的全部要求时。",
))
register(Trigger(
    key="post_pinned", event_type=PostPinned.type, recipient_field="author_id",
    fields={"category": FieldSpec(type="enum", name_en="Post category", name_zh="动态类别",
                                  choices=("warm_moment", "tech_sharing", "announcement", "recognition"))},
    name_en="Post pinned", name_zh="动态被置顶",
    description_en="HR pinned someone's post in the community feed (first time only); its author is rewarded.",
    description_zh="管理员首次将某人的社区动态置顶时，奖励该动态的作者。",
))
register(Trigger(
    key="tech_talk_given", event_type=TechTalkGiven.type, recipient_field="speaker_id",
    fields={"attendees": FieldSpec(type="int", name_en="Attendees", name_zh="参加人数")},
    name_en="Tech talk given", name_zh="做了技术分享",
    description_en="A tech-sharing talk was held; its speaker is rewarded.",
    description_zh="技术分享会举行后，奖励分享人。",
))
register(Trigger(
    key="tech_talk_attended", event_type=TechTalkAttended.type, recipient_field="employee_id",
    name_en="Tech talk attended", name_zh="参加技术分享",
    description_en="Someone attended a held tech-sharing talk.",
    description_zh="员工参加了已举行的技术分享会。",
))
register(Trigger(
    key="attendance_streak", event_type=AttendanceStreakReached.type, recipient_field="employee_id",
    fields={"length": FieldSpec(type="int", name_en="On-time days in a row", name_zh="连续准时出勤天数")},
    name_en="Attendance streak", name_zh="连续准时出勤",
    description_en="Someone arrived on time for 5, 20 or 60 working days in a row (once per run).",
    description_zh="员工连续 5、20 或 60 个工作日准时出勤时（每轮连续记录只触发一次）。",
))
