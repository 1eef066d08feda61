"""Password hashing (argon2id) and the password policy."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from backend.core.errors import WeakPassword

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_LENGTH = 10
MAX_LENGTH = 128
_COMMON = {"password12", "1234567890", "qwertyuiop", "0123456789", "password123", "seen-demo"}
# A real hash of a throwaway password, verified against when the account does not exist so that a
# wrong login takes as long as a wrong password (no account enumeration by timing).
_DUMMY_HASH = _hasher.hash("not-a-real-password-0")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def check_policy(password: str, *, field: str = "password", allow_demo: bool = False) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Use at least {MIN_LENGTH} characters.", field=field)
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Use at most {MAX_LENGTH} characters.", field=field)
    if len(set(password)) < 4 or (password.lower() in _COMMON and not allow_demo):
        raise WeakPassword("That password is too easy to guess.", field=field)
