"""A rule's award spec (points, badge, bonus money, praise letter, announcement): validation,
JSON form and letter rendering. Pure; whether the badge exists is the service's question."""
from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backend.core.errors import ValidationFailed

MAX_POINTS = 10_000
MAX_BONUS_MINOR = 10_000_000
MAX_LETTER = 1000
PLACEHOLDERS = frozenset({"name", "rule"})
BADGE_CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
KEYS = {"points": "points", "badge_code": "badgeCode", "bonus_minor": "bonusMinor",
        "praise_letter": "praiseLetter", "announce": "announce"}


@dataclass(frozen=True, slots=True)
class PraiseLetter:
    en: str
    zh: str

    def render(self, *, locale: str, name: str, rule: str) -> str:
        """The letter in the reader's language ("en" or Chinese otherwise), placeholders filled."""
        return (self.en if locale == "en" else self.zh).format(name=name, rule=rule)


@dataclass(frozen=True, slots=True)
class AwardSpec:
    """`bonus_minor` is money in the organisation currency's minor unit (fen)."""

    points: int = 0
    badge_code: str | None = None
    bonus_minor: int = 0
    praise_letter: PraiseLetter | None = None
    announce: bool = False


def validate(spec: Mapping[str, Any]) -> AwardSpec:
    """Raises ValidationFailed with `field` like "awards.praiseLetter.en"."""
    if not isinstance(spec, Mapping):
        raise ValidationFailed("Awards are an object.", field="awards")
    for key in spec:
        if key not in KEYS:
            raise ValidationFailed(f"Unknown award {key!r}.", field=f"awards.{key}")
    result = AwardSpec(
        points=_int(spec.get("points", 0), maximum=MAX_POINTS, field="awards.points"),
        badge_code=_badge_code(spec.get("badge_code")),
        bonus_minor=_int(spec.get("bonus_minor", 0), maximum=MAX_BONUS_MINOR, field="awards.bonusMinor"),
        praise_letter=_letter(spec.get("praise_letter")),
        announce=_bool(spec.get("announce", False), field="awards.announce"),
    )
    if not (result.points or result.badge_code or result.bonus_minor or result.praise_letter):
        raise ValidationFailed("Give at least one award: points, a badge, a bonus or a praise letter.",
                               field="awards")
    return result


def to_json(spec: AwardSpec) -> dict[str, Any]:
    letter = spec.praise_letter
    return {"points": spec.points, "badge_code": spec.badge_code, "bonus_minor": spec.bonus_minor,
            "praise_letter": {"en": letter.en, "zh": letter.zh} if letter else None, "announce": spec.announce}


def from_json(value: Mapping[str, Any]) -> AwardSpec:
    """A stored spec (validated when saved) back as a dataclass."""
    return validate(value)


def _int(value: Any, *, maximum: int, field: str) -> int:
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise ValidationFailed(f"Give a whole number from 0 to {maximum}.", field=field)
    return value


def _bool(value: Any, *, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationFailed("Give true or false.", field=field)
    return value


def _badge_code(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationFailed("Give a badge code.", field="awards.badgeCode")
    code = value.strip().lower()
    if not code:
        return None
    if len(code) > 40 or not set(code) <= BADGE_CODE_CHARS:
        raise ValidationFailed("A badge code is 1–40 lowercase letters, digits, '-' or '_'.", field="awards.badgeCode")
    return code


def _letter(value: Any) -> PraiseLetter | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) != {"en", "zh"}:
        raise ValidationFailed('A praise letter has "en" and "zh" texts.', field="awards.praiseLetter")
    return PraiseLetter(en=_letter_text(value["en"], field="awards.praiseLetter.en"),
                        zh=_letter_text(value["zh"], field="awards.praiseLetter.zh"))


def _letter_text(value: Any, *, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed("Write the letter.", field=field)
    text = value.strip()
    if len(text) > MAX_LETTER:
        raise ValidationFailed(f"At most {MAX_LETTER} characters.", field=field)
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationFailed("Unbalanced braces: write {{ and }} for literal braces.", field=field) from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise ValidationFailed(f"Unknown placeholder {{{name}}}: use {{name}} or {{rule}}.", field=field)
    return text
