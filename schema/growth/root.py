"""The growth domain's Query and Mutation parts, merged into the schema by schema/build.py.
Each growth schema module adds its Query/Mutation class to these tuples."""
from __future__ import annotations

from schema.growth.map import MapQuery
from schema.growth.quality import QualityMutation, QualityQuery
from schema.growth.records import RecordsMutation, RecordsQuery
from schema.growth.sessions import SessionsMutation, SessionsQuery
from schema.growth.tracks import TracksMutation, TracksQuery

GROWTH_QUERIES: tuple[type, ...] = (MapQuery, TracksQuery, RecordsQuery, SessionsQuery, QualityQuery)
GROWTH_MUTATIONS: tuple[type, ...] = (TracksMutation, RecordsMutation, SessionsMutation, QualityMutation)
