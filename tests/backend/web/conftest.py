"""An in-process client for the real app, with and without a database."""
from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from backend.core.config import Settings
from tests.backend.web.support import client_for


@pytest.fixture
async def client(db: object, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(settings) as value:
        yield value


@pytest.fixture
async def static_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """For routes that never touch the database (static files, liveness): runs once, not per backend."""
    async with client_for(settings) as value:
        yield value
