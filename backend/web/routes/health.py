"""Liveness (/healthz: the process answers) and readiness (/readyz: database and Redis reachable)."""
from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tortoise import connections

from backend.core.config import get_settings


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    checks = {"database": await _database_ok()}
    settings = get_settings()
    if settings.redis_url:
        checks["redis"] = await _redis_ok(settings.redis_url)
    ready = all(checks.values())
    body = {"status": "ready" if ready else "unavailable", "checks": {k: "ok" if v else "failing" for k, v in checks.items()}}
    return JSONResponse(body, status_code=200 if ready else 503)


async def _database_ok() -> bool:
    try:
        await asyncio.wait_for(connections.get("default").execute_query("SELECT 1"), timeout=3)
        return True
    except Exception:  # readiness reports any failure as "failing"; the cause is in the DB logs
        return False


async def _redis_ok(url: str) -> bool:
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(await client.ping())
    except Exception:  # as above: not ready, whatever the reason
        return False
    finally:
        await client.aclose()


routes = [Route("/healthz", healthz), Route("/readyz", readyz)]
