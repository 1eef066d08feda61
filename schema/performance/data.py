"""GraphQL for performance: data (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class DataQuery:
    pass


@strawberry.type
class DataMutation:
    pass
