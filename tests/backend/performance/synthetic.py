"""A synthetic organisation for the anomaly detectors: honest departments with realistic noise, plus one
injected case of every pattern, all from a seeded RNG (plain dataclasses, no database).

Honest model: each department has a small offset (sd 3); a person's ability is 70 + offset ± 10; objective
points are ability ± 6; the manager's 1..5 rating is ability / 20 ± 0.4 (a rater bias ± 0.15), worth 20
points a level; total = 70 % objective + 30 % rating. Everyone rates 3 random colleagues (peer, ability / 20
± 0.5, bias ± 0.2) and themselves. Most people have 3 earlier totals (ability ± 5), some fewer.

Injected (distinct departments): an inflated department (+25 on everything), an "all high" department
(objective 93 ± 2.5, every rating 5), a 考核同盟 department (normal results, the manager rates 95 % of them 5),
a lenient peer rater (+1.5 on 6 colleagues), a reciprocal pair of average people rating each other 5, one
sudden jump (+35 over a 3-cycle baseline), one department paid evenly within an otherwise score-share pool,
and a second pool paid evenly to everyone.

Each detector is scored on its own subjects: `truth` = injected for it, `tainted` = touched by another
injection (neither a hit nor a false positive: e.g. people of the inflated department do jump), every other
candidate is honest."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from uuid import UUID

from backend.performance.detectors import Labels, PersonScore, PoolShare, RatingGiven
from backend.performance.models import AnomalyKind, RaterRelation

DEPARTMENTS = 12
PEOPLE_PER_DEPARTMENT = 15
PEER_RATINGS_EACH = 3


@dataclass
class SyntheticOrg:
    people: list[PersonScore]
    ratings: list[RatingGiven]
    pools: list[tuple[UUID, list[PoolShare]]]
    labels: Labels
    truth: dict[AnomalyKind, set[str]] = field(default_factory=dict)
    tainted: dict[AnomalyKind, set[str]] = field(default_factory=dict)
    candidates: dict[AnomalyKind, set[str]] = field(default_factory=dict)


@dataclass
class _Person:
    id: UUID
    department: UUID
    ability: float
    objective: float = 0.0
    rating: int = 3
    history: tuple[float, ...] = ()
    total: float = 0.0


def build(seed: int) -> SyntheticOrg:
    rng = random.Random(seed)

    def new_id() -> UUID:  # deterministic ids per seed
        return UUID(int=rng.getrandbits(128), version=4)

    departments = [new_id() for _ in range(DEPARTMENTS)]
    inflated, all_high, alliance, lenient_dept, pair_dept, jump_dept, flat_dept = rng.sample(departments, 7)
    managers = {d: new_id() for d in departments}
    staff: list[_Person] = []
    for dept in departments:
        offset = rng.gauss(0, 3)
        bias = rng.gauss(0, 0.15)
        for _ in range(PEOPLE_PER_DEPARTMENT):
            p = _Person(id=new_id(), department=dept, ability=rng.gauss(70 + offset, 10))
            if dept == inflated:
                p.ability += 25
            p.objective = _clip(p.ability + rng.gauss(0, 6), 0, 120)
            p.rating = _level(p.ability / 20 + bias + rng.gauss(0, 0.4))
            if dept == all_high:
                p.objective, p.rating = _clip(rng.gauss(93, 2.5), 0, 120), 5
            if dept == alliance:
                p.rating = 5 if rng.random() < 0.95 else 4
            p.history = tuple(round(p.ability + rng.gauss(0, 5), 2) for _ in range(rng.choice([0, 1, 2, 3, 3, 3, 3])))
            staff.append(p)
    for p in staff:
        p.total = round(0.7 * p.objective + 0.3 * p.rating * 20, 2)
    jumper = rng.choice([p for p in staff if p.department == jump_dept])
    jumper.history = tuple(round(jumper.total - 35 + rng.gauss(0, 3), 2) for _ in range(3))

    ratings = [RatingGiven(managers[p.department], p.id, RaterRelation.MANAGER, p.rating) for p in staff]
    ratings += [RatingGiven(p.id, p.id, RaterRelation.SELF, _level(p.ability / 20 + 0.5)) for p in staff]
    by_dept = {d: [p for p in staff if p.department == d] for d in departments}
    lenient = rng.choice(by_dept[lenient_dept])
    average = sorted(by_dept[pair_dept], key=lambda p: abs(p.ability - 68))[:2]
    pair = {average[0].id, average[1].id}
    for p in staff:
        colleagues = [c for c in by_dept[p.department] if c.id != p.id and not (p.id in pair and c.id in pair)]
        rater_bias = 1.5 if p is lenient else rng.gauss(0, 0.2)
        for c in rng.sample(colleagues, 6 if p is lenient else PEER_RATINGS_EACH):
            ratings.append(RatingGiven(p.id, c.id, RaterRelation.PEER, _level(c.ability / 20 + rater_bias + rng.gauss(0, 0.5))))
    ratings += [RatingGiven(average[0].id, average[1].id, RaterRelation.PEER, 5),
                RatingGiven(average[1].id, average[0].id, RaterRelation.PEER, 5)]

    people = [PersonScore(employee_id=p.id, department_id=p.department, total=p.total, rating_points=p.rating * 20.0,
                          objective_points=p.objective, previous_totals=p.history) for p in staff]
    top = _top_tier(people)
    people = [PersonScore(p.employee_id, p.department_id, p.total, p.rating_points, p.objective_points,
                          p.previous_totals, p.employee_id in top) for p in people]
    honest_pool, flat_pool = new_id(), new_id()
    org = SyntheticOrg(people=people, ratings=ratings, labels=Labels(
        departments={d: f"D{i + 1}" for i, d in enumerate(departments)}),
        pools=[(honest_pool, _pool(staff, 18_000_000, flat_departments={flat_dept})),
               (flat_pool, _pool(staff, 18_000_000, flat_departments=set(departments)))])
    _score_sheet(org, departments, managers, staff, inflated=inflated, all_high=all_high, alliance=alliance,
                 lenient=lenient.id, pair=(average[0].id, average[1].id), jumper=jumper.id, flat_dept=flat_dept,
                 pools=(honest_pool, flat_pool))
    return org


def _score_sheet(org: SyntheticOrg, departments: list[UUID], managers: dict[UUID, UUID], staff: list[_Person], *,
                 inflated: UUID, all_high: UUID, alliance: UUID, lenient: UUID, pair: tuple[UUID, UUID], jumper: UUID,
                 flat_dept: UUID, pools: tuple[UUID, UUID]) -> None:
    def dept(d: UUID) -> str:
        return f"dept:{d}"

    injected_depts = {dept(d) for d in (inflated, all_high, alliance)}
    a, b = sorted(pair, key=str)
    org.candidates = {
        AnomalyKind.DEPARTMENT_INFLATED: {dept(d) for d in departments},
        AnomalyKind.ALL_HIGH: {dept(d) for d in departments},
        AnomalyKind.RATING_ALLIANCE: {dept(d) for d in departments},
        AnomalyKind.LENIENT_RATER: {f"rater:{m}" for m in managers.values()} | {f"rater:{lenient}"},
        AnomalyKind.RECIPROCAL_PAIR: _mutual_pairs(org.ratings),
        AnomalyKind.SUDDEN_JUMP: {f"person:{p.id}" for p in staff if len(p.history) >= 2},
        AnomalyKind.UNDIFFERENTIATED_POOL: {f"pool:{pools[0]}"} | {f"pool:{pools[0]}:dept:{d}" for d in departments}
        | {f"pool:{pools[1]}"},
    }
    org.truth = {
        AnomalyKind.DEPARTMENT_INFLATED: {dept(inflated), dept(all_high)},
        AnomalyKind.ALL_HIGH: {dept(all_high)},
        AnomalyKind.RATING_ALLIANCE: {dept(alliance)},
        AnomalyKind.LENIENT_RATER: {f"rater:{lenient}", f"rater:{managers[alliance]}"},
        AnomalyKind.RECIPROCAL_PAIR: {f"pair:{a}:{b}"},
        AnomalyKind.SUDDEN_JUMP: {f"person:{jumper}"},
        AnomalyKind.UNDIFFERENTIATED_POOL: {f"pool:{pools[0]}:dept:{flat_dept}", f"pool:{pools[1]}"},
    }
    in_injected = {p.id for p in staff if dept(p.department) in injected_depts}
    org.tainted = {
        AnomalyKind.DEPARTMENT_INFLATED: injected_depts,
        AnomalyKind.ALL_HIGH: injected_depts,
        AnomalyKind.RATING_ALLIANCE: injected_depts,
        AnomalyKind.LENIENT_RATER: {f"rater:{managers[d]}" for d in (inflated, all_high)},
        AnomalyKind.RECIPROCAL_PAIR: {k for k in org.candidates[AnomalyKind.RECIPROCAL_PAIR]
                                      if str(lenient) in k or any(str(i) in k for i in in_injected)},
        AnomalyKind.SUDDEN_JUMP: {f"person:{i}" for i in in_injected},
        AnomalyKind.UNDIFFERENTIATED_POOL: set(),
    }
    for kind, keys in org.tainted.items():
        org.tainted[kind] = keys - org.truth[kind]


def _mutual_pairs(ratings: list[RatingGiven]) -> set[str]:
    given = {(r.rater_id, r.employee_id) for r in ratings if r.relation == RaterRelation.PEER}
    return {f"pair:{x}:{y}" for x, y in given if str(x) < str(y) and (y, x) in given}


def _pool(staff: list[_Person], amount_minor: int, *, flat_departments: set[UUID]) -> list[PoolShare]:
    """Department pools by headcount, then by score share, or evenly in `flat_departments`."""
    shares: list[PoolShare] = []
    per_person = amount_minor // len(staff)
    for dept in sorted({p.department for p in staff}, key=str):
        members = [p for p in staff if p.department == dept]
        budget, total = per_person * len(members), sum(p.total for p in members)
        for p in members:
            amount = budget // len(members) if dept in flat_departments else int(budget * p.total / total)
            shares.append(PoolShare(p.id, dept, amount, p.total))
    return shares


def _top_tier(people: list[PersonScore]) -> set[UUID]:
    ranked = sorted(people, key=lambda p: (-p.total, str(p.employee_id)))
    return {p.employee_id for p in ranked[:len(ranked) // 10]}


def _level(value: float) -> int:
    return int(_clip(round(value), 1, 5))


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
