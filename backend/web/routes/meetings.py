"""The iCalendar invite of a booked CEO 1:1 (a calendar app fetches or imports it; the session cookie
authorises, like the wall exports under /exports/)."""
from __future__ import annotations

from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backend.core.errors import DomainError, NotFound
from backend.rewards import fulfilment
from backend.web import scope as keys
from backend.web.routes.openbadges import error_response, unauthenticated


async def meeting_invite(request: Request) -> Response:
    actor = keys.actor_of(request.scope)
    if actor is None:
        return unauthenticated()
    try:
        try:
            redemption_id = UUID(request.path_params["redemption_id"])
        except ValueError:
            raise NotFound("No such redemption.") from None
        calendar = await fulfilment.meeting_invite(actor, redemption_id)
    except DomainError as err:
        return error_response(err)
    return Response(calendar.encode(), media_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="seen-meeting-{redemption_id}.ics"', "Cache-Control": "no-store"})


ROUTES = [Route("/exports/meetings/{redemption_id}.ics", meeting_invite, methods=["GET"])]
