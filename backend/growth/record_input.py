"""Checking evidence a person types in (a claim, a manager's record, an imported row). PURE: a draft in,
the cleaned draft out, or ValidationFailed naming the field. Facts other modules produce (tier
reached, praise, key result, badge) cannot be entered by hand."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from uuid import UUID

from backend.core import validation
from backend.core.errors import ValidationFailed
from backend.growth.models import EvidenceKind
from backend.growth.vocabulary import FIELDS

SYSTEM_KINDS = frozenset({EvidenceKind.TIER_REACHED, EvidenceKind.PRAISE, EvidenceKind.KEY_RESULT, EvidenceKind.BADGE})
HAND_KINDS = frozenset(EvidenceKind) - SYSTEM_KINDS
MAX_TITLE, MAX_QUANTITY, MAX_ATTRIBUTES, MAX_VALUE = 200, 10_000.0, 20, 500
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
EARLIEST = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class EvidenceDraft:
    kind: EvidenceKind
    title: str
    occurred_on: date
    ends_on: date | None = None
    quantity: float | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    file_id: UUID | None = None


def checked(draft: EvidenceDraft, *, today: date) -> EvidenceDraft:
    """The draft trimmed and checked: a hand-enterable kind, a title, a day not in the future (the
    organisation's today), an end not before the start, 0 ≤ quantity ≤ 10,000, at most 20 flat
    attributes whose known fields have the vocabulary's types."""
    if draft.kind not in HAND_KINDS:
        raise ValidationFailed("This kind of evidence comes from other modules; it cannot be entered by hand.",
                               field="kind")
    title = validation.trimmed(draft.title, field="title", max_length=MAX_TITLE)
    if not EARLIEST <= draft.occurred_on <= today:
        raise ValidationFailed("The day cannot be in the future.", field="occurredOn")
    if draft.ends_on is not None and draft.ends_on < draft.occurred_on:
        raise ValidationFailed("The end cannot be before the start.", field="endsOn")
    quantity = draft.quantity
    if quantity is not None and (not math.isfinite(quantity) or not 0 <= quantity <= MAX_QUANTITY):
        raise ValidationFailed(f"The quantity (hours) is a number from 0 to {MAX_QUANTITY:,.0f}.", field="quantity")
    return replace(draft, title=title, attributes=attributes_checked(draft.kind, draft.attributes))


def attributes_checked(kind: EvidenceKind, attributes: Any) -> dict[str, Any]:
    """Flat snake_case keys to text, numbers, true/false or null; blanks dropped; the kind's known
    number fields must be whole numbers."""
    if attributes is None:
        return {}
    if not isinstance(attributes, dict):
        raise ValidationFailed("Attributes are an object of names to values.", field="attributes")
    if len(attributes) > MAX_ATTRIBUTES:
        raise ValidationFailed(f"Give at most {MAX_ATTRIBUTES} attributes.", field="attributes")
    known = FIELDS.get(kind, {})
    cleaned: dict[str, Any] = {}
    for key, value in attributes.items():
        if not isinstance(key, str) or not _KEY.match(key):
            raise ValidationFailed("Attribute names are snake_case (a–z, 0–9, _), at most 40 characters.",
                                   field=f"attributes.{key}")
        value = _scalar(value, field=f"attributes.{key}")
        if value is None:
            continue
        spec = known.get(key)
        if spec is not None and spec.type == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise ValidationFailed("This attribute is a whole number.", field=f"attributes.{key}")
        if spec is not None and spec.type == "str":
            value = str(value)
        cleaned[key] = value
    return cleaned


def _scalar(value: Any, *, field: str) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValidationFailed("Numbers must be finite.", field=field)
        return value
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_VALUE:
            raise ValidationFailed(f"Use at most {MAX_VALUE} characters.", field=field)
        return text or None
    raise ValidationFailed("Attribute values are text, numbers, true/false or null.", field=field)
