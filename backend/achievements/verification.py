"""Loaders for the public Open Badges URLs, which have no actor: hosted verification means anyone
holding a badge's URL must be able to fetch it. The one place rows are read by bare id, not
`Model.of(actor)`; each read is by an unguessable UUID and returns only what a badge publishes."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.access.models import Organization
from backend.achievements import openbadges
from backend.achievements.models import Achievement, Badge
from backend.core.config import get_settings

# Decision: an item its owner made private on the wall stays verifiable at its assertion URL. "Private"
# hides it from colleagues browsing the wall; the URL is a capability the owner chooses to share (a
# backpack, a CV), and answering 404 would silently break badges already shared. The documents carry
# no name, only a hashed, salted recipient identity. Revoked items answer 410 with no details.


async def issuer_for(org_id: UUID | str) -> dict[str, Any] | None:
    key = _uuid(org_id)
    org = await Organization.get_or_none(id=key) if key else None
    return openbadges.issuer_profile(_urls(), _issuer(org)) if org else None


async def badge_class_for(class_id: UUID | str, *, language: str | None = None) -> dict[str, Any] | None:
    """A Badge's class, or the class synthesized for one item without a Badge (its id is the item's;
    gone once the item is revoked). `language` "en"/"zh-CN"; otherwise the organisation's."""
    key = _uuid(class_id)
    if key is None:
        return None
    # Unscoped by design (see the module docstring): the id alone identifies the public document.
    badge = await Badge.filter(id=key).first()
    source: openbadges.ClassSource
    if badge is not None:
        source, tenant_id = openbadges.class_of_badge(badge), badge.tenant_id
    else:
        item = await Achievement.filter(id=key, badge_id__isnull=True, revoked_at__isnull=True).first()
        if item is None:
            return None
        source, tenant_id = openbadges.class_of_achievement(item), item.tenant_id
    org = await Organization.get(id=tenant_id)
    chosen = language if language in openbadges.LANGUAGES else str(org.locale)
    return openbadges.badge_class(_urls(), _issuer(org), source, language=chosen)


async def assertion_for(achievement_id: UUID | str) -> dict[str, Any] | None:
    """The hosted Assertion (private items included, see above); `{"revoked": true, ...}` once revoked."""
    key = _uuid(achievement_id)
    if key is None:
        return None
    # Unscoped by design (see the module docstring); one query with the recipient's email.
    item = await Achievement.filter(id=key).select_related("employee").first()
    if item is None:
        return None
    return openbadges.assertion(_urls(), openbadges.award_of(item, email=item.employee.email))


def _issuer(org: Organization) -> openbadges.Issuer:
    return openbadges.Issuer(id=org.id, name=org.name, language=str(org.locale))


def _urls() -> openbadges.Urls:
    return openbadges.Urls(get_settings().public_url)


def _uuid(value: UUID | str) -> UUID | None:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(value)
    except ValueError:
        return None
