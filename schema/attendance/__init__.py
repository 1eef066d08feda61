"""GraphQL for attendance: clock devices, bridge keys, PIN mappings, unmatched punches and bridge ingest."""
