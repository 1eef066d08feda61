"""POST /hooks/metrics/{source_id}: external systems push metric values, signed with their source's
secret. No session: the signature is the credential (the middleware resolves no actor for /hooks/).
The checks and recording are backend.performance.webhook's; this maps them to HTTP."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.performance import webhook
from backend.performance.webhook import HookRefused, Refusal

_STATUS = {Refusal.UNKNOWN_SOURCE: 404, Refusal.BAD_SIGNATURE: 401, Refusal.STALE_TIMESTAMP: 401,
           Refusal.MALFORMED: 400, Refusal.TOO_LARGE: 413}
_NO_STORE = {"Cache-Control": "no-store"}


async def receive_metrics(request: Request) -> Response:
    try:
        body = await _body(request)
        results = await webhook.receive(request.path_params["source_id"], body=body,
                                        timestamp=request.headers.get("x-seen-timestamp"),
                                        signature=request.headers.get("x-seen-signature"))
    except HookRefused as refused:
        return JSONResponse({"error": {"code": refused.reason.value, "message": refused.message}},
                            status_code=_STATUS[refused.reason], headers=_NO_STORE)
    return JSONResponse({"results": [r.as_json() for r in results]}, headers=_NO_STORE)


async def _body(request: Request) -> bytes:
    """The raw body (the signature covers these exact bytes), refused as soon as it passes the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > webhook.MAX_BODY_BYTES:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > webhook.MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> HookRefused:
    return HookRefused(Refusal.TOO_LARGE, f"The body is over {webhook.MAX_BODY_BYTES // 1024} KB; send fewer values.")


ROUTES = [Route("/hooks/metrics/{source_id}", receive_metrics, methods=["POST"])]
