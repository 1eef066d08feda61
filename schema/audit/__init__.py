"""GraphQL for the audit trail."""
