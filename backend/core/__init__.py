"""Infrastructure every domain uses: settings, database, clock, errors, events, outbox, jobs, paging."""
