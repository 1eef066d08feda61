"""GraphQL for performance: templates (being written)."""
from __future__ import annotations

import strawberry


@strawberry.type
class TemplatesQuery:
    pass


@strawberry.type
class TemplatesMutation:
    pass
