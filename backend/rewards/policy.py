"""Shared rules of the reward pool: who may see and decide a redemption, who is asked to approve, input
checks, and the organisation's calendar (limit periods, entitlement expiry). Writes nothing."""
from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.access.models import AccountState, UserAccount
from backend.access.permissions import ROLE_GRANTS, Permission, Role, has, require
from backend.core.errors import Forbidden
from backend.org.models import Employee, EmployeeStatus
from backend.org.views import Visibility
from backend.rewards.models import LimitPeriod

_MONTHS = {LimitPeriod.MONTH: 1, LimitPeriod.QUARTER: 3, LimitPeriod.YEAR: 12}
GIFT_KEY_PREFIX = "gift:"  # client keys of HR's gifts (gifts.py); a person's own redemption may not use it


def requester_id(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people can redeem rewards.")
    return actor.employee_id


def is_hr(actor: Actor) -> bool:
    """HR (and the owner, and system jobs) see and decide every redemption."""
    return has(actor, Permission.REWARDS_MANAGE)


async def may_see(actor: Actor, employee_id: UUID, visibility: Visibility | None = None) -> bool:
    """A redemption is seen by its requester, anyone above them in the reporting line, and HR."""
    if is_hr(actor) or actor.employee_id == employee_id:
        return True
    return employee_id in await (visibility or Visibility(actor)).subordinates()


async def require_decider(actor: Actor, employee_id: UUID) -> None:
    """Approve/decline: REWARDS_APPROVE, never one's own, HR for anyone, a manager for people below them.
    Raises Forbidden."""
    require(actor, Permission.REWARDS_APPROVE)
    if actor.employee_id is not None and actor.employee_id == employee_id:
        raise Forbidden("You cannot decide your own request.")
    if not is_hr(actor) and employee_id not in await Visibility(actor).subordinates():
        raise Forbidden("Only their manager or HR can decide this request.")


async def approver_for(actor: Actor, employee: Employee) -> UUID | None:
    """The line manager when they are active and may approve; otherwise None (HR decides)."""
    if employee.manager_id is None:
        return None
    manager = await Employee.of(actor).get_or_none(id=employee.manager_id, status=EmployeeStatus.ACTIVE)
    account = await UserAccount.of(actor).get_or_none(employee_id=employee.manager_id, state=AccountState.ACTIVE)
    if manager is None or account is None or Permission.REWARDS_APPROVE not in ROLE_GRANTS[account.role]:
        return None
    return manager.id


async def hr_ids(actor: Actor, *, besides: UUID) -> list[UUID]:
    """Who is told about a request nobody in the line can decide: HR admins, else the owners."""
    for role in (Role.HR_ADMIN, Role.OWNER):
        ids = [UUID(str(i)) for i in await UserAccount.of(actor).filter(role=role, state=AccountState.ACTIVE)
               .exclude(employee_id=besides).order_by("created_at").limit(20).values_list("employee_id", flat=True)]
        if ids:
            return ids
    return []


def period_bounds(moment: datetime, tz: ZoneInfo, period: LimitPeriod) -> tuple[datetime, datetime]:
    """The limit period holding `moment`, as [start, end) in UTC (SQLite compares stored instants as
    text, so a bound in another offset would cut at the wrong moment)."""
    local = moment.astimezone(tz)
    span = _MONTHS[period]
    month = (local.month - 1) // span * span + 1
    start = datetime(local.year, month, 1, tzinfo=tz)
    index = local.year * 12 + month - 1 + span
    end = datetime(index // 12, index % 12 + 1, 1, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def valid_until(moment: datetime, tz: ZoneInfo) -> date:
    """Days granted now stay usable until the end of the next calendar year, in the organisation's zone."""
    return date(moment.astimezone(tz).year + 1, 12, 31)
