"""Registers backend enums with strawberry under their GraphQL names. strawberry.enum() marks the
class in place, so types annotate fields with the backend enums themselves; import this module
before building types that use them."""
from __future__ import annotations

import strawberry

from backend.access.actor import ActorKind
from backend.access.models import AccountState, Locale
from backend.access.permissions import Role
from backend.core.errors import ErrorCode
from backend.org.models import EmployeeStatus

strawberry.enum(Role, name="Role", description="What a person may do; each role includes the ones before it.")
strawberry.enum(Locale, name="Locale", description="Language for text a person reads.")
strawberry.enum(ActorKind, name="ViewerKind", description="Who is signed in: a person, a kiosk, or the system.")
strawberry.enum(AccountState, name="AccountState", description="Whether a person can sign in.")
strawberry.enum(EmployeeStatus, name="EmployeeStatus", description="Still with the company, or left.")
strawberry.enum(ErrorCode, name="ErrorCode", description="Why something failed; the PWA localises by code.")

__all__ = ["AccountState", "ActorKind", "EmployeeStatus", "ErrorCode", "Locale", "Role"]
