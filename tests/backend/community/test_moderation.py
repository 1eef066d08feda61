"""Reports and moderation: one report per person and item (also racing), HR's queue grouped per item,
hiding with a reason (the author is told, still sees it marked), restoring, dismissing; audited."""
from __future__ import annotations

import asyncio

import pytest

from backend.audit.models import AuditEntry
from backend.community import comments, moderation, post_queries
from backend.community.models import ContentReport, Post, PostStatus, ReportStatus
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.notifications.models import Notification
from tests.factories.community import make_post
from tests.factories.org import make_company


async def test_a_person_reports_an_item_once_even_racing(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    # when
    results = await asyncio.gather(*(moderation.report(c.peer.actor, post.id, "Spam 广告") for _ in range(5)))
    # then
    assert sorted(results) == [False, False, False, False, True]
    assert await ContentReport.of(c.system).filter(post_id=post.id).count() == 1


async def test_nobody_reports_their_own_post_or_what_they_cannot_see(db):
    c = await make_company()
    post = await make_post(c.employee.actor)
    hidden = await make_post(c.manager.actor, status=PostStatus.HIDDEN, hidden_reason="x")
    with pytest.raises(ValidationFailed):
        await moderation.report(c.employee.actor, post.id, "mine")
    with pytest.raises(NotFound):
        await moderation.report(c.peer.actor, hidden.id, "hidden")
    with pytest.raises(ValidationFailed) as blank:
        await moderation.report(c.peer.actor, post.id, "  ")
    assert blank.value.field == "reason" and await ContentReport.all().count() == 0


async def test_the_queue_groups_open_reports_per_item_for_hr_only(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    comment = await comments.add_comment(c.employee.actor, post.id, "rude words")
    await moderation.report(c.peer.actor, post.id, "Spam")
    await moderation.report(c.manager.actor, post.id, "Spam")
    await moderation.report(c.owner.actor, post.id, "Off topic")
    await moderation.report(c.peer.actor, post.id, "Rude", comment_id=comment.id)
    # when
    with pytest.raises(Forbidden):
        await moderation.queue(c.manager.actor)
    queue = await moderation.queue(c.hr.actor)
    # then
    assert [(i.post_id, i.comment_id, i.report_count, i.reasons) for i in queue] == [
        (post.id, None, 3, ["Spam", "Off topic"]), (post.id, comment.id, 1, ["Rude"])]


async def test_hiding_upholds_reports_tells_the_author_and_keeps_it_visible_to_them(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    await moderation.report(c.peer.actor, post.id, "Spam")
    # when
    with pytest.raises(ValidationFailed) as no_reason:
        await moderation.moderate(c.hr.actor, post.id, hide=True, reason="")
    hidden = await moderation.moderate(c.hr.actor, post.id, hide=True, reason="Advertising 广告")
    # then
    assert no_reason.value.field == "reason"
    assert (hidden.status, hidden.hidden_reason) == (PostStatus.HIDDEN, "Advertising 广告")
    assert await ContentReport.of(c.system).filter(status=ReportStatus.UPHELD).count() == 1
    assert await moderation.queue(c.hr.actor) == []
    note = await Notification.of(c.system).get(kind="community_hidden")
    assert note.recipient_id == c.employee.employee.id and note.body_en == "Advertising 广告"
    entry = await AuditEntry.of(c.system).get(action="post.hidden")
    assert entry.after == {"status": "hidden", "reason": "Advertising 广告"}
    mine = await post_queries.feed_page(c.employee.actor)
    theirs = await post_queries.feed_page(c.peer.actor)
    assert [p.id for p in mine.items] == [post.id] and theirs.items == []


async def test_restoring_dismisses_open_reports(db):
    c = await make_company()
    post = await make_post(c.employee.actor, status=PostStatus.HIDDEN, hidden_reason="by mistake")
    await moderation.report(c.peer.actor, (await make_post(c.employee.actor)).id, "other")
    restored = await moderation.moderate(c.hr.actor, post.id, hide=False)
    assert (restored.status, restored.hidden_reason) == (PostStatus.VISIBLE, "")
    assert await AuditEntry.of(c.system).filter(action="post.restored").count() == 1


async def test_hiding_a_comment_recounts_and_dismissing_keeps_content(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    rude = await comments.add_comment(c.peer.actor, post.id, "rude")
    fine = await comments.add_comment(c.manager.actor, post.id, "fine")
    await moderation.report(c.employee.actor, post.id, "Rude", comment_id=rude.id)
    await moderation.report(c.employee.actor, post.id, "Wrong", comment_id=fine.id)
    # when
    await moderation.moderate(c.hr.actor, post.id, hide=True, reason="Be kind", comment_id=rude.id)
    await moderation.dismiss_reports(c.hr.actor, post.id, comment_id=fine.id)
    # then
    assert (await Post.of(c.system).get(id=post.id)).comment_count == 1
    statuses = dict(await ContentReport.of(c.system).values_list("comment_id", "status"))
    assert statuses == {rude.id: ReportStatus.UPHELD, fine.id: ReportStatus.DISMISSED}
    assert await AuditEntry.of(c.system).filter(action__in=["comment.hidden", "reports.dismissed"]).count() == 2
