"""Relay-style cursor connections built from backend Pages."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry

from backend.core.pagination import Page

Node = TypeVar("Node")


@strawberry.type(description="Where a page ends and whether another follows.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when `after: endCursor` returns more.")
    end_cursor: str | None = strawberry.field(description="Pass as `after` for the next page.")


@strawberry.type(description="One item of a page with its cursor.")
class Edge(Generic[Node]):
    cursor: str = strawberry.field(description="Opaque position of this item.")
    node: Node = strawberry.field(description="The item.")


@strawberry.type(description="A page of items.")
class Connection(Generic[Node]):
    edges: list[Edge[Node]] = strawberry.field(description="The items on this page.")
    page_info: PageInfo = strawberry.field(description="Paging state.")
    total_count: int = strawberry.field(description="Items matching the filters, on all pages.")

    @classmethod
    def from_page(cls, page: Page[Any], to_node: Callable[[Any], Node]) -> Connection[Node]:
        return cls(
            edges=[Edge(cursor=page.cursor(item), node=to_node(item)) for item in page.items],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            total_count=page.total_count,
        )
