"""Tier placement tables: quotas, the minimum group size, deterministic tie-breaking, the improved tier's
small-baseline guard, one tier per person unless allowed, and department scope."""
from __future__ import annotations

from uuid import UUID

from backend.performance.models import TierCode
from backend.performance.tiers import Candidate, Placement, TierPolicy, gain, place, quota

SALES = UUID(int=1001)
RND = UUID(int=1002)


def person(n: int, total: float, completion: float = 1.0, history: tuple[float, ...] = (),
           department: UUID | None = None) -> Candidate:
    return Candidate(employee_id=UUID(int=n), employee_number=f"E{n:02d}", department_id=department, total=total,
                     completion=completion, history=history)


def summary(placements: list[Placement]) -> list[tuple[str, int, str, float]]:
    return [(p.tier.value, p.position, f"E{p.employee_id.int:02d}", p.basis) for p in placements]


def test_quotas_floor_the_percent_but_give_at_least_one_from_the_minimum_group_size():
    # given
    policy = TierPolicy()
    # when / then
    assert [quota(policy, n, 10) for n in (4, 5, 9, 10, 19, 20, 29, 300)] == [0, 1, 1, 1, 1, 2, 2, 30]
    assert [quota(policy, n, 20) for n in (4, 5, 10, 14, 15)] == [0, 1, 2, 2, 3]
    assert quota(policy, 50, 0) == 0


def test_twenty_people_place_two_top10_then_the_next_two_in_top20():
    # given: totals 100, 99, ..., 81, nobody with history
    people = [person(n, 101 - n) for n in range(1, 21)]
    # when
    placed = place(TierPolicy(), people)
    # then
    assert summary(placed) == [("top10", 1, "E01", 100.0), ("top10", 2, "E02", 99.0),
                               ("top20", 1, "E03", 98.0), ("top20", 2, "E04", 97.0)]


def test_a_group_below_the_minimum_size_gets_no_tiers():
    # given
    people = [person(n, 90 - n, history=(50.0,)) for n in range(1, 5)]
    # when / then
    assert place(TierPolicy(), people) == []


def test_ties_break_by_completion_then_employee_number_and_the_cut_off_is_never_widened():
    # given: three people tied on 90; ten scored so top10 takes one and the top 20 % band two
    people = [person(5, 90, 0.8), person(3, 90, 0.9), person(2, 90, 0.9)] + [person(n, 50) for n in range(10, 17)]
    # when
    placed = place(TierPolicy(), people)
    # then
    assert summary(placed) == [("top10", 1, "E02", 90.0), ("top20", 1, "E03", 90.0)]


def test_placement_does_not_depend_on_input_order():
    # given
    people = [person(n, 70 + (n * 7) % 13, completion=(n % 3) / 3, history=(60.0,)) for n in range(1, 31)]
    # when
    forward, backward = place(TierPolicy(), people), place(TierPolicy(), list(reversed(people)))
    # then
    assert forward == backward


def test_improved_ranks_gains_over_the_last_three_cycles_and_guards_small_baselines():
    # given
    people = [
        person(1, 99),                                  # top10, no history
        person(2, 70, history=(60, 50, 40, 10)),         # baseline 50 (last three), gain 20
        person(3, 30, history=(10,)),                    # gain 20 but baseline 10 < 40: noise, not progress
        person(4, 64, history=(60,)),                    # gain 4 < min_gain 5
        person(5, 66, history=(55, 57)),                 # baseline 56, gain 10
        person(6, 50),                                   # no earlier cycle
        person(7, 45, history=(40,)),                    # baseline 40 (at the guard), gain 5 (at the minimum)
        *[person(n, 73 + n) for n in range(8, 21)],      # 81..93, no history: they fill the top bands
    ]
    # when: 20 scored, improved takes floor(20 × 10 %) = 2
    placed = place(TierPolicy(), people)
    # then
    assert summary(placed) == [("top10", 1, "E01", 99.0), ("top10", 2, "E20", 93.0), ("top20", 1, "E19", 92.0),
                               ("top20", 2, "E18", 91.0), ("improved", 1, "E02", 20.0), ("improved", 2, "E05", 10.0)]


def test_the_baseline_guard_and_the_minimum_gain_are_inclusive():
    # given
    policy = TierPolicy()
    # when / then
    assert gain(policy, person(1, 45, history=(40,))) == 5.0
    assert gain(policy, person(2, 44.99, history=(40,))) is None
    assert gain(policy, person(3, 60, history=(39.99,))) is None
    assert gain(policy, person(4, 60, history=(30, 50, 70, 10))) == 10.0  # only the last three count


def test_a_top10_person_is_not_also_most_improved_and_the_next_improver_takes_the_place():
    # given: E01 is top and improved the most; five scored so every quota is 1
    people = [person(1, 95, history=(60,)), person(2, 80, history=(70,)), person(3, 79, history=(75,)),
              person(4, 60), person(5, 50)]
    # when
    placed = place(TierPolicy(), people)
    # then
    assert summary(placed) == [("top10", 1, "E01", 95.0), ("improved", 1, "E02", 10.0)]


def test_allow_multiple_puts_the_top_person_in_every_tier_they_earn():
    # given
    people = [person(1, 95, history=(60,)), person(2, 80, history=(70,))] + [person(n, 40 + n) for n in range(3, 11)]
    # when
    placed = place(TierPolicy(allow_multiple=True), people)
    # then: ten scored: top10 1, top 20 % band 2 (cumulative), improved 1
    assert summary(placed) == [("top10", 1, "E01", 95.0), ("top20", 1, "E01", 95.0), ("top20", 2, "E02", 80.0),
                               ("improved", 1, "E01", 35.0)]


def test_department_scope_places_within_each_department_large_enough():
    # given: five in sales, three in R&D
    people = [person(n, 60 + n, department=SALES) for n in range(1, 6)] + \
             [person(n, 90 + n, department=RND) for n in range(6, 9)]
    # when
    placed = place(TierPolicy(scope="department"), people)
    # then: R&D is below the minimum group size of 5 although its people score higher
    assert summary(placed) == [("top10", 1, "E05", 65.0)]


def test_a_zero_percent_band_is_switched_off():
    # given
    people = [person(n, 101 - n, history=(40.0,)) for n in range(1, 21)]
    # when
    placed = place(TierPolicy(top10_percent=0, improved_percent=0), people)
    # then
    assert [p.tier for p in placed] == [TierCode.TOP20] * 4
