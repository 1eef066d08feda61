"""The community domain's Query and Mutation parts, merged into the schema by schema/build.py.
Each community schema module adds its Query/Mutation class to these tuples (one line each)."""
from __future__ import annotations

from schema.community.feed import FeedMutation, FeedQuery
from schema.community.polls import PollMutation, PollQuery
from schema.community.suggestions import SuggestionsMutation, SuggestionsQuery
from schema.community.talks import TalksMutation, TalksQuery

COMMUNITY_QUERIES: tuple[type, ...] = (FeedQuery, PollQuery, SuggestionsQuery, TalksQuery)
COMMUNITY_MUTATIONS: tuple[type, ...] = (FeedMutation, PollMutation, SuggestionsMutation, TalksMutation)
