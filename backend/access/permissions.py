"""Permissions and the table of what each role is granted. Read it on one screen; extend it here only."""
from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from backend.core.errors import Forbidden


class Role(StrEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    HR_ADMIN = "hr_admin"
    OWNER = "owner"


class Permission(StrEnum):
    PROFILE_EDIT_OWN = "profile:edit_own"
    DIRECTORY_READ = "directory:read"
    TEAM_READ_PRIVATE = "team:read_private"
    EMPLOYEE_READ_PRIVATE = "employee:read_private"
    EMPLOYEE_MANAGE = "employee:manage"
    ORG_CONFIGURE = "org:configure"
    ORG_SETTINGS = "org:settings"
    KIOSK_MANAGE = "kiosk:manage"
    AUDIT_READ = "audit:read"
    ATTENDANCE_CHECKIN = "attendance:checkin"
    RECOGNITION_GIVE = "recognition:give"  # kudos to anyone, feedback (praise/coaching) to own reports
    RECOGNITION_GIVE_ANYONE = "recognition:give_anyone"  # feedback to anyone in the organisation
    BADGE_GRANT = "badge:grant"  # badges whose granter is "manager", to own reports
    RECOGNITION_CONFIGURE = "recognition:configure"  # badges, values, allowances, caps
    RULES_MANAGE = "rules:manage"
    POINTS_READ_ANY = "points:read_any"
    POINTS_ADJUST = "points:adjust"
    REWARDS_REDEEM = "rewards:redeem"
    REWARDS_APPROVE = "rewards:approve"  # managers for people below them, HR for anyone
    REWARDS_MANAGE = "rewards:manage"  # catalogue, stock, voucher codes, meeting slots, conversion rules
    PERFORMANCE_REVIEW = "performance:review"  # self and peer (360) ratings, own OKRs, own appeals
    PERFORMANCE_ASSESS = "performance:assess"  # managers: metric values, ratings, OKRs of people below them
    PERFORMANCE_READ_ANY = "performance:read_any"  # every scorecard, statement and appeal
    PERFORMANCE_CONFIGURE = "performance:configure"  # cycles, templates, imports, metric sources, thresholds
    APPEALS_DECIDE = "appeals:decide"  # managers for appeals routed to them, HR for any
    BONUS_MANAGE = "bonus:manage"  # bonus pools: draft, preview, resolve flags, approve, lock, export
    GROWTH_CLAIM = "growth:claim"  # claim own evidence records, enrol in sessions, dispute a rejection
    GROWTH_CONFIRM = "growth:confirm"  # managers: confirm or reject records of people below them
    GROWTH_READ_ANY = "growth:read_any"  # everyone's growth map, the data-quality view
    GROWTH_MANAGE = "growth:manage"  # tracks, sessions, imports, revoking records, disputes, promotions
    ATTENDANCE_MANAGE = "attendance:manage"  # HR: clock devices, bridge keys, PIN mappings, unmatched punches
    ATTENDANCE_READ_ANY = "attendance:read_any"  # HR: every punch and device of the organisation
    ATTENDANCE_INGEST = "attendance:ingest"  # a device bridge: deliver raw punches, nothing else
    ATTENDANCE_REQUEST = "attendance:request"  # own flexible hours, shift change, remote day, corrections
    ATTENDANCE_APPROVE = "attendance:approve"  # managers: decide requests of people below them
    COMMUNITY_TAKE_PART = "community:take_part"  # post, react, comment, vote, suggest, sign up for talks
    COMMUNITY_MODERATE = "community:moderate"  # HR: hide, the report queue, pin and reward, announcements
    COMMUNITY_MANAGE = "community:manage"  # HR: polls for everyone, suggestion owners, talks for anyone


_EMPLOYEE = frozenset({Permission.PROFILE_EDIT_OWN, Permission.DIRECTORY_READ, Permission.RECOGNITION_GIVE,
                       Permission.REWARDS_REDEEM, Permission.PERFORMANCE_REVIEW, Permission.GROWTH_CLAIM,
                       Permission.ATTENDANCE_REQUEST, Permission.COMMUNITY_TAKE_PART})
_MANAGER = _EMPLOYEE | {Permission.TEAM_READ_PRIVATE, Permission.BADGE_GRANT, Permission.REWARDS_APPROVE,
                        Permission.PERFORMANCE_ASSESS, Permission.APPEALS_DECIDE, Permission.GROWTH_CONFIRM,
                        Permission.ATTENDANCE_APPROVE}
_HR_ADMIN = _MANAGER | {
    Permission.EMPLOYEE_READ_PRIVATE,
    Permission.EMPLOYEE_MANAGE,
    Permission.ORG_CONFIGURE,
    Permission.KIOSK_MANAGE,
    Permission.AUDIT_READ,
    Permission.RECOGNITION_GIVE_ANYONE,
    Permission.RECOGNITION_CONFIGURE,
    Permission.RULES_MANAGE,
    Permission.POINTS_READ_ANY,
    Permission.POINTS_ADJUST,
    Permission.REWARDS_MANAGE,
    Permission.PERFORMANCE_READ_ANY,
    Permission.PERFORMANCE_CONFIGURE,
    Permission.GROWTH_READ_ANY,
    Permission.GROWTH_MANAGE,
    Permission.BONUS_MANAGE,
    Permission.ATTENDANCE_MANAGE,
    Permission.ATTENDANCE_READ_ANY,
    Permission.COMMUNITY_MODERATE,
    Permission.COMMUNITY_MANAGE,
}
_OWNER = _HR_ADMIN | {Permission.ORG_SETTINGS}

ROLE_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.EMPLOYEE: _EMPLOYEE,
    Role.MANAGER: _MANAGER,
    Role.HR_ADMIN: _HR_ADMIN,
    Role.OWNER: _OWNER,
}

# A shared kiosk tablet may record check-ins for its site and nothing else.
KIOSK_GRANTS: frozenset[Permission] = frozenset({Permission.ATTENDANCE_CHECKIN})

# A device bridge (authenticated by its HMAC key) may deliver punches and nothing else.
BRIDGE_GRANTS: frozenset[Permission] = frozenset({Permission.ATTENDANCE_INGEST})

# Who may hand out which role: nobody grants a role above their own.
ROLE_RANK = {Role.EMPLOYEE: 0, Role.MANAGER: 1, Role.HR_ADMIN: 2, Role.OWNER: 3}


def require(actor: HasPermissions, permission: Permission) -> None:
    if permission not in actor.permissions:
        raise Forbidden("You do not have permission to do that.")


def has(actor: HasPermissions, permission: Permission) -> bool:
    return permission in actor.permissions


class HasPermissions(Protocol):
    @property
    def permissions(self) -> frozenset[Permission]: ...
