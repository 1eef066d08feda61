"""Posting: categories and who may use them, the body's limits, photos (own uploads, ≤ 9, one post
each), the author's 30-minute edit window and deletion, and the live change after commit."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.community import live, posts
from backend.community.models import Post, PostCategory, PostPhoto, PostStatus
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.notifications.models import Notification
from tests.factories.community import upload_post_photo
from tests.factories.org import make_company


def draft(body: str = "  Team lunch was great 团队午餐真不错  ", category: PostCategory = PostCategory.WARM_MOMENT,
          **changes: object) -> posts.PostDraft:
    return posts.PostDraft(category=category, body=body, **changes)  # type: ignore[arg-type]


async def test_a_person_posts_with_photos_and_the_text_trimmed(db):
    # given
    c = await make_company()
    photos = [await upload_post_photo(c.employee.actor) for _ in range(2)]
    # when
    post = await posts.create_post(c.employee.actor, draft(photo_ids=[p.id for p in photos]))
    # then
    assert (post.author_id, post.category, post.body, post.status) == (
        c.employee.employee.id, PostCategory.WARM_MOMENT, "Team lunch was great 团队午餐真不错", PostStatus.VISIBLE)
    attached = await PostPhoto.of(c.system).filter(post_id=post.id).order_by("position").values_list("file_id", flat=True)
    assert list(attached) == [p.id for p in photos]


async def test_announcements_are_for_hr_and_recognition_is_never_typed(db):
    c = await make_company()
    with pytest.raises(Forbidden):
        await posts.create_post(c.employee.actor, draft(category=PostCategory.ANNOUNCEMENT))
    with pytest.raises(ValidationFailed) as typed:
        await posts.create_post(c.hr.actor, draft(category=PostCategory.RECOGNITION))
    announced = await posts.create_post(c.hr.actor, draft(category=PostCategory.ANNOUNCEMENT))
    assert typed.value.field == "category" and announced.category == PostCategory.ANNOUNCEMENT
    assert await Post.of(c.system).count() == 1


@pytest.mark.parametrize("body", ["   ", "x" * 5001])
async def test_a_blank_or_too_long_body_is_refused(db, body):
    c = await make_company()
    with pytest.raises(ValidationFailed) as refused:
        await posts.create_post(c.employee.actor, draft(body=body))
    assert refused.value.field == "body" and await Post.of(c.system).count() == 0


async def test_photos_must_be_ones_own_at_most_nine_and_on_one_post(db):
    # given
    c = await make_company()
    others = await upload_post_photo(c.peer.actor)
    mine = [await upload_post_photo(c.employee.actor) for _ in range(10)]
    # then: someone else's upload is unknown, ten is too many, a used photo cannot go on a second post
    with pytest.raises(NotFound) as foreign:
        await posts.create_post(c.employee.actor, draft(photo_ids=[others.id]))
    with pytest.raises(ValidationFailed) as too_many:
        await posts.create_post(c.employee.actor, draft(photo_ids=[p.id for p in mine]))
    await posts.create_post(c.employee.actor, draft(photo_ids=[mine[0].id]))
    with pytest.raises(Conflict):
        await posts.create_post(c.employee.actor, draft(photo_ids=[mine[0].id]))
    assert (foreign.value.field, too_many.value.field) == ("photoIds", "photoIds")
    assert await Post.of(c.system).count() == 1


async def test_the_author_edits_within_30_minutes_only(db):
    # given
    c = await make_company()
    start = clock.now()
    with clock.frozen_at(start):
        post = await posts.create_post(c.employee.actor, draft())
    # when
    with clock.frozen_at(start + timedelta(minutes=29)):
        edited = await posts.edit_post(c.employee.actor, post.id, "Fixed typo 改个错字")
    with clock.frozen_at(start + timedelta(minutes=31)), pytest.raises(Conflict):
        await posts.edit_post(c.employee.actor, post.id, "Too late")
    with pytest.raises(Forbidden):
        await posts.edit_post(c.peer.actor, post.id, "Not mine")
    # then
    assert edited.body == "Fixed typo 改个错字" and edited.edited_at is not None
    assert (await Post.of(c.system).get(id=post.id)).body == "Fixed typo 改个错字"


async def test_deleting_hides_the_post_from_everyone_and_only_the_author_may(db):
    # given
    c = await make_company()
    post = await posts.create_post(c.employee.actor, draft())
    # when
    with pytest.raises(Forbidden):
        await posts.delete_post(c.hr.actor, post.id)
    deleted = await posts.delete_post(c.employee.actor, post.id)
    # then
    assert deleted.status == PostStatus.DELETED
    with pytest.raises(NotFound):
        await posts.edit_post(c.employee.actor, post.id, "again")


async def test_mentioned_colleagues_are_told_once_and_not_oneself(db):
    # given
    c = await make_company()
    # when
    post = await posts.create_post(c.employee.actor, draft(mention_ids=[c.peer.employee.id, c.peer.employee.id,
                                                                        c.employee.employee.id]))
    # then
    notes = await Notification.of(c.system).filter(kind="community_mention")
    assert [n.recipient_id for n in notes] == [c.peer.employee.id]
    assert "提到了你" in notes[0].title_zh and "mentioned you" in notes[0].title_en
    assert post.id is not None


async def test_a_mention_of_someone_unknown_changes_nothing(db):
    c = await make_company()
    other = await make_company("Other")
    with pytest.raises(NotFound) as refused:
        await posts.create_post(c.employee.actor, draft(mention_ids=[other.peer.employee.id]))
    assert refused.value.field == "mentionIds" and await Post.of(c.system).count() == 0


async def test_a_new_post_reaches_open_feeds_after_commit(db):
    # given
    c = await make_company()
    async with live.listen(c.org.id) as queue:
        # when
        post = await posts.create_post(c.employee.actor, draft())
        # then
        change = queue.get_nowait()
    assert (change.type, change.post_id) == ("post_created", str(post.id))
