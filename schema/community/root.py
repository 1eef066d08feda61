"""The community domain's Query and Mutation parts, merged into the schema by schema/build.py.
Each community schema module adds its Query/Mutation class to these tuples (one line each)."""
from __future__ import annotations

COMMUNITY_QUERIES: tuple[type, ...] = ()
COMMUNITY_MUTATIONS: tuple[type, ...] = ()
