"""Registers the community feed's backend enums with strawberry under the contract's GraphQL names.
Import this module before building types that use them (registering again under the same name is harmless)."""
from __future__ import annotations

import strawberry

from backend.community.models import PostCategory, PostStatus, ReactionKind

strawberry.enum(PostCategory, name="PostCategory",
                description="What a post is: a warm moment, tech sharing, an announcement (HR), or recognition "
                            "(made from public praise).")
strawberry.enum(ReactionKind, name="ReactionKind", description="A reaction: like, love, clap, laugh, wow.")
strawberry.enum(PostStatus, name="PostStatus",
                description="Visible to everyone; hidden by a moderator (its author still sees it); deleted by its author.")
