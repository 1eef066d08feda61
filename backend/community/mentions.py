"""@mentions in posts and comments: the ids are checked (people of the organisation, still with the
company; mentioning oneself is ignored), recorded once, and each person is told once in their inbox."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from backend.access.actor import Actor
from backend.community.models import Comment, Mention, Post
from backend.core import clock
from backend.core.errors import NotFound, ValidationFailed
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus

MAX_MENTIONS = 20


async def checked(actor: Actor, ids: Sequence[UUID], *, field: str = "mentionIds") -> list[UUID]:
    """Distinct ids in the order given, without the actor. Raises ValidationFailed (too many) and
    NotFound (someone unknown, in another organisation or gone), naming `field`."""
    wanted = [i for i in dict.fromkeys(ids) if i != actor.employee_id]
    if len(wanted) > MAX_MENTIONS:
        raise ValidationFailed(f"Mention at most {MAX_MENTIONS} people.", field=field)
    if not wanted:
        return []
    found = set(await Employee.of(actor).filter(id__in=wanted, status=EmployeeStatus.ACTIVE)
                .values_list("id", flat=True))
    if len(found) != len(wanted):
        raise NotFound("Someone you mentioned is not (or no longer) a colleague.", field=field)
    return wanted


async def record(actor: Actor, post: Post, ids: Sequence[UUID], *, comment: Comment | None = None,
                 author_name: tuple[str, str] | None = None, notify: bool = True) -> None:
    """Inside the creating transaction: the mention rows, and one inbox note per person (keyed, so a
    retry does not tell them twice). `author_name` is (name, latin name) of who wrote it."""
    if not ids:
        return
    now = clock.now()
    await Mention.bulk_create([Mention.build_for(actor, post_id=post.id, comment_id=comment.id if comment else None,
                                                 employee_id=i, created_at=now) for i in ids])
    if not notify:
        return
    name, latin = author_name or ("", "")
    who_zh, who_en = name or "同事", latin or name or "A colleague"
    where_en, where_zh = ("a comment", "评论") if comment else ("a post", "动态")
    text = (comment.body if comment else post.body)[:200]
    for employee_id in ids:
        await notifications.notify(actor, recipient_id=employee_id, dedupe_key=_key(post, comment, employee_id),
                                   message=notifications.Message(
                                       kind="community_mention", link=f"/community/posts/{post.id}",
                                       title_en=f"{who_en} mentioned you in {where_en}",
                                       title_zh=f"{who_zh} 在{where_zh}中提到了你", body_en=text, body_zh=text))


def _key(post: Post, comment: Comment | None, employee_id: UUID) -> str:
    return f"mention:{comment.id if comment else post.id}:{employee_id}"
