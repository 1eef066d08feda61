"""The attendance domain's Query and Mutation parts, merged into the schema by schema/build.py.
Each attendance schema module adds its Query/Mutation class to these tuples (one line each)."""
from __future__ import annotations

from schema.attendance.days import DaysQuery
from schema.attendance.ingest import IngestMutation
from schema.attendance.kiosk import KioskMutation, KioskQuery
from schema.attendance.operations import AttendanceMutation, AttendanceQuery
from schema.attendance.requests import RequestsMutation, RequestsQuery
from schema.attendance.shifts import ShiftsMutation, ShiftsQuery

ATTENDANCE_QUERIES: tuple[type, ...] = (AttendanceQuery, DaysQuery, ShiftsQuery, RequestsQuery, KioskQuery)
ATTENDANCE_MUTATIONS: tuple[type, ...] = (AttendanceMutation, ShiftsMutation, RequestsMutation, IngestMutation, KioskMutation)
