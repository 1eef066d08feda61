"""The answer SLA: an appeal past its due time reminds its reviewer and HR once; the cron does it for every
organisation."""
from __future__ import annotations

from datetime import timedelta

from backend.core import clock
from backend.notifications.models import Notification
from backend.performance import appeal_queries, appeals
from backend.performance.models import Appeal, AppealStatus
from tests.factories.performance_review import IN_WINDOW, appeal_scene, file
from workers.jobs.performance_appeals import remind_overdue_appeals_all

OVERDUE = IN_WINDOW + timedelta(hours=72, seconds=1)


async def test_an_overdue_appeal_reminds_its_reviewer_and_hr_once(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal = await file(c.employee, scene)
    with clock.frozen_at(OVERDUE):
        # when
        first = await appeals.remind_overdue_appeals(c.system)
        second = await appeals.remind_overdue_appeals(c.system)
        overdue = appeal_queries.is_overdue(await Appeal.get(id=appeal.id))
    # then
    assert (first, second, overdue) == (1, 0, True)
    assert (await Appeal.get(id=appeal.id)).reminded_at == OVERDUE
    reminded = await Notification.filter(kind="appeal_overdue").order_by("title_en").values_list("recipient_id", "title_en")
    assert sorted(r for r, _ in reminded) == sorted([c.owner.employee.id, c.hr.employee.id])
    assert {t for _, t in reminded} == {"Overdue: Acme Worker's appeal on the results score of November 2026"}


async def test_appeals_not_yet_due_or_already_answered_are_not_reminded(db):
    # given one appeal decided in time and one still within its 72 hours
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        answered = await file(c.employee, scene, "results")
        await appeals.decide_appeal(c.owner.actor, appeal_id=answered.id, outcome=AppealStatus.REJECTED,
                                    decision="The numbers match the CRM export.")
    with clock.frozen_at(IN_WINDOW + timedelta(hours=1)):
        await file(c.employee, scene, "retention")
    with clock.frozen_at(OVERDUE):
        # when
        reminded = await appeals.remind_overdue_appeals(c.system)
    # then
    assert reminded == 0
    assert await Notification.filter(kind="appeal_overdue").count() == 0


async def test_the_cron_reminds_in_every_organisation(db):
    # given an overdue appeal in each of two organisations
    first, second = await appeal_scene(), await appeal_scene("Globex")
    with clock.frozen_at(IN_WINDOW):
        for scene in (first, second):
            await file(scene.company.employee, scene)
    with clock.frozen_at(OVERDUE):
        # when
        reminded = await remind_overdue_appeals_all({})
    # then
    assert reminded == 2
    assert await Appeal.filter(reminded_at=OVERDUE).count() == 2
