"""Reporting and moderating: a person reports a post or comment once; HR sees open reports grouped
per item, hides (with a reason: the author is told) or restores content, and upholds or dismisses
the reports. Every decision is audited. Reports are serialised on the post's row lock, because the
unique (post, comment, reporter) does not hold for post reports on PostgreSQL (comment is NULL)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.community import comments, live, policy
from backend.community.models import Comment, ContentReport, Post, PostStatus, ReportStatus
from backend.core import clock, db, validation
from backend.core.errors import ValidationFailed
from backend.notifications import service as notifications

QUEUE_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class QueueItem:
    post_id: UUID
    comment_id: UUID | None
    report_count: int
    reasons: list[str]
    first_reported_at: datetime


async def report(actor: Actor, post_id: UUID, reason: str, *, comment_id: UUID | None = None) -> bool:
    """Reports what the person can see; True if this made a new report (a repeat is ignored). Requires
    COMMUNITY_TAKE_PART. Raises NotFound, ValidationFailed (reason; one's own content)."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    me = policy.person_id(actor)
    post = await policy.seen_post(actor, post_id)
    target_author = post.author_id
    if comment_id is not None:
        target_author = (await policy.seen_comment(actor, comment_id, post_id=post.id)).author_id
    if target_author == me:
        raise ValidationFailed("You cannot report your own content.", field="commentId" if comment_id else "postId")
    text = validation.trimmed(reason, field="reason", max_length=300)
    async with db.transaction():
        await comments.lock(actor, post.id)
        mine = ContentReport.of(actor).filter(post_id=post.id, comment_id=comment_id, reporter_id=me)
        if await mine.exists():
            return False
        await ContentReport.create_for(actor, post_id=post.id, comment_id=comment_id, reporter_id=me, reason=text,
                                       created_at=clock.now())
    return True


async def queue(actor: Actor) -> list[QueueItem]:
    """Open reports grouped per post or comment, the longest waiting first. Requires COMMUNITY_MODERATE."""
    require(actor, Permission.COMMUNITY_MODERATE)
    rows = await ContentReport.of(actor).filter(status=ReportStatus.OPEN).order_by("created_at", "id") \
        .limit(QUEUE_LIMIT)
    groups: dict[tuple[UUID, UUID | None], list[ContentReport]] = {}
    for row in rows:
        groups.setdefault((row.post_id, row.comment_id), []).append(row)
    return [QueueItem(post_id=p, comment_id=c, report_count=len(items),
                      reasons=list(dict.fromkeys(r.reason for r in items)), first_reported_at=items[0].created_at)
            for (p, c), items in groups.items()]


async def moderate(actor: Actor, post_id: UUID, *, hide: bool, reason: str = "",
                   comment_id: UUID | None = None) -> Post:
    """Hides (a reason is required; the author is told) or restores a post or comment. Open reports
    on it become UPHELD (hidden) or DISMISSED (kept or restored). Audited. Requires
    COMMUNITY_MODERATE. Raises Forbidden, NotFound, ValidationFailed (reason)."""
    require(actor, Permission.COMMUNITY_MODERATE)
    post = await policy.seen_post(actor, post_id)
    target: Post | Comment = post
    if comment_id is not None:
        target = await policy.seen_comment(actor, comment_id, post_id=post.id)
    text = validation.trimmed(reason, field="reason", max_length=300, required=hide)
    status = PostStatus.HIDDEN if hide else PostStatus.VISIBLE
    kind = "comment" if comment_id is not None else "post"
    async with db.transaction():
        await comments.lock(actor, post.id)
        if isinstance(target, Comment):
            await Comment.of(actor).filter(id=target.id).update(status=status)
            await comments.recount(actor, post.id)
        else:
            await Post.of(actor).filter(id=post.id).update(status=status, hidden_reason=text if hide else "")
        await _decide_reports(actor, post.id, comment_id, ReportStatus.UPHELD if hide else ReportStatus.DISMISSED)
        await audit.record(actor, action=f"{kind}.{'hidden' if hide else 'restored'}", entity_type=kind,
                           entity_id=target.id, before={"status": target.status},
                           after={"status": status, "reason": text})
        if hide and target.author_id is not None and target.status != PostStatus.HIDDEN:
            await _tell_hidden(actor, post, target, text)
        live.publish_after_commit(actor, "post_changed", post.id)
    return await Post.of(actor).get(id=post.id)


async def dismiss_reports(actor: Actor, post_id: UUID, *, comment_id: UUID | None = None) -> Post:
    """The content stays as it is; its open reports are DISMISSED. Audited. Requires COMMUNITY_MODERATE."""
    require(actor, Permission.COMMUNITY_MODERATE)
    post = await Post.get_for(actor, post_id, what="post")
    if comment_id is not None:
        await Comment.get_for(actor, comment_id, what="comment")
    async with db.transaction():
        dismissed = await _decide_reports(actor, post.id, comment_id, ReportStatus.DISMISSED)
        await audit.record(actor, action="reports.dismissed", entity_type="comment" if comment_id else "post",
                           entity_id=comment_id or post.id, after={"dismissed": dismissed})
    return post


async def _decide_reports(actor: Actor, post_id: UUID, comment_id: UUID | None, status: ReportStatus) -> int:
    return await ContentReport.of(actor).filter(post_id=post_id, comment_id=comment_id, status=ReportStatus.OPEN) \
        .update(status=status, decided_at=clock.now(), decided_by_id=actor.employee_id)


async def _tell_hidden(actor: Actor, post: Post, target: Post | Comment, reason: str) -> None:
    what_en, what_zh = ("comment", "评论") if isinstance(target, Comment) else ("post", "动态")
    assert target.author_id is not None
    await notifications.notify(actor, recipient_id=target.author_id, dedupe_key=f"hidden:{target.id}:{clock.now().isoformat()}",
                               message=notifications.Message(
                                   kind="community_hidden", link=f"/community/posts/{post.id}",
                                   title_en=f"HR hid your {what_en}", title_zh=f"你的{what_zh}已被管理员隐藏",
                                   body_en=reason, body_zh=reason))
