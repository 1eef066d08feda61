"""The growth domain's Query and Mutation parts, merged into the schema by schema/build.py.
Each growth schema module adds its Query/Mutation class to these tuples."""
from __future__ import annotations

GROWTH_QUERIES: tuple[type, ...] = ()
GROWTH_MUTATIONS: tuple[type, ...] = ()
