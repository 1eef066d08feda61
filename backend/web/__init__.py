"""The HTTP edge: Starlette app, pure ASGI middleware, routes. No business logic."""
