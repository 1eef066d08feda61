"""The recompute is set-based: the same number of SQL statements for 100 as for 1,000 people on a track of
20 requirements, with records present and levels being reached (events recorded in bulk)."""
from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime

from backend.core import clock
from backend.core.models import OutboxEvent
from backend.growth import progress
from backend.growth.events import LevelReached
from backend.growth.models import (
    Aggregate, EvidenceKind, GrowthRecompute, GrowthRecord, LevelProgress, RecordSource, RecordStatus,
)
from backend.growth.track_specs import LevelDraft
from backend.org.models import Employee
from tests.factories.growth import TENURE_12, assign, eq, make_track, requirement, rule
from tests.factories.org import Company, make_company

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
_numbers = itertools.count(1)


def _twenty() -> tuple[LevelDraft, ...]:
    """Four levels of five requirements each."""
    def five(n: int) -> tuple:  # type: ignore[type-arg]
        return (requirement(f"{n} safety", rule(EvidenceKind.TRAINING, 1, conditions=eq("category", "safety"))),
                requirement(f"{n} hours", rule(EvidenceKind.TRAINING, 8 * n, aggregate=Aggregate.SUM)),
                requirement(f"{n} projects", rule(EvidenceKind.PROJECT, n, window_days=365)),
                requirement(f"{n} mentees", rule(EvidenceKind.MENTORING, n, aggregate=Aggregate.DISTINCT, field="mentee_id")),
                requirement(f"{n} tenure", TENURE_12) if n > 1 else
                requirement("1 award", rule(EvidenceKind.COMPETITION_AWARD, 1)))
    codes = ["l1", "l2", "l3", "l4"]
    return tuple(LevelDraft(code=code, name_en=code, name_zh=code, previous_code=codes[i - 1] if i else None,
                            requirements=five(i + 1)) for i, code in enumerate(codes))


async def _organisation(name: str, n: int) -> Company:
    c = await make_company(name)
    track = await make_track(c.hr.actor, levels=_twenty())
    people = [Employee.build_for(c.system, id=uuid.uuid4(), employee_number=f"B{next(_numbers):06d}", name=f"{name} {i}",
                                 hire_date=date(2023, 1, 1), job_title="Operator", level="L1") for i in range(n)]
    await Employee.bulk_create(people)
    await assign(c.hr.actor, [p.id for p in people], track, "l1", date(2025, 1, 1))
    records = []
    for p in people:  # enough for l2: a safety training, 16 hours, 2 projects, 2 mentees (tenure is met)
        for kind, attributes, quantity in ((EvidenceKind.TRAINING, {"category": "safety"}, 8.0),
                                           (EvidenceKind.TRAINING, {"category": "equipment"}, 8.0),
                                           (EvidenceKind.PROJECT, {}, None), (EvidenceKind.PROJECT, {}, None),
                                           (EvidenceKind.MENTORING, {"mentee_id": "a"}, None),
                                           (EvidenceKind.MENTORING, {"mentee_id": "b"}, None)):
            records.append(GrowthRecord.build_for(
                c.system, id=uuid.uuid4(), employee_id=p.id, kind=kind, title="r", occurred_on=date(2026, 6, 1),
                quantity=quantity, attributes=attributes, status=RecordStatus.CONFIRMED, source=RecordSource.IMPORT,
                source_ref=f"bulk:{uuid.uuid4()}"))
    await GrowthRecord.bulk_create(records, batch_size=2000)
    return c


async def _statements(counter, c: Company, **kwargs) -> int:  # type: ignore[no-untyped-def]
    before = counter.count
    with clock.frozen_at(NOW):
        await progress.recompute(c.system, **kwargs)
    return counter.count - before


async def test_recompute_statements_do_not_grow_with_headcount(db, count_queries):
    # given organisations of 100 and 1,000 people on a track of 20 requirements
    small, large = await _organisation("Small", 100), await _organisation("Large", 1000)
    await GrowthRecompute.all().delete()
    # when everyone is computed (every row new, every person reaching l2)
    counts = [await _statements(count_queries, small), await _statements(count_queries, large)]
    # then
    print(f"growth recompute statements: {counts} for 100 and 1,000 people")
    assert counts[0] == counts[1]
    assert counts[0] <= 12
    assert await LevelProgress.of(large.system).count() == 4 * 1000
    assert await OutboxEvent.filter(tenant_id=large.org.id, type=LevelReached.type).count() == 1000


async def test_marked_recompute_statements_do_not_grow_with_marks(db, count_queries):
    # given both organisations computed, then everyone marked again
    small, large = await _organisation("Small", 100), await _organisation("Large", 1000)
    for c in (small, large):
        with clock.frozen_at(NOW):
            await progress.recompute(c.system)
    await GrowthRecompute.all().update(requested_at=datetime(2026, 11, 19, tzinfo=UTC))
    # when
    counts = [await _statements(count_queries, c, only_marked=True) for c in (small, large)]
    # then
    print(f"marked growth recompute statements: {counts} for 100 and 1,000 marked people")
    assert counts[0] == counts[1]
    assert await GrowthRecompute.all().count() == 0
