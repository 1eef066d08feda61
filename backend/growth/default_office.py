"""The default sales and R&D tracks: junior → senior → the expert level (key account manager, architect),
each with a management branch from senior."""
from __future__ import annotations

from backend.growth.default_parts import (
    COURSERA, ICOURSE, KEY_RESULT, PROJECT, TECH_TALK, XUETANG, certificate, course, eq, mentees, mooc, on_the_job,
    req, team_targets, tenure, top_tier, trainings,
)
from backend.growth.track_specs import LevelDraft, RequirementDraft, TrackDraft

REP, SENIOR_SALES, SALES_SUPERVISOR = ("sales representative", "销售代表"), ("senior sales", "高级销售"), ("sales supervisor", "销售主管")
JUNIOR_ENGINEER, SENIOR_ENGINEER, TECH_LEAD = ("junior engineer", "初级工程师"), ("senior engineer", "高级工程师"), ("tech lead", "技术主管")


def _key_results(n: int) -> RequirementDraft:
    return req((f"Complete {n} OKR key results in the last year", f"近一年完成 {n} 个 OKR 关键结果"),
               ("Key results you complete in a review cycle are recorded automatically.",
                "考核周期中完成的关键结果会自动记录。"), KEY_RESULT, n, window_days=365)


def _talks(n: int) -> RequirementDraft:
    return req((f"Give {n} tech talk{'s' if n > 1 else ''}", f"做 {n} 次技术分享"),
               ("Present at the Friday tech-sharing session; the host records it.", "在周五技术分享会上主讲，由主持人登记。"),
               TECH_TALK, n)


SALES = TrackDraft(
    code="sales", job_family="sales", name_en="Sales", name_zh="销售通道",
    description_en="From representative to key account manager, or into sales management.",
    description_zh="从销售代表成长为大客户经理，或走向销售管理。",
    levels=(
        LevelDraft(code="rep", name_en="Sales representative", name_zh="销售代表",
                   requirements=(trainings(1, "product", ("Product training", "完成产品知识培训"),
                                           ("Attend the product induction for new sales staff.", "参加销售新人产品入职培训。")),
                                 on_the_job(3)),
                   resources=(course(("Our products and applications", "公司产品与应用"), requirement_index=0),)),
        LevelDraft(code="senior", name_en="Senior sales", name_zh="高级销售", previous_code="rep",
                   requirements=(tenure(12, REP), top_tier(),
                                 req(("Take part in 2 customer projects", "参与 2 个客户项目"),
                                     ("Join a bid or key-customer project; the project lead confirms it.",
                                      "参与投标或重点客户项目，由项目负责人确认。"), PROJECT, 2)),
                   resources=(mooc(("Consultative selling", "顾问式销售"), XUETANG),)),
        LevelDraft(code="key_account", name_en="Key account manager", name_zh="大客户经理", previous_code="senior",
                   branch_en="Specialist", branch_zh="专家",
                   requirements=(_key_results(3), tenure(24, SENIOR_SALES),
                                 req(("Lead 2 key-customer projects", "主导 2 个重点客户项目"),
                                     ("Lead the bid or the account plan; recorded with the role “lead”.",
                                      "主导投标或客户规划，角色登记为「负责人」。"), PROJECT, 2, conditions=eq("role", "lead"))),
                   resources=(mooc(("Key account management", "大客户管理"), COURSERA),)),
        LevelDraft(code="supervisor", name_en="Sales supervisor", name_zh="销售主管", previous_code="senior",
                   branch_en="Management", branch_zh="管理",
                   requirements=(mentees(2), team_targets(1), tenure(12, SENIOR_SALES)),
                   resources=(course(("Coaching a sales team", "销售团队辅导"), requirement_index=0),)),
        LevelDraft(code="manager", name_en="Sales manager", name_zh="销售经理", previous_code="supervisor",
                   requirements=(team_targets(2, window_days=365), top_tier(), tenure(24, SALES_SUPERVISOR)),
                   resources=(mooc(("Sales management", "销售管理"), ICOURSE),)),
    ))

RND = TrackDraft(
    code="rnd", job_family="rnd", name_en="R&D engineering", name_zh="研发技术通道",
    description_en="From junior engineer to architect, or into engineering management.",
    description_zh="从初级工程师成长为架构师，或走向研发管理。",
    levels=(
        LevelDraft(code="junior", name_en="Junior engineer", name_zh="初级工程师",
                   requirements=(trainings(1, "onboarding", ("Engineering onboarding", "完成研发入职培训"),
                                           ("Attend the onboarding course: tools, code review, release process.",
                                            "参加入职培训：工具链、代码评审与发布流程。")),
                                 on_the_job(3)),
                   resources=(course(("Engineering onboarding", "研发入职培训"), requirement_index=0),)),
        LevelDraft(code="senior", name_en="Senior engineer", name_zh="高级工程师", previous_code="junior",
                   requirements=(req(("Take part in 2 projects", "参与 2 个项目"),
                                     ("Deliver a feature in a product project; the project lead confirms your role.",
                                      "在产品项目中交付功能，由项目负责人确认角色。"), PROJECT, 2),
                                 _talks(1), _key_results(2), tenure(12, JUNIOR_ENGINEER)),
                   resources=(mooc(("Software engineering", "软件工程"), ICOURSE, requirement_index=0),)),
        LevelDraft(code="architect", name_en="Architect", name_zh="架构师", previous_code="senior",
                   branch_en="Specialist", branch_zh="技术专家",
                   requirements=(req(("Lead 2 projects", "主导 2 个项目"),
                                     ("Own a project's design and delivery; recorded with the role “lead”.",
                                      "负责项目的设计与交付，角色登记为「负责人」。"), PROJECT, 2, conditions=eq("role", "lead")),
                                 certificate("RK-SA", ("Hold the system architect certificate (软考)", "持有软考系统架构设计师证书"),
                                             ("Pass the national exam and upload the certificate.", "通过全国计算机技术与软件专业技术资格考试并上传证书。")),
                                 _talks(2), top_tier(), tenure(24, SENIOR_ENGINEER)),
                   resources=(mooc(("Software architecture", "软件架构"), COURSERA),
                              course(("Architecture review practice", "架构评审实践"), requirement_index=0))),
        LevelDraft(code="tech_lead", name_en="Tech lead", name_zh="技术主管", previous_code="senior",
                   branch_en="Management", branch_zh="管理",
                   requirements=(mentees(2), team_targets(1), tenure(12, SENIOR_ENGINEER)),
                   resources=(course(("Leading engineers", "技术团队管理"), requirement_index=0),)),
        LevelDraft(code="rnd_manager", name_en="R&D manager", name_zh="研发经理", previous_code="tech_lead",
                   requirements=(team_targets(2, window_days=365), top_tier(), tenure(24, TECH_LEAD)),
                   resources=(mooc(("Engineering management", "研发管理"), XUETANG),)),
    ))
