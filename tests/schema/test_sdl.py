"""The committed SDL (which the PWA generates its types from) matches the code."""
from __future__ import annotations

from schema.build import SDL_PATH, sdl


def test_committed_schema_graphql_is_current():
    # when / then: regenerate with `make schema`
    assert SDL_PATH.read_text() == sdl(), "schema/schema.graphql is stale: run `make schema`"
