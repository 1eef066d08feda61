"""Sign-in endpoints (the only ones besides health and static files that work without a session).
JSON bodies only, which also keeps cross-site form posts out (CSRF)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.access import authn
from backend.access.models import SessionKind
from backend.core.config import get_settings
from backend.core.errors import DomainError, ErrorCode, RateLimited, ValidationFailed
from backend.org import people
from backend.web import scope as keys

_STATUS = {
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.ACCOUNT_DISABLED: 403,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.VALIDATION: 400,
    ErrorCode.WEAK_PASSWORD: 400,
    ErrorCode.INVALID_INVITE: 400,
}


async def login(request: Request) -> Response:
    """{"login", "password", "client": "web"|"api"}: web sets the cookie, api returns a bearer token."""
    try:
        body = await _json(request)
        client = body.get("client", "web")
        if client not in ("web", "api"):
            raise ValidationFailed("client must be web or api.", field="client")
        issued = await authn.login(
            login=_str(body, "login"), password=_str(body, "password"), ip=_ip(request),
            user_agent=request.headers.get("user-agent", ""), kind=SessionKind(client),
        )
    except DomainError as err:
        return _error(err)
    if client == "api":
        return JSONResponse({"ok": True, "token": issued.token, "expiresAt": issued.expires_at.isoformat()})
    return _with_cookie(JSONResponse({"ok": True}), issued.token, issued.expires_at)


async def kiosk_login(request: Request) -> Response:
    """{"code"}: a shared tablet signs in for check-in at its site."""
    try:
        body = await _json(request)
        issued = await authn.kiosk_login(code=_str(body, "code"), ip=_ip(request), user_agent=request.headers.get("user-agent", ""))
    except DomainError as err:
        return _error(err)
    return _with_cookie(JSONResponse({"ok": True}), issued.token, issued.expires_at)


async def accept_invite(request: Request) -> Response:
    """{"token", "password"}: first password for an invited person, who is then signed in."""
    try:
        body = await _json(request)
        issued = await people.accept_invite(token=_str(body, "token"), password=_str(body, "password"),
                                            ip=_ip(request), user_agent=request.headers.get("user-agent", ""),
                                            request_id=keys.request_id_of(request.scope))
    except DomainError as err:
        return _error(err)
    return _with_cookie(JSONResponse({"ok": True}), issued.token, issued.expires_at)


async def logout(request: Request) -> Response:
    token = request.scope.get(keys.SESSION_TOKEN)
    if token:
        await authn.logout(token)
    response = JSONResponse({"ok": True})
    response.delete_cookie(keys.SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=get_settings().cookie_secure)
    return response


async def _json(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise ValidationFailed("Send JSON (Content-Type: application/json).")
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise ValidationFailed("The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ValidationFailed("The body must be a JSON object.")
    return body


def _str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise ValidationFailed(f"{name} is required.", field=name)
    if len(value) > 1000:
        raise ValidationFailed(f"{name} is too long.", field=name)
    return value


def _ip(request: Request) -> str:
    return keys.client_ip(request.scope, trust_proxy=get_settings().trust_proxy_headers)


def _error(err: DomainError) -> JSONResponse:
    payload: dict[str, Any] = {"code": err.code.name, "message": err.message, "field": err.field}
    headers = {}
    if isinstance(err, RateLimited):
        payload["retryAfter"] = err.retry_after
        headers["Retry-After"] = str(err.retry_after)
    return JSONResponse({"error": payload}, status_code=_STATUS.get(err.code, 400), headers=headers)


def _with_cookie(response: Response, token: str, expires_at: datetime) -> Response:
    response.set_cookie(
        keys.SESSION_COOKIE, token, expires=expires_at, path="/", httponly=True, samesite="lax",
        secure=get_settings().cookie_secure,
    )
    return response


routes = [
    Route("/auth/login", login, methods=["POST"]),
    Route("/auth/kiosk", kiosk_login, methods=["POST"]),
    Route("/auth/accept-invite", accept_invite, methods=["POST"]),
    Route("/auth/logout", logout, methods=["POST"]),
]
