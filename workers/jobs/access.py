"""Housekeeping for sign-in data."""
from __future__ import annotations

from typing import Any

from backend.access import throttle
from backend.core.config import get_settings


async def prune_login_failures(ctx: dict[str, Any]) -> int:
    return await throttle.prune(older_than_seconds=get_settings().login_window_seconds)
