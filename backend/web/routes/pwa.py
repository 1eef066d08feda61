"""Serves the built PWA: hashed assets cached for a year, the entry points (index.html, the service
worker, the manifest) always revalidated, and index.html for client-side routes."""
from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Files whose names do not change between builds: the browser must always ask for them again,
# otherwise an old service worker or index.html pins users to an old app.
ENTRY_POINTS = {"index.html", "sw.js", "manifest.webmanifest", "registerSW.js"}


class PwaFiles:
    def __init__(self, dist: Path) -> None:
        self.dist = dist.resolve()

    async def serve(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse("Method not allowed", status_code=405)
        index = self.dist / "index.html"
        if not index.exists():
            return PlainTextResponse("The PWA is not built: run `make pwa`.", status_code=503)
        relative = request.path_params.get("path", "").lstrip("/")
        candidate = (self.dist / relative).resolve() if relative else index
        if relative and candidate.is_file() and candidate.is_relative_to(self.dist):
            return FileResponse(candidate, headers={"Cache-Control": self._cache_control(relative)})
        if "." in Path(relative).name:  # a missing file, not a client-side route
            return PlainTextResponse("Not found", status_code=404)
        return FileResponse(index, headers={"Cache-Control": REVALIDATE})

    @staticmethod
    def _cache_control(relative: str) -> str:
        if relative.startswith("assets/"):
            return IMMUTABLE
        if Path(relative).name in ENTRY_POINTS:
            return REVALIDATE
        return "public, max-age=86400"
