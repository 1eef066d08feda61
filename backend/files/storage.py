"""Where file bytes live: a small Storage protocol and the directory storage of the embedded mode
(under the data directory). Keys are opaque, made here, never from a client's file name; an
S3-compatible storage (backend.files.s3) is chosen instead when the settings configure a bucket."""
from __future__ import annotations

import asyncio
import os
import re
import uuid
from pathlib import Path
from typing import Protocol

from backend.core.config import get_settings

_KEY = re.compile(r"^[a-z0-9_]{1,40}/[0-9a-f]{2}/[0-9a-f]{32}(\.[a-z0-9]{1,8})?$")


class Storage(Protocol):
    async def put(self, key: str, content: bytes) -> None: ...

    async def get(self, key: str) -> bytes | None: ...

    async def delete(self, key: str) -> None: ...


def check_key(key: str) -> str:
    """Keys are ours; anything else is a bug or an attack on the path."""
    if not _KEY.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


def new_key(purpose: str, extension: str) -> str:
    """`<purpose>/<2 hex>/<32 hex>.<ext>`: random, so one organisation's key never guesses another's,
    and fanned out so no directory grows too large."""
    name = uuid.uuid4().hex
    return f"{purpose}/{name[:2]}/{name}.{extension}"


class DirectoryStorage:
    """Files under one root directory, written atomically (temp file + rename) off the event loop."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(self, key: str, content: bytes) -> None:
        await asyncio.to_thread(self._write, self._path(key), content)

    async def get(self, key: str) -> bytes | None:
        return await asyncio.to_thread(self._read, self._path(key))

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        with open(temporary, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)

    @staticmethod
    def _read(path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None


_s3: tuple[object, Storage] | None = None  # one S3Storage (and its connection pools) per settings


def get_storage() -> Storage:
    """The configured storage: the S3 bucket when SEEN_S3_* configures one, else the data
    directory's `files/` (the embedded mode)."""
    global _s3
    settings = get_settings()
    if settings.s3 is None:
        return DirectoryStorage(settings.data_dir / "files")
    if _s3 is None or _s3[0] is not settings.s3:
        from backend.files.s3 import S3Storage  # s3 imports check_key from here

        _s3 = (settings.s3, S3Storage(settings.s3))
    return _s3[1]
