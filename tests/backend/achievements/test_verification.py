"""The actor-less loaders behind the public Open Badges URLs (backend.achievements.verification)."""
from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from backend.access.models import Locale
from backend.achievements import verification
from backend.achievements.models import AchievementKind
from tests.factories.achievements import make_achievement, make_badge
from tests.factories.org import make_company


async def test_a_private_item_stays_verifiable_at_its_assertion_url(db):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee, is_public=False)
    # when
    document = await verification.assertion_for(item.id)
    # then
    assert document is not None and document["id"] == f"http://testserver/openbadges/assertions/{item.id}.json"
    salt = document["recipient"]["salt"]
    assert document["recipient"]["identity"] == "sha256$" + hashlib.sha256(
        (str(c.employee.employee.email) + salt).encode()).hexdigest()


async def test_a_badge_item_points_at_the_badges_class_and_others_at_their_own(db):
    # given
    c = await make_company()
    badge = await make_badge(c.system)
    with_badge = await make_achievement(c.system, c.employee.employee, kind=AchievementKind.BADGE, badge=badge)
    praise = await make_achievement(c.system, c.employee.employee)
    # when
    a, b = await verification.assertion_for(with_badge.id), await verification.assertion_for(praise.id)
    # then
    assert a and a["badge"] == f"http://testserver/openbadges/classes/{badge.id}.json"
    assert b and b["badge"] == f"http://testserver/openbadges/classes/{praise.id}.json"


async def test_a_revoked_item_answers_revoked(db):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee, revoked_at=datetime(2023, 6, 1, tzinfo=UTC))
    # when
    document = await verification.assertion_for(item.id)
    # then
    assert document is not None and document["revoked"] is True and "recipient" not in document


async def test_unknown_and_malformed_ids_find_nothing(db):
    # when
    found = [await verification.assertion_for(str(uuid.uuid4())), await verification.assertion_for("nope"),
             await verification.badge_class_for("../x"), await verification.issuer_for(uuid.uuid4())]
    # then
    assert found == [None, None, None, None]


async def test_a_badge_class_defaults_to_the_organisations_language(db):
    # given
    c = await make_company()
    badge = await make_badge(c.system, name_en="Safety Star", name_zh="安全之星")
    # when
    document = await verification.badge_class_for(badge.id)
    # then
    assert document is not None and (document["name"], document["@language"]) == ("安全之星", str(Locale.ZH_CN))
    assert document["issuer"] == f"http://testserver/openbadges/issuers/{c.org.id}.json"


async def test_a_badge_class_can_be_asked_for_in_english(db):
    # given
    c = await make_company()
    badge = await make_badge(c.system, name_en="Safety Star")
    # when
    document = await verification.badge_class_for(str(badge.id), language="en")
    # then
    assert document is not None and document["name"] == "Safety Star"


async def test_the_synthesized_class_of_a_revoked_item_is_gone(db):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee, revoked_at=datetime(2023, 6, 1, tzinfo=UTC))
    # when / then
    assert await verification.badge_class_for(item.id) is None


async def test_a_badge_items_own_id_is_not_a_class(db):
    # given
    c = await make_company()
    item = await make_achievement(c.system, c.employee.employee, kind=AchievementKind.BADGE, badge=await make_badge(c.system))
    # when / then
    assert await verification.badge_class_for(item.id) is None


async def test_the_issuer_is_the_organisation(db):
    # given
    c = await make_company("Acme")
    # when
    document = await verification.issuer_for(str(c.org.id))
    # then
    assert document is not None and (document["type"], document["name"]) == ("Profile", "Acme")
