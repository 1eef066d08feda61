"""Typed, coded domain errors. The API turns them into UserError results; the PWA localises by code."""
from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    VALIDATION = "validation"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    CONFLICT = "conflict"
    WRONG_PASSWORD = "wrong_password"
    WEAK_PASSWORD = "weak_password"
    UNAUTHENTICATED = "unauthenticated"
    INVALID_CREDENTIALS = "invalid_credentials"
    ACCOUNT_DISABLED = "account_disabled"
    INVALID_INVITE = "invalid_invite"
    RATE_LIMITED = "rate_limited"
    INSUFFICIENT_POINTS = "insufficient_points"
    LIMIT_EXCEEDED = "limit_exceeded"
    OUT_OF_STOCK = "out_of_stock"
    NOT_ELIGIBLE = "not_eligible"
    INTERNAL = "internal"


class DomainError(Exception):
    code: ErrorCode = ErrorCode.INTERNAL

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def extensions(self) -> dict[str, object]:
        """Read by graphql-core when a query (not a mutation result) fails with this error."""
        return {"code": self.code.name, "field": self.field}


class ValidationFailed(DomainError):
    code = ErrorCode.VALIDATION


class NotFound(DomainError):
    """Also what another organisation's id gets: never reveal that it exists."""

    code = ErrorCode.NOT_FOUND


class Forbidden(DomainError):
    code = ErrorCode.FORBIDDEN


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


class WrongPassword(DomainError):
    code = ErrorCode.WRONG_PASSWORD


class WeakPassword(DomainError):
    code = ErrorCode.WEAK_PASSWORD


class InvalidCredentials(DomainError):
    code = ErrorCode.INVALID_CREDENTIALS


class AccountDisabled(DomainError):
    code = ErrorCode.ACCOUNT_DISABLED


class InvalidInvite(DomainError):
    code = ErrorCode.INVALID_INVITE


class RateLimited(DomainError):
    code = ErrorCode.RATE_LIMITED

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class InsufficientPoints(DomainError):
    """A wallet, allowance or hold would go below zero."""

    code = ErrorCode.INSUFFICIENT_POINTS


class LimitExceeded(DomainError):
    """A cap (per month, per pair, per badge) would be passed."""

    code = ErrorCode.LIMIT_EXCEEDED


class OutOfStock(DomainError):
    """The reward (or its voucher codes, seats or slots) ran out."""

    code = ErrorCode.OUT_OF_STOCK


class NotEligible(DomainError):
    """An eligibility gate (tenure, tier, score, attendance) is not met; the message says which."""

    code = ErrorCode.NOT_ELIGIBLE
