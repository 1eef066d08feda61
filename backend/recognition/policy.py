"""The organisation's recognition policy (allowances per role, kudos caps) and the monthly giving
allowance, which the ledger grants lazily on first use each month and a cron grants for everyone."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import AccountState, UserAccount
from backend.access.permissions import Permission, Role, require
from backend.audit import service as audit
from backend.core import db
from backend.core.errors import Forbidden, ValidationFailed
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus
from backend.points import ledger
from backend.points import queries as points
from backend.recognition.models import RecognitionPolicy

POLICY_FIELDS = ("allowance_employee", "allowance_manager", "allowance_hr_admin", "allowance_owner",
                 "max_points_per_kudos", "pair_monthly_cap")


@dataclass(frozen=True, slots=True)
class Budget:
    period: str  # "2026-11", the organisation's calendar month
    allowance: int  # this month's size for the person's role
    left: int  # still to give this month


async def read_policy(actor: Actor) -> RecognitionPolicy:
    """Anyone in the directory may read the allowances and caps."""
    require(actor, Permission.DIRECTORY_READ)
    return await get_policy(actor)


async def get_policy(actor: Actor) -> RecognitionPolicy:
    """The saved policy, or the defaults (unsaved) until HR saves one. No permission check: for
    the use cases that apply it."""
    return await RecognitionPolicy.of(actor).get_or_none() or RecognitionPolicy.build_for(actor)


async def update_policy(actor: Actor, **values: int) -> RecognitionPolicy:
    """HR sets allowances and caps. Requires RECOGNITION_CONFIGURE. Each value 0..100000, and a
    single kudos cannot exceed the pair cap. Takes effect from the next monthly grant."""
    require(actor, Permission.RECOGNITION_CONFIGURE)
    for name, value in values.items():
        if name not in POLICY_FIELDS:
            raise ValidationFailed("Unknown setting.", field=name)
        if not 0 <= value <= 100_000:
            raise ValidationFailed("Use a whole number between 0 and 100000.", field=_camel(name))
    async with db.transaction():
        policy = await get_policy(actor)
        before = {f: getattr(policy, f) for f in POLICY_FIELDS}
        for name, value in values.items():
            setattr(policy, name, value)
        if policy.max_points_per_kudos > policy.pair_monthly_cap:
            raise ValidationFailed("One kudos cannot be larger than the monthly cap per colleague.",
                                   field="maxPointsPerKudos")
        await policy.save()
        changed_before, changed_after = audit.diff(before, {f: getattr(policy, f) for f in POLICY_FIELDS})
        if changed_after:
            await audit.record(actor, action="recognition_policy.updated", entity_type="recognition_policy",
                               entity_id=policy.id, before=changed_before, after=changed_after)
    return policy


def allowance_for(policy: RecognitionPolicy, role: Role) -> int:
    return {
        Role.EMPLOYEE: policy.allowance_employee, Role.MANAGER: policy.allowance_manager,
        Role.HR_ADMIN: policy.allowance_hr_admin, Role.OWNER: policy.allowance_owner,
    }[role]


async def ensure_allowance(actor: Actor, *, employee_id: UUID, role: Role) -> str:
    """Grants this month's allowance if not yet granted (idempotent in the ledger); returns the period."""
    period = await calendar.current_period(actor)
    policy = await get_policy(actor)
    await ledger.grant_allowance(actor, employee_id=employee_id, points=allowance_for(policy, role), period=period)
    return period


async def get_my_budget(actor: Actor) -> Budget:
    """The signed-in person's giving allowance this month (granted on first look)."""
    if actor.employee_id is None or actor.role is None:
        raise Forbidden("Only people give kudos.")
    async with db.transaction():
        period = await ensure_allowance(actor, employee_id=actor.employee_id, role=actor.role)
    balances = await points.get_balances(actor, actor.employee_id)
    return Budget(period=period, allowance=allowance_for(await get_policy(actor), actor.role), left=balances.allowance)


async def grant_monthly_allowances(actor: Actor) -> int:
    """Cron: grant this month's allowance to everyone active who can sign in; returns how many
    grants were checked. Re-running in the same month changes nothing."""
    accounts = await UserAccount.of(actor).filter(state=AccountState.ACTIVE).values_list("employee_id", "role")
    active = set(await Employee.of(actor).filter(status=EmployeeStatus.ACTIVE).values_list("id", flat=True))
    period, policy = await calendar.current_period(actor), await get_policy(actor)  # once, not per person
    for employee_id, role in accounts:
        if employee_id in active:
            await ledger.grant_allowance(actor, employee_id=employee_id, points=allowance_for(policy, Role(role)),
                                         period=period)
    return len(accounts)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
