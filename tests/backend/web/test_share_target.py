"""A share reaching the server (no service worker active yet, first visit) opens the composer instead of
the PWA file server's 405; the shared files cannot be carried without the worker."""
from __future__ import annotations


async def test_a_share_without_the_service_worker_opens_the_composer(static_client):
    # when a gallery shares a photo to the app as the manifest's multipart POST
    photo = ("lunch.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")
    response = await static_client.post("/share-target", data={"title": "Team lunch", "text": "团建"},
                                        files={"photos": photo})
    # then the browser is sent (as a GET) to the composer, which opens empty
    assert (response.status_code, response.headers["location"]) == (303, "/community/feed/new?shared=0")


async def test_other_methods_still_reach_the_pwa_files(static_client):
    response = await static_client.get("/share-target")
    assert response.status_code != 303
