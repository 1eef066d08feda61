"""The attendance domain's Query and Mutation parts, merged into the schema by schema/build.py.
Each attendance schema module adds its Query/Mutation class to these tuples (one line each)."""
from __future__ import annotations

from schema.attendance.ingest import IngestMutation
from schema.attendance.operations import AttendanceMutation, AttendanceQuery

ATTENDANCE_QUERIES: tuple[type, ...] = (AttendanceQuery,)
ATTENDANCE_MUTATIONS: tuple[type, ...] = (AttendanceMutation, IngestMutation)
