"""Scoring with arrays (score_matrix, what the recompute uses) gives exactly the cards scoring gives, number
for number, including ties, huge values, missing values, unusable targets and every other source."""
from __future__ import annotations

from uuid import UUID

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.performance import ranking, score_matrix, scoring
from backend.performance.column_reads import Keys, as_ids
from backend.performance.card_scores import pack, pack_matrix
from backend.performance.scoring import Curve, DimensionConfig, Inputs
from tests.backend.performance import test_scoring_columns as columns

TIES = [DimensionConfig(code=f"t{i}", weight=w, source=scoring.METRIC, metric_code="x",
                        curve=Curve(t, direction=d, floor_ratio=f, cap_points=c))
        for i, (w, t, d, f, c) in enumerate([(17, 3.0, scoring.HIGHER, 0.0, 150), (23, 7.0, scoring.LOWER, 0.2, 100),
                                              (60, 0.1, scoring.HIGHER, 0.5, 120)])]
ties = st.lists(st.builds(Inputs, values=st.dictionaries(
    st.just("x"), st.sampled_from([0.0, -1.0, 2.675, 1.005, 0.0002, 3.00015, 0.21, 2.1, 7.0, 1e300, float("inf")])
    | st.floats(-1e9, 1e9, allow_nan=False))), max_size=8)


def _arrays(configs: list[DimensionConfig], people: list[Inputs]) -> score_matrix.CardMatrix:
    metrics = {}
    for code in {c.metric for c in configs if c.metric is not None}:
        found = [p.values.get(code) for p in people]
        metrics[code] = (np.array([0.0 if v is None else v for v in found], dtype=np.float64),
                         np.array([v is not None for v in found], dtype=np.bool_))
    others = {i: p for i, p in enumerate(people) if p.ratings or p.objectives}
    return score_matrix.score(configs, len(people), metrics, others)


def _same(configs: list[DimensionConfig], people: list[Inputs]) -> None:
    expected = scoring.score_cards(configs, people)
    found = _arrays(configs, people).cards(range(len(people)))
    for i in range(len(people)):
        # the same doubles (repr: signs of zero included), flags, reasons and details
        assert repr(found.card(i)) == repr(expected.card(i))


@given(columns.people)
def test_arrays_give_the_cards_scoring_gives(people):
    _same(columns.CONFIGS, people)


@given(ties)
def test_arrays_round_ties_huge_and_infinite_values_as_scoring_does(people):
    _same(TIES, people)


def test_nobody_and_no_dimensions():
    _same(columns.CONFIGS, [])
    _same([], [Inputs(), Inputs()])


def test_a_value_that_is_not_a_number_fails_as_in_scoring():
    people = [Inputs(values={"x": float("nan")})]
    with pytest.raises(ValueError):
        scoring.score_cards(TIES, people)
    with pytest.raises(ValueError):
        _arrays(TIES, people)


@given(st.lists(st.tuples(st.sampled_from([0, 1, None]), st.sampled_from([10.0, 20.5, 30.0, 0.0, -0.0, 1e9])), max_size=40))
def test_places_from_arrays_equal_places(rows):
    # when
    department, organisation, within, overall = ranking.places_arrays(
        np.array([-1 if d is None else d for d, _ in rows], dtype=np.int64), np.array([t for _, t in rows], dtype=np.float64))
    # then
    found = [(None if d == 0 else d, o, None if np.isnan(w) else w, p) for d, o, w, p in zip(
        department.tolist(), organisation.tolist(), within.tolist(), overall.tolist(), strict=True)]
    assert repr(found) == repr(ranking.places(rows))


def _nudged(tie: float, steps: int) -> float:
    for _ in range(abs(steps)):
        tie = float(np.nextafter(tie, np.inf if steps > 0 else -np.inf))
    return tie


near_ties = st.builds(lambda k, scale, steps, sign: sign * _nudged((2 * k + 1) / (2 * scale), steps),
                      st.integers(0, 10**9), st.sampled_from([100, 10_000]), st.integers(-3, 3), st.sampled_from([1, -1]))
anything = st.floats(-1e15, 1e15) | st.floats(-1e8, 1e8) | near_ties | st.builds(
    lambda cents, target: cents / 100 / target * 100, st.integers(0, 10**9), st.sampled_from([3, 7, 90, 98, 500_000]))


@given(st.lists(anything, min_size=1, max_size=30))
def test_rounding_arrays_half_up_equals_scoring(values):
    # when
    found = np.array(values, dtype=np.float64)
    # then: the same doubles as round2 and _round4 one by one
    assert [repr(v) for v in score_matrix.round_half_up(found, 100.0, scoring.round2).tolist()] == \
        [repr(scoring.round2(v)) for v in values]
    assert [repr(v) for v in score_matrix.round_half_up(found, 10_000.0, scoring._round4).tolist()] == \
        [repr(scoring._round4(v)) for v in values]


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), unique=True, max_size=12),
       st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=12))
def test_keys_find_positions_even_when_ids_share_their_first_half(ours, theirs):
    # given ids built from two small numbers (so many share their first 8 bytes)
    def uuid_of(pair: tuple[int, int]) -> UUID:
        return UUID(bytes=pair[0].to_bytes(8, "big") + pair[1].to_bytes(8, "big"))
    keys = Keys.of([uuid_of(p) for p in ours])
    # when
    found = keys.find(as_ids([uuid_of(p) for p in theirs])).tolist()
    # then
    assert found == [ours.index(p) if p in ours else -1 for p in theirs]
    assert keys.uuids() == [uuid_of(p) for p in ours]


def test_keys_find_random_ids():
    # given
    from uuid import uuid4
    ours = [uuid4() for _ in range(500)]
    theirs = [*ours[::-3], uuid4(), *ours[:7]]
    # when
    found = Keys.of(ours).find(as_ids(theirs)).tolist()
    # then
    assert found == [ours.index(t) if t in ours else -1 for t in theirs]


@given(columns.people, st.data())
def test_packing_from_arrays_equals_packing_the_cards(people, data):
    # given some of everyone's cards, in any order
    matrix = _arrays(columns.CONFIGS, people)
    chosen = data.draw(st.lists(st.integers(0, max(len(people) - 1, 0)), max_size=len(people))) if people else []
    # when
    found = pack_matrix(matrix, chosen)
    # then
    cards = matrix.cards(chosen)
    assert list(zip(*found)) == [pack([c.score(i) for c in cards.columns]) for i in range(len(chosen))]


@given(ties)
def test_packing_plain_metric_columns_from_arrays_equals_packing_the_cards(people):
    matrix = _arrays(TIES[:2], [p for p in people if p.values])
    everyone = range(len(matrix.total))
    cards = matrix.cards(everyone)
    assert list(zip(*pack_matrix(matrix, everyone))) == [pack([c.score(i) for c in cards.columns]) for i in everyone]
