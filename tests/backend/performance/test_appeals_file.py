"""Filing an appeal: routed to a second reviewer and told, due in 72 hours, idempotent by client key, one
open appeal per score, only within the window, only on one's own computed score, inputs checked."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Conflict, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.performance import appeals
from backend.performance.models import Appeal, AppealStatus, RaterRelation
from tests.factories.performance import put_rating
from tests.factories.performance_review import AFTER_WINDOW, IN_WINDOW, appeal_scene, file, key


async def test_an_appeal_goes_to_the_managers_manager_with_a_72_hour_answer_time(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        # when
        appeal = await file(c.employee, scene, "results", evidence=[" https://crm.example/deal/17 ", "Signed PO"])
    # then
    assert (appeal.employee_id, appeal.dimension_code, appeal.status, appeal.reviewer_id) == (
        c.employee.employee.id, "results", AppealStatus.OPEN, c.owner.employee.id)
    assert (appeal.filed_at, appeal.due_at) == (IN_WINDOW, IN_WINDOW + timedelta(hours=72))
    assert (appeal.total_before, appeal.total_after) == (77.0, None)
    assert appeal.evidence == ["https://crm.example/deal/17", "Signed PO"]
    note = await Notification.get(recipient_id=c.owner.employee.id, kind="appeal_filed")
    assert (note.title_en, note.title_zh, note.link) == (
        "Acme Worker appeals the results score of November 2026", "Acme Worker 对「November 2026」「results」得分提出申诉",
        f"/performance/appeals/{appeal.id}")
    event = await OutboxEvent.get(type="performance.appeal_filed")
    assert event.payload == {"appeal_id": str(appeal.id), "employee_id": str(c.employee.employee.id),
                             "reviewer_id": str(c.owner.employee.id)}
    assert (await AuditEntry.get(entity_type="appeal")).action == "appeal.filed"


async def test_without_a_managers_manager_hr_reviews(db):
    # given the peer reports to the owner, who has no manager
    scene = await appeal_scene()
    with clock.frozen_at(IN_WINDOW):
        # when
        appeal = await file(scene.company.peer, scene, None)
    # then
    assert (appeal.dimension_code, appeal.reviewer_id, appeal.total_before) == (None, scene.company.hr.employee.id, 30.0)


async def test_a_managers_manager_who_gave_the_rating_does_not_review_it(db):
    # given the owner (the manager's manager) also rated the worker's mentoring as a manager
    scene = await appeal_scene()
    c = scene.company
    await put_rating(c.system, scene.cycle, c.employee.employee.id, c.owner.employee.id, "mentoring", 2,
                     RaterRelation.MANAGER)
    with clock.frozen_at(IN_WINDOW):
        # when
        appeal = await file(c.employee, scene, "mentoring")
    # then
    assert appeal.reviewer_id == c.hr.employee.id


async def test_a_retry_with_the_same_client_key_returns_the_first_appeal(db):
    # given
    scene = await appeal_scene()
    same = key()
    with clock.frozen_at(IN_WINDOW):
        first = await file(scene.company.employee, scene, client_key=same)
        # when
        second = await file(scene.company.employee, scene, client_key=same, reason="A different text, retried.")
    # then
    assert second.id == first.id and second.reason == first.reason
    assert await Appeal.all().count() == 1
    assert await Notification.filter(kind="appeal_filed").count() == 1


async def test_one_open_appeal_per_score_and_another_after_withdrawing(db):
    # given an open appeal on results
    scene = await appeal_scene()
    worker = scene.company.employee
    with clock.frozen_at(IN_WINDOW):
        first = await file(worker, scene, "results")
        # when / then: the same score again is refused, another dimension and the total are fine
        with pytest.raises(Conflict):
            await file(worker, scene, "results")
        await file(worker, scene, "retention")
        await file(worker, scene, None)
        await appeals.withdraw_appeal(worker.actor, appeal_id=first.id)
        again = await file(worker, scene, "results")
    # then
    assert again.status == AppealStatus.OPEN
    assert await Appeal.filter(status=AppealStatus.OPEN).count() == 3


async def test_after_the_window_no_appeal_is_taken(db):
    # given the window closed at the end of 5 December in Shanghai
    scene = await appeal_scene()
    with clock.frozen_at(AFTER_WINDOW - timedelta(seconds=1)):
        await file(scene.company.employee, scene)
    with clock.frozen_at(AFTER_WINDOW):
        # when
        with pytest.raises(ValidationFailed) as error:
            await file(scene.company.employee, scene, "retention")
    # then
    assert (error.value.field, error.value.message) == ("cycleId", "The appeal window for this cycle has closed.")
    assert await Appeal.all().count() == 1


async def test_the_window_follows_the_cycles_appeal_days(db):
    # given appeals are taken for 10 days after 30 November
    scene = await appeal_scene(appeal_days=10)
    with clock.frozen_at(AFTER_WINDOW + timedelta(days=4)):
        # when
        appeal = await file(scene.company.employee, scene)
    # then
    assert appeal.status == AppealStatus.OPEN


async def test_someone_without_a_score_has_nothing_to_appeal(db):
    # given HR has no department, hence no scorecard
    scene = await appeal_scene()
    with clock.frozen_at(IN_WINDOW), pytest.raises(ValidationFailed) as error:
        # when
        await file(scene.company.hr, scene, None)
    # then
    assert error.value.field == "cycleId"


@pytest.mark.parametrize(("values", "field"), [
    ({"reason": "Too short"}, "reason"),
    ({"reason": "x" * 2001}, "reason"),
    ({"evidence": ["link"] * 11}, "evidence"),
    ({"evidence": ["x" * 501]}, "evidence"),
    ({"evidence": ["  "]}, "evidence"),
    ({"dimension": "bogus"}, "dimensionCode"),
    ({"client_key": "short"}, "clientKey"),
])
async def test_inputs_are_checked(db, values, field):
    # given
    scene = await appeal_scene()
    values = dict(values)  # the parameter is shared by both database runs
    dimension = values.pop("dimension", "results")
    with clock.frozen_at(IN_WINDOW), pytest.raises(ValidationFailed) as error:
        # when
        await file(scene.company.employee, scene, dimension, **values)
    # then
    assert error.value.field == field
    assert await Appeal.all().count() == 0 and await AuditEntry.filter(entity_type="appeal").count() == 0


async def test_another_organisations_cycle_is_not_found(db):
    # given
    scene = await appeal_scene()
    other = await appeal_scene("Globex")
    with clock.frozen_at(IN_WINDOW), pytest.raises(NotFound):
        # when
        await file(scene.company.employee, other)
    # then
    assert await Appeal.all().count() == 0
