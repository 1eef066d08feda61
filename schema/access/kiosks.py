"""Kiosk credentials: HR issues a code a shared tablet signs in with (check-in only)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import strawberry

from backend.access import kiosks
from backend.access.models import KioskCredential as KioskCredentialModel
from backend.org import structure
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import required_uuid
from schema.core.results import attempt
from schema.org.types import Site


@strawberry.type(description="A shared tablet's sign-in code for one site (the code itself is never shown again).")
class KioskCredential:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    label: str = strawberry.field(description="Where the tablet stands, e.g. 'Gate 1'.")
    created_at: datetime = strawberry.field(description="When it was issued.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if it was.")
    last_used_at: datetime | None = strawberry.field(description="Last sign-in with it.")
    site_id: strawberry.Private[UUID]

    @strawberry.field(description="The site the tablet checks people in at.")
    async def site(self, info: Info) -> Site | None:
        found = await info.context.org.site.load(self.site_id)
        return Site.from_model(found) if found else None

    @classmethod
    def from_model(cls, k: KioskCredentialModel) -> KioskCredential:
        return cls(id=strawberry.ID(str(k.id)), label=k.label, created_at=k.created_at, revoked_at=k.revoked_at,
                   last_used_at=k.last_used_at, site_id=k.site_id)


@strawberry.input(description="Issue a kiosk code for a site.")
class IssueKioskCredentialInput:
    site_id: strawberry.ID = strawberry.field(description="The site.")
    label: str = strawberry.field(description="Where the tablet stands.")


@strawberry.input(description="Revoke a kiosk code; tablets using it are signed out.")
class RevokeKioskCredentialInput:
    id: strawberry.ID = strawberry.field(description="The credential.")


@strawberry.type(description="A kiosk code was issued; type it on the tablet now, it is not shown again.")
class KioskCredentialIssued:
    credential: KioskCredential = strawberry.field(description="The credential.")
    kiosk_code: str = strawberry.field(description="The code to type on the tablet.")


@strawberry.type(description="A kiosk code was revoked.")
class KioskCredentialRevoked:
    credential: KioskCredential = strawberry.field(description="The credential.")


IssueKioskCredentialResult = Annotated[KioskCredentialIssued | UserError, strawberry.union("IssueKioskCredentialResult")]
RevokeKioskCredentialResult = Annotated[KioskCredentialRevoked | UserError, strawberry.union("RevokeKioskCredentialResult")]


@strawberry.type
class AccessQuery:
    @strawberry.field(description="HR: kiosk codes, oldest first.")
    async def kiosk_credentials(self, info: Info) -> list[KioskCredential]:
        return [KioskCredential.from_model(k) for k in await kiosks.list_for(info.context.actor)]


@strawberry.type
class AccessMutation:
    @strawberry.mutation(description="HR: issue a kiosk code for a site.")
    async def issue_kiosk_credential(self, info: Info, input: IssueKioskCredentialInput) -> IssueKioskCredentialResult:
        async def body() -> KioskCredentialIssued:
            credential, code = await structure.issue_kiosk_credential(
                info.context.actor, site_id=required_uuid(input.site_id, field="siteId"), label=input.label)
            return KioskCredentialIssued(credential=KioskCredential.from_model(credential), kiosk_code=code)
        return await attempt(body)

    @strawberry.mutation(description="HR: revoke a kiosk code.")
    async def revoke_kiosk_credential(self, info: Info, input: RevokeKioskCredentialInput) -> RevokeKioskCredentialResult:
        async def body() -> KioskCredentialRevoked:
            credential = await structure.revoke_kiosk_credential(info.context.actor, required_uuid(input.id, field="id"))
            return KioskCredentialRevoked(credential=KioskCredential.from_model(credential))
        return await attempt(body)
