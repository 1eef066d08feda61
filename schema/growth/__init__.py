"""GraphQL for the growth map: tracks, maps, evidence records, sessions, data quality."""
