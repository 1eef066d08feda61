"""Per-request DataLoaders for recognition: company values and badges by id."""
from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.achievements import badges
from backend.achievements.models import Badge
from backend.recognition import values
from backend.recognition.models import CompanyValue


class RecognitionLoaders:
    def __init__(self, actor: Actor) -> None:
        async def load_values(ids: list[UUID]) -> list[CompanyValue | None]:
            return await values.values_by_ids(actor, ids)

        async def load_badges(ids: list[UUID]) -> list[Badge | None]:
            return await badges.badges_by_ids(actor, ids)

        self.value = DataLoader(load_fn=load_values)
        self.badge = DataLoader(load_fn=load_badges)
