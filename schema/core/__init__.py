"""Shared GraphQL pieces: context, errors, connections, enums."""
