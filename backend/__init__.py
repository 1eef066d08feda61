"""Seen backend: settings, domain models and services, the web app. Business logic lives here only."""
