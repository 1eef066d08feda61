"""POST /uploads and GET /files/{id}[/thumbnail] over HTTP through the real app: signed in, the CSRF
content-type rule, the 10 MB cap, the type from the bytes, EXIF gone from what is served, and 404 for
anyone outside the uploader's chain and HR."""
from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

import httpx
from PIL import Image

from backend.files.models import StoredFile
from tests.backend.files.images_support import GPS_IFD, minimal_pdf, photo
from tests.factories.access import sign_in
from tests.factories.org import Company, Person, make_company

EVIDENCE = "/uploads?purpose=growth_evidence"


async def _bearer(person: Person) -> dict[str, str]:
    return {"Authorization": f"Bearer {(await sign_in(person)).token}"}


async def _upload(client: httpx.AsyncClient, person: Person, content: bytes, content_type: str = "image/jpeg",
                  **headers: str) -> httpx.Response:
    return await client.post(EVIDENCE, content=content,
                             headers={**await _bearer(person), "Content-Type": content_type, **headers})


async def _uploaded(client: httpx.AsyncClient, c: Company) -> dict[str, Any]:
    response = await _upload(client, c.employee, photo(gps=True))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_photo_upload_answers_201_with_its_reference(client):
    # given
    c = await make_company()
    # when
    response = await _upload(client, c.employee, photo(3000, 1000, gps=True), **{"X-File-Name": quote("证书.jpg")})
    # then
    assert response.status_code == 201
    body = response.json()
    assert body == {"id": body["id"], "url": f"/files/{body['id']}", "thumbnailUrl": f"/files/{body['id']}/thumbnail",
                    "contentType": "image/jpeg", "width": 2048, "height": 683}
    stored = await StoredFile.of(c.system).get(id=body["id"])
    assert (stored.uploaded_by_id, stored.purpose, stored.original_name) == (c.employee.employee.id, "growth_evidence",
                                                                             "证书.jpg")


async def test_the_served_photo_has_no_location_and_private_nosniff_headers(client):
    # given
    c = await make_company()
    body = await _uploaded(client, c)
    # when
    response = await client.get(body["url"], headers=await _bearer(c.employee))
    # then
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"].startswith("private")
    assert response.headers["content-security-policy"] == "sandbox"
    served = Image.open(io.BytesIO(response.content))
    assert served.getexif().get_ifd(GPS_IFD) == {} and b"Exif" not in response.content


async def test_the_thumbnail_is_a_small_webp(client):
    # given
    c = await make_company()
    body = await _uploaded(client, c)
    # when
    response = await client.get(body["thumbnailUrl"], headers=await _bearer(c.manager))
    # then
    assert response.status_code == 200 and response.headers["content-type"] == "image/webp"
    assert max(Image.open(io.BytesIO(response.content)).size) == 320


async def test_the_uploader_people_above_them_and_hr_read_it_others_get_404(client):
    # given the employee's upload; the peer reports elsewhere
    c = await make_company()
    other = await make_company("Other")
    body = await _uploaded(client, c)
    # when
    statuses = {name: (await client.get(body["url"], headers=await _bearer(person))).status_code
                for name, person in [("employee", c.employee), ("manager", c.manager), ("owner", c.owner),
                                     ("hr", c.hr), ("peer", c.peer), ("other org owner", other.owner)]}
    # then
    assert statuses == {"employee": 200, "manager": 200, "owner": 200, "hr": 200, "peer": 404, "other org owner": 404}


async def test_a_pdf_is_served_as_an_attachment_and_has_no_thumbnail(client):
    # given
    c = await make_company()
    created = await _upload(client, c.employee, minimal_pdf(), "application/pdf")
    body = created.json()
    # when
    document = await client.get(body["url"], headers=await _bearer(c.employee))
    thumbnail = await client.get(f"/files/{body['id']}/thumbnail", headers=await _bearer(c.employee))
    # then
    assert (created.status_code, body["contentType"], body["thumbnailUrl"]) == (201, "application/pdf", None)
    assert document.content == minimal_pdf() and document.headers["content-disposition"] == "attachment"
    assert thumbnail.status_code == 404


async def test_signed_out_callers_get_401(client):
    # given
    c = await make_company()
    body = await _uploaded(client, c)
    # when
    posted = await client.post(EVIDENCE, content=photo(), headers={"Content-Type": "image/jpeg"})
    fetched = await client.get(body["url"])
    # then
    assert (posted.status_code, fetched.status_code) == (401, 401)


async def test_form_content_types_are_refused_like_graphql_csrf(client):
    # given
    c = await make_company()
    # when
    responses = [await _upload(client, c.employee, photo(), kind)
                 for kind in ("multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain")]
    # then
    assert [r.status_code for r in responses] == [415, 415, 415]
    assert await StoredFile.of(c.system).count() == 0


async def test_the_type_is_sniffed_not_trusted(client):
    # given a text file claiming to be a PNG
    c = await make_company()
    # when
    response = await _upload(client, c.employee, b"<script>alert(1)</script>", "image/png")
    # then
    assert response.status_code == 415
    assert response.json()["error"] == {"code": "VALIDATION", "field": "file",
                                        "message": "Upload one of: JPEG, PDF, PNG, WebP."}


async def test_a_body_over_10_mb_is_refused_with_413(client):
    # given
    c = await make_company()
    # when
    response = await _upload(client, c.employee, photo() + b"\x00" * (10 * 1024 * 1024))
    # then
    assert response.status_code == 413
    assert await StoredFile.of(c.system).count() == 0


async def test_an_unknown_purpose_is_a_400(client):
    # given
    c = await make_company()
    # when
    response = await client.post("/uploads?purpose=avatar", content=photo(),
                                 headers={**await _bearer(c.employee), "Content-Type": "image/jpeg"})
    # then
    assert response.status_code == 400 and response.json()["error"]["field"] == "purpose"


async def test_malformed_and_unknown_file_ids_are_404(client):
    # given
    c = await make_company()
    headers = await _bearer(c.hr)
    # when
    responses = [await client.get("/files/not-a-uuid", headers=headers),
                 await client.get("/files/00000000-0000-0000-0000-000000000000", headers=headers)]
    # then
    assert [r.status_code for r in responses] == [404, 404]
