"""Packed dimension scores read back as exactly what scoring produced (DimensionScore.as_json), whether a
card is packed alone or everyone at once, and the content digest changes exactly when the packed card does."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.performance import card_scores, score_matrix
from backend.performance.card_digests import card_digests_of
from backend.performance.scoring import Cards, Column, DimensionConfig, DimensionScore

numbers = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**6, 10**6).map(float))
scores = st.builds(
    DimensionScore, code=st.text(min_size=1, max_size=12), source=st.sampled_from(["metric", "rating", "review_360", "okr"]),
    weight=st.integers(0, 100), raw=numbers, points=numbers, weighted=st.floats(0, 200), progress=st.floats(0, 1),
    missing=st.booleans(), reason=st.one_of(st.none(), st.sampled_from(["no_data", "no_target", "no ratings yet 尚无评分"])),
    detail=st.one_of(st.just({}), st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3)))


@given(st.lists(scores, max_size=12))
def test_a_packed_card_reads_back_as_its_scores(found):
    # when
    record, notes = card_scores.pack(found)
    # then
    assert card_scores.entries(record, notes) == [s.as_json() for s in found]


def test_non_finite_raw_values_read_as_none_and_notes_only_where_needed():
    # given
    plain = DimensionScore("a", "metric", 10, float("inf"), 0.0, 0.0, 0.0, True, "no_data")
    rated = DimensionScore("b", "rating", 20, 4.0, 80.0, 16.0, 0.8, False, None, {"count": 3})
    # when
    record, notes = card_scores.pack([plain, rated])
    # then
    assert card_scores.entries(record, notes)[0]["raw"] is None and card_scores.entries(record, notes)[0]["reason"] == "no_data"
    assert notes == {"1": {"detail": {"count": 3}}}
    assert card_scores.pack([plain])[1] is None


def test_an_unknown_format_is_refused_and_an_empty_record_has_no_dimensions():
    with pytest.raises(ValueError, match="format"):
        card_scores.unpack(b"\x09\x00", None)
    assert card_scores.entries(b"", None) == []


# What scoring produces: finite points (capped), none for a dimension that cannot be scored.
card_entries = scores.map(lambda s: replace(s, points=None if s.points is None else min(abs(s.points), 1e6)))


def _columns(people: list[list[DimensionScore]]) -> Cards:
    """The same dimensions for everyone (each column takes its code, source and weight from the first)."""
    columns = []
    for k, first in enumerate(people[0]):
        config = DimensionConfig(code=first.code, weight=first.weight, source=first.source)
        columns.append(Column.of(config, [replace(p[k], code=first.code, source=first.source, weight=first.weight)
                                          for p in people]))
    return Cards(columns, [])


@given(st.lists(st.lists(card_entries, min_size=3, max_size=3), min_size=1, max_size=4), st.data())
def test_everyone_packed_at_once_equals_each_card_packed_alone(people, data):
    # given some people of the cards, in any order
    cards = _columns(people)
    matrix = score_matrix.from_cards(cards, len(people))
    chosen = data.draw(st.lists(st.integers(0, len(people) - 1), max_size=len(people)))
    # when
    records, notes = card_scores.pack_matrix(matrix, chosen)
    # then
    assert list(zip(records, notes)) == [card_scores.pack([c.score(i) for c in cards.columns]) for i in chosen]


@given(st.lists(st.lists(card_entries, min_size=2, max_size=2), min_size=2, max_size=4))
def test_equal_content_has_an_equal_digest_and_different_content_a_different_one(people):
    # given
    cards = _columns(people)
    packed = [card_scores.pack([c.score(i) for c in cards.columns]) for i in range(len(people))]
    # when
    digests = card_digests_of(cards, 0, len(people))
    # then: people with the same packed card share the digest, and only they
    for i in range(len(people)):
        for j in range(len(people)):
            assert (digests[i] == digests[j]) == (packed[i] == packed[j])


def test_the_digest_covers_every_number_the_reason_the_detail_and_the_dimension():
    # given one card and variants differing in one field each
    base = DimensionScore("a", "rating", 10, 4.0, 80.0, 8.0, 0.8, False, None, {"count": 1})
    variants = [replace(base, raw=4.5), replace(base, points=81.0), replace(base, weighted=8.1),
                replace(base, progress=0.81), replace(base, missing=True), replace(base, reason="no_data"),
                replace(base, detail={"count": 2}), replace(base, weight=20), replace(base, code="b"),
                replace(base, source="review_360")]
    # when
    digests = [card_digests_of(_columns([[s]]), 0, 1)[0] for s in [base, *variants]]
    # then
    assert len(set(digests)) == len(digests) and card_digests_of(_columns([[base]]), 0, 1)[0] == digests[0]


def test_a_digest_depends_only_on_that_persons_card():
    # given two people, then the second one missing a value (a reason and a flag in the same column)
    scored = DimensionScore("a", "metric", 10, 40.0, 80.0, 8.0, 0.8, False)
    missing = DimensionScore("a", "metric", 10, None, 0.0, 0.0, 0.0, True, "no_data")
    # when
    before = card_digests_of(_columns([[scored], [scored]]), 0, 2)
    after = card_digests_of(_columns([[scored], [missing]]), 0, 2)
    # then: the first person's digest does not move
    assert after[0] == before[0] == before[1] and after[1] != before[1]
