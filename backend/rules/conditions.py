"""Rule conditions: the shared condition trees (backend.core.conditions) over a trigger's payload
fields, validated when a rule is saved and matched against an event's payload."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.core import conditions as trees
from backend.core.conditions import matches
from backend.rules.catalogue import Trigger

__all__ = ["matches", "validate"]


def validate(tree: Mapping[str, Any] | None, trigger: Trigger) -> dict[str, Any] | None:
    """The normalised tree, or None for "no conditions". Raises ValidationFailed whose `field` is the
    path of the offending part, e.g. "conditions.all[1].value"."""
    return trees.validate(tree, trigger.fields, subject="trigger")
