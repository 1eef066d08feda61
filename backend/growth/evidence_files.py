"""Who may read a certificate photo or document attached to evidence records, beyond the files rule
(uploader, people above the uploader, HR): anyone who may read or decide a record it is attached
to (so the owner sees the photo their manager attached, and a trainer sees the claim they confirm)."""
from __future__ import annotations

from backend.access.actor import Actor
from backend.files.models import StoredFile
from backend.files.purposes import GROWTH_EVIDENCE
from backend.growth import record_policy
from backend.growth.models import GrowthRecord


async def may_read_attached(actor: Actor, stored: StoredFile) -> bool:
    if stored.purpose != GROWTH_EVIDENCE.code or actor.employee_id is None:
        return False
    records = await GrowthRecord.of(actor).filter(file_id=stored.id).limit(50)
    if not records:
        return False
    scope = await record_policy.scope_of(actor)
    return any(record_policy.may_read(scope, r.employee_id) or record_policy.may_confirm(scope, r) for r in records)
