"""Generating the demo's growth evidence: deterministic, believable records for each member given the level
they hold (a junior has the safety training and maybe an equipment course; a senior has projects, an award
and certificates), with part of the way to the next level done. Pure: builds unsaved rows."""
from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.growth.models import EvidenceKind, GrowthRecord, RecordSource, RecordStatus

TRAINING, PROJECT, CERTIFICATE = EvidenceKind.TRAINING, EvidenceKind.PROJECT, EvidenceKind.CERTIFICATE
# Depth of each level on its track's path (entry level 0), for "how much history" a member has.
DEPTH = {"junior": 0, "middle": 1, "senior": 2, "technician": 3, "team_lead": 3, "supervisor": 4,
         "production_manager": 5, "rep": 0, "key_account": 2, "manager": 3, "architect": 2, "tech_lead": 2,
         "rnd_manager": 3}
EQUIPMENT = ["数控车床操作 CNC lathe operation", "加工中心编程 Machining centre programming",
             "设备点检与保养 Equipment inspection and upkeep", "三坐标测量 CMM measurement", "装配工装使用 Assembly fixtures"]
PROJECTS = ["节拍提升改善 Cycle-time improvement", "新产品导入 New product introduction", "不良率攻关 Defect-rate task force",
            "产线自动化改造 Line automation retrofit", "客户审核准备 Customer audit readiness"]


@dataclass(frozen=True, slots=True)
class Member:
    employee_id: UUID
    track: str
    level: str
    hire_date: date
    department_peers: Sequence[UUID]


