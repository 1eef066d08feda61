"""create_app: the Starlette application (GraphQL, sign-in, health, the PWA) and its lifespan."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from backend.community import live_redis
from backend.core import db, jobs
from backend.core.config import Settings, use_settings
from backend.core.jobs import InProcessJobs, JobBackend
from backend.web.graphql import graphql_app
from backend.web.middleware import RequestContextMiddleware
from backend.web.routes import auth, bonus_exports, health, live, meetings, metric_hooks, openbadges, uploads
from backend.web.routes import share_target
from backend.web.routes.pwa import PwaFiles


def create_app(settings: Settings, *, job_backend: JobBackend, manage_db: bool = True) -> Starlette:
    """`manage_db=False` when the caller (tests) has connected the database already."""
    use_settings(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_db:
            await db.connect(settings.database_url)
        jobs.configure(job_backend)
        if isinstance(job_backend, InProcessJobs):
            job_backend.start_periodic()
        fanout = await live_redis.start(settings.redis_url)  # live feed changes from every process
        try:
            yield
        finally:
            await live_redis.stop(fanout)
            await job_backend.close()
            if manage_db:
                await db.disconnect()

    pwa = PwaFiles(settings.pwa_dist)
    routes = [
        *health.routes,
        *auth.routes,
        *openbadges.ROUTES,
        *meetings.ROUTES,
        *metric_hooks.ROUTES,
        *bonus_exports.ROUTES,
        *uploads.ROUTES,
        *live.ROUTES,
        *share_target.ROUTES,  # POST before the service worker is active (first visit)
        Route("/graphql", graphql_app(settings), methods=["GET", "POST"]),
        Route("/", pwa.serve, methods=["GET", "HEAD"]),
        Route("/{path:path}", pwa.serve, methods=["GET", "HEAD"]),
    ]
    return Starlette(
        routes=routes, lifespan=lifespan, middleware=[Middleware(RequestContextMiddleware)],
        max_body_size=settings.max_body_bytes,
    )
