"""The built PWA's files: cache headers by kind, index.html for client-side routes, nothing served
from outside the dist directory, and a helpful answer when there is no build."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.backend.web.support import app_for, raw_get



def _fake_dist(dist: Path) -> None:
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Seen</title>")
    (dist / "assets" / "app-abc123.js").write_text("console.log('seen')")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (dist / "manifest.webmanifest").write_text('{"name": "Seen"}')


@pytest.mark.parametrize(("path", "cache_control"), [
    ("/assets/app-abc123.js", "public, max-age=31536000, immutable"),
    ("/index.html", "no-cache"), ("/sw.js", "no-cache"), ("/manifest.webmanifest", "no-cache"), ("/", "no-cache"),
])
async def test_pwa_files_are_cached_by_kind(static_client, settings, path, cache_control):
    # given
    _fake_dist(settings.pwa_dist)
    # when
    response = await static_client.get(path)
    # then
    assert (response.status_code, response.headers["cache-control"]) == (200, cache_control)


@pytest.mark.parametrize("path", ["/me", "/invite/xyz", "/people/42/edit"])
async def test_client_side_routes_get_index_html(static_client, settings, path):
    # given
    _fake_dist(settings.pwa_dist)
    # when
    response = await static_client.get(path)
    # then
    assert response.status_code == 200 and "<title>Seen</title>" in response.text
    assert response.headers["cache-control"] == "no-cache"


async def test_a_missing_file_is_404_not_index_html(static_client, settings):
    # given
    _fake_dist(settings.pwa_dist)
    # when
    response = await static_client.get("/missing.png")
    # then
    assert response.status_code == 404 and "<title>" not in response.text


@pytest.mark.parametrize("path", ["/../secrets.json", "/../data/secrets.json", "/assets/../../data/secrets.json"])
async def test_dot_segments_never_leave_the_dist_directory(settings, path):
    # given the server's real secrets next to the dist directory
    _fake_dist(settings.pwa_dist)
    (settings.pwa_dist.parent / "secrets.json").write_text(settings.secret_key)
    assert (settings.data_dir / "secrets.json").exists()
    app = app_for(settings)
    assert (await raw_get(app, "/sw.js"))[0] == 200
    # when
    status, body = await raw_get(app, path)
    # then
    assert status == 404 and settings.secret_key.encode() not in body


@pytest.mark.parametrize("path", ["/%2e%2e/secrets.json", "/%2e%2e/data/secrets.json", "/..%2fdata%2fsecrets.json"])
async def test_encoded_dot_segments_never_leave_the_dist_directory(static_client, settings, path):
    # given
    _fake_dist(settings.pwa_dist)
    (settings.pwa_dist.parent / "secrets.json").write_text(settings.secret_key)
    # when
    response = await static_client.get(path)
    # then
    assert response.status_code == 404 and settings.secret_key not in response.text


async def test_a_symlink_out_of_dist_is_not_followed(static_client, settings):
    # given
    _fake_dist(settings.pwa_dist)
    (settings.pwa_dist / "leak.json").symlink_to(settings.data_dir / "secrets.json")
    # when
    response = await static_client.get("/leak.json")
    # then
    assert response.status_code == 404 and settings.secret_key not in response.text


async def test_without_a_build_the_app_explains_how_to_make_one(static_client, settings):
    # given no dist directory
    assert not settings.pwa_dist.exists()
    # when
    response = await static_client.get("/")
    # then
    assert response.status_code == 503 and "make pwa" in response.text
