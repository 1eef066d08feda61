"""Walks every root query and mutation of the schema: anonymous callers are refused, another
organisation's ids reveal and change nothing, and each role gets exactly what RULES grants.
A new root field without a rule here fails the walk: decide who may call it."""
from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from dataclasses import dataclass
from datetime import timedelta

from backend.access import authn, kiosks
from backend.attendance import requests as attendance_requests
from backend.attendance.models import RequestKind
from backend.community import comments, posts
from backend.community.models import PollOption, PostCategory
from backend.core import clock
from backend.growth import sessions as growth_sessions
from backend.performance import appeals, pools, recompute, sources
from backend.performance.models import (
    AnomalyFlag, AnomalyKind, KeyResult, MetricSourceKind, Objective, TemplateAssignment,
)
from backend.achievements.models import Achievement, Badge
from backend.notifications.models import Notification
from backend.recognition import defaults as recognition_defaults
from backend.recognition import feedback
from backend.recognition.models import CompanyValue, FeedbackKind
from backend.points import ledger
from backend.rewards import catalogue, redemption
from backend.rewards.models import RewardKind
from backend.rules import service as rules
from backend.access.actor import Actor
from backend.access.tenancy import TenantScoped
from backend.core.db import MODEL_MODULES
from backend.web.app import create_app
from schema.build import build_schema
from schema.context import Context
from tests.architecture.schema_walk import operation, root_fields
from tests.factories.org import Company, make_company
from tests.backend.attendance.shift_support import make_shifts
from tests.factories.attendance import make_device, make_key
from tests.factories.community import make_poll, make_suggestion, make_talk, upload_post_photo
from tests.factories.growth import assign, level_ids, make_track
from tests.factories.growth_evidence import claim, upload_photo
from tests.factories.performance import SALES, make_cycle, make_template, put_rating, put_value
from workers.settings import in_process_jobs

