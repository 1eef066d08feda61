"""GraphQL for performance: ratings (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class RatingsQuery:
    pass


@strawberry.type
class RatingsMutation:
    pass
