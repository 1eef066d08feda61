"""Input checks every domain shares; each raises ValidationFailed naming the field."""
from __future__ import annotations

from backend.core.errors import ValidationFailed


def trimmed(value: str, *, field: str, max_length: int, required: bool = True) -> str:
    """Free text as the person wrote it (line breaks kept), without surrounding blanks."""
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationFailed("This cannot be blank.", field=field)
    if len(cleaned) > max_length:
        raise ValidationFailed(f"Use at most {max_length} characters.", field=field)
    return cleaned


def client_key(value: str) -> str:
    """A phone's key for one submission, so a retry after a lost response does not repeat it."""
    key = value.strip()
    if not 8 <= len(key) <= 64:
        raise ValidationFailed("The client key is 8–64 characters.", field="clientKey")
    return key
