"""GraphQL for performance: appeals (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class AppealsQuery:
    pass


@strawberry.type
class AppealsMutation:
    pass