EVERYONE = {"employee", "manager", "hr_admin", "owner", "kiosk"}
PEOPLE = {"employee", "manager", "hr_admin", "owner"}
HR = {"hr_admin", "owner"}
LEADS = {"manager", "hr_admin", "owner"}  # managers for their team, HR for anyone
OWNER = {"owner"}
RULES: dict[str, set[str]] = {
    "me": EVERYONE, "organization": EVERYONE,
    "employee": PEOPLE, "employees": PEOPLE, "departments": PEOPLE, "sites": PEOPLE,
    "kioskCredentials": HR, "auditLog": HR,
    "setMyLocale": PEOPLE, "updateMyProfile": PEOPLE, "changePassword": PEOPLE,
    "inviteEmployee": HR, "updateEmployee": HR, "deactivateEmployee": HR,
    "createDepartment": HR, "updateDepartment": HR, "createSite": HR,
    "issueKioskCredential": HR, "revokeKioskCredential": HR, "updateOrganization": OWNER,
    # recognition, points, the wall, the inbox, rules
    "companyValues": PEOPLE, "badges": PEOPLE, "myFeedback": PEOPLE, "givingBudget": PEOPLE,
    "recognitionPolicy": PEOPLE, "pointsBalance": PEOPLE, "pointsStatement": PEOPLE, "notifications": PEOPLE,
    "unreadNotificationCount": PEOPLE, "achievementWall": PEOPLE, "recentAchievements": PEOPLE,
    "ruleTriggers": HR, "rules": HR, "rule": HR, "ruleFirings": HR,
    "giveKudos": PEOPLE, "giveFeedback": LEADS, "grantBadge": LEADS, "createBadge": HR, "updateBadge": HR,
    "createCompanyValue": HR, "updateRecognitionPolicy": HR, "adjustPoints": HR,
    "markNotificationsRead": PEOPLE, "markAllNotificationsRead": PEOPLE,
    "setAchievementVisibility": {"employee"},  # only the item's owner (the walk's item is the employee's)
    "createRule": HR, "updateRule": HR, "setRuleActive": HR, "previewRule": HR,
    # the reward pool
    "rewards": PEOPLE, "reward": PEOPLE, "rewardEligibility": PEOPLE, "rewardSlots": PEOPLE,
    "nextRewardWithinReach": PEOPLE, "myRedemptions": PEOPLE, "rewardApprovals": LEADS, "redemption": PEOPLE,
    "myEntitlements": PEOPLE, "conversionRules": PEOPLE, "myPendingBonus": PEOPLE,
    "redeemReward": PEOPLE, "approveRedemption": LEADS, "declineRedemption": LEADS,
    "cancelRedemption": {"employee"},  # only the requester (the walk's redemption is the employee's)
    "createReward": HR, "updateReward": HR, "setRewardActive": HR, "adjustRewardStock": HR,
    "uploadVoucherCodes": HR, "publishRewardSlots": HR, "setConversionRule": HR, "convertBonus": PEOPLE,
    # notification settings
    "notificationPreferences": PEOPLE, "pushPublicKey": EVERYONE, "chatWebhook": HR,
    "updateNotificationPreferences": PEOPLE, "subscribePush": PEOPLE, "unsubscribePush": PEOPLE,
    "setChatWebhook": HR, "testChatWebhook": HR,
    # performance: cycles, templates, data in, scores, tiers, pools, anomalies, appeals
    "reviewCycles": PEOPLE, "reviewCycle": PEOPLE, "currentReviewCycle": PEOPLE, "scorecardTemplates": PEOPLE,
    "scorecardTemplate": PEOPLE, "metricValues": PEOPLE, "metricValueHistory": PEOPLE, "metricSources": HR,
    "ratingTasks": PEOPLE, "ratingsReceived": PEOPLE, "objectives": PEOPLE, "scorecard": PEOPLE,
    "scorecardStatement": PEOPLE, "myScoreHistory": PEOPLE, "teamPerformance": LEADS, "cycleScorecards": HR,
    "cycleTiers": PEOPLE, "bonusPools": HR, "bonusPool": HR, "anomalyFlags": HR, "myAppeals": PEOPLE,
    "appealsToDecide": LEADS,
    "appeal": {"employee", "hr_admin", "owner"},  # the appellant, the reviewer (the owner here) and HR
    "createReviewCycle": HR, "updateReviewCycle": HR, "closeReviewCycle": HR, "createScorecardTemplate": HR,
    "reviseScorecardTemplate": HR, "setScorecardTemplateActive": HR, "assignScorecardTemplate": HR,
    "removeTemplateAssignment": HR,
    "recordMetricValue": LEADS,  # the walk's person reports to the manager
    "importMetricValues": HR, "createMetricSource": HR, "rotateMetricSourceSecret": HR, "setMetricSourceActive": HR,
    "rateEmployee": PEOPLE, "saveObjective": PEOPLE, "updateKeyResultProgress": PEOPLE, "deleteObjective": PEOPLE,
    "recomputeScores": HR, "createBonusPool": HR, "updateBonusPool": HR, "previewBonusPool": HR,
    "adjustBonusAllocation": HR, "lockBonusPool": HR, "runAnomalyDetectors": HR,
    "approveBonusPool": OWNER,  # a second person: the walk's pool was created by the HR admin
    "resolveAnomalyFlag": HR, "fileAppeal": PEOPLE,
    "decideAppeal": {"hr_admin", "owner"},  # never the appellant nor the manager whose rating is appealed
    "withdrawAppeal": {"employee"},  # only the appellant
    # growth map: maps, tracks, evidence records, sessions, data quality
    "growthMap": PEOPLE, "teamGrowth": LEADS, "careerTracks": PEOPLE, "careerTrack": PEOPLE, "previewCareerTrack": HR,
    "saveCareerTrack": HR, "assignCareerTrack": HR, "recordPromotion": HR,
    "growthRecords": PEOPLE, "confirmationInbox": PEOPLE, "growthRecordByCode": PEOPLE, "learningSessions": PEOPLE,
    "growthDataQuality": HR, "claimGrowthRecord": PEOPLE, "recordGrowthEvidence": LEADS, "confirmGrowthRecord": LEADS,
    "confirmGrowthRecordByCode": PEOPLE, "rejectGrowthRecord": LEADS, "revokeGrowthRecord": HR,
    "disputeGrowthRecord": {"employee"},  # only the record's owner
    "resolveGrowthDispute": HR, "importGrowthRecords": HR, "scheduleLearningSession": HR, "cancelLearningSession": HR,
    "enrolInSession": PEOPLE, "cancelEnrolment": PEOPLE,
    "recordSessionAttendance": HR,  # or the session's trainer (the walk's session has none)
    # attendance: devices, bridge keys, PIN mapping; ingest is for a signed bridge only
    "clockDevices": HR, "bridgeKeys": HR, "devicePins": HR, "unmatchedPunches": HR, "registerClockDevice": HR,
    "updateClockDevice": HR, "createBridgeKey": HR, "rotateBridgeKey": HR, "revokeBridgeKey": HR, "setDevicePins": HR,
    "resolveUnmatchedPunches": HR, "ingestClockEvents": set(),
    # attendance: days, shifts, requests, the kiosk
    "myAttendance": PEOPLE, "todayPunches": PEOPLE,
    "attendanceOf": PEOPLE,  # the walk's employee: themselves, their manager chain and HR
    "attendanceOverview": HR, "shifts": PEOPLE, "flexibleOptions": PEOPLE, "shiftAssignments": PEOPLE,
    "myAttendanceRequests": PEOPLE, "attendanceApprovals": LEADS, "attendanceRequests": HR,
    "myRemoteDayEntitlements": PEOPLE, "myBadge": PEOPLE, "kioskInfo": {"kiosk"},
    "saveShift": HR, "assignShift": HR, "requestAttendanceChange": PEOPLE,
    "decideAttendanceRequest": LEADS,  # the employee's request: their manager or HR, never themselves
    "cancelAttendanceRequest": {"employee"},  # only the requester
    "revokeAttendanceRequest": HR, "kioskCheckIn": {"kiosk"}, "kioskHeartbeat": {"kiosk"},
    # community: feed, moderation, pin and reward, polls, suggestions, talks
    "feed": PEOPLE, "post": PEOPLE, "moderationQueue": HR, "poll": PEOPLE, "suggestions": PEOPLE,
    "suggestion": PEOPLE,  # the employee's own; the manager gets null (not refused), HR and the owner see it
    "suggestionBoard": PEOPLE, "suggestionStats": HR, "techTalks": PEOPLE, "techTalk": PEOPLE,
    "createPost": PEOPLE,
    "editPost": {"employee"}, "deletePost": {"employee"},  # only the author (the walk's post is the employee's)
    "react": PEOPLE, "addComment": PEOPLE,
    "editComment": {"employee"}, "deleteComment": {"employee"},  # the author (moderators hide instead)
    "reportContent": PEOPLE, "moderate": HR, "dismissReports": HR, "pinPost": HR,
    "createPoll": HR,  # the walk asks for an announcement poll (HR only); a plain poll is for everyone
    "vote": PEOPLE, "closePoll": HR,  # the creator (a peer here) or HR
    "submitSuggestion": PEOPLE,
    **dict.fromkeys(("answerSuggestion", "decideSuggestion", "implementSuggestion"), HR),  # its owner (HR) or HR
    "reassignSuggestion": HR,
    "scheduleTechTalk": LEADS,  # for oneself, or HR for anyone: the walk's speaker is the manager
    "cancelTechTalk": {"employee", "hr_admin", "owner"},  # the speaker (the employee here), the scheduler or HR
    "signUpForTalk": PEOPLE, "cancelTalkSignup": PEOPLE, "checkInToTalk": PEOPLE,
    "recordTalkAttendance": {"employee", "hr_admin", "owner"}, "completeTechTalk": {"employee", "hr_admin", "owner"},
    "rateTalk": PEOPLE,
}
SCHEMA = build_schema(max_depth=30, max_tokens=100_000, max_aliases=100)


