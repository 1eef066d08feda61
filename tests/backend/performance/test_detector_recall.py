"""Recall and false-positive rate of every anomaly detector over 50 synthetic organisations (12 departments
× 15 people, see synthetic.py). Run with -s to see the rates printed. One organisation also goes through the
database path (run_detectors) to show it finds the same."""
from __future__ import annotations

from collections import Counter

from backend.performance import anomalies
from backend.performance.detectors import Finding, Thresholds, run_all, undifferentiated_pool
from backend.performance.models import AnomalyKind
from tests.backend.performance import synthetic
from tests.factories.performance_review import load_synthetic

SEEDS = range(50)


def _findings(org: synthetic.SyntheticOrg) -> list[Finding]:
    found = run_all(org.people, org.ratings, Thresholds(), org.labels)
    for pool_id, shares in org.pools:
        found += undifferentiated_pool(pool_id, shares, Thresholds(), org.labels)
    return found


def _rates() -> dict[AnomalyKind, tuple[float, float, int, int]]:
    hits, positives, false_hits, honest = Counter[AnomalyKind](), Counter[AnomalyKind](), Counter[AnomalyKind](), Counter[AnomalyKind]()
    for seed in SEEDS:
        org = synthetic.build(seed)
        flagged = {(f.kind, f.subject_key) for f in _findings(org)}
        for kind in AnomalyKind:
            truth = org.truth[kind]
            clean = org.candidates[kind] - truth - org.tainted[kind]
            got = {key for k, key in flagged if k == kind}
            hits[kind] += len(truth & got)
            positives[kind] += len(truth)
            false_hits[kind] += len(clean & got)
            honest[kind] += len(clean)
    return {k: (hits[k] / positives[k], false_hits[k] / honest[k], positives[k], honest[k]) for k in AnomalyKind}


def test_every_detector_catches_injected_anomalies_and_spares_honest_subjects() -> None:
    # given
    rates = _rates()
    # when
    print("\ndetector                 recall  false-positive rate  (injected, honest subjects over 50 seeds)")
    for kind, (recall, false_rate, positives, honest) in rates.items():
        print(f"{kind.value:24} {recall:6.3f}  {false_rate:6.4f}               ({positives}, {honest})")
    # then
    assert {k.value: r[0] >= 0.9 for k, r in rates.items()} == {k.value: True for k in AnomalyKind}
    assert {k.value: r[1] <= 0.05 for k, r in rates.items()} == {k.value: True for k in AnomalyKind}


def test_the_synthetic_organisation_is_the_same_for_a_seed() -> None:
    # given / when
    first, second = synthetic.build(7), synthetic.build(7)
    # then
    assert [p.total for p in first.people] == [p.total for p in second.people]
    assert first.truth == second.truth
    assert len(first.people) == 180


async def test_the_database_run_finds_what_the_pure_detectors_find(db):
    # given seed 3's synthetic organisation (180 people, 12 departments) written as rows
    org = synthetic.build(3)
    company, cycle, pools = await load_synthetic(org)
    # when
    flags = await anomalies.run_detectors(company.hr.actor, cycle_id=cycle.id, pool_id=pools[0].id)
    flags += await anomalies.run_detectors(company.hr.actor, cycle_id=cycle.id, pool_id=pools[1].id)
    # then: the same findings as the pure run over the same numbers, and every injected case among them
    pure = {(f.kind, f.subject_key) for f in _findings(org)}
    assert {(f.kind, f.subject_key) for f in flags} == pure
    injected = {(kind, key) for kind, keys in org.truth.items() for key in keys}
    assert injected <= pure
