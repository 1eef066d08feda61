"""Open Badges 2.0 (hosted verification) documents built from wall data: issuer Profile, BadgeClass,
Assertion. Pure: no I/O; backend.achievements.verification loads the rows and calls these."""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID
from xml.sax.saxutils import escape

from backend.achievements.models import Achievement, AchievementKind, Badge

CONTEXT = "https://w3id.org/openbadges/v2"
LANGUAGES = ("zh-CN", "en")  # BCP 47 tags, the same strings as backend.access.models.Locale
REVOCATION_REASON = "Revoked by the issuer."  # the model keeps no reason; never publish internal notes

_KIND = {  # (English, 中文, icon) of classes synthesized for items that are not badges
    AchievementKind.PRAISE: ("Praise", "表扬", "👏"), AchievementKind.KUDOS: ("Kudos", "点赞", "🙌"),
    AchievementKind.BADGE: ("Badge", "徽章", "🏅"), AchievementKind.AWARD: ("Award", "奖项", "🏆"),
    AchievementKind.BONUS: ("Bonus", "奖金", "🧧"), AchievementKind.CERTIFICATE: ("Certificate", "证书", "📜"),
    AchievementKind.MILESTONE: ("Milestone", "里程碑", "🚩"),
}
_LEVEL = {1: ("bronze", "铜", "#f0d2b4", "#b0713a"), 2: ("silver", "银", "#eceff1", "#90a4ae"),
          3: ("gold", "金", "#fff3c4", "#d4a017")}
_PLAIN = ("", "", "#e8eef7", "#5b7db1")  # synthesized classes and unknown levels


@dataclass(frozen=True, slots=True)
class Urls:
    """Every public URL, from the deployment's public base URL (Settings.public_url)."""

    base: str

    def issuer(self, org_id: UUID) -> str:
        return f"{self.base}/openbadges/issuers/{org_id}.json"

    def badge_class(self, class_id: UUID, *, language: str | None = None) -> str:
        url = f"{self.base}/openbadges/classes/{class_id}.json"
        return f"{url}?lang={language}" if language else url

    def assertion(self, achievement_id: UUID) -> str:
        return f"{self.base}/openbadges/assertions/{achievement_id}.json"

    def recipient(self, employee_id: UUID) -> str:
        """The person's page in the PWA: the recipient identity for people without an email."""
        return f"{self.base}/community/{employee_id}"


@dataclass(frozen=True, slots=True)
class Issuer:
    id: UUID
    name: str
    language: str  # the organisation's locale: the language of its canonical documents


@dataclass(frozen=True, slots=True)
class ClassSource:
    id: UUID  # the Badge's id, or the achievement's own id for a synthesized class
    kind: AchievementKind
    name_en: str
    name_zh: str
    criteria_en: str
    criteria_zh: str
    icon: str
    level: int  # 1 bronze, 2 silver, 3 gold; 0 for a synthesized class


@dataclass(frozen=True, slots=True)
class AwardSource:
    id: UUID  # the achievement's id
    class_id: UUID
    employee_id: UUID
    email: str | None
    earned_at: datetime
    detail: str
    revoked_at: datetime | None


def class_of_badge(badge: Badge) -> ClassSource:
    return ClassSource(id=badge.id, kind=AchievementKind.BADGE, name_en=badge.name_en, name_zh=badge.name_zh,
                       criteria_en=badge.criteria_en, criteria_zh=badge.criteria_zh, icon=badge.icon, level=badge.level)


def class_of_achievement(achievement: Achievement) -> ClassSource:
    """A one-off class for an item with no Badge behind it (praise, award, bonus...)."""
    kind = AchievementKind(achievement.kind)
    return ClassSource(id=achievement.id, kind=kind, name_en=achievement.title_en, name_zh=achievement.title_zh,
                       criteria_en="", criteria_zh="", icon=_KIND[kind][2], level=0)


def award_of(achievement: Achievement, *, email: str | None) -> AwardSource:
    return AwardSource(id=achievement.id, class_id=achievement.badge_id or achievement.id,
                       employee_id=achievement.employee_id, email=email, earned_at=achievement.earned_at,
                       detail=achievement.detail, revoked_at=achievement.revoked_at)


