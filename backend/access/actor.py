"""The Actor: resolved once per request (or built by a job) and passed first to every use case."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from backend.access.permissions import BRIDGE_GRANTS, KIOSK_GRANTS, ROLE_GRANTS, Permission, Role


class ActorKind(StrEnum):
    USER = "user"
    KIOSK = "kiosk"
    SYSTEM = "system"
    BRIDGE = "bridge"


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    tenant_id: UUID
    permissions: frozenset[Permission]
    account_id: UUID | None = None
    employee_id: UUID | None = None
    role: Role | None = None
    site_id: UUID | None = None
    session_id: UUID | None = None
    label: str = ""
    request_id: str | None = field(default=None, compare=False)

    @classmethod
    def user(
        cls, *, tenant_id: UUID, account_id: UUID, employee_id: UUID, role: Role,
        session_id: UUID | None = None, label: str = "", request_id: str | None = None,
    ) -> Actor:
        return cls(
            kind=ActorKind.USER, tenant_id=tenant_id, permissions=ROLE_GRANTS[role],
            account_id=account_id, employee_id=employee_id, role=role, session_id=session_id,
            label=label, request_id=request_id,
        )

    @classmethod
    def kiosk(
        cls, *, tenant_id: UUID, site_id: UUID, session_id: UUID, label: str, request_id: str | None = None
    ) -> Actor:
        return cls(
            kind=ActorKind.KIOSK, tenant_id=tenant_id, permissions=KIOSK_GRANTS, site_id=site_id,
            session_id=session_id, label=label, request_id=request_id,
        )

    @classmethod
    def bridge(cls, tenant_id: UUID, *, bridge_id: str, request_id: str | None = None) -> Actor:
        """A device bridge signed in with its HMAC key: it may deliver punches and nothing else."""
        return cls(kind=ActorKind.BRIDGE, tenant_id=tenant_id, permissions=BRIDGE_GRANTS,
                   label=f"bridge: {bridge_id}", request_id=request_id)

    @classmethod
    def system(cls, tenant_id: UUID, *, label: str = "system") -> Actor:
        """Jobs and seeding act for one organisation with every permission of that organisation."""
        return cls(kind=ActorKind.SYSTEM, tenant_id=tenant_id, permissions=frozenset(Permission), label=label)

    def with_request_id(self, request_id: str) -> Actor:
        from dataclasses import replace

        return replace(self, request_id=request_id)
