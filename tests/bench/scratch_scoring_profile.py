import time
import pytest
from backend.core import db as core_db, clock
from backend.performance import recompute
from backend.performance.models import CycleStatus, ReviewCycle
from backend.performance.recompute_inputs import load
from backend.performance.scorecard_store import upsert
from tests.bench.test_scoring_recompute import _organisation, recompute_open_cycles
pytestmark = pytest.mark.bench

async def test_profile(db):
    if db.backend != "postgres":
        pytest.skip()
    system, cycle, version = await _organisation()
    await ReviewCycle.of(system).filter(id=cycle.previous_id).update(status=CycleStatus.CLOSED)
    await recompute_open_cycles({})
    for _ in range(3):
        t0 = time.perf_counter()
        inputs = await load(system, cycle, None)
        t1 = time.perf_counter()
        rows, moved, stale = recompute._compute(inputs, None)
        t2 = time.perf_counter()
        async with core_db.transaction():
            await upsert(system, cycle_id=cycle.id, rows=rows, computed_at=clock.now())
        t3 = time.perf_counter()
        print(f"load {t1-t0:.3f} compute {t2-t1:.3f} write {t3-t2:.3f}")

async def test_write_variants(db):
    if db.backend != "postgres":
        pytest.skip()
    import dataclasses
    system, cycle, version = await _organisation()
    await ReviewCycle.of(system).filter(id=cycle.previous_id).update(status=CycleStatus.CLOSED)
    await recompute_open_cycles({})
    inputs = await load(system, cycle, None)
    rows, moved, stale = recompute._compute(inputs, None)
    small = [dataclasses.replace(r, dimensions="[]") for r in rows]
    for label, rs in (("full", rows), ("nojson", small), ("full", rows)):
        t2 = time.perf_counter()
        async with core_db.transaction():
            await upsert(system, cycle_id=cycle.id, rows=rs, computed_at=clock.now())
        print(label, f"{time.perf_counter()-t2:.3f}", sum(len(r.dimensions) for r in rs)//len(rs))
    from tortoise import Tortoise
    conn = Tortoise.get_connection("default")
    _, r = await conn.execute_query("select pg_size_pretty(pg_total_relation_size('scorecard')) s, current_setting('synchronous_commit') sc, current_setting('wal_level') wl")
    print(r)

async def test_load_parts(db):
    if db.backend != "postgres":
        pytest.skip()
    from backend.performance import recompute_inputs as ri
    from backend.performance.models import MetricValue
    system, cycle, version = await _organisation()
    for _ in range(3):
        t0 = time.perf_counter()
        rows = await ri._fetch(MetricValue.of(system).filter(cycle_id=cycle.id).values_list("employee_id", "metric_code", "value"))
        t1 = time.perf_counter()
        d = {}
        for e, m, v in rows:
            x = d.get(e)
            if x is None:
                x = d[e] = {}
            x[m] = v
        t2 = time.perf_counter()
        people = await ri._people(system, None, None)
        t3 = time.perf_counter()
        tpl = await ri._templates(system)
        t4 = time.perf_counter()
        ex = await ri._existing(system, cycle.id)
        t5 = time.perf_counter()
        print(f"fetch {t1-t0:.3f} dicts {t2-t1:.3f} people {t3-t2:.3f} templates {t4-t3:.3f} existing {t5-t4:.3f}")

async def test_compute_profile(db):
    if db.backend != "postgres":
        pytest.skip()
    import cProfile, pstats, io
    system, cycle, version = await _organisation()
    inputs = await load(system, cycle, None)
    t = time.perf_counter(); recompute._compute(inputs, None); print("plain", time.perf_counter() - t)
    pr = cProfile.Profile(); pr.enable(); recompute._compute(inputs, None); pr.disable()
    s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats("tottime").print_stats(15); print(s.getvalue()[:4000])
