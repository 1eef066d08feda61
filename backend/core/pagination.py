"""Keyset (cursor) pagination for Relay-style connections: stable under inserts, one query for the
page (+1 row to know whether there is a next page) and one count."""
from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.expressions import Q
from tortoise.fields import CharField, DatetimeField, Field, IntField, TextField
from tortoise.models import Model
from tortoise.queryset import QuerySet

from backend.core.errors import ValidationFailed

T = TypeVar("T", bound=Model)
MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    has_next: bool
    total_count: int
    key: str

    def cursor(self, item: T) -> str:
        return encode_cursor(getattr(item, self.key), item.pk)

    @property
    def end_cursor(self) -> str | None:
        return self.cursor(self.items[-1]) if self.items else None


def encode_cursor(value: Any, pk: Any) -> str:
    raw = json.dumps([_to_json(value), str(pk)], ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def decode_cursor(cursor: str) -> tuple[Any, str]:
    """A cursor comes from the client: anything but [scalar, uuid] is refused before SQL sees it."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise TypeError("cursor value must be a scalar")
        return value, str(UUID(str(pk)))
    except (ValueError, TypeError) as err:
        raise ValidationFailed("That page cursor is not valid.", field="after") from err


async def paginate(
    query: QuerySet[T], *, first: int, after: str | None, key: str, descending: bool = False
) -> Page[T]:
    """Order by (key, pk); `after` continues strictly past the cursor's row."""
    if first < 1 or first > MAX_PAGE:
        raise ValidationFailed(f"first must be between 1 and {MAX_PAGE}.", field="first")
    total = await query.count()
    ordered = query.order_by(f"-{key}", "-id") if descending else query.order_by(key, "id")
    if after is not None:
        raw, pk = decode_cursor(after)
        value = _typed(query.model._meta.fields_map[key], raw)
        op = "lt" if descending else "gt"
        ordered = ordered.filter(Q(**{f"{key}__{op}": value}) | (Q(**{key: value}) & Q(**{f"id__{op}": pk})))
    rows = await ordered.limit(first + 1)
    return Page(items=rows[:first], has_next=len(rows) > first, total_count=total, key=key)


def _typed(field: Field[Any], raw: Any) -> Any:
    """The cursor's value as the key field's type, so a tampered cursor never reaches SQL."""
    try:
        if isinstance(field, DatetimeField) and isinstance(raw, str):
            return datetime.fromisoformat(raw)
        if isinstance(field, CharField | TextField) and isinstance(raw, str):
            return raw
        if isinstance(field, IntField) and isinstance(raw, int):
            return raw
    except ValueError:
        pass
    raise ValidationFailed("That page cursor is not valid.", field="after")