@dataclass
class PerformanceIds:
    cycle_id: uuid.UUID
    template_id: uuid.UUID
    assignment_id: uuid.UUID
    source_id: uuid.UUID
    objective_id: uuid.UUID
    key_result_id: uuid.UUID
    pool_id: uuid.UUID
    flag_id: uuid.UUID
    appeal_id: uuid.UUID


@dataclass
class GrowthIds:
    track_id: uuid.UUID
    level_id: uuid.UUID
    record_id: uuid.UUID
    session_id: uuid.UUID
    file_id: uuid.UUID


@dataclass
class AttendanceIds:
    device_id: uuid.UUID
    key_id: uuid.UUID
    shift_id: uuid.UUID
    request_id: uuid.UUID


@dataclass
class CommunityIds:
    post_id: uuid.UUID
    comment_id: uuid.UUID
    poll_id: uuid.UUID
    option_id: uuid.UUID
    suggestion_id: uuid.UUID
    talk_id: uuid.UUID
    photo_id: uuid.UUID


@dataclass
class Extras:
    """Rows of the newer domains the walk's arguments point at."""

    kiosk_id: uuid.UUID
    value_id: uuid.UUID
    badge_id: uuid.UUID
    achievement_id: uuid.UUID
    notification_id: uuid.UUID
    rule_id: uuid.UUID
    reward_id: uuid.UUID
    redemption_id: uuid.UUID
    performance: PerformanceIds
    growth: GrowthIds
    attendance: AttendanceIds
    community: CommunityIds

    def nested(self) -> list[str]:
        parts = (self.performance, self.growth, self.attendance, self.community)
        return [str(v) for part in parts for v in vars(part).values()]


