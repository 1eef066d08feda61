"""Deciding an appeal: by the assigned reviewer or HR, never the appellant nor the manager who rated; an
upheld correction rewrites the value (source APPEAL), and the score changes once the recompute job ran."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.performance import appeal_queries, appeals
from backend.performance.models import (
    AppealStatus, CycleStatus, MetricValue, MetricValueChange, Rating, RaterRelation, ReviewCycle, ValueSource,
)
from tests.factories.performance import put_rating
from tests.factories.performance_review import IN_WINDOW, appeal_scene, file, in_process_jobs, total_of

REASON = "Checked the CRM export: both deals are real."


async def test_the_reviewer_rejects_and_the_appellant_is_told(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene)
        # when
        decided = await appeals.decide_appeal(c.owner.actor, appeal_id=appeal.id, outcome=AppealStatus.REJECTED,
                                              decision="  The deals closed in December.  ")
    # then
    assert (decided.status, decided.decision, decided.decided_by_id, decided.decided_at) == (
        AppealStatus.REJECTED, "The deals closed in December.", c.owner.employee.id, IN_WINDOW)
    assert (decided.total_before, decided.total_after) == (77.0, 77.0)
    note = await Notification.get(recipient_id=c.employee.employee.id, kind="appeal_decided")
    assert (note.title_en, note.title_zh, note.body_en) == (
        "Your appeal on November 2026 was rejected", "你对「November 2026」的申诉未被采纳", "The deals closed in December.")
    assert (await OutboxEvent.get(type="performance.appeal_decided")).payload == {
        "appeal_id": str(appeal.id), "employee_id": str(c.employee.employee.id), "outcome": "rejected"}
    entry = await AuditEntry.get(action="appeal.decided")
    assert (entry.before, entry.after) == ({"status": "open", "value": None}, {
        "status": "rejected", "decision": "The deals closed in December.", "value": None, "total": 77.0})


async def test_an_upheld_correction_changes_the_score_after_the_recompute_job(db):
    # given results 150 of 200 under appeal, jobs running in process
    scene = await appeal_scene()
    c = scene.company
    runner = in_process_jobs()
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene, "results")
        # when
        decided = await appeals.decide_appeal(c.owner.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD,
                                              decision=REASON, corrected_value=200)
        assert (decided.total_before, decided.total_after) == (77.0, None)  # not recomputed yet
        await runner.wait_idle()
        after = await appeal_queries.get_appeal(c.employee.actor, appeal_id=appeal.id)
    # then: results 100 points: 60 + 20 + 12
    assert await total_of(scene, c.employee) == 92.0
    assert (after.status, after.total_before, after.total_after) == (AppealStatus.UPHELD, 77.0, 92.0)
    value = await MetricValue.get(employee_id=c.employee.employee.id, metric_code="results")
    assert (value.value, value.source, value.source_label, value.supplied_by_id) == (
        200.0, ValueSource.APPEAL, f"appeal:{appeal.id}", c.owner.employee.id)
    assert await MetricValueChange.filter(employee_id=c.employee.employee.id, metric_code="results",
                                          source=ValueSource.APPEAL).count() == 1
    entry = await AuditEntry.get(action="appeal.decided")
    assert (entry.before["value"], entry.after["value"]) == (150.0, 200)


async def test_a_correction_in_a_closed_cycle_is_recomputed_at_once(db):
    # given the cycle closed before the appeal was decided (the debounced job leaves closed cycles alone)
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene, "retention")
        await ReviewCycle.filter(id=scene.cycle.id).update(status=CycleStatus.CLOSED, closed_at=IN_WINDOW)
        # when retention is corrected from 90 % to 45 %
        await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD, decision=REASON,
                                    corrected_value=45)
        after = await appeal_queries.get_appeal(c.hr.actor, appeal_id=appeal.id)
    # then 45 + 10 + 12
    assert await total_of(scene, c.employee) == 67.0
    assert after.total_after == 67.0


async def test_upholding_without_a_correction_changes_nothing(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene, None)
        # when
        decided = await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD,
                                              decision="Agreed; the manager will review the targets.")
    # then
    assert (decided.status, decided.total_before, decided.total_after) == (AppealStatus.UPHELD, 77.0, 77.0)
    assert await MetricValue.filter(source=ValueSource.APPEAL).count() == 0


@pytest.mark.parametrize(("dimension", "outcome", "value", "message"), [
    ("results", AppealStatus.REJECTED, 200, "Only an upheld appeal corrects a value."),
    (None, AppealStatus.UPHELD, 200, "An appeal of the total has no single value to correct: uphold it without one."),
    ("retention", AppealStatus.UPHELD, 120, "A percentage must be between 0 and 100."),
    ("mentoring", AppealStatus.UPHELD, 4.5, "A corrected rating is a whole number from 1 to 5."),
    ("mentoring", AppealStatus.UPHELD, 6, "A corrected rating is a whole number from 1 to 5."),
])
async def test_a_correction_must_fit_the_appealed_dimension(db, dimension, outcome, value, message):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene, dimension)
        # when
        with pytest.raises(ValidationFailed) as error:
            await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=outcome, decision=REASON,
                                        corrected_value=value)
    # then
    assert (error.value.field, error.value.message) == ("correctedValue", message)
    assert (await appeal_queries.get_appeal(c.hr.actor, appeal_id=appeal.id)).status == AppealStatus.OPEN


async def test_an_outcome_and_a_decision_text_are_required(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene)
        # when / then
        with pytest.raises(ValidationFailed) as error:
            await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.WITHDRAWN, decision=REASON)
        assert error.value.field == "outcome"
        with pytest.raises(ValidationFailed) as error:
            await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.REJECTED, decision="  ")
        assert error.value.field == "decision"


async def test_the_manager_who_rated_cannot_decide_even_as_hr(db):
    # given HR also gave the worker's mentoring rating as a manager, so the appeal went to the owner
    scene = await appeal_scene()
    c = scene.company
    await put_rating(c.system, scene.cycle, c.employee.employee.id, c.hr.employee.id, "mentoring", 2,
                     RaterRelation.MANAGER)
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene, "mentoring")
        # when / then: HR and the direct manager both rated it; the owner decides
        for rater in (c.hr, c.manager):
            with pytest.raises(Forbidden) as error:
                await appeals.decide_appeal(rater.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD,
                                            decision=REASON)
            assert error.value.message == "You gave the rating under appeal: a second reviewer decides it."
        decided = await appeals.decide_appeal(c.owner.actor, appeal_id=appeal.id, outcome=AppealStatus.REJECTED,
                                              decision=REASON)
    assert (appeal.reviewer_id, decided.status) == (c.owner.employee.id, AppealStatus.REJECTED)


async def test_neither_the_appellant_nor_a_manager_who_is_not_assigned_decides(db):
    # given the worker's appeal on results is routed to the owner
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene)
        # when / then: the worker (no APPEALS_DECIDE), the direct manager (not assigned), the peer
        for person in (c.employee, c.manager, c.peer):
            with pytest.raises(Forbidden):
                await appeals.decide_appeal(person.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD,
                                            decision=REASON)
    assert (await appeal_queries.get_appeal(c.hr.actor, appeal_id=appeal.id)).status == AppealStatus.OPEN


async def test_an_appeal_is_decided_once_and_not_after_withdrawal(db):
    # given one decided and one withdrawn appeal
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        decided = await file(c.employee, scene, "results")
        await appeals.decide_appeal(c.owner.actor, appeal_id=decided.id, outcome=AppealStatus.REJECTED, decision=REASON)
        withdrawn = await file(c.employee, scene, "retention")
        await appeals.withdraw_appeal(c.employee.actor, appeal_id=withdrawn.id)
        # when / then
        for appeal in (decided, withdrawn):
            with pytest.raises(Conflict):
                await appeals.decide_appeal(c.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD, decision=REASON)
    assert await AuditEntry.filter(action="appeal.decided").count() == 1


async def test_another_organisations_appeal_is_not_found(db):
    # given
    scene = await appeal_scene()
    other = await appeal_scene("Globex")
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(scene.company.employee, scene)
        # when / then
        with pytest.raises(NotFound):
            await appeals.decide_appeal(other.company.hr.actor, appeal_id=appeal.id, outcome=AppealStatus.REJECTED,
                                        decision=REASON)


async def test_an_upheld_rating_correction_rewrites_the_managers_rating(db):
    # given the manager rated mentoring 3 (60 points)
    scene = await appeal_scene()
    c = scene.company
    runner = in_process_jobs()
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene, "mentoring")
        # when the owner corrects it to 5
        await appeals.decide_appeal(c.owner.actor, appeal_id=appeal.id, outcome=AppealStatus.UPHELD, decision=REASON,
                                    corrected_value=5)
        await runner.wait_idle()
        after = await appeal_queries.get_appeal(c.employee.actor, appeal_id=appeal.id)
    # then: still the manager's rating, now 5 (100 points): 45 + 20 + 20
    rating = await Rating.get(employee_id=c.employee.employee.id, dimension_code="mentoring")
    assert (rating.rater_id, rating.relation, rating.score, rating.comment) == (
        c.manager.employee.id, RaterRelation.MANAGER, 5, f"Corrected by appeal {appeal.id}")
    assert (await total_of(scene, c.employee), after.total_after) == (85.0, 85.0)
    entry = await AuditEntry.get(action="appeal.decided")
    assert (entry.before["value"], entry.after["value"]) == (3.0, 5)
