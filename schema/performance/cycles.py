"""GraphQL for performance: cycles (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class CyclesQuery:
    pass


@strawberry.type
class CyclesMutation:
    pass
