"""The performance domain's Query and Mutation parts, merged into the schema by schema/build.py."""
from __future__ import annotations

from schema.performance.anomalies import AnomaliesMutation, AnomaliesQuery
from schema.performance.appeals import AppealsMutation, AppealsQuery
from schema.performance.cycles import CyclesMutation, CyclesQuery
from schema.performance.data import DataMutation, DataQuery
from schema.performance.okrs import OkrsMutation, OkrsQuery
from schema.performance.pools import PoolsMutation, PoolsQuery
from schema.performance.ratings import RatingsMutation, RatingsQuery
from schema.performance.scores import ScoresMutation, ScoresQuery
from schema.performance.templates import TemplatesMutation, TemplatesQuery

PERFORMANCE_QUERIES = (CyclesQuery, TemplatesQuery, DataQuery, RatingsQuery, OkrsQuery, ScoresQuery, PoolsQuery,
                       AnomaliesQuery, AppealsQuery)
PERFORMANCE_MUTATIONS = (CyclesMutation, TemplatesMutation, DataMutation, RatingsMutation, OkrsMutation,
                         ScoresMutation, PoolsMutation, AnomaliesMutation, AppealsMutation)
