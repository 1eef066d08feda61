"""Allocation properties over generated organisations: every level sums exactly to its parent, nobody
gets a negative amount, and within a department a higher score never earns less at the same tier."""
from __future__ import annotations

from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.performance.allocation import Formula, Member, allocate
from backend.performance.models import PersonSplit, TierCode

DEPARTMENTS = [UUID(int=9001), UUID(int=9002), UUID(int=9003), None]
scores = st.floats(min_value=0, max_value=120, allow_nan=False).map(lambda x: round(x, 2))
tiers = st.frozensets(st.sampled_from(list(TierCode)), max_size=2)


@st.composite
def organisations(draw: st.DrawFn) -> list[Member]:
    size = draw(st.integers(min_value=1, max_value=40))
    return [Member(employee_id=UUID(int=n + 1), employee_number=f"E{n:04d}",
                   department_id=draw(st.sampled_from(DEPARTMENTS)), score=draw(scores), tiers=draw(tiers))
            for n in range(size)]


formulas = st.builds(
    Formula,
    department_weights=st.dictionaries(st.sampled_from([str(d) for d in DEPARTMENTS if d]),
                                       st.floats(min_value=0, max_value=5).map(lambda x: round(x, 2)), max_size=3),
    person_split=st.sampled_from(list(PersonSplit)),
    tier_multipliers=st.fixed_dictionaries({k: st.floats(min_value=0.5, max_value=4).map(lambda x: round(x, 1))
                                            for k in ("top10", "top20", "improved", "none")}),
    min_score=st.sampled_from([0.0, 40.0, 60.0]),
)
pools = st.integers(min_value=1, max_value=10**12)


def _allocatable(formula: Formula, members: list[Member]) -> bool:
    return any(m.score > 0 and m.score >= formula.min_score and formula.weight_of(m.department_id) > 0
               for m in members)


@settings(max_examples=300, deadline=None)
@given(pool=pools, formula=formulas, members=organisations())
def test_every_level_sums_exactly_and_nobody_is_negative(pool, formula, members):
    if not _allocatable(formula, members):
        return
    # when
    split = allocate(pool, formula, members)
    # then
    assert sum(d.amount_minor for d in split.departments) == pool
    for department in split.departments:
        mine = [a.amount_minor for a in split.allocations if a.department_id == department.department_id]
        assert sum(mine) == department.amount_minor
    assert all(a.amount_minor >= 0 for a in split.allocations)
    assert sorted(a.employee_id for a in split.allocations) == sorted(m.employee_id for m in members)


@settings(max_examples=300, deadline=None)
@given(pool=pools, formula=formulas, members=organisations())
def test_a_higher_score_never_earns_less_within_a_department_at_the_same_multiplier(pool, formula, members):
    if not _allocatable(formula, members):
        return
    # when
    split = allocate(pool, formula, members)
    # then
    by_id = {m.employee_id: m for m in members}
    for a in split.allocations:
        for b in split.allocations:
            same_group = a.department_id == b.department_id and a.basis["multiplier"] == b.basis["multiplier"]
            if same_group and by_id[a.employee_id].score > by_id[b.employee_id].score:
                assert a.amount_minor >= b.amount_minor


@settings(max_examples=100, deadline=None)
@given(pool=pools, formula=formulas, members=organisations())
def test_the_split_is_the_same_whatever_the_input_order(pool, formula, members):
    if not _allocatable(formula, members):
        return
    # when
    forward, backward = allocate(pool, formula, members), allocate(pool, formula, list(reversed(members)))
    # then
    assert {a.employee_id: a.amount_minor for a in forward.allocations} == \
           {a.employee_id: a.amount_minor for a in backward.allocations}
