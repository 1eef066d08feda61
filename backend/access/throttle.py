"""Login throttling per account and per address, stored in the database so that every API process
sees the same counts. Failures age out of a sliding window."""
from __future__ import annotations

import math
from datetime import datetime, timedelta

from backend.core import clock
from backend.core.errors import RateLimited
from backend.core.models import LoginFailure


async def check(key: str, *, limit: int, window_seconds: int) -> None:
    """Raise RateLimited (with seconds until the oldest counted failure ages out) at the limit."""
    since = clock.now() - timedelta(seconds=window_seconds)
    failures: list[datetime] = await LoginFailure.filter(key=key, at__gt=since).order_by("at").values_list("at", flat=True)  # type: ignore[assignment]
    if len(failures) >= limit:
        oldest_counted = failures[len(failures) - limit]
        retry_after = (oldest_counted + timedelta(seconds=window_seconds) - clock.now()).total_seconds()
        raise RateLimited("Too many failed attempts. Try again later.", retry_after=max(1, math.ceil(retry_after)))


async def record_failure(*keys: str) -> None:
    now = clock.now()
    await LoginFailure.bulk_create([LoginFailure(key=k, at=now) for k in keys])


async def clear(key: str) -> None:
    await LoginFailure.filter(key=key).delete()


async def prune(*, older_than_seconds: int) -> int:
    return await LoginFailure.filter(at__lt=clock.now() - timedelta(seconds=older_than_seconds)).delete()
