"""User accounts: creating invited accounts, keeping login identifiers in step with the profile,
roles, disabling. Called by the org use cases inside their transactions."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.models import AccountState, Session, UserAccount
from backend.access.permissions import ROLE_RANK, Permission, Role, require
from backend.access.tokens import digest, new_token
from backend.core import clock
from backend.core.config import get_settings
from backend.core.errors import Conflict, Forbidden


async def create_invited(
    actor: Actor, *, employee_id: UUID, role: Role, email: str | None, phone: str | None
) -> tuple[UserAccount, str]:
    """Returns the account and the one-time invite token (only its digest is stored)."""
    require(actor, Permission.EMPLOYEE_MANAGE)
    _check_may_grant(actor, role)
    await _check_logins_free(email, phone, except_account=None)
    token = new_token()
    try:
        account = await UserAccount.create_for(
            actor,
            employee_id=employee_id,
            login_email=email,
            login_phone=phone,
            role=role,
            state=AccountState.INVITED,
            invite_digest=digest(token, purpose="invite"),
            invite_expires_at=clock.now() + timedelta(days=get_settings().invite_days),
        )
    except IntegrityError as err:  # lost a race with another invite for the same login
        raise Conflict("That email or phone is already used to sign in.", field="email") from err
    return account, token


async def account_for(actor: Actor, employee_id: UUID) -> UserAccount | None:
    return await UserAccount.of(actor).get_or_none(employee_id=employee_id)


async def accounts_by_employee_ids(actor: Actor, employee_ids: list[UUID]) -> dict[UUID, UserAccount]:
    rows = await UserAccount.of(actor).filter(employee_id__in=employee_ids)
    return {row.employee_id: row for row in rows}


async def sync_logins(actor: Actor, employee_id: UUID, *, email: str | None, phone: str | None) -> None:
    """The profile's email and phone are the login identifiers."""
    account = await account_for(actor, employee_id)
    if account is None:
        return
    await _check_logins_free(email, phone, except_account=account.id)
    account.login_email, account.login_phone = email, phone
    try:
        await account.save(update_fields=["login_email", "login_phone"])
    except IntegrityError as err:  # lost a race with another account taking the same login
        raise Conflict("That email or phone is already used to sign in.", field="email") from err


async def set_role(actor: Actor, employee_id: UUID, role: Role) -> Role | None:
    """Returns the previous role, or None when the person has no account."""
    require(actor, Permission.EMPLOYEE_MANAGE)
    _check_may_grant(actor, role)
    account = await account_for(actor, employee_id)
    if account is None:
        return None
    previous = account.role
    _check_not_above(actor, previous, "change the role of")
    account.role = role
    await account.save(update_fields=["role"])
    return previous


async def disable(actor: Actor, employee_id: UUID) -> int:
    """Disable the account and revoke every session at once. Returns sessions revoked."""
    require(actor, Permission.EMPLOYEE_MANAGE)
    account = await account_for(actor, employee_id)
    if account is None:
        return 0
    _check_not_above(actor, account.role, "deactivate")
    account.state = AccountState.DISABLED
    account.invite_digest = None
    await account.save(update_fields=["state", "invite_digest"])
    return await revoke_sessions(account.id)


async def revoke_sessions(account_id: UUID, *, keep: UUID | None = None) -> int:
    query = Session.filter(account_id=account_id, revoked_at=None)
    if keep is not None:
        query = query.exclude(id=keep)
    return await query.update(revoked_at=clock.now())


def _check_not_above(actor: Actor, role: Role, doing: str) -> None:
    """Nobody acts on the account of someone with a higher role (HR cannot remove the owner)."""
    if actor.role is not None and ROLE_RANK[role] > ROLE_RANK[actor.role]:
        raise Forbidden(f"You cannot {doing} someone above you.")


def _check_may_grant(actor: Actor, role: Role) -> None:
    if actor.role is not None and ROLE_RANK[role] > ROLE_RANK[actor.role]:
        raise Forbidden("You cannot grant a role above your own.", field="role")


async def _check_logins_free(email: str | None, phone: str | None, *, except_account: UUID | None) -> None:
    for field, value in (("email", email), ("phone", phone)):
        if value is None:
            continue
        taken = UserAccount.filter(**{f"login_{field}": value})
        if except_account is not None:
            taken = taken.exclude(id=except_account)
        if await taken.exists():
            raise Conflict(f"That {field} is already used to sign in.", field=field)