def issuer_profile(urls: Urls, issuer: Issuer) -> dict[str, Any]:
    # The spec wants an issuer `email` too; organisations have no public contact address yet.
    return {"@context": CONTEXT, "@language": issuer.language, "type": "Profile", "id": urls.issuer(issuer.id),
            "name": issuer.name, "url": urls.base}


def badge_class(urls: Urls, issuer: Issuer, source: ClassSource, *, language: str) -> dict[str, Any]:
    """In `language` ("zh-CN" or "en"). The organisation's language is the canonical document at the
    plain URL; the other language lives at `?lang=` and each names the other under `related`."""
    zh = language == "zh-CN"
    other = "en" if zh else "zh-CN"
    name = (source.name_zh or source.name_en) if zh else (source.name_en or source.name_zh)
    return {
        "@context": CONTEXT,
        "@language": language,
        "type": "BadgeClass",
        "id": urls.badge_class(source.id, language=None if language == issuer.language else language),
        "name": name,
        "description": _description(source, issuer.name, zh=zh),
        "image": badge_image(source.icon, source.level),
        "criteria": {"narrative": _criteria(source, issuer.name, name, zh=zh)},
        "issuer": urls.issuer(issuer.id),
        "tags": [_KIND[source.kind][1 if zh else 0]],
        "related": [{"id": urls.badge_class(source.id, language=None if other == issuer.language else other),
                     "@language": other}],
    }


def assertion(urls: Urls, award: AwardSource) -> dict[str, Any]:
    """A revoked award is reduced to what the spec requires (id, revoked) plus a generic reason; the
    route answers it with 410 Gone."""
    if award.revoked_at is not None:
        return {"@context": CONTEXT, "type": "Assertion", "id": urls.assertion(award.id), "revoked": True,
                "revocationReason": REVOCATION_REASON}
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": urls.assertion(award.id),
        "recipient": recipient(urls, award),
        "badge": urls.badge_class(award.class_id),
        "issuedOn": award.earned_at.astimezone(UTC).replace(microsecond=0).isoformat(),
        "verification": {"type": "hosted"},
    }
    if award.detail.strip():
        document["evidence"] = {"narrative": award.detail.strip()}
    return document


def recipient(urls: Urls, award: AwardSource) -> dict[str, Any]:
    """Hashed, salted identity. Email (trimmed, lower-cased, as backpacks compare it) when the person
    has one; otherwise `url`, their page in the app. Never `telephone`: an 11-digit number behind a
    published salt is brute-forced in hours, which would publish the phone number."""
    salt = salt_for(award.id)
    if award.email and award.email.strip():
        kind, identity = "email", award.email.strip().lower()
    else:
        kind, identity = "url", urls.recipient(award.employee_id)
    return {"type": kind, "hashed": True, "salt": salt, "identity": hash_identity(identity, salt)}


def salt_for(achievement_id: UUID) -> str:
    """Deterministic per assertion, so the hosted document never changes between fetches; unique per
    assertion, so one person's hashes cannot be matched across their badges."""
    return hashlib.sha256(b"seen.openbadges.salt:" + achievement_id.bytes).hexdigest()[:32]


def hash_identity(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def badge_image(icon: str, level: int) -> str:
    """A square SVG data URI: the emoji on a disc coloured by level (bronze, silver, gold)."""
    fill, stroke = _LEVEL.get(level, _PLAIN)[2:]
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">'
           f'<circle cx="128" cy="128" r="118" fill="{fill}" stroke="{stroke}" stroke-width="12"/>'
           '<text x="128" y="128" font-size="128" text-anchor="middle" dominant-baseline="central">'
           f'{escape(icon)}</text></svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _description(source: ClassSource, org: str, *, zh: bool) -> str:
    if source.level:
        en, cn = _LEVEL.get(source.level, _PLAIN)[:2]
        return f"{org} 颁发的{cn + '级' if cn else ''}徽章。" if zh else f"A {en + ' ' if en else ''}badge awarded by {org}."
    label_en, label_zh, _ = _KIND[source.kind]
    return f"记录在 {org} 成就墙上的{label_zh}。" if zh else f"{label_en} recorded on the {org} achievement wall."


def _criteria(source: ClassSource, org: str, name: str, *, zh: bool) -> str:
    written = (source.criteria_zh or source.criteria_en) if zh else (source.criteria_en or source.criteria_zh)
    if written.strip():
        return written.strip()
    return f"在 {org} 获得：{name}" if zh else f"Earned at {org}: {name}"
