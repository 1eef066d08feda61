"""Per-request DataLoaders for the reward pool."""
from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.rewards import catalogue
from backend.rewards.models import RewardItem


class RewardsLoaders:
    def __init__(self, actor: Actor) -> None:
        async def items(ids: list[UUID]) -> list[RewardItem | None]:
            return await catalogue.items_by_ids(actor, ids)

        self.item = DataLoader(load_fn=items)
