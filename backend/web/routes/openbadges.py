"""Open Badges hosted verification (public, no session) and the wall archive downloads (signed in:
the middleware resolves the actor for /exports/). GraphQL is not used: verifiers and browsers fetch
plain URLs, and a PDF is not a GraphQL value."""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.access.actor import Actor
from backend.achievements import archive, verification
from backend.core.errors import DomainError, ErrorCode, NotFound, ValidationFailed
from backend.web import scope as keys

# Short: a revocation or a renamed badge reaches verifiers within minutes.
PUBLIC_CACHE = "public, max-age=300"
# Shared by every signed-in download route (error_response); codes not listed answer 400.
_STATUS = {ErrorCode.NOT_FOUND: 404, ErrorCode.FORBIDDEN: 403, ErrorCode.VALIDATION: 400,
           ErrorCode.UNAUTHENTICATED: 401, ErrorCode.CONFLICT: 409}
_PDF_LANGUAGES = ("zh-CN", "en")


async def issuer(request: Request) -> Response:
    return _badge_document(request, await verification.issuer_for(request.path_params["org_id"]))


async def badge_class(request: Request) -> Response:
    language = request.query_params.get("lang")
    return _badge_document(request, await verification.badge_class_for(request.path_params["class_id"], language=language))


async def assertion(request: Request) -> Response:
    return _badge_document(request, await verification.assertion_for(request.path_params["achievement_id"]))


async def wall_json(request: Request) -> Response:
    async def respond(actor: Actor, employee_id: UUID) -> Response:
        exported = await archive.export_wall(actor, employee_id=employee_id)
        body = json.dumps(exported.content, ensure_ascii=False, indent=2).encode()
        return _download(body, "application/json; charset=utf-8", exported.filename("json"))

    return await _signed_in(request, respond)


async def wall_pdf(request: Request) -> Response:
    async def respond(actor: Actor, employee_id: UUID) -> Response:
        lang = request.query_params.get("lang")
        if lang is not None and lang not in _PDF_LANGUAGES:
            raise ValidationFailed("lang must be zh-CN or en.", field="lang")
        exported = await archive.export_wall(actor, employee_id=employee_id)
        chosen = lang or str(exported.content["organization"]["locale"])
        # Rendering is CPU work: keep it off the event loop.
        body = await run_in_threadpool(archive.render_pdf, exported.content, chosen)
        return _download(body, "application/pdf", exported.filename("pdf"))

    return await _signed_in(request, respond)


def _badge_document(request: Request, document: dict[str, Any] | None) -> Response:
    """application/ld+json unless the client asked for plain JSON only (as the spec says)."""
    headers = {"Cache-Control": PUBLIC_CACHE, "Access-Control-Allow-Origin": "*"}
    if document is None:
        return _error(NotFound("No such badge document."), headers=headers)
    accept = request.headers.get("accept", "")
    media = "application/json" if "application/json" in accept and "application/ld+json" not in accept else "application/ld+json"
    # Hosted verification: a revoked assertion answers 410 Gone with its minimal revoked body.
    status = 410 if document.get("revoked") is True else 200
    body = json.dumps(document, ensure_ascii=False).encode()
    return Response(body, status_code=status, media_type=f"{media}; charset=utf-8", headers=headers)


def unauthenticated() -> JSONResponse:
    return JSONResponse({"error": {"code": ErrorCode.UNAUTHENTICATED.name, "message": "Sign in first.", "field": None}},
                        status_code=401, headers={"Cache-Control": "no-store"})


def error_response(err: Exception) -> JSONResponse:
    """A domain error as a JSON error for the signed-in download routes; anything else is a bug."""
    if not isinstance(err, DomainError):
        raise err
    return _error(err, headers={"Cache-Control": "no-store"})


async def _signed_in(request: Request, respond: Callable[[Actor, UUID], Awaitable[Response]]) -> Response:
    actor = keys.actor_of(request.scope)
    if actor is None:
        return unauthenticated()
    try:
        return await respond(actor, _employee_id(request, actor))
    except DomainError as err:
        return error_response(err)


def _employee_id(request: Request, actor: Actor) -> UUID:
    """`?employee=<id>`, or the signed-in person's own wall when omitted."""
    raw = request.query_params.get("employee")
    if not raw:
        if actor.employee_id is None:
            raise ValidationFailed("Say whose wall: ?employee=<id>.", field="employee")
        return actor.employee_id
    try:
        return UUID(raw)
    except ValueError:
        raise NotFound("No such employee.") from None


def _download(body: bytes, media_type: str, filename: str) -> Response:
    # WallArchive.filename is plain ASCII ([A-Za-z0-9_.-]): no quoting or RFC 5987 encoding needed.
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def _error(err: DomainError, *, headers: dict[str, str]) -> JSONResponse:
    payload = {"code": err.code.name, "message": err.message, "field": err.field}
    return JSONResponse({"error": payload}, status_code=_STATUS.get(err.code, 400), headers=headers)


ROUTES = [
    Route("/openbadges/issuers/{org_id}.json", issuer, methods=["GET", "HEAD"]),
    Route("/openbadges/classes/{class_id}.json", badge_class, methods=["GET", "HEAD"]),
    Route("/openbadges/assertions/{achievement_id}.json", assertion, methods=["GET", "HEAD"]),
    Route("/exports/wall.json", wall_json, methods=["GET"]),
    Route("/exports/wall.pdf", wall_pdf, methods=["GET"]),
]
