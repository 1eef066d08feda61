"""The pure Open Badges 2.0 builders (backend.achievements.openbadges): exact document shapes,
hashed recipient identities that verify, languages, revocation."""
from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime, timedelta, timezone

from backend.achievements import openbadges as ob
from backend.achievements.models import AchievementKind

URLS = ob.Urls("https://seen.example")
ORG_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
BADGE_ID = uuid.UUID("00000000-0000-4000-8000-000000000002")
ITEM_ID = uuid.UUID("00000000-0000-4000-8000-000000000003")
PERSON_ID = uuid.UUID("00000000-0000-4000-8000-000000000004")
ISSUER = ob.Issuer(id=ORG_ID, name="Acme 精密", language="zh-CN")
BADGE = ob.ClassSource(id=BADGE_ID, kind=AchievementKind.BADGE, name_en="Safety Star", name_zh="安全之星",
                       criteria_en="A quarter without incidents.", criteria_zh="整个季度零事故。", icon="⭐", level=3)


def _award(**changes: object) -> ob.AwardSource:
    values: dict[str, object] = dict(id=ITEM_ID, class_id=BADGE_ID, employee_id=PERSON_ID, email="li.lei@acme.example",
                                     earned_at=datetime(2023, 5, 10, 2, 30, 15, 123456, tzinfo=UTC),
                                     detail="Spotted the loose guard rail.", revoked_at=None)
    values.update(changes)
    return ob.AwardSource(**values)  # type: ignore[arg-type]


def _svg(data_uri: str) -> str:
    prefix = "data:image/svg+xml;base64,"
    assert data_uri.startswith(prefix)
    return base64.b64decode(data_uri[len(prefix):]).decode()


def test_the_issuer_profile_names_the_organisation_in_its_language():
    # when
    profile = ob.issuer_profile(URLS, ISSUER)
    # then
    assert profile == {
        "@context": "https://w3id.org/openbadges/v2", "@language": "zh-CN", "type": "Profile",
        "id": f"https://seen.example/openbadges/issuers/{ORG_ID}.json", "name": "Acme 精密", "url": "https://seen.example",
    }


def test_a_badge_class_in_the_organisations_language_is_the_canonical_document():
    # when
    document = ob.badge_class(URLS, ISSUER, BADGE, language="zh-CN")
    # then
    image = document.pop("image")
    assert document == {
        "@context": "https://w3id.org/openbadges/v2", "@language": "zh-CN", "type": "BadgeClass",
        "id": f"https://seen.example/openbadges/classes/{BADGE_ID}.json",
        "name": "安全之星", "description": "Acme 精密 颁发的金级徽章。",
        "criteria": {"narrative": "整个季度零事故。"},
        "issuer": f"https://seen.example/openbadges/issuers/{ORG_ID}.json",
        "tags": ["徽章"],
        "related": [{"id": f"https://seen.example/openbadges/classes/{BADGE_ID}.json?lang=en", "@language": "en"}],
    }
    assert "⭐" in _svg(image)


def test_the_other_language_lives_at_its_own_url_and_points_back():
    # when
    document = ob.badge_class(URLS, ISSUER, BADGE, language="en")
    # then
    assert document["id"] == f"https://seen.example/openbadges/classes/{BADGE_ID}.json?lang=en"
    assert (document["@language"], document["name"], document["criteria"]) == (
        "en", "Safety Star", {"narrative": "A quarter without incidents."})
    assert document["description"] == "A gold badge awarded by Acme 精密."
    assert document["related"] == [{"id": f"https://seen.example/openbadges/classes/{BADGE_ID}.json", "@language": "zh-CN"}]


def test_an_item_without_a_badge_gets_a_class_synthesized_from_its_kind_and_title():
    # given
    source = ob.ClassSource(id=ITEM_ID, kind=AchievementKind.PRAISE, name_en="Great teamwork", name_zh="团队合作出色",
                            criteria_en="", criteria_zh="", icon="👏", level=0)
    # when
    document = ob.badge_class(URLS, ISSUER, source, language="en")
    # then
    assert document["id"] == f"https://seen.example/openbadges/classes/{ITEM_ID}.json?lang=en"
    assert (document["name"], document["description"], document["criteria"]) == (
        "Great teamwork", "Praise recorded on the Acme 精密 achievement wall.",
        {"narrative": "Earned at Acme 精密: Great teamwork"})
    assert "👏" in _svg(document["image"])


def test_the_assertion_has_the_hosted_shape():
    # when
    document = ob.assertion(URLS, _award())
    # then
    recipient = document.pop("recipient")
    assert document == {
        "@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
        "id": f"https://seen.example/openbadges/assertions/{ITEM_ID}.json",
        "badge": f"https://seen.example/openbadges/classes/{BADGE_ID}.json",
        "issuedOn": "2023-05-10T02:30:15+00:00",
        "verification": {"type": "hosted"},
        "evidence": {"narrative": "Spotted the loose guard rail."},
    }
    assert (recipient["type"], recipient["hashed"]) == ("email", True)


def test_the_hashed_email_identity_verifies_with_the_published_salt():
    # when
    recipient = ob.assertion(URLS, _award(email="Li.Lei@Acme.example "))["recipient"]
    # then
    expected = hashlib.sha256(("li.lei@acme.example" + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    assert "li.lei" not in str(recipient).lower()


def test_the_salt_is_stable_per_assertion_and_differs_between_assertions():
    # given
    other = uuid.UUID("00000000-0000-4000-8000-000000000009")
    # when
    first, again, different = ob.salt_for(ITEM_ID), ob.salt_for(ITEM_ID), ob.salt_for(other)
    # then
    assert first == again and first != different and len(first) == 32


def test_a_person_without_email_is_identified_by_their_hashed_page_url():
    # when
    recipient = ob.recipient(URLS, _award(email=None))
    # then
    page = f"https://seen.example/community/{PERSON_ID}"
    assert recipient["type"] == "url"
    assert recipient["identity"] == "sha256$" + hashlib.sha256((page + recipient["salt"]).encode()).hexdigest()


def test_issued_on_is_utc_with_an_offset_whatever_zone_the_time_came_in():
    # given
    shanghai = datetime(2023, 5, 10, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    # when
    document = ob.assertion(URLS, _award(earned_at=shanghai))
    # then
    assert document["issuedOn"] == "2023-05-10T02:30:00+00:00"


def test_an_assertion_without_detail_has_no_evidence():
    # when
    document = ob.assertion(URLS, _award(detail="  "))
    # then
    assert "evidence" not in document


def test_a_revoked_assertion_is_reduced_to_id_and_revocation():
    # when
    document = ob.assertion(URLS, _award(revoked_at=datetime(2023, 6, 1, tzinfo=UTC)))
    # then
    assert document == {
        "@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
        "id": f"https://seen.example/openbadges/assertions/{ITEM_ID}.json",
        "revoked": True, "revocationReason": "Revoked by the issuer.",
    }


def test_the_badge_image_escapes_markup_in_the_icon():
    # when
    svg = _svg(ob.badge_image('<script>"', 1))
    # then
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
