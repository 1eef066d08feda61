"""POST /share-target without the service worker: the manifest's share_target sends a shared photo or text as
a multipart POST navigation. Normally the PWA's service worker answers it (keeps the files, 303 to the composer);
on the first visit, before a worker is active, the request reaches the server, and the PWA's file server would
answer 405. Here it opens the composer instead (303, so a reload is a GET). The shared files cannot be carried
without the worker (nothing of the body is read or kept), so the composer opens empty (`shared=0`)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

COMPOSER = "/community/feed/new?shared=0"


async def share_target(request: Request) -> RedirectResponse:
    return RedirectResponse(COMPOSER, status_code=303)


ROUTES = [Route("/share-target", share_target, methods=["POST"])]
