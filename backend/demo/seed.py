"""Seeds the demo organisation: a 200-person precision manufacturer in Suzhou with production lines,
sales, R&D, operations and HR. Idempotent: a second run finds the organisation and changes nothing."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from backend.access import kiosks
from backend.access.actor import Actor
from backend.access.models import AccountState, Locale, Organization, UserAccount
from backend.access.passwords import hash_password
from backend.access.permissions import Role
from backend.access.tokens import derived_code
from backend.core import clock, db, outbox
from backend.demo.attendance_shifts import seed_attendance_shifts
from backend.demo.attendance_devices import seed_attendance_devices
from backend.demo.community_feed import seed_community_feed
from backend.demo.community_social import seed_community_social
from backend.demo.growth import seed_growth
from backend.demo.growth_evidence import seed_growth_evidence
from backend.demo.people import PeopleFactory, Person
from backend.demo.performance import seed_performance
from backend.demo.recognition import seed_recognition
from backend.demo.rewards import seed_rewards
from backend.org.models import Department, Employee, Site

DEMO_ORG_ID = uuid.UUID("5ee0de00-0000-4000-8000-000000000001")
DEMO_PASSWORD = "seen-demo"
DEMO_LOGINS = {"hr@demo.local": "HR admin", "manager@demo.local": "Line 1 manager",
               "employee@demo.local": "Line 1 operator", "owner@demo.local": "Owner"}

# department key -> (name, parent key, headcount, [(job title, [levels])])
DEPARTMENTS = {
    "exec": ("总经办 Executive Office", None, 4, [("总经理助理 Assistant to the GM", ["专员 Specialist"])]),
    "prod": ("生产部 Production", None, 6, [("生产计划员 Production Planner", ["中级 Intermediate", "高级 Senior"])]),
    "line1": ("一号线（机加工）Line 1 Machining", "prod", 48, [("数控操作工 CNC Operator", ["初级工 Junior", "中级工 Intermediate", "高级工 Senior", "技师 Technician"])]),
    "line2": ("二号线（装配）Line 2 Assembly", "prod", 48, [("装配工 Assembler", ["初级工 Junior", "中级工 Intermediate", "高级工 Senior", "技师 Technician"])]),
    "qc": ("质检组 Quality Control", "prod", 18, [("质检员 QC Inspector", ["初级 Junior", "中级 Intermediate", "高级 Senior"])]),
    "sales": ("销售部 Sales", None, 30, [("销售代表 Sales Representative", ["S1", "S2", "S3"]), ("大客户经理 Key Account Manager", ["S4"])]),
    "rnd": ("研发部 R&D", None, 28, [("工程师 Engineer", ["初级 Junior", "高级 Senior"]), ("架构师 Architect", ["专家 Principal"])]),
    "ops": ("运营部 Operations", None, 12, [("运营专员 Operations Specialist", ["初级 Junior", "高级 Senior"])]),
    "hr": ("人力资源部 Human Resources", None, 6, [("人事专员 HR Specialist", ["初级 Junior", "高级 Senior"])]),
}
HEADS = {
    "exec": ("周建国", "Jianguo Zhou", "总经理 General Manager", "总经理 GM", "owner@demo.local", Role.OWNER),
    "prod": ("王海", "Hai Wang", "生产经理 Production Manager", "经理 Manager", None, Role.MANAGER),
    "line1": ("陈强", "Qiang Chen", "一号线线长 Line 1 Lead", "车间主管 Supervisor", "manager@demo.local", Role.MANAGER),
    "line2": ("赵磊", "Lei Zhao", "二号线线长 Line 2 Lead", "车间主管 Supervisor", None, Role.MANAGER),
    "qc": ("孙静", "Jing Sun", "质检主管 QC Supervisor", "主管 Supervisor", None, Role.MANAGER),
    "sales": ("林浩然", "Haoran Lin", "销售总监 Sales Director", "总监 Director", None, Role.MANAGER),
    "rnd": ("郑思远", "Siyuan Zheng", "研发总监 R&D Director", "总监 Director", None, Role.MANAGER),
    "ops": ("梁晓燕", "Xiaoyan Liang", "运营经理 Operations Manager", "经理 Manager", None, Role.MANAGER),
    "hr": ("刘芳", "Fang Liu", "人力资源经理 HR Manager", "经理 Manager", "hr@demo.local", Role.HR_ADMIN),
}
DEMO_EMPLOYEE = ("李娜", "Na Li", "数控操作工 CNC Operator", "中级工 Intermediate", "employee@demo.local")


@dataclass(frozen=True, slots=True)
class SeedResult:
    created: bool
    organization: str
    kiosk_code: str
    employees: int


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_ORG_ID, "/".join(parts))


async def seed_demo() -> SeedResult:
    kiosk_code = derived_code("demo-kiosk")
    existing = await Organization.get_or_none(id=DEMO_ORG_ID)
    if existing is not None:
        count = await Employee.of(Actor.system(DEMO_ORG_ID)).count()
        return SeedResult(created=False, organization=existing.name, kiosk_code=kiosk_code, employees=count)
    async with db.transaction():
        org = await Organization.create(id=DEMO_ORG_ID, name="恒力精密制造 Hengli Precision Manufacturing",
                                        time_zone="Asia/Shanghai", locale=Locale.ZH_CN, currency="CNY")
        actor = Actor.system(org.id, label="demo seed")
        plant = await Site.create_for(actor, id=_id("site", "plant"), name="苏州工厂 Suzhou Plant", time_zone="Asia/Shanghai",
                                      address="江苏省苏州市工业园区星湖街 88 号")
        office = await Site.create_for(actor, id=_id("site", "office"), name="上海销售中心 Shanghai Sales Office",
                                       time_zone="Asia/Shanghai", address="上海市浦东新区张江路 500 号")
        employees = await _seed_people(actor, plant.id, office.id)
        await kiosks.issue(actor, site_id=plant.id, label="一号门 Gate 1", code=kiosk_code)
        await seed_recognition(actor, star_email=DEMO_EMPLOYEE[4], manager_email="manager@demo.local")
        await seed_rewards(actor, ceo_email="owner@demo.local", hr_email="hr@demo.local", star_email=DEMO_EMPLOYEE[4])
        await seed_performance(actor, department_ids={key: _id("dept", key) for key in DEPARTMENTS},
                               hr_email="hr@demo.local", owner_email="owner@demo.local",
                               manager_email="manager@demo.local", star_email=DEMO_EMPLOYEE[4])
        await seed_growth(actor, department_ids={key: _id("dept", key) for key in DEPARTMENTS}, hr_email="hr@demo.local",
                          manager_email="manager@demo.local", star_email=DEMO_EMPLOYEE[4])
        await seed_growth_evidence(actor, manager_email="manager@demo.local", star_email=DEMO_EMPLOYEE[4])
        await seed_attendance_shifts(actor, plant_id=plant.id, office_id=office.id, manager_email="manager@demo.local", star_email=DEMO_EMPLOYEE[4])
        await seed_attendance_devices(actor, plant_id=plant.id, time_zone="Asia/Shanghai")
        await seed_community_feed(actor, hr_email="hr@demo.local", manager_email="manager@demo.local", star_email=DEMO_EMPLOYEE[4])
        await seed_community_social(actor, hr_email="hr@demo.local", manager_email="manager@demo.local", star_email=DEMO_EMPLOYEE[4])
        # The history happened before this install: record it, but let no handler act on it now.
        await outbox.mark_dispatched_before(actor, clock.now())
    return SeedResult(created=True, organization=org.name, kiosk_code=kiosk_code, employees=employees)


async def _seed_people(actor: Actor, plant_id: uuid.UUID, office_id: uuid.UUID) -> int:
    factory = PeopleFactory(today=clock.today_in("Asia/Shanghai"))
    departments: dict[str, uuid.UUID] = {}
    for key, (name, parent, _, _) in DEPARTMENTS.items():
        department = await Department.create_for(actor, id=_id("dept", key), name=name,
                                                 parent_id=departments[parent] if parent else None)
        departments[key] = department.id
    rows: list[Employee] = []
    accounts: list[tuple[uuid.UUID, str, Role]] = []
    heads: dict[str, uuid.UUID] = {}
    number = 1000
    for key, (_, parent, headcount, jobs) in DEPARTMENTS.items():
        site = office_id if key == "sales" else plant_id
        name, latin, title, level, login, role = HEADS[key]
        boss = heads.get(parent or "exec") if key != "exec" else None
        number += 1
        head = _employee(actor, number, factory.person(min_years=4), site, departments[key], boss,
                         name=name, latin=latin, title=title, level=level, email=login)
        heads[key] = head.id
        rows.append(head)
        if login:
            accounts.append((head.id, login, role))
        for i in range(headcount - 1):
            number += 1
            title, levels = jobs[i % len(jobs)]
            person = factory.person()
            level = levels[min(len(levels) - 1, int((factory.today - person.hire_date).days / 365 / 2.5))]
            if key == "line1" and i == 0:
                demo_name, demo_latin, title, level, login = DEMO_EMPLOYEE
                row = _employee(actor, number, person, site, departments[key], head.id, name=demo_name,
                                latin=demo_latin, title=title, level=level, email=login)
                accounts.append((row.id, login, Role.EMPLOYEE))
            else:
                row = _employee(actor, number, person, site, departments[key], head.id, title=title, level=level)
            rows.append(row)
    await Employee.bulk_create(rows)
    for key, head_id in heads.items():
        await Department.of(actor).filter(id=departments[key]).update(head_id=head_id)
    password = hash_password(DEMO_PASSWORD)
    await UserAccount.bulk_create([
        UserAccount.build_for(actor, id=_id("account", login), employee_id=employee_id, login_email=login,
                              password_hash=password, role=role, state=AccountState.ACTIVE, password_changed_at=clock.now())
        for employee_id, login, role in accounts
    ])
    return len(rows)


def _employee(actor: Actor, number: int, person: Person, site: uuid.UUID, department: uuid.UUID,
              manager: uuid.UUID | None, *, title: str, level: str, name: str | None = None,
              latin: str | None = None, email: str | None = None) -> Employee:
    return Employee.build_for(
        actor, id=_id("employee", str(number)), employee_number=f"HL{number}", name=name or person.name,
        latin_name=latin or person.latin_name, phone=person.phone,
        email=email or f"{(latin or person.latin_name).lower().replace(' ', '.')}.{number}@hengli.example",
        hire_date=person.hire_date, birthday=person.birthday, job_title=title, level=level,
        department_id=department, manager_id=manager, site_id=site, locale=Locale.ZH_CN,
    )
