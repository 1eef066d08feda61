"""The database itself keeps one report and one mention per person on a post (comment empty), even when
the services' row lock is bypassed: NULL comment ids would otherwise slip past the unique constraint."""
from __future__ import annotations

import pytest
from tortoise.exceptions import IntegrityError

from backend.community.models import ContentReport, Mention
from backend.core import clock
from tests.factories.community import make_post
from tests.factories.org import make_company


async def test_a_second_post_level_report_by_the_same_person_is_refused(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    await ContentReport.create_for(c.system, post_id=post.id, reporter_id=c.peer.employee.id, reason="spam",
                                   created_at=clock.now())
    # when / then
    with pytest.raises(IntegrityError):
        await ContentReport.create_for(c.system, post_id=post.id, reporter_id=c.peer.employee.id, reason="again",
                                       created_at=clock.now())
    await ContentReport.create_for(c.system, post_id=post.id, reporter_id=c.manager.employee.id, reason="spam",
                                   created_at=clock.now())  # another person may
    assert await ContentReport.of(c.system).count() == 2


async def test_a_second_post_level_mention_of_the_same_person_is_refused(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    await Mention.create_for(c.system, post_id=post.id, employee_id=c.peer.employee.id, created_at=clock.now())
    # when / then
    with pytest.raises(IntegrityError):
        await Mention.create_for(c.system, post_id=post.id, employee_id=c.peer.employee.id, created_at=clock.now())
