"""GraphQL for performance: scores (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class ScoresQuery:
    pass


@strawberry.type
class ScoresMutation:
    pass
