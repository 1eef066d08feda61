"""Relationship policies: pure decisions over data the caller has loaded."""
from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission


def is_self(actor: Actor, employee_id: UUID) -> bool:
    return actor.employee_id is not None and actor.employee_id == employee_id


def manages(actor: Actor, employee_id: UUID, subordinate_ids: Collection[UUID]) -> bool:
    """True when the actor is a manager with `employee_id` anywhere below them."""
    return Permission.TEAM_READ_PRIVATE in actor.permissions and employee_id in subordinate_ids


def may_see_private_profile(actor: Actor, employee_id: UUID, subordinate_ids: Collection[UUID]) -> bool:
    """Phone, email and birthday: the person, their management chain and HR."""
    return (
        is_self(actor, employee_id)
        or Permission.EMPLOYEE_READ_PRIVATE in actor.permissions
        or manages(actor, employee_id, subordinate_ids)
    )


def may_see_account(actor: Actor, employee_id: UUID) -> bool:
    """Role and account state: the person and whoever manages accounts."""
    return is_self(actor, employee_id) or Permission.EMPLOYEE_MANAGE in actor.permissions
