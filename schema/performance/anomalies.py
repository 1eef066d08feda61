"""GraphQL for performance: anomalies (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class AnomaliesQuery:
    pass


@strawberry.type
class AnomaliesMutation:
    pass
