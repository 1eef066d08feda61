"""Evidence waiting on the demo manager (陈强 Qiang Chen): 李娜 Na Li's claimed training and certificate, a
teammate's claimed project, and a teammate's rejected training they dispute (HR's data-quality view has
it). Made through the real use cases, so codes, audit entries and inbox items are real. Runs once, after
the people (and the demo tracks, when seeded)."""
from __future__ import annotations

import uuid
from datetime import timedelta

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.access.permissions import Role
from backend.core import clock
from backend.growth import records, verification
from backend.growth.models import EvidenceKind
from backend.growth.record_input import EvidenceDraft
from backend.org.models import Employee


def _user(employee: Employee, role: Role, account_id: uuid.UUID | None) -> Actor:
    return Actor.user(tenant_id=employee.tenant_id, account_id=account_id or uuid.uuid5(employee.id, "demo"),
                      employee_id=employee.id, role=role, label=employee.name)


async def seed_growth_evidence(system: Actor, *, manager_email: str, star_email: str) -> None:
    boss = await Employee.of(system).get(email=manager_email)
    star = await Employee.of(system).get(email=star_email)
    accounts = {a.employee_id: a.id for a in await UserAccount.of(system).all()}
    teammates = await Employee.of(system).filter(manager_id=boss.id).exclude(id=star.id).order_by(
        "employee_number").limit(2)
    today = clock.today_in("Asia/Shanghai")
    worker = _user(star, Role.EMPLOYEE, accounts.get(star.id))
    await records.claim_record(worker, EvidenceDraft(
        kind=EvidenceKind.TRAINING, title="五轴加工中心操作培训 Five-axis machining centre training",
        occurred_on=today - timedelta(days=12), quantity=16.0,
        attributes={"provider": "苏州技师学院 Suzhou Technician College", "category": "equipment", "result": "合格 pass"}))
    await records.claim_record(worker, EvidenceDraft(
        kind=EvidenceKind.CERTIFICATE, title="数控车工（中级）职业技能等级证书 CNC lathe operator certificate, intermediate",
        occurred_on=today - timedelta(days=40), attributes={"certificate_code": "CNC-2", "issuer": "江苏省人社厅"}))
    if len(teammates) < 2:
        return
    builder, learner = teammates
    await records.claim_record(_user(builder, Role.EMPLOYEE, None), EvidenceDraft(
        kind=EvidenceKind.PROJECT, title="一号线换型时间缩短项目 Line 1 changeover time reduction",
        occurred_on=today - timedelta(days=75), ends_on=today - timedelta(days=20),
        attributes={"role": "member", "outcome": "换型 45 → 18 分钟"}))
    contested = await records.claim_record(_user(learner, Role.EMPLOYEE, None), EvidenceDraft(
        kind=EvidenceKind.TRAINING, title="设备点检与保养培训 Equipment inspection and maintenance",
        occurred_on=today - timedelta(days=30), quantity=4.0,
        attributes={"provider": "设备部 Maintenance", "category": "equipment"}))
    manager = _user(boss, Role.MANAGER, accounts.get(boss.id))
    await verification.reject_record(manager, contested.id,
                                     reason="签到表上没有你的名字 / Your name is not on the attendance sheet")
    await verification.dispute_record(_user(learner, Role.EMPLOYEE, None), contested.id,
                                      reason="我参加的是下午场，签到表第二页有我的签名 / I attended the afternoon run; "
                                             "my signature is on the sheet's second page")
