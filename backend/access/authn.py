"""Authentication: login, sessions, logout, kiosk sign-in, invite acceptance, password change.
Turns a session token into an Actor; the only code that looks accounts up across organisations."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from backend.access import accounts, throttle
from backend.access.actor import Actor
from backend.access.models import AccountState, KioskCredential, Session, SessionKind, UserAccount
from backend.access.passwords import check_policy, hash_password, verify_password
from backend.access.tokens import digest, new_token
from backend.core import clock
from backend.core.config import get_settings
from backend.core.errors import AccountDisabled, Forbidden, InvalidCredentials, InvalidInvite, WrongPassword

TOUCH_EVERY = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class IssuedSession:
    token: str
    session: Session
    expires_at: datetime


def normalise_login(login: str) -> str:
    login = login.strip()
    if "@" in login:
        return login.lower()
    return "".join(ch for ch in login if ch.isdigit() or ch == "+")


async def login(*, login: str, password: str, ip: str, user_agent: str, kind: SessionKind) -> IssuedSession:
    """Raises RateLimited, InvalidCredentials (same for unknown login and wrong password),
    AccountDisabled."""
    settings = get_settings()
    who = normalise_login(login)
    account_key, ip_key = f"account:{who}", f"ip:{ip}"
    await throttle.check(account_key, limit=settings.login_failures_per_account, window_seconds=settings.login_window_seconds)
    await throttle.check(ip_key, limit=settings.login_failures_per_ip, window_seconds=settings.login_window_seconds)
    account = await _find_account(who) if who else None
    if not verify_password(account.password_hash if account else None, password) or account is None:
        await throttle.record_failure(account_key, ip_key)
        raise InvalidCredentials("That email/phone and password do not match.")
    if account.state != AccountState.ACTIVE:
        raise AccountDisabled("This account is disabled. Ask HR for help.")
    await throttle.clear(account_key)
    return await _issue(account.tenant_id, kind=kind, account=account, ip=ip, user_agent=user_agent)


async def kiosk_login(*, code: str, ip: str, user_agent: str) -> IssuedSession:
    settings = get_settings()
    ip_key = f"kiosk-ip:{ip}"
    await throttle.check(ip_key, limit=settings.login_failures_per_account, window_seconds=settings.login_window_seconds)
    credential = await KioskCredential.get_or_none(code_digest=digest(code.strip(), purpose="kiosk"), revoked_at=None)
    if credential is None:
        await throttle.record_failure(ip_key)
        raise InvalidCredentials("That kiosk code is not valid.")
    credential.last_used_at = clock.now()
    await credential.save(update_fields=["last_used_at"])
    return await _issue(credential.tenant_id, kind=SessionKind.KIOSK, kiosk=credential, ip=ip, user_agent=user_agent)


async def accept_invite(*, token: str, password: str, ip: str, user_agent: str) -> IssuedSession:
    """Sets the first password of an invited account and signs in. Raises InvalidInvite, WeakPassword."""
    account = await UserAccount.get_or_none(
        invite_digest=digest(token, purpose="invite"), state=AccountState.INVITED, invite_expires_at__gt=clock.now()
    )
    if account is None:
        raise InvalidInvite("This invitation link is not valid or has expired. Ask HR for a new one.")
    check_policy(password)
    account.password_hash = hash_password(password)
    account.state = AccountState.ACTIVE
    account.invite_digest = None
    account.password_changed_at = clock.now()
    await account.save(update_fields=["password_hash", "state", "invite_digest", "password_changed_at"])
    return await _issue(account.tenant_id, kind=SessionKind.WEB, account=account, ip=ip, user_agent=user_agent)


async def resolve(token: str, *, request_id: str | None = None) -> Actor | None:
    """The Actor for a session token, or None when it is unknown, revoked, expired or disabled."""
    now = clock.now()
    session = await Session.filter(
        token_digest=digest(token, purpose="session"), revoked_at=None, expires_at__gt=now
    ).select_related("account__employee", "kiosk__site").first()
    if session is None:
        return None
    if now - session.last_seen_at > TOUCH_EVERY:
        await Session.filter(id=session.id).update(last_seen_at=now)
    if session.kind == SessionKind.KIOSK:
        kiosk = session.kiosk
        if kiosk is None or kiosk.revoked_at is not None:
            return None
        return Actor.kiosk(tenant_id=session.tenant_id, site_id=kiosk.site_id, session_id=session.id,
                           label=f"kiosk:{kiosk.label}", request_id=request_id)
    account = session.account
    if account is None or account.state != AccountState.ACTIVE:
        return None
    return Actor.user(tenant_id=session.tenant_id, account_id=account.id, employee_id=account.employee_id,
                      role=account.role, session_id=session.id, label=account.employee.name, request_id=request_id)


async def logout(token: str) -> None:
    await Session.filter(token_digest=digest(token, purpose="session"), revoked_at=None).update(revoked_at=clock.now())


async def change_password(actor: Actor, *, current_password: str, new_password: str) -> int:
    """Signs out every other session of the account. Returns how many were revoked.
    Raises WrongPassword, WeakPassword."""
    if actor.account_id is None:
        raise Forbidden("Only a signed-in person can change a password.")
    account = await UserAccount.get_for(actor, actor.account_id)
    if not verify_password(account.password_hash, current_password):
        raise WrongPassword("The current password is not right.", field="currentPassword")
    check_policy(new_password, field="newPassword")
    if current_password == new_password:
        raise WrongPassword("Choose a password different from the current one.", field="newPassword")
    account.password_hash = hash_password(new_password)
    account.password_changed_at = clock.now()
    await account.save(update_fields=["password_hash", "password_changed_at"])
    return await accounts.revoke_sessions(account.id, keep=actor.session_id)


async def _find_account(who: str) -> UserAccount | None:
    if "@" in who:
        return await UserAccount.get_or_none(login_email=who)
    return await UserAccount.get_or_none(login_phone=who)


async def _issue(tenant_id: object, *, kind: SessionKind, ip: str, user_agent: str,
                 account: UserAccount | None = None, kiosk: KioskCredential | None = None) -> IssuedSession:
    token, now = new_token(), clock.now()
    expires = now + timedelta(days=get_settings().session_days)
    session = await Session.create(
        tenant_id=tenant_id, token_digest=digest(token, purpose="session"), kind=kind,
        account=account, kiosk=kiosk, created_at=now, last_seen_at=now, expires_at=expires,
        user_agent=user_agent[:300], ip=ip[:64],
    )
    return IssuedSession(token=token, session=session, expires_at=expires)
