"""Uploads in an S3-compatible bucket (backend.files.s3): the SigV4 signer against AWS's published example,
the three storage calls against a real S3-compatible server on loopback (moto's), the settings that choose
it, and the whole upload route (POST /uploads, GET /files/{id} and its thumbnail) with a bucket configured."""
from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image

from backend.core.config import S3Settings, Settings, load_settings
from backend.files import storage
from backend.files.s3 import S3Error, S3Storage, signed_headers
from tests.backend.files.images_support import GPS_IFD, photo
from tests.backend.web.support import client_for
from tests.factories.access import sign_in, with_settings
from tests.factories.org import make_company

KEY_ID, SECRET = "AKIDSEENTEST", "seen-test-secret"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint: str) -> S3Settings:
    """A fresh bucket per test on the loopback server."""
    name = f"seen-{uuid.uuid4().hex[:12]}"
    _admin(s3_endpoint).create_bucket(Bucket=name)
    return S3Settings(endpoint=s3_endpoint, bucket=name, region="us-east-1", access_key_id=KEY_ID,
                      secret_access_key=SECRET)


def _admin(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=KEY_ID,
                        aws_secret_access_key=SECRET)


def _keys_in(bucket: S3Settings) -> list[str]:
    listed = _admin(bucket.endpoint).list_objects_v2(Bucket=bucket.bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def test_the_signature_matches_the_aws_documentation_example():
    # given AWS's "GET Object" example for Signature Version 4 (header form)
    headers = signed_headers(
        method="GET", url="https://examplebucket.s3.amazonaws.com/test.txt", headers={"Range": "bytes=0-9"},
        payload=None, access_key_id="AKIAIOSFODNN7EXAMPLE",
        secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region="us-east-1",
        now=datetime(2013, 5, 24, tzinfo=UTC))
    # then
    assert headers["authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")


async def test_put_get_and_delete_round_trip_in_the_bucket(bucket):
    # given
    store = S3Storage(bucket)
    key = storage.new_key("post_photo", "jpg")
    # when
    await store.put(key, b"\x00jpeg bytes\xff")
    # then
    assert await store.get(key) == b"\x00jpeg bytes\xff"
    assert _keys_in(bucket) == [key]
    await store.delete(key)
    assert await store.get(key) is None and _keys_in(bucket) == []
    await store.close()


async def test_a_missing_key_reads_as_none_and_deleting_it_is_fine(bucket):
    # given
    store = S3Storage(bucket)
    key = storage.new_key("post_photo", "webp")
    # when / then
    assert await store.get(key) is None
    await store.delete(key)
    await store.close()


async def test_a_missing_bucket_is_an_error_not_a_missing_file(bucket):
    # given
    store = S3Storage(S3Settings(endpoint=bucket.endpoint, bucket="no-such-bucket", region="us-east-1",
                                 access_key_id=KEY_ID, secret_access_key=SECRET))
    # when / then
    with pytest.raises(S3Error, match="NoSuchBucket"):
        await store.put(storage.new_key("post_photo", "jpg"), b"x")
    with pytest.raises(S3Error, match="NoSuchBucket"):
        await store.get(storage.new_key("post_photo", "jpg"))
    await store.close()


async def test_keys_not_made_by_storage_are_refused(bucket):
    # given
    store = S3Storage(bucket)
    # when / then
    for key in ("../other-bucket/x", "post_photo/../../x", "/etc/passwd"):
        with pytest.raises(ValueError):
            await store.get(key)


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"SEEN_DATA_DIR": str(tmp_path), **values}


def test_the_bucket_comes_from_the_environment_with_its_secret_kept_out_of_repr(tmp_path):
    # given
    env = _env(tmp_path, SEEN_S3_ENDPOINT="https://s3.example.test/", SEEN_S3_BUCKET="seen-files",
               SEEN_S3_ACCESS_KEY_ID="AKID", SEEN_S3_SECRET_ACCESS_KEY="very-secret")
    # when
    settings = load_settings(env)
    # then
    assert settings.s3 == S3Settings(endpoint="https://s3.example.test", bucket="seen-files", region="us-east-1",
                                     access_key_id="AKID", secret_access_key="very-secret")
    assert "very-secret" not in repr(settings)
    assert load_settings(_env(tmp_path)).s3 is None
    with pytest.raises(ValueError, match="SEEN_S3_SECRET_ACCESS_KEY"):
        load_settings(_env(tmp_path, SEEN_S3_ENDPOINT="https://s3.example.test", SEEN_S3_BUCKET="b",
                           SEEN_S3_ACCESS_KEY_ID="AKID"))


def test_the_storage_is_the_bucket_when_configured_else_the_directory(settings: Settings, bucket):
    # given / when
    directory = storage.get_storage()
    with_settings(settings, s3=bucket)
    chosen = storage.get_storage()
    # then
    assert isinstance(directory, storage.DirectoryStorage)
    assert isinstance(chosen, S3Storage) and chosen.settings == bucket
    assert storage.get_storage() is chosen  # one client pool, not one per upload


async def test_the_upload_route_stores_in_the_bucket_and_serves_from_it(db, settings, bucket):
    # given a bucket configured and a signed-in employee
    configured = with_settings(settings, s3=bucket)
    c = await make_company()
    auth = {"Authorization": f"Bearer {(await sign_in(c.employee)).token}"}
    async with client_for(configured) as client:
        # when
        created = await client.post("/uploads?purpose=growth_evidence", content=photo(gps=True),
                                    headers={**auth, "Content-Type": "image/jpeg"})
        body = created.json()
        original = await client.get(body["url"], headers=auth)
        thumbnail = await client.get(body["thumbnailUrl"], headers=auth)
    # then the photo and its thumbnail are in the bucket, nothing in the data directory
    assert created.status_code == 201, created.text
    assert len(_keys_in(bucket)) == 2
    assert not (settings.data_dir / "files").exists()
    assert original.status_code == 200 and original.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(original.content)).getexif().get_ifd(GPS_IFD) == {}
    assert thumbnail.status_code == 200 and thumbnail.headers["content-type"] == "image/webp"
    assert max(Image.open(io.BytesIO(thumbnail.content)).size) == 320
