"""Rater detectors (pure): lenient_rater and reciprocal_pair, with exact numbers and edge cases (no ratings,
too few ratings, self-ratings, honest stars, manager ratings that nobody else gives)."""
from __future__ import annotations

from uuid import UUID

from backend.performance.detectors import Labels, RatingGiven, Thresholds, lenient_rater, reciprocal_pair
from backend.performance.models import AnomalyKind, RaterRelation

PEER, MANAGER, SELF = RaterRelation.PEER, RaterRelation.MANAGER, RaterRelation.SELF
A, B, C, D, M = (UUID(int=n) for n in (1, 2, 3, 4, 5))
LABELS = Labels(people={A: "Ann", B: "Bo", C: "Cai", D: "Dee", M: "Mei"})
TEAM = [UUID(int=100 + n) for n in range(6)]


def test_no_ratings_raise_nothing() -> None:
    assert lenient_rater([], Thresholds(), LABELS) == []
    assert reciprocal_pair([], Thresholds(), LABELS) == []


def test_a_rater_far_above_others_rating_the_same_people_is_lenient() -> None:
    # given Ann gives five people 5, Bo gives the same people 3
    ratings = [RatingGiven(A, p, PEER, 5) for p in TEAM[:5]] + [RatingGiven(B, p, PEER, 3) for p in TEAM[:5]]
    # when
    found = lenient_rater(ratings, Thresholds(), LABELS)
    # then
    assert [(f.kind, f.subject_key, f.employee_id, f.severity) for f in found] == [
        (AnomalyKind.LENIENT_RATER, f"rater:{A}", A, 2.5)]
    assert found[0].evidence == {"ratings": 5, "mean": 5.0, "reference": 3.0, "gap": 2.0, "basis": "same_people"}
    assert found[0].explanation_en == ("Ann gives 5.00 on average over 5 ratings, 2.00 above others rating the same "
                                       "people (3.00; threshold 0.8).")


def test_a_manager_nobody_else_rates_alongside_is_compared_with_the_organisation() -> None:
    # given Mei rates her five reports 5 and is the only one rating them; Bo's five ratings elsewhere average 3.2
    ratings = [RatingGiven(M, p, MANAGER, 5) for p in TEAM[:5]] + \
        [RatingGiven(B, p, PEER, s) for p, s in zip([A, C, D, TEAM[5], A], [3, 3, 4, 3, 3], strict=True)]
    # when
    found = lenient_rater(ratings, Thresholds(), LABELS)
    # then
    assert [(f.subject_key, f.evidence["basis"], f.evidence["reference"], f.evidence["gap"]) for f in found] == [
        (f"rater:{M}", "organisation", 3.2, 1.8)]
    assert found[0].explanation_en.endswith("above the organisation's raters (3.20; threshold 0.8).")


def test_fewer_ratings_than_the_minimum_are_not_judged() -> None:
    # given Ann rates four people 5 against Bo's 1
    ratings = [RatingGiven(A, p, PEER, 5) for p in TEAM[:4]] + [RatingGiven(B, p, PEER, 1) for p in TEAM[:4]]
    # when / then
    assert lenient_rater(ratings, Thresholds(), LABELS) == []


def test_self_ratings_neither_count_as_ratings_nor_as_reference() -> None:
    # given Ann rates herself 5 on six dimensions, and five people 3 like Bo
    ratings = [RatingGiven(A, A, SELF, 5)] * 6 + [RatingGiven(A, p, PEER, 3) for p in TEAM[:5]] + \
        [RatingGiven(B, p, PEER, 3) for p in TEAM[:5]]
    # when / then
    assert lenient_rater(ratings, Thresholds(), LABELS) == []


def test_two_peers_rating_each_other_above_what_others_give_them_are_a_pair() -> None:
    # given Ann and Bo give each other 5; Cai gives each of them 3
    ratings = [RatingGiven(A, B, PEER, 5), RatingGiven(B, A, PEER, 5), RatingGiven(C, A, PEER, 3), RatingGiven(C, B, PEER, 3)]
    # when
    found = reciprocal_pair(ratings, Thresholds(), LABELS)
    # then
    assert [(f.kind, f.subject_key, f.employee_id, f.other_employee_id, f.severity) for f in found] == [
        (AnomalyKind.RECIPROCAL_PAIR, f"pair:{A}:{B}", A, B, 2.0)]
    assert found[0].evidence == {"a_to_b": 5.0, "b_to_a": 5.0, "a_to_b_excess": 2.0, "b_to_a_excess": 2.0}
    assert found[0].explanation_en == "Ann and Bo rate each other 5.0 and 5.0, 2.0 and 2.0 above their other ratings (threshold 1)."


def test_two_stars_everyone_rates_high_are_not_a_pair() -> None:
    # given Cai agrees: Ann and Bo get 5 from him too
    ratings = [RatingGiven(A, B, PEER, 5), RatingGiven(B, A, PEER, 5), RatingGiven(C, A, PEER, 5), RatingGiven(C, B, PEER, 5)]
    # when / then
    assert reciprocal_pair(ratings, Thresholds(), LABELS) == []


def test_without_other_raters_a_pair_is_compared_with_what_each_gives_others() -> None:
    # given nobody else rates Ann or Bo; each gives Dee 3
    ratings = [RatingGiven(A, B, PEER, 5), RatingGiven(B, A, PEER, 5), RatingGiven(A, D, PEER, 3), RatingGiven(B, D, PEER, 3)]
    # when
    found = reciprocal_pair(ratings, Thresholds(), LABELS)
    # then
    assert [(f.subject_key, f.evidence["a_to_b_excess"], f.evidence["b_to_a_excess"]) for f in found] == [
        (f"pair:{A}:{B}", 2.0, 2.0)]


def test_a_one_way_high_rating_or_manager_ratings_are_not_a_pair() -> None:
    # given Ann rates Bo 5 but Bo rates Ann 4; Mei and Dee (her report) rate each other 5 as manager/report
    ratings = [RatingGiven(A, B, PEER, 5), RatingGiven(B, A, PEER, 4), RatingGiven(C, A, PEER, 1), RatingGiven(C, B, PEER, 1),
               RatingGiven(M, D, MANAGER, 5), RatingGiven(D, M, RaterRelation.REPORT, 5)]
    # when / then
    assert reciprocal_pair(ratings, Thresholds(), LABELS) == []
