"""UserError: the typed failure every mutation result union can carry."""
from __future__ import annotations

import strawberry

from backend.core.errors import DomainError
from schema.core.enums import ErrorCode

@strawberry.type(description="An expected failure: bad input, not allowed, not found, a conflict.")
class UserError:
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="English fallback text; clients show their own translation of code.")
    field: str | None = strawberry.field(description="The input field at fault, when there is one.")

    @classmethod
    def from_domain(cls, err: DomainError) -> UserError:
        return cls(code=err.code, message=err.message, field=err.field)
