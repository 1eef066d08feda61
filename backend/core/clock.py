"""The only reader of the wall clock. Everything gets aware UTC from now(); tests may freeze it."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

_frozen: ContextVar[datetime | None] = ContextVar("seen_frozen_clock", default=None)


def now() -> datetime:
    return _frozen.get() or datetime.now(UTC)


def today_in(time_zone: str) -> date:
    """The calendar day it is now in a time zone (an organisation's or a site's)."""
    return now().astimezone(ZoneInfo(time_zone)).date()


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs an aware datetime")
    token = _frozen.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _frozen.reset(token)
