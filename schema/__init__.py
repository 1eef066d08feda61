"""The GraphQL API: a thin mapping from fields to backend use cases. No ORM, no role checks here."""