class Walk:
    def __init__(self, company: Company, extras: Extras) -> None:
        c, x, p, g, m = company, extras, extras.performance, extras.growth, extras.community
        self.by_name = {"departmentId": c.department.id, "parentId": c.department.id, "siteId": c.site.id,
                        "managerId": c.manager.employee.id, "headId": c.manager.employee.id,
                        "receiverId": c.employee.employee.id, "employeeId": c.employee.employee.id,
                        "valueId": x.value_id, "badgeId": x.badge_id, "ruleId": x.rule_id, "ids": x.notification_id,
                        "itemId": x.reward_id, "slotId": uuid.uuid4(), "cycleId": p.cycle_id, "templateId": p.template_id,
                        "poolId": p.pool_id, "fromEmployeeId": c.peer.employee.id,
                        "employeeIds": c.employee.employee.id, "trackId": g.track_id, "toLevelId": g.level_id,
                        "fileId": g.file_id, "trainerId": c.manager.employee.id, "levelId": g.level_id,
                        "requirementId": uuid.uuid4(), "sessionId": g.session_id,
                        "shiftId": x.attendance.shift_id, "postId": m.post_id, "commentId": m.comment_id,
                        "pollId": m.poll_id, "optionIds": m.option_id, "ownerId": c.hr.employee.id, "talkId": m.talk_id,
                        "photoIds": m.photo_id, "mentionIds": c.peer.employee.id, "speakerId": c.manager.employee.id,
                        "rewardItemId": x.reward_id}
        self.by_field = {"employee": c.peer.employee.id, "updateEmployee": c.peer.employee.id,
                         "deactivateEmployee": c.peer.employee.id, "updateDepartment": c.department.id,
                         "revokeKioskCredential": x.kiosk_id, "updateBadge": x.badge_id, "rule": x.rule_id,
                         "updateRule": x.rule_id, "setRuleActive": x.rule_id, "setAchievementVisibility": x.achievement_id,
                         "reward": x.reward_id, "updateReward": x.reward_id, "setRewardActive": x.reward_id,
                         "adjustRewardStock": x.reward_id, "redemption": x.redemption_id,
                         "approveRedemption": x.redemption_id, "declineRedemption": x.redemption_id,
                         "cancelRedemption": x.redemption_id,
                         **dict.fromkeys(("reviewCycle", "updateReviewCycle", "closeReviewCycle"), p.cycle_id),
                         **dict.fromkeys(("scorecardTemplate", "reviseScorecardTemplate", "setScorecardTemplateActive"),
                                         p.template_id),
                         "removeTemplateAssignment": p.assignment_id,
                         **dict.fromkeys(("rotateMetricSourceSecret", "setMetricSourceActive"), p.source_id),
                         "updateKeyResultProgress": p.key_result_id, "deleteObjective": p.objective_id,
                         "saveObjective": p.objective_id,  # the input's objective id (and, unknown there, its key result ids)
                         **dict.fromkeys(("bonusPool", "updateBonusPool", "previewBonusPool", "approveBonusPool",
                                          "lockBonusPool"), p.pool_id),
                         "resolveAnomalyFlag": p.flag_id,
                         **dict.fromkeys(("appeal", "decideAppeal", "withdrawAppeal"), p.appeal_id),
                         **dict.fromkeys(("careerTrack", "previewCareerTrack", "saveCareerTrack"), g.track_id),
                         **dict.fromkeys(("confirmGrowthRecord", "rejectGrowthRecord", "revokeGrowthRecord",
                                          "disputeGrowthRecord", "resolveGrowthDispute"), g.record_id),
                         **dict.fromkeys(("cancelLearningSession", "enrolInSession", "cancelEnrolment"), g.session_id),
                         "updateClockDevice": x.attendance.device_id,
                         **dict.fromkeys(("rotateBridgeKey", "revokeBridgeKey"), x.attendance.key_id),
                         **dict.fromkeys(("decideAttendanceRequest", "cancelAttendanceRequest", "revokeAttendanceRequest"),
                                         x.attendance.request_id),
                         **dict.fromkeys(("post", "editPost", "deletePost"), m.post_id),
                         **dict.fromkeys(("editComment", "deleteComment"), m.comment_id), "poll": m.poll_id,
                         **dict.fromkeys(("suggestion", "answerSuggestion", "decideSuggestion", "implementSuggestion",
                                          "reassignSuggestion"), m.suggestion_id),
                         **dict.fromkeys(("techTalk", "cancelTechTalk", "signUpForTalk", "cancelTalkSignup",
                                          "completeTechTalk", "rateTalk"), m.talk_id)}

    def operation(self, kind: str, name: str, field: Any) -> str:
        return operation(kind, name, field, lambda arg: str(self.by_field[name] if arg == "id" else self.by_name[arg]))


