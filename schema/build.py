"""Assemble the schema from each domain's Query and Mutation, with limits and error masking.
`python -m schema.build` prints the SDL committed as schema/schema.graphql."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import max_aliases as alias_limit
from strawberry.extensions import (
    AddValidationRules, MaskErrors, MaxTokensLimiter, ParserCache, ValidationCache, query_depth_limiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from backend.core.errors import DomainError
from schema.access.kiosks import AccessMutation, AccessQuery
from schema.achievements.operations import AchievementsMutation, AchievementsQuery
from schema.attendance.root import ATTENDANCE_MUTATIONS, ATTENDANCE_QUERIES
from schema.community.root import COMMUNITY_MUTATIONS, COMMUNITY_QUERIES
from schema.audit.queries import AuditQuery
from schema.core.scalars import SCALAR_MAP
from schema.growth.root import GROWTH_MUTATIONS, GROWTH_QUERIES
from schema.org.mutations import OrgMutation
from schema.notifications.settings import NotificationSettingsMutation, NotificationSettingsQuery
from schema.notifications.types import NotificationsMutation, NotificationsQuery
from schema.org.queries import OrgQuery
from schema.performance.root import PERFORMANCE_MUTATIONS, PERFORMANCE_QUERIES
from schema.points.types import PointsMutation, PointsQuery
from schema.recognition.mutations import RecognitionMutation
from schema.recognition.queries import RecognitionQuery
from schema.rewards.operations import RewardsMutation, RewardsQuery
from schema.rules.operations import RulesMutation, RulesQuery

SDL_PATH = Path(__file__).with_name("schema.graphql")
log = logging.getLogger("seen.graphql")

Query = merge_types("Query", (OrgQuery, AccessQuery, AuditQuery, RecognitionQuery, PointsQuery, NotificationsQuery,
                                AchievementsQuery, RulesQuery, RewardsQuery, NotificationSettingsQuery,
                                *PERFORMANCE_QUERIES, *GROWTH_QUERIES, *ATTENDANCE_QUERIES,
                                *COMMUNITY_QUERIES))
Mutation = merge_types("Mutation", (OrgMutation, AccessMutation, RecognitionMutation, PointsMutation,
                                      NotificationsMutation, AchievementsMutation, RulesMutation,
                                      RewardsMutation, NotificationSettingsMutation, *PERFORMANCE_MUTATIONS,
                                      *GROWTH_MUTATIONS, *ATTENDANCE_MUTATIONS, *COMMUNITY_MUTATIONS))


def is_unexpected(error: GraphQLError) -> bool:
    """Domain errors and GraphQL validation errors are expected; any other exception is a bug."""
    original = error.original_error
    return original is not None and not isinstance(original, DomainError | GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    """Hides unexpected exceptions from clients and logs each with tenant, actor and request id."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Unexpected error.")

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        actor = getattr(self.execution_context.context, "actor", None)
        for error in errors:
            if is_unexpected(error):
                log.error("unexpected error at %s (tenant %s, actor %s, request %s)", error.path,
                          getattr(actor, "tenant_id", None), getattr(actor, "label", None),
                          getattr(actor, "request_id", None), exc_info=error.original_error)
        return super()._process_errors(errors)


def build_schema(*, max_depth: int = 10, max_tokens: int = 2000, max_aliases: int = 15) -> strawberry.Schema:
    # The depth and alias rules are built once, not per request as the limiter extensions do: a new rule
    # class per request defeats the validation cache, and validating a feed page costs about a fifth of it.
    rules: list[type[ASTValidationRule]] = [query_depth_limiter.create_validator(max_depth, None),
                                            alias_limit.create_validator(max_aliases)]
    extensions: list[Callable[[], object] | type] = [
        MaskUnexpectedErrors,
        lambda: MaxTokensLimiter(max_token_count=max_tokens),  # before the parser cache: its limit is part of the key
        lambda: AddValidationRules(rules),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions,  # type: ignore[arg-type]
                             config=StrawberryConfig(scalar_map=SCALAR_MAP))


def sdl() -> str:
    return str(build_schema()) + "\n"


if __name__ == "__main__":
    print(sdl(), end="")
