"""The suggestion box: submitted to the first HR admin with a 24-hour clock, answered, decided, implemented
onto the board with a reward paid once (also to an anonymous author, whose identity stays out of audit
entries, events and other people's notifications), reassigned by HR; HR's statistics hide small
departments."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.audit.models import AuditEntry
from backend.community import suggestion_queries, suggestions
from backend.community.models import Suggestion, SuggestionStatus
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.core.models import OutboxEvent
from backend.notifications.models import Notification
from backend.org.models import Department, Employee
from backend.points import queries as points
from backend.points.models import PointsTransfer
from tests.factories.community import make_suggestion
from tests.factories.org import make_company


async def test_a_suggestion_goes_to_the_first_hr_admin_due_in_24_hours(db):
    # given
    c = await make_company()
    # when
    s = await make_suggestion(c.employee.actor)
    # then
    assert (s.owner_id, s.status, s.department_id) == (c.hr.employee.id, SuggestionStatus.RECEIVED, c.department.id)
    assert s.due_at == s.created_at + timedelta(hours=24)
    assert await Notification.of(c.system).filter(recipient_id=c.hr.employee.id, kind="suggestion_received").count() == 1
    assert await AuditEntry.of(c.system).filter(action="suggestion.submitted", actor_employee_id=c.employee.employee.id).exists()


async def test_blank_suggestions_are_refused(db):
    # given
    c = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as raised:
        await make_suggestion(c.employee.actor, title=" ")
    assert raised.value.field == "title" and await Suggestion.of(c.system).count() == 0


async def test_the_flow_answer_accept_implement_reward_once(db):
    # given
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    # when
    await suggestions.answer(c.hr.actor, s.id, "Good idea, we will try. 好建议，我们试试。")
    with pytest.raises(Conflict):
        await suggestions.answer(c.hr.actor, s.id, "again")
    await suggestions.decide(c.hr.actor, s.id, accept=True)
    done = await suggestions.implement(c.hr.actor, s.id, outcome="Panels installed 已装隔音板", reward_points=50)
    with pytest.raises(Conflict):
        await suggestions.implement(c.hr.actor, s.id, outcome="twice", reward_points=50)
    # then
    assert (done.status, done.reward_points, done.rewarded_at is not None) == (SuggestionStatus.IMPLEMENTED, 50, True)
    assert (await points.get_balances(c.employee.actor, c.employee.employee.id)).wallet == 50
    assert [b.id for b in await suggestion_queries.board(c.peer.actor)] == [s.id]
    told = await Notification.of(c.system).filter(recipient_id=c.employee.employee.id).values_list("kind", flat=True)
    assert {"suggestion_answered", "suggestion_accepted", "suggestion_implemented"} <= set(told)


async def test_only_the_owner_escalation_target_or_hr_answer(db):
    # given
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    # when / then
    with pytest.raises(Forbidden):
        await suggestions.answer(c.peer.actor, s.id, "not mine")
    with pytest.raises(Forbidden):
        await suggestions.reassign(c.manager.actor, s.id, c.manager.employee.id)
    await suggestions.reassign(c.hr.actor, s.id, c.manager.employee.id)
    answered = await suggestions.answer(c.manager.actor, s.id, "On it.")
    assert (answered.owner_id, answered.status) == (c.manager.employee.id, SuggestionStatus.ANSWERED)


async def test_deciding_a_received_suggestion_needs_a_note_which_answers_it(db):
    # given
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    # when / then
    with pytest.raises(ValidationFailed):
        await suggestions.decide(c.hr.actor, s.id, accept=False)
    declined = await suggestions.decide(c.hr.actor, s.id, accept=False, note="Budget is spent this year.")
    assert (declined.status, declined.answer, declined.answered_at is not None) == (
        SuggestionStatus.DECLINED, "Budget is spent this year.", True)
    with pytest.raises(Conflict):
        await suggestions.implement(c.hr.actor, s.id, outcome="no")


async def test_only_hr_rewards(db):
    # given
    c = await make_company()
    s = await make_suggestion(c.employee.actor)
    await suggestions.reassign(c.hr.actor, s.id, c.manager.employee.id)
    await suggestions.decide(c.manager.actor, s.id, accept=True, note="Yes")
    # when / then
    with pytest.raises(Forbidden):
        await suggestions.implement(c.manager.actor, s.id, outcome="done", reward_points=10)
    done = await suggestions.implement(c.manager.actor, s.id, outcome="done")
    assert (done.status, done.rewarded_at) == (SuggestionStatus.IMPLEMENTED, None)


async def test_an_anonymous_author_is_paid_without_being_named_anywhere(db):
    # given
    c = await make_company()
    author = c.employee.employee
    # when
    s = await make_suggestion(c.employee.actor, anonymous=True)
    await suggestions.answer(c.hr.actor, s.id, "Thanks")
    await suggestions.decide(c.hr.actor, s.id, accept=True)
    await suggestions.implement(c.hr.actor, s.id, outcome="Done", reward_points=30)
    # then: paid, with a memo that names nobody
    transfer = await PointsTransfer.of(c.system).get(source_type="suggestion")
    assert transfer.memo == "建议被采纳 Suggestion adopted" and transfer.amount == 30
    statement = await points.list_statement(c.employee.actor, employee_id=author.id, first=5, after=None)
    assert [line.memo for line in statement.items] == ["建议被采纳 Suggestion adopted"]
    # and no audit entry, event or someone else's notification carries the author
    needles = {str(author.id), author.name, author.latin_name or "-"}
    entries = await AuditEntry.of(c.system).filter(entity_type="suggestion").values_list(
        "actor_employee_id", "actor_label", "actor_account_id", "before", "after")
    events = await OutboxEvent.filter(tenant_id=c.org.id, type__startswith="community.suggestion").values_list("payload", flat=True)
    others = await Notification.of(c.system).exclude(recipient_id=author.id).values_list("title_en", "title_zh", "body_en")
    text = repr((entries, events, others)) + repr([str(e[2]) for e in entries])
    assert not [n for n in needles if n in text]
    assert str(c.employee.account.id) not in text
    assert len(entries) == 4


async def test_lists_by_scope(db):
    # given
    c = await make_company()
    mine = await make_suggestion(c.employee.actor)
    other = await make_suggestion(c.peer.actor)
    await suggestions.reassign(c.hr.actor, other.id, c.manager.employee.id)
    # then
    assert [s.id for s in await suggestion_queries.list_suggestions(c.employee.actor, suggestion_queries.Scope.MINE)] == [mine.id]
    assert [s.id for s in await suggestion_queries.list_suggestions(c.manager.actor, suggestion_queries.Scope.TO_ANSWER)] == [other.id]
    assert len(await suggestion_queries.list_suggestions(c.hr.actor, suggestion_queries.Scope.ALL)) == 2
    with pytest.raises(Forbidden):
        await suggestion_queries.list_suggestions(c.manager.actor, suggestion_queries.Scope.ALL)


async def test_stats_hide_departments_of_fewer_than_five_people(db):
    # given: Production has 3 people; Sales gets 5
    c = await make_company()
    sales = await Department.create_for(c.system, name="Sales")
    for n in range(5):
        await Employee.create_for(c.system, employee_number=f"SL{n}", name=f"Seller {n}", hire_date=date(2024, 1, 1),
                                  job_title="Sales", level="L1", department_id=sales.id)
    await make_suggestion(c.employee.actor, anonymous=True)
    late = await make_suggestion(c.peer.actor)
    on_time = await make_suggestion(c.hr.actor)
    await Suggestion.of(c.system).filter(id=late.id).update(department_id=sales.id)
    await suggestions.answer(c.hr.actor, on_time.id, "Quick")
    with clock.frozen_at(clock.now() + timedelta(hours=30)):
        await suggestions.answer(c.hr.actor, late.id, "Slow")
        found = await suggestion_queries.stats(c.hr.actor)
    # then
    assert (found.total, found.answered_on_time, found.answered_late, found.open, found.overdue) == (3, 1, 1, 1, 1)
    assert found.by_department == [(sales.id, 1)] and found.hidden_departments == 1
    assert dict(found.by_status)[SuggestionStatus.ANSWERED] == 2
    assert found.median_answer_hours is not None and 14 < found.median_answer_hours < 16
    with pytest.raises(Forbidden):
        await suggestion_queries.stats(c.manager.actor)
