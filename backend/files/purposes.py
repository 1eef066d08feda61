"""What each upload purpose accepts and who besides the uploader's management chain may read it.
Add a purpose here (and nowhere else) when a feature starts taking files."""
from __future__ import annotations

from dataclasses import dataclass

from backend.access.permissions import Permission
from backend.core.errors import ValidationFailed

JPEG, PNG, WEBP, PDF = "image/jpeg", "image/png", "image/webp", "application/pdf"
IMAGE_TYPES = frozenset({JPEG, PNG, WEBP})
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Purpose:
    code: str
    content_types: frozenset[str]
    upload: Permission  # who may upload for it
    read_any: Permission  # the HR-side permission that reads every file of this purpose
    max_bytes: int = MAX_BYTES


GROWTH_EVIDENCE = Purpose("growth_evidence", IMAGE_TYPES | {PDF}, upload=Permission.GROWTH_CLAIM,
                          read_any=Permission.GROWTH_READ_ANY)

POST_PHOTO = Purpose("post_photo", IMAGE_TYPES, upload=Permission.COMMUNITY_TAKE_PART, read_any=Permission.COMMUNITY_MODERATE)

PURPOSES = {p.code: p for p in (GROWTH_EVIDENCE, POST_PHOTO)}


def get_purpose(code: str | None) -> Purpose:
    """Raises ValidationFailed (purpose) for an unknown or missing purpose."""
    found = PURPOSES.get(code or "")
    if found is None:
        raise ValidationFailed(f"Unknown upload purpose; use one of: {', '.join(sorted(PURPOSES))}.", field="purpose")
    return found
