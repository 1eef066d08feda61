"""Inbox notifications of attendance requests, in zh-CN and en: a new request to its approver, a
decision or revocation to the requester. Called inside the changing transaction; the dedupe key is
the transition's audit entry, so each transition notifies once."""
from __future__ import annotations

from backend.access.actor import Actor
from backend.attendance.models import AttendanceRequest, RequestKind, RequestStatus
from backend.audit.models import AuditEntry
from backend.notifications import service as notifications
from backend.org.models import Employee

APPROVALS_LINK, MINE_LINK = "/attendance/approvals", "/attendance/requests"

KIND_TEXT = {
    RequestKind.FLEXIBLE_HOURS: ("flexible hours", "弹性工作时间"),
    RequestKind.SHIFT_CHANGE: ("a shift change", "调班"),
    RequestKind.REMOTE_DAY: ("remote work", "远程办公"),
    RequestKind.CORRECTION: ("a punch correction", "补卡"),
}
OUTCOME_TEXT = {
    RequestStatus.APPROVED: ("approved", "已批准"),
    RequestStatus.DECLINED: ("declined", "未批准"),
    RequestStatus.REVOKED: ("revoked", "已撤销"),
}


def name_en(person: Employee) -> str:
    return person.latin_name or person.name


def when(request: AttendanceRequest) -> str:
    if request.kind == RequestKind.CORRECTION and request.punch_at is not None:
        return f"{request.starts_on.isoformat()} ({request.punch_direction})"
    if request.ends_on is None:
        return f"{request.starts_on.isoformat()} →"
    if request.ends_on == request.starts_on:
        return request.starts_on.isoformat()
    return f"{request.starts_on.isoformat()} – {request.ends_on.isoformat()}"


async def submitted(actor: Actor, request: AttendanceRequest, requester: Employee, entry: AuditEntry) -> None:
    """The approver is asked to decide."""
    if request.approver_id is None or request.approver_id == requester.id:
        return
    what_en, what_zh = KIND_TEXT[request.kind]
    message = notifications.Message(
        kind="attendance_request_submitted", link=APPROVALS_LINK, body_en=request.reason, body_zh=request.reason,
        title_en=f"{name_en(requester)} asks for {what_en}: {when(request)}",
        title_zh=f"{requester.name} 申请{what_zh}：{when(request)}")
    await notifications.notify(actor, recipient_id=request.approver_id, message=message,
                               dedupe_key=f"attendance_request:{entry.id}")


async def decided(actor: Actor, request: AttendanceRequest, entry: AuditEntry, *, by: Employee | None) -> None:
    """The requester hears the outcome (with the decider's note)."""
    outcome_en, outcome_zh = OUTCOME_TEXT[request.status]
    what_en, what_zh = KIND_TEXT[request.kind]
    who_en, who_zh = (name_en(by), by.name) if by else ("HR", "人事")
    note = request.decision_note
    message = notifications.Message(
        kind=f"attendance_request_{request.status.value}", link=MINE_LINK, body_en=note, body_zh=note,
        title_en=f"Your request for {what_en} ({when(request)}) was {outcome_en} by {who_en}",
        title_zh=f"你的{what_zh}申请（{when(request)}）{outcome_zh}（{who_zh}）")
    await notifications.notify(actor, recipient_id=request.employee_id, message=message,
                               dedupe_key=f"attendance_request:{entry.id}")