async def _company_with_kiosk(name: str) -> tuple[Company, Actor, Extras]:
    company = await make_company(name)
    credential, code = await kiosks.issue(company.hr.actor, site_id=company.site.id, label="Gate")
    kiosk = await authn.resolve((await authn.kiosk_login(code=code, ip="10.0.0.9", user_agent="walk")).token)
    assert kiosk is not None
    await recognition_defaults.install_defaults(company.system)
    value = await CompanyValue.of(company.system).get(code="teamwork")
    badge = await Badge.of(company.system).get(code="team-player")
    praise = await feedback.give_feedback(company.manager.actor, receiver_id=company.employee.employee.id,
                                          kind=FeedbackKind.PRAISE, message=f"{name} praise", is_public=True)
    item = await Achievement.of(company.system).get(source_id=praise.id)
    note = await Notification.of(company.system).get(recipient_id=company.employee.employee.id)
    rule = await rules.create_rule(company.hr.actor, name=f"{name} rule", trigger="kudos_received", conditions=None,
                                   awards={"points": 5})
    reward = await catalogue.create_item(company.hr.actor, kind=RewardKind.REMOTE_DAYS, name_en=f"{name} remote day",
                                         name_zh="远程办公", cost_points=50, days=1, stock=5)
    await ledger.award(company.system, employee_id=company.employee.employee.id, points=500, idempotency_key="walk",
                       memo="walk", source_type="test", source_id=uuid.uuid4())
    asked = await redemption.redeem(company.employee.actor, item_id=reward.id, client_key="walk-redemption")
    return company, kiosk, Extras(kiosk_id=credential.id, value_id=value.id, badge_id=badge.id, achievement_id=item.id,
                                  notification_id=note.id, rule_id=rule.id, reward_id=reward.id, redemption_id=asked.id,
                                  performance=await _performance_rows(company), growth=await _growth_rows(company),
                                  attendance=await _attendance_rows(company), community=await _community_rows(company))


