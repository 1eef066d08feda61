"""Factories for the evidence workflow: drafts, claims and uploads through the real use cases (the
tests are about that workflow), and a few direct reads the assertions need."""
from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from backend.access.actor import Actor
from backend.files import uploads
from backend.files.models import StoredFile
from backend.growth import records
from backend.growth.models import EvidenceKind, GrowthRecord
from backend.growth.record_input import EvidenceDraft
from backend.notifications.models import Notification
from tests.backend.files.images_support import photo
from tests.factories.org import Person

_titles = itertools.count(1)
DAY = date(2026, 3, 9)


def draft(kind: EvidenceKind = EvidenceKind.TRAINING, *, title: str | None = None, occurred_on: date = DAY,
          hours: float | None = 8.0, **attributes: Any) -> EvidenceDraft:
    return EvidenceDraft(kind=kind, title=title or f"Lathe training {next(_titles)}", occurred_on=occurred_on,
                         quantity=hours, attributes=dict(attributes or {"provider": "Plant school", "category": "equipment"}))


async def claim(person: Person, **changes: Any) -> GrowthRecord:
    return await records.claim_record(person.actor, draft(**changes))


async def upload_photo(actor: Actor) -> StoredFile:
    return await uploads.upload(actor, purpose="growth_evidence", content=photo(gps=True), original_name="cert.jpg")


async def inbox_of(person: Person) -> list[Notification]:
    return await Notification.of(person.actor).filter(recipient_id=person.employee.id).order_by("created_at")
