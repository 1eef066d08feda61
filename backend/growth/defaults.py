"""Starting career tracks for a new organisation (and the demo) to edit: production, sales and R&D, each
with a management branch, bilingual, with requirements and learning resources per level. Installed
through the tracks editor; installing twice adds nothing (a track whose code exists is left as HR
edited it)."""
from __future__ import annotations

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.growth import tracks
from backend.growth.default_office import RND, SALES
from backend.growth.default_production import PRODUCTION
from backend.growth.models import CareerTrack
from backend.growth.track_specs import TrackDraft

DEFAULT_TRACKS: tuple[TrackDraft, ...] = (PRODUCTION, SALES, RND)


async def install_default_tracks(actor: Actor) -> dict[str, CareerTrack]:
    """Every default track by code (existing ones as they are). Requires GROWTH_MANAGE; audited per track."""
    require(actor, Permission.GROWTH_MANAGE)
    found = {t.code: t for t in await CareerTrack.of(actor).filter(code__in=[d.code for d in DEFAULT_TRACKS])}
    for draft in DEFAULT_TRACKS:
        if draft.code not in found:
            found[draft.code] = await tracks.save_track(actor, draft)
    return found