async def _performance_rows(company: Company) -> PerformanceIds:
    """An open cycle of this month scoring the walk's people, with a value, a rating, an OKR, a pool, a flag
    and the employee's appeal."""
    system, worker = company.system, company.employee.employee
    today = clock.today_in("Asia/Shanghai")
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    cycle = await make_cycle(system, starts_on=first, ends_on=last, name=f"{company.org.name} cycle")
    rows = await make_template(system, SALES, department_id=company.department.id)
    assignment = await TemplateAssignment.of(system).get(template_id=rows.template.id)
    await put_value(system, cycle, worker.id, "results", 420_000)
    await put_rating(system, cycle, worker.id, company.manager.employee.id, "mentoring", 4)
    objective = await Objective.create_for(system, cycle_id=cycle.id, employee_id=worker.id, title=f"{company.org.name} objective")
    key_result = await KeyResult.create_for(system, objective_id=objective.id, title=f"{company.org.name} key result", target_value=10,
                                            updated_at=clock.now())
    await recompute.recompute_cycle(system, cycle_id=cycle.id, only_marked=False, force=True)
    source, _ = await sources.create_metric_source(company.hr.actor, name=f"{company.org.name} CRM", kind=MetricSourceKind.CRM)
    pool = await pools.create_bonus_pool(company.hr.actor, cycle_id=cycle.id, name=f"{company.org.name} pool", amount_minor=100_000)
    flag = await AnomalyFlag.create_for(system, cycle_id=cycle.id, kind=AnomalyKind.ALL_HIGH,
                                        subject_key=f"dept:{company.department.id}", department_id=company.department.id,
                                        severity=1.2, raised_at=clock.now())
    appeal = await appeals.file_appeal(company.employee.actor, cycle_id=cycle.id, reason=f"{company.org.name}: the results figure is wrong.",
                                       client_key="walk-appeal", dimension_code="results")
    return PerformanceIds(cycle_id=cycle.id, template_id=rows.template.id, assignment_id=assignment.id,
                          source_id=source.id, objective_id=objective.id, key_result_id=key_result.id, pool_id=pool.id,
                          flag_id=flag.id, appeal_id=appeal.id)


async def _growth_rows(company: Company) -> GrowthIds:
    """A track the employee is on, their claimed record and uploaded photo, and an upcoming session."""
    track = await make_track(company.hr.actor)
    await assign(company.hr.actor, [company.employee.employee.id], track, "junior")
    record = await claim(company.employee)
    photo = await upload_photo(company.employee.actor)
    start = clock.now() + timedelta(days=2)
    session = await growth_sessions.schedule_session(company.hr.actor, growth_sessions.SessionDraft(
        title_en=f"{company.org.name} session", title_zh="培训", starts_at=start, ends_at=start + timedelta(hours=1),
        capacity=5))
    return GrowthIds(track_id=track.id, level_id=(await level_ids(company.hr.actor, track))["middle"],
                     record_id=record.id, session_id=session.id, file_id=photo.id)


async def _attendance_rows(company: Company) -> AttendanceIds:
    device = await make_device(company.hr.actor, company.site, serial=f"SN-{company.org.name}")
    key, _ = await make_key(company.hr.actor, bridge_id=f"{company.org.name.lower()}-bridge")
    shift = (await make_shifts(company.hr.actor))["default"]
    request = await attendance_requests.request_change(company.employee.actor, attendance_requests.RequestDraft(
        kind=RequestKind.REMOTE_DAY, starts_on=clock.today_in("Asia/Shanghai") + timedelta(days=7), reason="walk"))
    return AttendanceIds(device_id=device.id, key_id=key.id, shift_id=shift.id, request_id=request.id)


async def _community_rows(company: Company) -> CommunityIds:
    """The employee's post with a comment and a talk they speak at, a peer's poll, the employee's suggestion."""
    photo = await upload_post_photo(company.employee.actor)
    post = await posts.create_post(company.employee.actor, posts.PostDraft(
        category=PostCategory.WARM_MOMENT, body=f"{company.org.name} post", photo_ids=[photo.id]))
    comment = await comments.add_comment(company.employee.actor, post.id, f"{company.org.name} comment")
    poll = await make_poll(company.peer.actor, question=f"{company.org.name} poll?")
    option = await PollOption.of(company.system).filter(poll_id=poll.id).order_by("position").first()
    assert option is not None
    suggestion = await make_suggestion(company.employee.actor, title=f"{company.org.name} suggestion")
    talk = await make_talk(company.employee.actor, topic=f"{company.org.name} talk")
    return CommunityIds(post_id=post.id, comment_id=comment.id, poll_id=poll.id, option_id=option.id,
                        suggestion_id=suggestion.id, talk_id=talk.id, photo_id=photo.id)


