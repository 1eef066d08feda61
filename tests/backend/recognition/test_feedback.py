"""Manager feedback: praise on the wall, coaching private, only for one's own team (HR: anyone)."""
from __future__ import annotations

import pytest

from backend.achievements.models import Achievement, AchievementKind
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.recognition import feedback, values
from backend.recognition.models import FeedbackKind
from backend.recognition.queries import feedback_by_ids, list_my_feedback
from tests.factories.org import make_company


async def test_public_praise_tied_to_a_value_goes_on_the_wall_and_in_the_inbox(db):
    # given a company value
    company = await make_company()
    value = await values.create_value(company.hr.actor, code="customer-first", name_en="Customer first", name_zh="客户第一")
    # when the manager praises their report in public
    given = await feedback.give_feedback(company.manager.actor, receiver_id=company.employee.employee.id,
                                         kind=FeedbackKind.PRAISE, message="Zero defects this month", value_id=value.id,
                                         is_public=True)
    # then it is a public praise on the wall, the report is notified, and the event carries the value
    item = await Achievement.of(company.system).get(source_type="feedback", source_id=given.id)
    assert (item.kind, item.is_public, item.title_en) == (AchievementKind.PRAISE, True, "Praise: Customer first")
    note = await Notification.of(company.system).get(recipient_id=company.employee.employee.id)
    assert note.title_zh == "你收到了表扬" and note.link == f"/wall?highlight={item.id}"
    event = await OutboxEvent.get(type="recognition.feedback_given")
    assert event.payload["value_code"] == "customer-first" and event.payload["kind"] == "praise"


async def test_private_praise_is_a_private_wall_item(db):
    # given
    company = await make_company()
    # when
    given = await feedback.give_feedback(company.manager.actor, receiver_id=company.employee.employee.id,
                                         kind=FeedbackKind.PRAISE, message="Well handled")
    # then
    item = await Achievement.of(company.system).get(source_id=given.id)
    assert item.is_public is False


async def test_coaching_is_never_public_and_never_on_the_wall(db):
    # given
    company = await make_company()
    # when public coaching is attempted
    with pytest.raises(ValidationFailed) as err:
        await feedback.give_feedback(company.manager.actor, receiver_id=company.employee.employee.id,
                                     kind=FeedbackKind.COACHING, message="Check the offsets", is_public=True)
    assert err.value.field == "isPublic"
    # and private coaching is given
    given = await feedback.give_feedback(company.manager.actor, receiver_id=company.employee.employee.id,
                                         kind=FeedbackKind.COACHING, message="Check the offsets")
    # then nothing is on the wall, but the report has it in their feedback and inbox
    assert await Achievement.of(company.system).filter(source_id=given.id).count() == 0
    page = await list_my_feedback(company.employee.actor)
    assert [f.id for f in page.items] == [given.id]
    note = await Notification.of(company.system).get(recipient_id=company.employee.employee.id)
    assert note.link == f"/feedback?highlight={given.id}"


async def test_a_manager_cannot_give_feedback_outside_their_team(db):
    # given the peer reports to the owner, not to the manager
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await feedback.give_feedback(company.manager.actor, receiver_id=company.peer.employee.id,
                                     kind=FeedbackKind.PRAISE, message="Nice")


async def test_an_employee_without_a_team_cannot_give_feedback(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await feedback.give_feedback(company.employee.actor, receiver_id=company.peer.employee.id,
                                     kind=FeedbackKind.PRAISE, message="Nice")


async def test_hr_may_give_feedback_to_anyone(db):
    # given
    company = await make_company()
    # when
    given = await feedback.give_feedback(company.hr.actor, receiver_id=company.peer.employee.id,
                                         kind=FeedbackKind.PRAISE, message="Great onboarding session")
    # then
    assert given.receiver_id == company.peer.employee.id


async def test_feedback_is_readable_only_by_giver_receiver_and_hr(db):
    # given coaching from the manager to the employee
    company = await make_company()
    given = await feedback.give_feedback(company.manager.actor, receiver_id=company.employee.employee.id,
                                         kind=FeedbackKind.COACHING, message="Slow down on the checks")
    # when a peer asks for it by id, and the receiver and HR do
    # then only the peer gets nothing
    assert await feedback_by_ids(company.peer.actor, [given.id]) == [None]
    assert (await feedback_by_ids(company.employee.actor, [given.id]))[0] is not None
    assert (await feedback_by_ids(company.hr.actor, [given.id]))[0] is not None


async def test_another_organisations_value_is_not_found(db):
    # given a value in another company
    mine = await make_company("Mine")
    theirs = await make_company("Theirs")
    foreign = await values.create_value(theirs.hr.actor, code="teamwork", name_en="Teamwork", name_zh="团队合作")
    # when / then
    with pytest.raises(NotFound):
        await feedback.give_feedback(mine.manager.actor, receiver_id=mine.employee.employee.id,
                                     kind=FeedbackKind.PRAISE, message="Nice", value_id=foreign.id)
