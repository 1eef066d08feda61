"""Input rules for people and structure: each raises ValidationFailed naming the field."""
from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backend.core.errors import ValidationFailed

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def text(value: str, *, field: str, max_length: int, required: bool = True) -> str:
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise ValidationFailed("This field is required.", field=field)
    if len(cleaned) > max_length:
        raise ValidationFailed(f"Use at most {max_length} characters.", field=field)
    return cleaned


def optional_text(value: str | None, *, field: str, max_length: int) -> str | None:
    if value is None:
        return None
    return text(value, field=field, max_length=max_length, required=False) or None


def email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    cleaned = value.strip().lower()
    if len(cleaned) > 254 or not _EMAIL.match(cleaned):
        raise ValidationFailed("That is not a valid email address.", field="email")
    return cleaned


def phone(value: str | None) -> str | None:
    """Digits with an optional leading +; spaces and dashes are dropped."""
    if value is None or not value.strip():
        return None
    cleaned = re.sub(r"[\s\-()]", "", value.strip())
    if not re.fullmatch(r"\+?\d{5,20}", cleaned):
        raise ValidationFailed("That is not a valid phone number.", field="phone")
    return cleaned


def employee_number(value: str) -> str:
    cleaned = value.strip()
    if not re.fullmatch(r"[A-Za-z0-9_\-]{1,32}", cleaned):
        raise ValidationFailed("Use 1–32 letters, digits, - or _.", field="employeeNumber")
    return cleaned


def time_zone(value: str, *, field: str = "timeZone") -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed("That is not a known IANA time zone (e.g. Asia/Shanghai).", field=field) from None
    return value


def birthday(value: date | None, *, today: date) -> date | None:
    if value is None:
        return None
    if value > today or value.year < today.year - 100:
        raise ValidationFailed("That birthday is not plausible.", field="birthday")
    return value


def hire_date(value: date, *, today: date) -> date:
    if value.year < 1950 or (value - today).days > 366:
        raise ValidationFailed("The hire date must be within the next year.", field="hireDate")
    return value


def currency(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValidationFailed("Use a three-letter currency code such as CNY.", field="currency")
    return value
