"""Driving the real ASGI app in-process: httpx over ASGITransport (no lifespan: the `db` fixture has
connected the database), plus a raw ASGI call for paths httpx would normalise."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from starlette.types import ASGIApp, Message

from backend.core.config import Settings
from backend.web.app import create_app
from tests.factories.org import PASSWORD, Person
from workers.settings import in_process_jobs

BASE_URL = "http://testserver"


def app_for(settings: Settings) -> ASGIApp:
    return create_app(settings, job_backend=in_process_jobs(), manage_db=False)


@asynccontextmanager
async def client_for(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app_for(settings))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        yield client


async def sign_in(client: httpx.AsyncClient, person: Person, *, kind: str = "web", password: str = PASSWORD) -> httpx.Response:
    response = await client.post("/auth/login", json={"login": person.login, "password": password, "client": kind})
    assert response.status_code in (200, 401, 403, 429), response.text
    return response


async def gql(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None,
              **kwargs: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, **kwargs)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def cookie_attributes(set_cookie: str) -> tuple[str, str, dict[str, str]]:
    """("name", "value", {lowercased attribute: value}) of one Set-Cookie header."""
    first, *attributes = [part.strip() for part in set_cookie.split(";")]
    name, _, value = first.partition("=")
    parsed = {}
    for attribute in attributes:
        key, _, val = attribute.partition("=")
        parsed[key.lower()] = val
    return name, value, parsed


async def raw_get(app: ASGIApp, path: str) -> tuple[int, bytes]:
    """GET with exactly this path on the ASGI scope (no client-side dot-segment removal)."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }
    sent: list[Message] = []
    requested, done = False, asyncio.Event()

    async def receive() -> Message:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()  # the client stays connected until the response is complete
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            done.set()

    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body