async def _run(actor: Actor, query: str) -> dict[str, Any]:
    result = await SCHEMA.execute(query, context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    return {"data": result.data, "errors": [{"message": e.message, "extensions": e.extensions} for e in result.errors or []]}


def _forbidden(name: str, result: dict[str, Any]) -> bool:
    if any((e["extensions"] or {}).get("code") == "FORBIDDEN" for e in result["errors"]):
        return True
    payload = (result["data"] or {}).get(name)
    return isinstance(payload, dict) and payload.get("__typename") == "UserError" and payload.get("code") == "FORBIDDEN"


async def _snapshot(actor: Actor) -> str:
    import importlib

    from tortoise.models import Model

    rows = {}
    for module in MODEL_MODULES:
        for obj in vars(importlib.import_module(module)).values():
            if isinstance(obj, type) and issubclass(obj, TenantScoped) and issubclass(obj, Model) and not obj._meta.abstract:
                rows[obj.__name__] = await obj.of(actor).order_by("id").values()
    return json.dumps(rows, default=str, sort_keys=True)


def test_every_root_field_has_a_rule():
    # given / when
    names = {name for _, name, _ in root_fields(SCHEMA._schema)}
    # then
    assert names == set(RULES)


async def test_anonymous_callers_get_401_for_every_field(db, settings):
    # given
    company, _, extras = await _company_with_kiosk("Alpha")
    walk = Walk(company, extras)
    app = create_app(settings, job_backend=in_process_jobs(), manage_db=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        for kind, name, field in root_fields(SCHEMA._schema):
            # when
            response = await client.post("/graphql", json={"query": walk.operation(kind, name, field)})
            # then
            assert response.status_code == 401, name
            assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_another_organisation_sees_and_changes_nothing(db):
    # given organisation A with data, and B's owner (every permission) holding A's ids
    alpha, _, extras = await _company_with_kiosk("Alpha")
    bravo, _, _ = await _company_with_kiosk("Bravo")
    walk = Walk(alpha, extras)
    secrets = {alpha.org.name, str(alpha.org.id), str(alpha.department.id), str(alpha.site.id), "Alpha praise",
               "Alpha rule", "Alpha remote day", "Alpha objective", "Alpha pool", "Alpha: the results figure is wrong.",
               *(str(v) for v in vars(extras).values() if isinstance(v, uuid.UUID)), *extras.nested()}
    for person in alpha.people():
        secrets |= {str(person.employee.id), person.employee.name, person.employee.email or "", person.employee.phone or ""}
    before = await _snapshot(alpha.system)
    for kind, name, field in root_fields(SCHEMA._schema):
        # when
        result = await _run(bravo.owner.actor, walk.operation(kind, name, field))
        text = json.dumps(result, ensure_ascii=False)
        # then nothing of A appears, and nothing failed unexpectedly
        assert not [s for s in secrets if s and s in text], (name, text)
        assert "Unexpected error" not in text, (name, text)
    assert await _snapshot(alpha.system) == before


@pytest.mark.parametrize("role", sorted(EVERYONE))
async def test_each_role_gets_exactly_what_the_rules_grant(db, role):
    # given
    company, kiosk, extras = await _company_with_kiosk("Alpha")
    actors = {"employee": company.employee.actor, "manager": company.manager.actor, "hr_admin": company.hr.actor,
              "owner": company.owner.actor, "kiosk": kiosk}
    walk = Walk(company, extras)
    mismatches = []
    for kind, name, field in root_fields(SCHEMA._schema):
        # when
        result = await _run(actors[role], walk.operation(kind, name, field))
        # then
        text = json.dumps(result, ensure_ascii=False)
        assert "Unexpected error" not in text, (role, name, text)
        if _forbidden(name, result) == (role in RULES[name]):
            mismatches.append((name, "refused" if role in RULES[name] else "allowed", text[:300]))
    assert mismatches == []


@pytest.mark.parametrize(("viewer", "private_visible", "account_visible"), [
    ("peer", False, False), ("employee", True, True), ("manager", True, False), ("hr", True, True), ("owner", True, True),
])
async def test_private_fields_follow_the_viewer(db, viewer, private_visible, account_visible):
    # given a worker reporting to the manager, and a peer in the same department
    company = await make_company("Alpha")
    worker = company.employee.employee
    query = f'query {{ employee(id: "{worker.id}") {{ name phone email birthday role accountState }} }}'
    # when
    result = await _run(getattr(company, viewer).actor, query)
    # then
    found = result["data"]["employee"]
    assert found["name"] == worker.name
    assert (found["phone"], found["email"], found["birthday"]) == (
        (worker.phone, worker.email, worker.birthday.isoformat()) if private_visible else (None, None, None))
    assert (found["role"], found["accountState"]) == (("EMPLOYEE", "ACTIVE") if account_visible else (None, None))
