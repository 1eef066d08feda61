"""Scoring many people at once (a dimension at a time) gives each exactly the card they get alone, and
ranking by position gives the same standings as ranking by key."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backend.performance import ranking, scoring
from backend.performance.scoring import Curve, DimensionConfig, Inputs, KeyResultInput, ObjectiveInput

CONFIGS = [
    DimensionConfig(code="sales", weight=30, source=scoring.METRIC, metric_code="sales",
                    curve=Curve(500_000, floor_ratio=0.5, cap_points=120)),
    DimensionConfig(code="defects", weight=10, source=scoring.METRIC, metric_code="defects",
                    curve=Curve(3, direction=scoring.LOWER, cap_points=150)),
    DimensionConfig(code="broken", weight=5, source=scoring.METRIC, metric_code="sales", curve=Curve(None)),
    DimensionConfig(code="attendance", weight=10, source=scoring.ATTENDANCE, curve=Curve(98)),
    DimensionConfig(code="mentoring", weight=15, source=scoring.RATING),
    DimensionConfig(code="teamwork", weight=15, source=scoring.REVIEW_360),
    DimensionConfig(code="delivery", weight=15, source=scoring.OKR),
]
values = st.dictionaries(st.sampled_from(["sales", "defects", "attendance_rate"]),
                         st.floats(-10, 1_000_000, allow_nan=False) | st.sampled_from([0.0, 2.675, 1.005, 250_000.0]))
relations = st.sampled_from([scoring.SELF, scoring.PEER, scoring.REPORT, scoring.MANAGER])
ratings = st.dictionaries(st.sampled_from(["mentoring", "teamwork"]),
                          st.lists(st.tuples(relations, st.integers(1, 5)), max_size=4))
key_results = st.builds(KeyResultInput, start=st.floats(0, 10), current=st.floats(0, 20), target=st.floats(0, 10),
                        weight=st.integers(0, 3))
objectives = st.lists(st.builds(ObjectiveInput, weight=st.integers(0, 3), key_results=st.lists(key_results, max_size=2)),
                      max_size=2)
people = st.lists(st.builds(Inputs, values=values, ratings=ratings, objectives=objectives), max_size=6)


@given(people)
def test_scoring_everyone_at_once_gives_each_their_own_card(found):
    # when
    cards = scoring.score_cards(CONFIGS, found)
    # then
    assert [cards.card(i) for i in range(len(found))] == [scoring.score_card(CONFIGS, p) for p in found]
    assert [cards.totals[i] for i in range(len(found))] == [scoring.total(cards.card(i)[0]) for i in range(len(found))]


def test_scoring_nobody_gives_no_cards():
    # then
    assert scoring.score_cards(CONFIGS, []).totals == [] and scoring.score_cards([], [Inputs()]).card(0) == (
        [], scoring.Total(total=0.0, completion=0.0, missing=0))


@given(st.lists(st.tuples(st.sampled_from(["a", "b", None]), st.sampled_from([10.0, 20.5, 30.0, 0.0])), max_size=12))
def test_places_by_position_equal_standings_by_key(rows):
    # given
    keyed = [(i, department, total) for i, (department, total) in enumerate(rows)]
    # when
    places = ranking.places(rows)
    # then
    standings = ranking.standings(keyed)
    assert places == [(s.rank_department, s.rank_organization, s.percentile_department, s.percentile_organization)
                      for s in (standings[i] for i in range(len(rows)))]