class Evidence:
    """Rows for GrowthRecord.bulk_create (source IMPORT: HR's records from before this system)."""

    def __init__(self, system: Actor, today: date, seed: int = 2026) -> None:
        self.system, self.today, self.rng = system, today, random.Random(seed)
        self.rows: list[GrowthRecord] = []
        self._refs = itertools.count(1)

    def add(self, employee_id: UUID, kind: EvidenceKind, title: str, on: date, *, hours: float | None = None,
            ends_on: date | None = None, **attributes: Any) -> None:
        self.rows.append(GrowthRecord.build_for(
            self.system, id=uuid.uuid4(), employee_id=employee_id, kind=kind, title=title[:200], occurred_on=on,
            ends_on=ends_on, quantity=hours, attributes=attributes, status=RecordStatus.CONFIRMED,
            source=RecordSource.IMPORT, source_ref=f"demo:{next(self._refs)}"))

    def _day(self, start: date, end: date | None = None) -> date:
        end = end or self.today - timedelta(days=1)
        if end <= start:
            return end
        return start + timedelta(days=self.rng.randrange((end - start).days))

    def member(self, m: Member) -> None:
        depth = DEPTH.get(m.level, 0)
        if m.track == "production":
            self._production(m, depth)
        elif m.track == "sales":
            self._office(m, depth, "product", "产品知识培训 Product training")
        else:
            self._office(m, depth, "onboarding", "研发入职培训 Engineering onboarding")

    def _production(self, m: Member, depth: int) -> None:
        rng = self.rng
        self.add(m.employee_id, TRAINING, "安全生产培训 Workplace safety", m.hire_date + timedelta(days=7), hours=4,
                 category="safety", provider="内部 In-house", result="合格 pass")
        for title in rng.sample(EQUIPMENT, min(len(EQUIPMENT), 3 + rng.randint(0, 1) if depth else rng.randint(0, 2))):
            self.add(m.employee_id, TRAINING, title, self._day(m.hire_date), hours=8, category="equipment",
                     provider="内部 In-house", result="合格 pass")
        for code, at_depth in (("CNC-L4", 1), ("CNC-L3", 2), ("CNC-L2", 3)):
            if depth >= at_depth and (code != "CNC-L2" or m.level == "technician" or rng.random() < 0.3):
                self.add(m.employee_id, CERTIFICATE, f"数控车工证书 CNC certificate {code}", self._day(m.hire_date),
                         certificate_code=code, issuer="江苏省职业技能鉴定中心 Jiangsu skills assessment centre")
        for title in rng.sample(PROJECTS, min(len(PROJECTS), (2 + rng.randint(0, 1)) if depth >= 2 else rng.randint(0, 1))):
            self.add(m.employee_id, PROJECT, title, self._day(m.hire_date), role="lead" if depth >= 4 else "member")
        if depth >= 2 or rng.random() < 0.15:
            self.add(m.employee_id, EvidenceKind.COMPETITION_AWARD, "苏州市职业技能竞赛 Suzhou skills competition",
                     self._day(m.hire_date), competition="suzhou-skills", rank=rng.randint(1, 3))
        for _ in range(rng.randint(0, 2)):  # recent courses
            self.add(m.employee_id, TRAINING, rng.choice(EQUIPMENT), self._day(self.today - timedelta(days=300)), hours=8,
                     category="equipment", provider="内部 In-house")
        self._leading(m, depth)

    def _office(self, m: Member, depth: int, category: str, title: str) -> None:
        rng = self.rng
        self.add(m.employee_id, TRAINING, title, m.hire_date + timedelta(days=10), hours=8, category=category)
        for n in range((2 + rng.randint(0, 1)) if depth >= 1 else rng.randint(0, 1)):
            self.add(m.employee_id, PROJECT, f"项目 Project {n + 1}", self._day(m.hire_date),
                     role="lead" if depth >= 2 and n < 2 else "member")
        if m.track == "rnd":
            for _ in range(depth + rng.randint(0, 1)):
                self.add(m.employee_id, EvidenceKind.TECH_TALK, "周五技术分享 Friday tech talk", self._day(m.hire_date),
                         topic="architecture", rating=rng.randint(3, 5))
            if m.level == "architect":
                self.add(m.employee_id, CERTIFICATE, "系统架构设计师 System architect", self._day(m.hire_date),
                         certificate_code="RK-SA", issuer="工业和信息化部 MIIT")
        self._leading(m, depth)

    def _leading(self, m: Member, depth: int) -> None:
        """Mentoring for experienced people, quarterly team targets for the managers."""
        rng = self.rng
        if depth >= 2 and m.department_peers:
            for mentee in rng.sample(list(m.department_peers), min(len(m.department_peers), rng.randint(0, 2))):
                start = self._day(self.today - timedelta(days=700))
                self.add(m.employee_id, EvidenceKind.MENTORING, "新员工带教 Newcomer mentoring", start,
                         ends_on=start + timedelta(days=90), mentee_id=str(mentee))
        if m.level in ("supervisor", "production_manager", "manager", "rnd_manager", "team_lead"):
            for quarter in range(rng.randint(2, 5)):
                self.add(m.employee_id, EvidenceKind.TEAM_TARGET, "季度产出目标达成 Quarterly output target met",
                         self.today - timedelta(days=30 + 91 * quarter), period=f"Q-{quarter}")

    def star(self, employee_id: UUID, hire_date: date) -> None:
        """李娜 Na Li (中级工): everything for 高级工 except a second training in the last 12 months, so
        one confirmed training completes the level (the browser test's story)."""
        self.add(employee_id, TRAINING, "安全生产培训 Workplace safety", hire_date + timedelta(days=7), hours=4,
                 category="safety", provider="内部 In-house", result="合格 pass")
        for n, title in enumerate(EQUIPMENT[:3]):
            self.add(employee_id, TRAINING, title, self.today - timedelta(days=900 - 60 * n), hours=8,
                     category="equipment", provider="内部 In-house", result="优秀 distinction")
        self.add(employee_id, TRAINING, EQUIPMENT[3], self.today - timedelta(days=120), hours=8, category="equipment",
                 provider="内部 In-house", result="合格 pass")
        for code, days in (("CNC-L4", 800), ("CNC-L3", 200)):
            self.add(employee_id, CERTIFICATE, f"数控车工证书 CNC certificate {code}", self.today - timedelta(days=days),
                     certificate_code=code, issuer="江苏省职业技能鉴定中心 Jiangsu skills assessment centre")
        for title, days in ((PROJECTS[0], 400), (PROJECTS[2], 150)):
            start = self.today - timedelta(days=days)
            self.add(employee_id, PROJECT, title, start, ends_on=start + timedelta(days=60), role="member",
                     outcome="节拍缩短 12 % cycle time −12 %")
        self.add(employee_id, EvidenceKind.COMPETITION_AWARD, "苏州市数控技能竞赛 二等奖 Suzhou CNC contest, 2nd prize",
                 self.today - timedelta(days=250), competition="suzhou-skills", rank=2)
