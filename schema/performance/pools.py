"""GraphQL for performance: pools (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class PoolsQuery:
    pass


@strawberry.type
class PoolsMutation:
    pass
