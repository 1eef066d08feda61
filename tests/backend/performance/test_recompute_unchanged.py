"""A full recompute over unchanged inputs rewrites no card (they are compared by value and content digest),
a changed input rewrites exactly the cards it changes, and a card stored without a digest is rewritten once."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.core import clock
from backend.performance import recompute
from backend.performance.models import Scorecard
from tests.factories.performance import put_value
from tests.factories.performance_scoring import cards, make_scene

EARLIER = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
LATER = EARLIER + timedelta(hours=1)


async def test_a_rerun_over_unchanged_inputs_rewrites_no_card(db, count_queries):
    # given everyone scored once
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    with clock.frozen_at(EARLIER):
        await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    before = {n: (x.id, x.total, x.dimensions, x.content_digest) for n, x in (await cards(scene)).items()}
    # when
    statements = count_queries.count
    with clock.frozen_at(LATER):
        scored = await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then: everyone scored, nothing written, no card touched
    found = await cards(scene)
    assert scored == 3
    assert {n: (x.id, x.total, x.dimensions, x.content_digest) for n, x in found.items()} == before
    assert {x.computed_at for x in found.values()} == {EARLIER}
    writes = ("INSERT INTO \"SCORECARD\"", "UPDATE \"SCORECARD\"")
    assert not [s for s in count_queries.statements[statements:] if s.upper().startswith(writes)]


async def test_a_changed_input_rewrites_only_the_cards_it_changes(db):
    # given everyone scored once: manager 0, worker 45, peer 0 (so the peer and the manager tie)
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    with clock.frozen_at(EARLIER):
        await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # when the peer's quality arrives (40 × 20/50 = 16 points)
    await put_value(c.system, scene.cycle, c.peer.employee.id, "quality", 20)
    with clock.frozen_at(LATER):
        await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then the peer's card is rewritten with its new dimension; the manager's rank moved (tie broken), so
    # it is rewritten too; the worker's card stays as it was
    found = await cards(scene)
    peer = found["Acme Peer"]
    assert (peer.computed_at, peer.total, peer.rank_organization) == (LATER, 16.0, 2)
    assert [d["raw"] for d in peer.dimensions] == [None, 20.0]
    assert (found["Acme Manager"].computed_at, found["Acme Manager"].rank_organization) == (LATER, 3)
    assert (found["Acme Worker"].computed_at, found["Acme Worker"].rank_organization) == (EARLIER, 1)


async def test_a_card_stored_without_a_digest_is_rewritten_once(db):
    # given a card written before digests existed
    scene = await make_scene()
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
    with clock.frozen_at(EARLIER):
        await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    digest = (await cards(scene))["Acme Worker"].content_digest
    await Scorecard.of(c.system).filter(cycle_id=scene.cycle.id).update(content_digest=None)
    # when
    with clock.frozen_at(LATER):
        await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # then
    worker = (await cards(scene))["Acme Worker"]
    assert digest is not None and len(digest) == 32
    assert (worker.content_digest, worker.computed_at, worker.total) == (digest, LATER, 45.0)
