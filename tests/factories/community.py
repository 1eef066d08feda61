"""Factories for community rows: direct rows where the test is about something else (the feed, a
poll on a post); the use cases are tested through backend.community itself."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from backend.access.actor import Actor
from backend.community import polls, suggestions, talks
from backend.community.models import Poll, Post, PostCategory, PostStatus, Suggestion, TechTalk
from backend.core import clock
from backend.files import uploads
from backend.files.models import StoredFile
from tests.backend.files.images_support import photo


async def make_post(
    actor: Actor, *, body: str = "Hotpot after work, who's in? 下班一起吃火锅？",
    category: PostCategory = PostCategory.WARM_MOMENT, author_id: object | None = None,
    created_at: datetime | None = None, status: PostStatus = PostStatus.VISIBLE, hidden_reason: str = "",
    pinned_at: datetime | None = None, source_ref: str | None = None,
) -> Post:
    """A post by `author_id` (default: the actor's own person), created now unless told otherwise."""
    return await Post.create_for(
        actor, author_id=author_id if author_id is not None else actor.employee_id, category=category, body=body,
        status=status, hidden_reason=hidden_reason, pinned_at=pinned_at, source_ref=source_ref,
        created_at=created_at or clock.now())


# Polls, suggestions and tech talks ("social"): made through the real use cases.
async def make_poll(actor: Actor, *, options: tuple[str, ...] = ("火锅 Hotpot", "烧烤 Barbecue"),
                    question: str = "火锅还是烧烤？Hotpot or barbecue this month?", **changes: Any) -> Poll:
    draft = polls.PollDraft(question=question, options=list(options),
                            closes_at=changes.pop("closes_at", clock.now() + timedelta(days=3)), **changes)
    return await polls.create_poll(actor, draft)


async def make_suggestion(actor: Actor, *, anonymous: bool = False, title: str = "Quieter meeting rooms 会议室隔音",
                          body: str = "The small rooms leak sound; add panels. 小会议室隔音差，建议加隔音板。") -> Suggestion:
    return await suggestions.submit(actor, title=title, body=body, anonymous=anonymous)


async def make_talk(actor: Actor, *, capacity: int = 20, starts_at: datetime | None = None, **changes: Any) -> TechTalk:
    start = starts_at or clock.now() + timedelta(days=2)
    draft = talks.TalkDraft(topic=changes.pop("topic", "Rust for PLC tooling 用 Rust 写 PLC 工具"), starts_at=start,
                            ends_at=changes.pop("ends_at", start + timedelta(hours=1)), capacity=capacity,
                            location=changes.pop("location", "3F Room A"), **changes)
    return await talks.schedule(actor, draft)


async def upload_post_photo(actor: Actor, *, gps: bool = True) -> StoredFile:
    """A phone photo (with its GPS position in EXIF) uploaded for a post through the real pipeline."""
    return await uploads.upload(actor, purpose="post_photo", content=photo(gps=gps), original_name="hotpot.jpg")
