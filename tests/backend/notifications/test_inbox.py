"""The in-app inbox: one notification per fact, unread counts, marking read only one's own."""
from __future__ import annotations

import pytest

from backend.core.errors import NotFound, ValidationFailed
from backend.notifications import service as notifications
from tests.factories.org import make_company

MESSAGE = notifications.Message(kind="kudos_received", title_en="Kudos", title_zh="点赞", link="/wall")


async def test_the_same_fact_notifies_once(db):
    # given
    company = await make_company()
    # when a handler retries
    first = await notifications.notify(company.system, recipient_id=company.employee.employee.id, message=MESSAGE, dedupe_key="k:1")
    again = await notifications.notify(company.system, recipient_id=company.employee.employee.id, message=MESSAGE, dedupe_key="k:1")
    # then
    assert again.id == first.id
    assert await notifications.unread_count(company.employee.actor) == 1


async def test_marking_read_changes_the_unread_count(db):
    # given two notifications
    company = await make_company()
    one = await notifications.notify(company.system, recipient_id=company.employee.employee.id, message=MESSAGE, dedupe_key="a")
    await notifications.notify(company.system, recipient_id=company.employee.employee.id, message=MESSAGE, dedupe_key="b")
    # when one is read
    changed = await notifications.mark_read(company.employee.actor, notification_ids=[one.id])
    # then
    assert changed == 1
    assert await notifications.unread_count(company.employee.actor) == 1
    page = await notifications.list_inbox(company.employee.actor, unread_only=True)
    assert len(page.items) == 1
    assert await notifications.mark_all_read(company.employee.actor) == 1


async def test_nobody_marks_or_sees_someone_elses_notifications(db):
    # given a notification for the employee
    company = await make_company()
    theirs = await notifications.notify(company.system, recipient_id=company.employee.employee.id, message=MESSAGE, dedupe_key="a")
    # when the peer tries to mark it read, then it is simply not found, and their inbox is empty
    with pytest.raises(NotFound):
        await notifications.mark_read(company.peer.actor, notification_ids=[theirs.id])
    assert (await notifications.list_inbox(company.peer.actor)).items == []
    with pytest.raises(ValidationFailed):
        await notifications.mark_read(company.peer.actor, notification_ids=[])


async def test_another_organisation_cannot_mark_it_read(db):
    # given
    mine = await make_company("Mine")
    theirs = await make_company("Theirs")
    note = await notifications.notify(theirs.system, recipient_id=theirs.employee.employee.id, message=MESSAGE, dedupe_key="a")
    # when / then
    with pytest.raises(NotFound):
        await notifications.mark_read(mine.employee.actor, notification_ids=[note.id])
