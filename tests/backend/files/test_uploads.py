"""Storing uploads (backend.files.uploads, storage, access): where the bytes go, what the row records, who
may upload, nothing left behind on a refusal, and the growth widening of who may read an attached file."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace

import pytest

from backend.access.actor import Actor
from backend.core.errors import Forbidden, NotFound
from backend.files import access, storage, uploads
from backend.files.errors import UnsupportedFileType
from backend.growth import records
from backend.growth.evidence_files import may_read_attached
from tests.backend.files.images_support import photo
from tests.factories.growth_evidence import draft, upload_photo
from tests.factories.org import make_company


def _stored_files(settings) -> list[str]:  # type: ignore[no-untyped-def]
    root = settings.data_dir / "files"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def test_an_upload_is_stored_under_the_data_directory_with_its_thumbnail(db, settings):
    # given
    c = await make_company()
    # when
    stored = await upload_photo(c.employee.actor)
    # then
    content = (settings.data_dir / "files" / stored.storage_key).read_bytes()
    assert stored.sha256 == hashlib.sha256(content).hexdigest() and stored.size == len(content)
    assert stored.storage_key.startswith("growth_evidence/") and stored.storage_key.endswith(".jpg")
    assert stored.thumbnail_key and (settings.data_dir / "files" / stored.thumbnail_key).exists()
    assert (stored.content_type, stored.width, stored.height, stored.original_name) == ("image/jpeg", 400, 200, "cert.jpg")


async def test_a_refused_upload_leaves_no_bytes_and_no_row(db, settings):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(UnsupportedFileType):
        await uploads.upload(c.employee.actor, purpose="growth_evidence", content=b"not an image")
    assert _stored_files(settings) == []


async def test_a_kiosk_cannot_upload(db):
    # given
    c = await make_company()
    kiosk = Actor.kiosk(tenant_id=c.org.id, site_id=c.site.id, session_id=uuid.uuid4(), label="kiosk")
    # when / then
    with pytest.raises(Forbidden):
        await uploads.upload(kiosk, purpose="growth_evidence", content=photo())


async def test_a_path_like_original_name_keeps_only_its_last_segment(db):
    # given
    c = await make_company()
    # when
    stored = await uploads.upload(c.employee.actor, purpose="growth_evidence", content=photo(),
                                  original_name="../../etc/passwd\x00.jpg")
    # then
    assert stored.original_name == "passwd.jpg"


async def test_the_directory_storage_refuses_keys_it_did_not_make(tmp_path):
    # given
    store = storage.DirectoryStorage(tmp_path)
    # when / then
    for key in ("../secrets.json", "growth_evidence/../../x", "/etc/passwd"):
        with pytest.raises(ValueError):
            await store.get(key)


async def test_the_owner_reads_a_photo_their_manager_attached_to_their_record(db):
    # given the manager records evidence for the employee with a photo the manager uploaded
    c = await make_company()
    picture = await upload_photo(c.manager.actor)
    await records.record_evidence(c.manager.actor, employee_id=c.employee.employee.id,
                                  draft=replace(draft(), file_id=picture.id))
    # when
    opened = await access.open_file(c.employee.actor, picture.id, extra_reader=may_read_attached)
    # then the owner may; the peer may not, widening or not
    assert opened.content_type == "image/jpeg"
    with pytest.raises(NotFound):
        await access.open_file(c.employee.actor, picture.id)
    with pytest.raises(NotFound):
        await access.open_file(c.peer.actor, picture.id, extra_reader=may_read_attached)
