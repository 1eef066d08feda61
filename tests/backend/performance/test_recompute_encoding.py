"""The hand-written dimensions JSON is exactly the document json.dumps would write."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from backend.performance.scorecard_store import encode_dimensions
from backend.performance.scoring import DimensionScore

numbers = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**6, 10**6).map(float))
scores = st.builds(
    DimensionScore, code=st.text(min_size=1, max_size=12), source=st.sampled_from(["metric", "rating", "review_360", "okr"]),
    weight=st.integers(0, 100), raw=numbers, points=numbers, weighted=st.floats(0, 200), progress=st.floats(0, 1),
    missing=st.booleans(), reason=st.one_of(st.none(), st.sampled_from(["no_data", "no_target"])),
    detail=st.one_of(st.just({}), st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3)))


@given(st.lists(scores, max_size=12))
def test_encoded_dimensions_equal_json_dumps(found):
    # when
    text = encode_dimensions(found)
    # then
    assert json.loads(text) == json.loads(json.dumps([s.as_json() for s in found]))


def test_non_finite_numbers_become_null():
    # given
    score = DimensionScore("a", "metric", 10, float("inf"), 0.0, 0.0, 0.0, True)
    # then
    assert json.loads(encode_dimensions([score]))[0]["raw"] is None
