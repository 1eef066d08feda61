"""Post photos over HTTP through the real app: uploaded with purpose post_photo (GPS EXIF gone when
served), readable by every colleague once on a visible post, by nobody else before; a hidden post's
photo only by its author and HR."""
from __future__ import annotations

import io
from collections.abc import AsyncIterator

import httpx
import pytest
from PIL import Image

from backend.community import moderation, posts
from backend.community.models import PostCategory
from backend.core.config import Settings
from tests.backend.files.images_support import GPS_IFD, minimal_pdf, photo
from tests.backend.web.support import client_for
from tests.factories.access import sign_in
from tests.factories.org import Person, make_company

UPLOAD = "/uploads?purpose=post_photo"


@pytest.fixture
async def client(db: object, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(settings) as value:
        yield value


async def _bearer(person: Person) -> dict[str, str]:
    return {"Authorization": f"Bearer {(await sign_in(person)).token}"}


async def test_a_post_photo_is_served_without_its_location_to_colleagues_once_posted(client):
    # given a phone photo with GPS EXIF, uploaded for a post
    c = await make_company()
    uploaded = await client.post(UPLOAD, content=photo(gps=True),
                                 headers={**await _bearer(c.employee), "Content-Type": "image/jpeg"})
    assert uploaded.status_code == 201, uploaded.text
    body = uploaded.json()
    before = await client.get(body["url"], headers=await _bearer(c.peer))
    # when it goes on a post
    await posts.create_post(c.employee.actor, posts.PostDraft(category=PostCategory.WARM_MOMENT, body="Sunset 日落",
                                                             photo_ids=[body["id"]]))
    served = await client.get(body["url"], headers=await _bearer(c.peer))
    thumbnail = await client.get(body["thumbnailUrl"], headers=await _bearer(c.peer))
    # then
    assert before.status_code == 404  # not yet on a post: only the uploader (and HR) may read it
    assert served.status_code == 200 and thumbnail.status_code == 200
    image = Image.open(io.BytesIO(served.content))
    assert image.getexif().get_ifd(GPS_IFD) == {} and b"Exif" not in served.content
    assert thumbnail.headers["content-type"] == "image/webp"


async def test_a_hidden_posts_photo_is_for_its_author_and_hr_only(client):
    c = await make_company()
    uploaded = (await client.post(UPLOAD, content=photo(gps=False),
                                  headers={**await _bearer(c.employee), "Content-Type": "image/png"})).json()
    post = await posts.create_post(c.employee.actor, posts.PostDraft(category=PostCategory.WARM_MOMENT, body="x",
                                                                    photo_ids=[uploaded["id"]]))
    await moderation.moderate(c.hr.actor, post.id, hide=True, reason="Private data")
    statuses = [(await client.get(uploaded["url"], headers=await _bearer(p))).status_code
                for p in (c.employee, c.hr, c.peer, c.manager)]
    assert statuses == [200, 200, 404, 200]  # the manager reads their report's uploads by the files rule


async def test_a_pdf_is_not_a_post_photo(client):
    c = await make_company()
    refused = await client.post(UPLOAD, content=minimal_pdf(),
                                headers={**await _bearer(c.employee), "Content-Type": "application/pdf"})
    assert refused.status_code == 415
