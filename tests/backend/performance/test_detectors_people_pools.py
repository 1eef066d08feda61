"""sudden_jump and undifferentiated_pool (pure), and run_all's order: exact numbers and edge cases (no
earlier cycles, one earlier cycle, unpaid people, equal scores, a flat department in a fair pool)."""
from __future__ import annotations

from uuid import UUID

from backend.performance.detectors import (
    Labels, PersonScore, PoolShare, Thresholds, run_all, sudden_jump, top_share_of, undifferentiated_pool,
)
from backend.performance.models import AnomalyKind

SALES, OPS = UUID(int=1), UUID(int=2)
ANN, POOL = UUID(int=10), UUID(int=99)
LABELS = Labels(departments={SALES: "Sales", OPS: "Ops"}, people={ANN: "Ann"})


def person(total: float, history: tuple[float, ...], who: UUID = ANN) -> PersonScore:
    return PersonScore(who, SALES, total, previous_totals=history)


def shares(department: UUID, amounts: list[int], scores: list[float], first: int = 100) -> list[PoolShare]:
    return [PoolShare(UUID(int=first + i), department, a, s) for i, (a, s) in enumerate(zip(amounts, scores, strict=True))]


def test_a_total_far_above_the_persons_own_history_is_a_jump() -> None:
    # when
    found = sudden_jump([person(80, (50, 52, 54))], Thresholds(), LABELS)
    # then
    assert [(f.kind, f.subject_key, f.employee_id, f.department_id, f.severity) for f in found] == [
        (AnomalyKind.SUDDEN_JUMP, f"person:{ANN}", ANN, SALES, 1.12)]
    assert found[0].evidence == {"total": 80.0, "baseline": 52.0, "jump": 28.0, "history": [50, 52, 54]}
    assert found[0].explanation_en == "Ann scored 80.0, 28.0 above their own average of 52.0 over 3 earlier cycles (threshold 25)."


def test_only_the_last_three_cycles_make_the_baseline() -> None:
    # given a fourth, older cycle at 90 that would lift the baseline
    found = sudden_jump([person(80, (50, 50, 50, 90))], Thresholds(), LABELS)
    # then
    assert [f.evidence["baseline"] for f in found] == [50.0]


def test_no_or_one_earlier_cycle_is_no_baseline() -> None:
    assert sudden_jump([person(95, ()), person(95, (20,), UUID(int=11))], Thresholds(), LABELS) == []


def test_a_smaller_rise_is_not_a_jump() -> None:
    assert sudden_jump([person(76.9, (50, 52, 54))], Thresholds(), LABELS) == []


def test_a_pool_split_evenly_while_scores_differ_is_undifferentiated() -> None:
    # given five people paid 1000 fen each with scores 60..100
    pool = shares(SALES, [1000] * 5, [60, 70, 80, 90, 100])
    # when
    found = undifferentiated_pool(POOL, pool, Thresholds(), LABELS)
    # then
    assert [(f.kind, f.subject_key, f.department_id, f.severity) for f in found] == [
        (AnomalyKind.UNDIFFERENTIATED_POOL, f"pool:{POOL}", None, 10.0)]
    assert found[0].evidence == {"people": 5, "amount_cv": 0.0, "score_cv": 0.177, "mean_amount_minor": 1000.0}
    assert found[0].explanation_en == ("The pool is spread almost evenly over 5 people (variation 0.0% < 5%) although "
                                       "their scores vary by 17.7%.")


def test_an_even_split_of_equal_scores_or_a_split_by_score_is_fine() -> None:
    equal = shares(SALES, [1000] * 5, [80] * 5)
    by_score = shares(SALES, [600, 700, 800, 900, 1000], [60, 70, 80, 90, 100])
    assert undifferentiated_pool(POOL, equal, Thresholds(), LABELS) == []
    assert undifferentiated_pool(POOL, by_score, Thresholds(), LABELS) == []


def test_a_flat_department_inside_a_fair_pool_is_flagged_alone() -> None:
    # given Sales is paid by score, Ops evenly
    pool = shares(SALES, [600, 700, 800, 900, 1000], [60, 70, 80, 90, 100]) + \
        shares(OPS, [800] * 5, [60, 70, 80, 90, 100], first=200)
    # when
    found = undifferentiated_pool(POOL, pool, Thresholds(), LABELS)
    # then
    assert [(f.subject_key, f.department_id) for f in found] == [(f"pool:{POOL}:dept:{OPS}", OPS)]
    assert found[0].explanation_en.startswith("Department Ops's share of the pool is spread almost evenly over 5 people")


def test_unpaid_people_do_not_hide_an_even_split() -> None:
    # given five paid evenly and three paid nothing (below the minimum score)
    pool = shares(SALES, [1000] * 5 + [0] * 3, [60, 70, 80, 90, 100, 10, 20, 30])
    # when / then
    assert [f.subject_key for f in undifferentiated_pool(POOL, pool, Thresholds(), LABELS)] == [f"pool:{POOL}"]


def test_run_all_orders_findings_by_kind_then_subject() -> None:
    # given a jump and a flat pool
    found = run_all([person(80, (50, 52, 54))], [], Thresholds(), LABELS,
                    pool=(POOL, shares(SALES, [1000] * 5, [60, 70, 80, 90, 100])))
    # then
    assert [f.kind for f in found] == [AnomalyKind.SUDDEN_JUMP, AnomalyKind.UNDIFFERENTIATED_POOL]


def test_the_provisional_top_tier_is_the_top_share_by_total_ties_by_id() -> None:
    # given totals 90, 90, 50 ... with two tied at the top and a 34 % share (one person)
    people = [PersonScore(UUID(int=3), SALES, 90), PersonScore(UUID(int=2), SALES, 90), PersonScore(UUID(int=1), SALES, 50)]
    # when / then
    assert top_share_of(people, 0.34) == {UUID(int=2)}
    assert top_share_of([], 0.1) == set()
