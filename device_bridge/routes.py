"""Which handler answers which path: /healthz, ZKTeco ADMS under /iclock/, Hikvision ISAPI under
/isapi (or /hikvision). Everything else is 404."""
from __future__ import annotations

from device_bridge import adms, health, isapi
from device_bridge.app import Bridge
from device_bridge.httpserver import Request, Response


async def route(bridge: Bridge, request: Request) -> Response:
    if request.path == "/healthz" and request.method == "GET":
        return await health.handle(bridge)
    if request.path.startswith("/iclock/"):
        return await adms.handle(bridge, request)
    if request.path.startswith(("/isapi", "/hikvision")):
        return await isapi.handle(bridge, request)
    return Response.text(404, "NOT FOUND")
