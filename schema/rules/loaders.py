"""Per-request DataLoaders for rules."""
from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.rules import service as rules


class RulesLoaders:
    def __init__(self, actor: Actor) -> None:
        async def counts(ids: list[UUID]) -> list[int]:
            return await rules.firing_counts(actor, ids)

        self.firing_count = DataLoader(load_fn=counts)
