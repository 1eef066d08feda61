"""GraphQL for performance: okrs (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class OkrsQuery:
    pass


@strawberry.type
class OkrsMutation:
    pass
