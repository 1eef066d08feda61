"""Per-request DataLoaders for scorecards (dimension names of a template version, tiers of a card), kept on
the request's Context under a private attribute so lists of cards cost one query per kind of lookup."""
from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.performance import queries
from backend.performance.models import Dimension, TierCode
from schema.context import Info

_ATTRIBUTE = "_performance_score_loaders"


class ScoreLoaders:
    def __init__(self, actor: Actor) -> None:
        async def dimensions(version_ids: list[UUID]) -> list[list[Dimension]]:
            return await queries.dimensions_by_version_ids(actor, version_ids)

        async def tiers(keys: list[tuple[UUID, UUID]]) -> list[list[TierCode]]:
            return await queries.tiers_by_cards(actor, keys)

        self.dimensions = DataLoader(load_fn=dimensions)
        self.tiers = DataLoader(load_fn=tiers)


def score_loaders(info: Info) -> ScoreLoaders:
    # The shared Context has no slot for this domain yet; one instance per request all the same.
    found: ScoreLoaders | None = getattr(info.context, _ATTRIBUTE, None)
    if found is None:
        found = ScoreLoaders(info.context.actor)
        setattr(info.context, _ATTRIBUTE, found)
    return found
