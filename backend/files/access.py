"""Who may read a stored file, and reading it. The rule: the uploader, anyone above the uploader in the
reporting line, and HR (the purpose's read-any permission); a feature may widen it for files it
attaches (e.g. the owner of the record a manager's photo is attached to). Everyone else gets the
same NotFound as for an id that does not exist."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import has
from backend.core.errors import NotFound
from backend.files import storage
from backend.files.models import StoredFile
from backend.files.purposes import PURPOSES
from backend.org.views import Visibility

# A feature's widening of the rule: may this actor read this (attached) file?
ExtraReader = Callable[[Actor, StoredFile], Awaitable[bool]]


@dataclass(frozen=True, slots=True)
class Opened:
    content_type: str
    content: bytes
    size: int


def may_read(actor: Actor, stored: StoredFile, subordinates: Collection[UUID]) -> bool:
    """PURE over the viewer's subordinates."""
    purpose = PURPOSES.get(stored.purpose)
    if purpose is not None and has(actor, purpose.read_any):
        return True
    uploader = stored.uploaded_by_id
    return uploader is not None and (uploader == actor.employee_id or uploader in subordinates)


async def open_file(actor: Actor, file_id: UUID | str, *, thumbnail: bool = False,
                    extra_reader: ExtraReader | None = None) -> Opened:
    """The stored bytes (or the thumbnail; a PDF has none) for a reader. Raises NotFound for an
    unknown id, another organisation's id, a missing thumbnail, and a reader without access."""
    stored = await StoredFile.get_for(actor, file_id, what="file")
    allowed = may_read(actor, stored, await Visibility(actor).subordinates())
    if not allowed and extra_reader is not None:
        allowed = await extra_reader(actor, stored)
    key = stored.thumbnail_key if thumbnail else stored.storage_key
    if not allowed or key is None:
        raise NotFound("No such file.")
    content = await storage.get_storage().get(key)
    if content is None:
        raise NotFound("No such file.")
    return Opened(content_type="image/webp" if thumbnail else stored.content_type, content=content, size=len(content))


async def files_by_ids(actor: Actor, ids: Sequence[UUID]) -> list[StoredFile | None]:
    """For references shown alongside a record the viewer may already see (the bytes are checked
    again when fetched)."""
    found = {f.id: f for f in await StoredFile.of(actor).filter(id__in=list(ids))} if ids else {}
    return [found.get(i) for i in ids]


async def attachable(actor: Actor, file_id: UUID, *, purpose: str, field: str = "fileId") -> StoredFile:
    """A file the actor uploaded for `purpose`, to attach to something of theirs. Raises NotFound
    naming `field` otherwise (someone else's upload is as unknown as a made-up id)."""
    stored = await StoredFile.of(actor).get_or_none(id=file_id, purpose=purpose)
    if stored is None or actor.employee_id is None or stored.uploaded_by_id != actor.employee_id:
        raise NotFound("No such uploaded file.", field=field)
    return stored


def file_url(file_id: UUID) -> str:
    return f"/files/{file_id}"


def thumbnail_url(stored: StoredFile) -> str | None:
    return f"/files/{stored.id}/thumbnail" if stored.thumbnail_key else None
