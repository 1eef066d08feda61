"""Bonus pool allocation: the formula's validation, exact expected splits to the fen, and the
largest-remainder tie-breaks."""
from __future__ import annotations

from fractions import Fraction
from uuid import UUID

import pytest

from backend.core.errors import ValidationFailed
from backend.performance.allocation import Formula, Member, allocate, largest_remainder
from backend.performance.models import PersonSplit, TierCode

SALES = UUID(int=1001)
RND = UUID(int=1002)


def member(n: int, score: float, department: UUID | None = SALES, *tiers: TierCode) -> Member:
    return Member(employee_id=UUID(int=n), employee_number=f"E{n:02d}", department_id=department, score=score,
                  tiers=frozenset(tiers))


def amounts(split) -> dict[str, int]:
    return {f"E{a.employee_id.int:02d}": a.amount_minor for a in split.allocations}


def test_an_empty_formula_takes_the_documented_defaults():
    # when
    formula = Formula.parse({})
    # then
    assert formula.as_json() == {"department_weights": {}, "person_split": "tier_amounts",
                                 "tier_multipliers": {"top10": 3.0, "top20": 2.0, "improved": 1.5, "none": 1.0},
                                 "min_score": 0.0}
    assert Formula.parse(formula.as_json()) == formula


@pytest.mark.parametrize(("raw", "message"), [
    ({"weights": {}}, "Unknown formula setting(s): weights."),
    ({"person_split": "salary"}, "person_split must be tier_amounts or score_share (got 'salary')."),
    ({"department_weights": {"sales": 1}}, "department_weights: 'sales' is not a department id."),
    ({"department_weights": {str(SALES): -1}}, f"department_weights[{SALES}] must be between 0 and 100 (got -1)."),
    ({"tier_multipliers": {"gold": 2}}, "tier_multipliers: unknown tier(s) gold; use top10, top20, improved, none."),
    ({"tier_multipliers": {"top10": "3"}}, "tier_multipliers.top10 must be a number."),
    ({"min_score": float("nan")}, "min_score must be a number."),
])
def test_a_bad_formula_is_refused_naming_the_setting(raw, message):
    # when
    with pytest.raises(ValidationFailed) as caught:
        Formula.parse(raw)
    # then
    assert caught.value.field == "formula"
    assert caught.value.message.startswith(message)


def test_largest_remainder_gives_leftover_units_to_the_largest_fractions_then_the_tie_key():
    # when: 10 units over thirds: 3.33 each, one left over, all fractions equal → smallest key
    split = largest_remainder(10, [("b", Fraction(1)), ("a", Fraction(1)), ("c", Fraction(1))], tie_key=str)
    # then
    assert split == {"a": 4, "b": 3, "c": 3}
    assert largest_remainder(100, [("x", Fraction(2)), ("y", Fraction(1))], tie_key=str) == {"x": 67, "y": 33}


def test_score_share_splits_departments_by_summed_score_and_people_by_score():
    # given: sales sums 80 + 70 = 150, R&D 50 → 75 % / 25 % of ¥1,000.00
    members = [member(1, 80), member(2, 70), member(3, 50, RND)]
    # when
    split = allocate(100_000, Formula(person_split=PersonSplit.SCORE_SHARE), members)
    # then
    assert [(d.department_id, d.headcount, d.mean_score, d.amount_minor) for d in split.departments] == [
        (SALES, 2, 75.0, 75_000), (RND, 1, 50.0, 25_000)]
    assert amounts(split) == {"E01": 40_000, "E02": 35_000, "E03": 25_000}


def test_tier_multipliers_weight_the_people_and_the_best_tier_counts():
    # given: one department; weights 3×90, 2×80 (top20 + improved: the larger multiplier), 1×60
    members = [member(1, 90, SALES, TierCode.TOP10), member(2, 80, SALES, TierCode.TOP20, TierCode.IMPROVED),
               member(3, 60)]
    # when: 270 + 160 + 60 = 490 parts of 1,000,000 fen
    split = allocate(1_000_000, Formula(), members)
    # then: 551020.41, 326530.61, 122448.98 → two fen left go to the largest remainders (.98, .61)
    assert amounts(split) == {"E01": 551_020, "E02": 326_531, "E03": 122_449}
    assert [a.basis["tier"] for a in split.allocations] == ["top10", "top20", "none"]
    assert split.allocations[1].basis == {"department_pool": 1_000_000, "tier": "top20", "multiplier": 2.0,
                                          "score": 80, "share": 0.326531, "below_min_score": False}


def test_department_weights_scale_the_department_pools():
    # given: equal summed scores, R&D weighted 3
    members = [member(1, 50), member(2, 50, RND)]
    # when
    split = allocate(1_000, Formula(department_weights={str(RND): 3.0}), members)
    # then
    assert [d.amount_minor for d in split.departments] == [250, 750]


def test_people_below_the_minimum_score_get_nothing_and_their_colleagues_share_it():
    # given
    members = [member(1, 90), member(2, 59.99), member(3, 60), member(4, 40, RND)]
    # when
    split = allocate(10_000, Formula(person_split=PersonSplit.SCORE_SHARE, min_score=60), members)
    # then: R&D has nobody eligible, so sales takes the whole pool; 59.99 gets 0
    assert [d.amount_minor for d in split.departments] == [10_000, 0]
    assert amounts(split) == {"E01": 6_000, "E02": 0, "E03": 4_000, "E04": 0}
    assert [a.basis["below_min_score"] for a in split.allocations] == [False, True, False, True]


def test_equal_scores_split_the_odd_fen_by_employee_number():
    # given
    members = [member(3, 80), member(1, 80), member(2, 80)]
    # when
    split = allocate(100, Formula(), members)
    # then
    assert amounts(split) == {"E01": 34, "E02": 33, "E03": 33}


def test_a_pool_nobody_can_receive_is_refused():
    # when
    with pytest.raises(ValidationFailed) as caught:
        allocate(10_000, Formula(min_score=95), [member(1, 90), member(2, 80, RND)])
    # then
    assert caught.value.field == "formula"
    assert caught.value.message.startswith("Nobody in this cycle can receive a share")


def test_people_without_a_department_form_their_own_group():
    # given
    members = [member(1, 60, None), member(2, 40)]
    # when
    split = allocate(1_000, Formula(), members)
    # then: the group without a department sorts first
    assert [(d.department_id, d.amount_minor) for d in split.departments] == [(None, 600), (SALES, 400)]
