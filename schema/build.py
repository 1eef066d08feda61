"""Assemble the schema from each domain's Query and Mutation, with limits and error masking.
`python -m schema.build` prints the SDL committed as schema/schema.graphql."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.tools import merge_types

from backend.core.errors import DomainError
from schema.access.kiosks import AccessMutation, AccessQuery
from schema.audit.queries import AuditQuery
from schema.org.mutations import OrgMutation
from schema.org.queries import OrgQuery

SDL_PATH = Path(__file__).with_name("schema.graphql")
log = logging.getLogger("seen.graphql")

Query = merge_types("Query", (OrgQuery, AccessQuery, AuditQuery))
Mutation = merge_types("Mutation", (OrgMutation, AccessMutation))


def should_mask(error: GraphQLError) -> bool:
    """Mask only unexpected exceptions; domain errors and GraphQL validation errors pass through."""
    original = error.original_error
    if original is None or isinstance(original, DomainError | GraphQLError):
        return False
    log.error("unexpected error in %s", error.path, exc_info=original)
    return True


def build_schema(*, max_depth: int = 10, max_tokens: int = 2000, max_aliases: int = 15) -> strawberry.Schema:
    extensions: list[Callable[[], object] | type] = [
        lambda: MaskErrors(should_mask_error=should_mask, error_message="Unexpected error."),
        lambda: QueryDepthLimiter(max_depth=max_depth),
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
        lambda: MaxAliasesLimiter(max_alias_count=max_aliases),
    ]
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)  # type: ignore[arg-type]


def sdl() -> str:
    return str(build_schema()) + "\n"


if __name__ == "__main__":
    print(sdl(), end="")
