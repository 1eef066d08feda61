"""The default production track: 初级工 → 中级工 → 高级工 → 技师 (specialist), and from 高级工 a management
branch 技术骨干 → 车间主管 → 生产经理. Certificates follow the national skill levels (5 初级 … 2 技师)."""
from __future__ import annotations

from backend.growth.default_parts import (
    AWARD, ICOURSE, PRAISE, PROJECT, TRAINING, XUETANG, certificate, course, document, eq, mentees, mooc,
    on_the_job, req, team_targets, tenure, top_tier, trainings,
)
from backend.growth.models import Aggregate
from backend.growth.track_specs import LevelDraft, TrackDraft

JUNIOR, MIDDLE, SENIOR = ("junior worker", "初级工"), ("intermediate worker", "中级工"), ("senior worker", "高级工")
LEAD, SUPERVISOR = ("team lead", "技术骨干"), ("workshop supervisor", "车间主管")

PRODUCTION = TrackDraft(
    code="production", job_family="production", name_en="Production skills", name_zh="生产技能通道",
    description_en="From junior worker to technician on the shop floor, or into line management.",
    description_zh="从初级工成长为技师，或走向车间管理。",
    levels=(
        LevelDraft(code="junior", name_en="Junior worker", name_zh="初级工",
                   description_en="Works safely at one station under guidance.", description_zh="在指导下安全操作一个工位。",
                   requirements=(
                       trainings(1, "safety", ("Workplace safety training", "完成安全生产培训"),
                                 ("Attend the monthly safety induction; the trainer records attendance.",
                                  "参加每月的安全生产入职培训，由培训师登记出勤。")),
                       on_the_job(3)),
                   resources=(course(("Workplace safety and 5S", "安全生产与 5S"), requirement_index=0),
                              document(("Employee handbook", "员工手册")))),
        LevelDraft(code="middle", name_en="Intermediate worker", name_zh="中级工", previous_code="junior",
                   description_en="Runs several machines and sets them up alone.",
                   description_zh="独立操作并调试多台设备。",
                   requirements=(
                       trainings(3, "equipment", ("Complete 3 equipment trainings", "完成 3 次设备培训"),
                                 ("Enrol in equipment sessions on the map, or claim an outside course with its certificate.",
                                  "在成长地图报名设备培训，或提交外部培训记录并上传证书。")),
                       tenure(12, JUNIOR),
                       certificate("CNC-L4", ("Hold the CNC operator certificate, level 4", "持有数控车工四级（中级）证书"),
                                   ("Pass the vocational skill assessment and upload the certificate.",
                                    "通过职业技能等级认定并上传证书照片。"))),
                   resources=(course(("CNC machine operation", "数控机床操作"), requirement_index=0),
                              mooc(("Fundamentals of machining", "机械制造技术基础"), ICOURSE, requirement_index=2))),
        LevelDraft(code="senior", name_en="Senior worker", name_zh="高级工", previous_code="middle",
                   description_en="Solves quality problems and improves processes.",
                   description_zh="能解决质量问题并改进工艺。",
                   requirements=(
                       req(("Take part in 2 projects", "参与 2 个项目"),
                           ("Join an improvement or new-product project; the project lead confirms your role.",
                            "参与改善或新产品导入项目，由项目负责人确认你的角色。"), PROJECT, 2),
                       req(("Win 1 skills-competition award", "获得 1 次技能竞赛奖项"),
                           ("Compete in the company or city skills competition.", "参加公司或市级职业技能竞赛并获奖。"),
                           AWARD, 1),
                       certificate("CNC-L3", ("Hold the CNC operator certificate, level 3", "持有数控车工三级（高级）证书"),
                                   ("Pass the level-3 assessment and upload the certificate.", "通过三级认定并上传证书照片。")),
                       tenure(12, MIDDLE),
                       trainings(2, None, ("2 trainings in the last 12 months", "近 12 个月完成 2 次培训"),
                                 ("Any internal session or outside course counts once confirmed.",
                                  "内部培训或外部课程经确认后均可计入。"), window_days=365)),
                   resources=(course(("Skills competition training camp", "技能竞赛集训营"), requirement_index=1),
                              mooc(("Quality management and Six Sigma", "质量管理与六西格玛"), XUETANG))),
        LevelDraft(code="technician", name_en="Technician", name_zh="技师", previous_code="senior",
                   branch_en="Specialist", branch_zh="技术专家",
                   description_en="The expert of the line: trains others and solves the hardest problems.",
                   description_zh="产线专家：培养他人，攻克疑难问题。",
                   requirements=(
                       mentees(2),
                       certificate("CNC-L2", ("Hold the CNC technician certificate, level 2", "持有数控车工二级（技师）证书"),
                                   ("Pass the technician assessment and upload the certificate.", "通过技师认定并上传证书照片。")),
                       top_tier(),
                       tenure(24, SENIOR),
                       req(("80 training hours in the last two years", "近两年累计培训 80 学时"),
                           ("Hours of confirmed trainings add up (internal sessions record theirs).",
                            "经确认的培训学时累计计算（内部培训自动记录学时）。"), TRAINING, 80, aggregate=Aggregate.SUM,
                           field="quantity", window_days=730)),
                   resources=(course(("Train the trainer", "内训师培养"), requirement_index=0),)),
        LevelDraft(code="team_lead", name_en="Team lead", name_zh="技术骨干", previous_code="senior",
                   branch_en="Management", branch_zh="管理",
                   description_en="Leads a shift team and develops newcomers.", description_zh="带领班组，培养新人。",
                   requirements=(mentees(2), team_targets(1), tenure(12, SENIOR)),
                   resources=(course(("First-line leadership", "班组长管理"), requirement_index=1),)),
        LevelDraft(code="supervisor", name_en="Workshop supervisor", name_zh="车间主管", previous_code="team_lead",
                   description_en="Runs a line: output, quality and people.", description_zh="负责一条产线的产出、质量与人员。",
                   requirements=(
                       team_targets(2, window_days=365), top_tier(),
                       req(("3 praises tied to a scorecard dimension in the last year", "近一年获得 3 次与考核维度相关的表扬"),
                           ("Praise from your managers that names a dimension is recorded automatically.",
                            "上级给予的、关联考核维度的表扬会自动记录。"), PRAISE, 3, window_days=365),
                       tenure(12, LEAD)),
                   resources=(mooc(("Lean production", "精益生产"), ICOURSE),)),
        LevelDraft(code="production_manager", name_en="Production manager", name_zh="生产经理", previous_code="supervisor",
                   description_en="Runs production across lines.", description_zh="统筹管理各条产线的生产。",
                   requirements=(
                       req(("Lead 2 projects", "主导 2 个项目"),
                           ("Lead an improvement or capacity project; recorded with the role “lead”.",
                            "主导改善或产能项目，角色登记为「负责人」。"), PROJECT, 2, conditions=eq("role", "lead")),
                       team_targets(4, window_days=730), tenure(24, SUPERVISOR)),
                   resources=(course(("Production planning and control", "生产计划与控制"),),)),
    ))
