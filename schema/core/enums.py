"""Backend enums exposed to GraphQL under their own names."""
from __future__ import annotations

import strawberry

from backend.access.actor import ActorKind
from backend.access.models import AccountState, Locale
from backend.access.permissions import Role
from backend.org.models import EmployeeStatus

RoleEnum = strawberry.enum(Role, name="Role", description="What a person may do; each role includes the ones before it.")
LocaleEnum = strawberry.enum(Locale, name="Locale", description="Language for text a person reads.")
ViewerKindEnum = strawberry.enum(ActorKind, name="ViewerKind", description="Who is signed in: a person, a kiosk, or the system.")
AccountStateEnum = strawberry.enum(AccountState, name="AccountState", description="Whether a person can sign in.")
EmployeeStatusEnum = strawberry.enum(EmployeeStatus, name="EmployeeStatus", description="Still with the company, or left.")
