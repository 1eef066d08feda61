"""Test doubles for outside services (a Web Push service, chat robots) shared by backend and browser tests."""
