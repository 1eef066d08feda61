"""Payroll downloads of a locked bonus pool, CSV or XLSX (HR; the session cookie or a bearer token
authorises, like the other signed-in downloads under /exports/)."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backend.core.errors import DomainError, NotFound
from backend.performance import export
from backend.web import scope as keys
from backend.web.routes.openbadges import error_response, unauthenticated

_FORMATS: dict[str, tuple[str, Callable[[export.PayrollExport], bytes]]] = {
    "csv": ("text/csv; charset=utf-8", export.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.to_xlsx),
}


def _download(extension: str) -> Callable[[Request], Awaitable[Response]]:
    media_type, render = _FORMATS[extension]

    async def respond(request: Request) -> Response:
        actor = keys.actor_of(request.scope)
        if actor is None:
            return unauthenticated()
        try:
            try:
                pool_id = UUID(request.path_params["pool_id"])
            except ValueError:
                raise NotFound("No such bonus pool.") from None
            exported = await export.payroll_export(actor, pool_id=pool_id)
        except DomainError as err:
            return error_response(err)
        body = await run_in_threadpool(render, exported)
        return Response(body, media_type=media_type, headers={
            "Content-Disposition": f'attachment; filename="{exported.filename(extension)}"',
            "Cache-Control": "no-store"})

    return respond


ROUTES = [Route(f"/exports/bonus-pools/{{pool_id}}.{extension}", _download(extension), methods=["GET"])
          for extension in _FORMATS]
