"""Department detectors (pure): department_inflated, all_high, rating_alliance, with exact numbers and the
edge cases (tiny departments, people without one, a single department, an organisation-wide gap)."""
from __future__ import annotations

from uuid import UUID

from backend.performance.detectors import Labels, PersonScore, Thresholds, all_high, department_inflated, rating_alliance
from backend.performance.models import AnomalyKind

SALES, OPS, TINY = UUID(int=1), UUID(int=2), UUID(int=3)
LABELS = Labels(departments={SALES: "Sales", OPS: "Ops", TINY: "Tiny"})
_ids = iter(range(1000, 100000))


def people(department: UUID | None, totals: list[float], *, rating: float | None = None,
           objective: float | None = None, top: int = 0) -> list[PersonScore]:
    return [PersonScore(UUID(int=next(_ids)), department, t, rating, objective, (), i < top) for i, t in enumerate(totals)]


def test_a_department_far_above_the_rest_is_inflated() -> None:
    # given Sales averages 94 against Ops' 70 (sd 7.07)
    org = people(SALES, [90, 92, 94, 96, 98]) + people(OPS, [60, 65, 70, 75, 80])
    # when
    found = department_inflated(org, Thresholds(), LABELS)
    # then
    assert [(f.kind, f.subject_key, f.department_id, f.severity) for f in found] == [
        (AnomalyKind.DEPARTMENT_INFLATED, f"dept:{SALES}", SALES, 3.39)]
    assert found[0].evidence == {"headcount": 5, "mean": 94.0, "org_mean": 70.0, "org_sd": 7.071, "z": 3.394,
                                 "top_tier": 0, "top_tier_total": 0, "top_share": 0.0, "headcount_share": 0.5,
                                 "top_share_ratio": 0.0}
    assert found[0].explanation_en == "Department Sales mean 94.0 vs org 70.0 (z = 3.4 > 1)."
    assert found[0].explanation_zh == "部门「Sales」平均分 94.0，全公司 70.0（z = 3.4 > 1）。"


def test_a_department_holding_the_top_tier_is_inflated_even_with_an_ordinary_mean() -> None:
    # given Sales (5 of 20 people) holds all 3 top-tier places; its mean equals the rest's
    org = people(SALES, [70, 70, 70, 70, 70], top=3) + people(OPS, [60, 80] * 5) + people(TINY, [60, 80, 70, 70, 70])
    # when
    found = department_inflated(org, Thresholds(), LABELS)
    # then
    assert [(f.subject_key, f.severity, f.evidence["top_share_ratio"]) for f in found] == [(f"dept:{SALES}", 1.33, 4.0)]
    assert found[0].explanation_en == "holds 100% of the top tier with 25% of the headcount (4.0× > 3×)."


def test_two_top_tier_people_are_not_enough_to_call_a_department_inflated() -> None:
    # given Sales holds both top places (ratio 4) but that is two people
    org = people(SALES, [70] * 5, top=2) + people(OPS, [60, 80] * 5) + people(TINY, [60, 80, 70, 70, 70])
    # when / then
    assert department_inflated(org, Thresholds(), LABELS) == []


def test_departments_below_the_minimum_size_are_never_judged() -> None:
    # given a 4-person department at 99 and nobody without a department is judged as a group
    org = people(TINY, [99, 99, 99, 99]) + people(OPS, [60, 65, 70, 75, 80]) + people(None, [99] * 5)
    # when / then
    assert department_inflated(org, Thresholds(), LABELS) == []
    assert all_high(org, Thresholds(), LABELS) == []


def test_a_single_department_has_nothing_to_compare_with() -> None:
    assert department_inflated(people(SALES, [95, 96, 97, 98, 99]), Thresholds(), LABELS) == []


def test_everyone_high_with_little_spread_is_all_high() -> None:
    # given Sales all above 85 with sd 1.41
    org = people(SALES, [86, 87, 88, 89, 90]) + people(OPS, [60, 65, 70, 75, 80])
    # when
    found = all_high(org, Thresholds(), LABELS)
    # then
    assert [(f.kind, f.subject_key, f.severity) for f in found] == [(AnomalyKind.ALL_HIGH, f"dept:{SALES}", 3.93)]
    assert found[0].evidence == {"headcount": 5, "high_share": 1.0, "sd": 1.414, "mean": 88.0, "high_score": 85.0}
    assert found[0].explanation_en == "Department Sales: 100% score above 85 (≥ 90%) with a spread of 1.4 (< 5)."


def test_one_person_below_the_high_mark_or_a_wide_spread_is_not_all_high() -> None:
    # given Sales has 80 % above 85; Ops is all high but spread 12
    org = people(SALES, [86, 87, 88, 89, 80]) + people(OPS, [86, 95, 100, 110, 119])
    # when / then
    assert all_high(org, Thresholds(), LABELS) == []


def test_manager_ratings_far_above_the_results_are_an_alliance() -> None:
    # given Sales is rated 100 points on results worth 70; Ops' ratings match its results
    org = people(SALES, [79] * 5, rating=100, objective=70) + people(OPS, [70] * 5, rating=70, objective=70)
    # when
    found = rating_alliance(org, Thresholds(), LABELS)
    # then
    assert [(f.kind, f.subject_key, f.severity) for f in found] == [(AnomalyKind.RATING_ALLIANCE, f"dept:{SALES}", 2.0)]
    assert found[0].evidence == {"headcount": 5, "rating_points": 100.0, "objective_points": 70.0, "gap": 30.0,
                                 "org_gap": 0.0}
    assert found[0].explanation_en == ("Department Sales: manager ratings average 100.0 points but the objective "
                                       "results 70.0 (gap 30.0 ≥ 20; elsewhere 0.0).")


def test_the_same_gap_everywhere_is_a_strict_target_not_an_alliance() -> None:
    # given every department's ratings run 30 points above its results
    org = people(SALES, [79] * 5, rating=100, objective=70) + people(OPS, [70] * 5, rating=90, objective=60)
    # when / then
    assert rating_alliance(org, Thresholds(), LABELS) == []


def test_people_without_ratings_or_results_do_not_count_toward_an_alliance() -> None:
    # given Sales has ratings but no objective dimension data
    org = people(SALES, [90] * 5, rating=100) + people(OPS, [70] * 5, rating=70, objective=70)
    # when / then
    assert rating_alliance(org, Thresholds(), LABELS) == []
