"""Pure walks over parent links (departments, reporting lines)."""
from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID


def walks_up_to(parents: Mapping[UUID, UUID | None], start: UUID, target: UUID) -> bool:
    """Is `target` at or above `start` following parent links? Safe on corrupt (cyclic) data."""
    seen: set[UUID] = set()
    current: UUID | None = start
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def all_below(parents: Mapping[UUID, UUID | None], root: UUID) -> set[UUID]:
    """Every node with `root` somewhere above it (not `root` itself)."""
    children: dict[UUID, list[UUID]] = {}
    for node, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(node)
    found: set[UUID] = set()
    stack = list(children.get(root, []))
    while stack:
        node = stack.pop()
        if node not in found and node != root:
            found.add(node)
            stack.extend(children.get(node, []))
    return found
