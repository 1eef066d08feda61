"""Per-request DataLoaders for performance: dimension names of a template version, tiers of a card, a
cycle's scored headcount, cycles by id and whether an appeal's correction came after a bonus lock (lists
of cards, cycles and appeals cost one query per lookup kind).
The Context builds one instance per request (`info.context.performance`)."""
from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.performance import appeal_queries, cycles, queries
from backend.performance.models import Dimension, ReviewCycle, TierCode


class PerformanceLoaders:
    def __init__(self, actor: Actor) -> None:
        async def dimensions(version_ids: list[UUID]) -> list[list[Dimension]]:
            return await queries.dimensions_by_version_ids(actor, version_ids)

        async def tiers(keys: list[tuple[UUID, UUID]]) -> list[list[TierCode]]:
            return await queries.tiers_by_cards(actor, keys)

        async def scored_counts(cycle_ids: list[UUID]) -> list[int]:
            return await cycles.scored_counts(actor, cycle_ids)

        async def cycles_by_ids(cycle_ids: list[UUID]) -> list[ReviewCycle | None]:
            return await cycles.cycles_by_ids(actor, cycle_ids)

        async def after_lock(appeal_ids: list[UUID]) -> list[bool]:
            return await appeal_queries.corrections_after_lock(actor, appeal_ids)

        self.dimensions: DataLoader[UUID, list[Dimension]] = DataLoader(load_fn=dimensions)
        self.tiers: DataLoader[tuple[UUID, UUID], list[TierCode]] = DataLoader(load_fn=tiers)
        self.scored_count: DataLoader[UUID, int] = DataLoader(load_fn=scored_counts)
        self.cycle: DataLoader[UUID, ReviewCycle | None] = DataLoader(load_fn=cycles_by_ids)
        self.correction_after_lock: DataLoader[UUID, bool] = DataLoader(load_fn=after_lock)
