"""Per-request DataLoaders for evidence records and learning sessions: attached files, seats taken,
the viewer's enrolment, and the viewer's decision scope (loaded once). One query per batch."""
from __future__ import annotations

import asyncio
from uuid import UUID

from strawberry.dataloader import DataLoader

from backend.access.actor import Actor
from backend.files import access as files
from backend.files.models import StoredFile
from backend.growth import record_policy, session_queries
from backend.growth.models import EnrolmentStatus, LearningSession
from backend.org.views import Visibility


class EvidenceLoaders:
    def __init__(self, actor: Actor, visibility: Visibility) -> None:
        self._actor, self._visibility = actor, visibility
        self._scope: asyncio.Future[record_policy.Scope] | None = None

        async def stored_files(ids: list[UUID]) -> list[StoredFile | None]:
            return await files.files_by_ids(actor, ids)

        async def sessions(ids: list[UUID]) -> list[LearningSession | None]:
            return await session_queries.sessions_by_ids(actor, ids)

        async def enrolled(ids: list[UUID]) -> list[int]:
            return await session_queries.enrolled_counts(actor, ids)

        async def mine(ids: list[UUID]) -> list[EnrolmentStatus | None]:
            return await session_queries.my_enrolments(actor, ids)

        async def upcoming(level_ids: list[UUID]) -> list[list[LearningSession]]:
            return await session_queries.upcoming_for_levels(actor, level_ids)

        self.file = DataLoader(load_fn=stored_files)
        self.session = DataLoader(load_fn=sessions)
        self.enrolled = DataLoader(load_fn=enrolled)
        self.my_enrolment = DataLoader(load_fn=mine)
        self.upcoming_sessions = DataLoader(load_fn=upcoming)  # by level id, for the map's levels

    async def scope(self) -> record_policy.Scope:
        """What the viewer may do with records (their subordinates, the sessions they train), loaded once."""
        if self._scope is None:  # one load shared by every resolver asking at the same time
            self._scope = asyncio.ensure_future(record_policy.scope_of(self._actor, self._visibility))
        return await self._scope
