"""Taking an upload: checked and re-encoded by the image pipeline off the event loop, stored under a
fresh key, recorded as a StoredFile. The only writer of StoredFile rows."""
from __future__ import annotations

import asyncio
import hashlib

from backend.access.actor import Actor
from backend.access.permissions import require
from backend.core import db
from backend.core.errors import Forbidden
from backend.files import images, storage
from backend.files.models import StoredFile
from backend.files.purposes import get_purpose


async def upload(actor: Actor, *, purpose: str | None, content: bytes, original_name: str = "") -> StoredFile:
    """Stores a file for `purpose` (its type sniffed from the bytes; images re-encoded without EXIF,
    upright, ≤ 2048 px, with a 320 px thumbnail). Requires the purpose's upload permission and a
    person. Raises Forbidden, ValidationFailed (purpose, file), FileTooLarge, UnsupportedFileType."""
    spec = get_purpose(purpose)
    require(actor, spec.upload)
    if actor.employee_id is None:
        raise Forbidden("Only people can upload files.")
    processed = await asyncio.to_thread(images.process, content, allowed=spec.content_types, max_bytes=spec.max_bytes)
    extension = images.EXTENSIONS[processed.content_type]
    key = storage.new_key(spec.code, extension)
    thumbnail_key = storage.new_key(spec.code, "webp") if processed.thumbnail is not None else None
    store = storage.get_storage()
    await store.put(key, processed.content)
    if thumbnail_key is not None and processed.thumbnail is not None:
        await store.put(thumbnail_key, processed.thumbnail)
    try:
        async with db.transaction():
            return await StoredFile.create_for(
                actor, uploaded_by_id=actor.employee_id, purpose=spec.code, content_type=processed.content_type,
                size=len(processed.content), sha256=hashlib.sha256(processed.content).hexdigest(), storage_key=key,
                thumbnail_key=thumbnail_key, width=processed.width, height=processed.height,
                original_name=_name(original_name))
    except BaseException:
        # No row points at the bytes: remove them rather than leak an orphan.
        await store.delete(key)
        if thumbnail_key is not None:
            await store.delete(thumbnail_key)
        raise


def _name(original_name: str) -> str:
    # Kept for display only (never a path): the last path segment, control characters removed.
    last = original_name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in last if ch.isprintable())[:200]
