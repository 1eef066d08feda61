"""GraphQL types of the community feed: Post (build with `Post.from_model`; everything beyond the row
loads through info.context.community, so a page of posts costs a constant number of statements),
Comment, PostPhoto, ReactionCount, PostReward, ModerationItem."""
from __future__ import annotations

from datetime import datetime
from typing import cast
from uuid import UUID

import strawberry

import schema.community.enums  # noqa: F401  (registers the enums below)
from backend.achievements.models import Badge
from backend.community import policy
from backend.community.models import Comment as CommentModel
from backend.community.models import Post as PostModel
from backend.community.models import PostCategory, PostStatus, ReactionKind
from backend.community.models import PostReward as PostRewardModel
from backend.community.post_queries import Thread
from backend.files import access as files
from backend.files.models import StoredFile
from backend.rewards.models import RewardItem
from backend.org.views import EmployeeView
from schema.community.loaders import PagePrefetch
from schema.community.social_refs import PollRef, TalkRef, load_poll, load_talk
from schema.context import Info
from schema.recognition.types import EmployeeRef, load_employee


@strawberry.type(description="A photo on a post (re-encoded without EXIF location).")
class PostPhoto:
    id: strawberry.ID = strawberry.field(description="The uploaded file's id.")
    url: str = strawberry.field(description="GET it here (signed in; anyone who can see the post).")
    thumbnail_url: str = strawberry.field(description="A 320 px WebP preview.")
    width: int | None = strawberry.field(description="Pixels wide.")
    height: int | None = strawberry.field(description="Pixels high.")

    @classmethod
    def from_file(cls, f: StoredFile) -> PostPhoto:
        return cls(id=strawberry.ID(str(f.id)), url=files.file_url(f.id),
                   thumbnail_url=files.thumbnail_url(f) or files.file_url(f.id), width=f.width, height=f.height)


@strawberry.type(description="How many people reacted with one kind, and whether you did.")
class ReactionCount:
    kind: ReactionKind = strawberry.field(description="The reaction.")
    count: int = strawberry.field(description="People who reacted so.")
    mine: bool = strawberry.field(description="You reacted so.")


@strawberry.type(description="What HR gave a pinned post's author.")
class PostReward:
    points: int = strawberry.field(description="Points paid through the ledger.")
    badge_code: str | None = strawberry.field(description="The badge granted, if any.")
    reward_item_title_en: str | None = strawberry.field(description="A voucher given (English title), if any.")
    reward_item_title_zh: str | None = strawberry.field(description="A voucher given (Chinese title), if any.")
    note: str = strawberry.field(description="HR's words to the author.")
    created_at: datetime = strawberry.field(description="When it was given.")

    @strawberry.field(description="The badge granted (English name), if any.")
    async def badge_name_en(self, info: Info) -> str | None:
        badge: Badge | None = await _badge(info, self.badge_code)
        return badge.name_en if badge else None

    @strawberry.field(description="The badge granted (Chinese name), if any.")
    async def badge_name_zh(self, info: Info) -> str | None:
        badge: Badge | None = await _badge(info, self.badge_code)
        return badge.name_zh if badge else None

    @classmethod
    def from_model(cls, r: PostRewardModel, item: RewardItem | None = None) -> PostReward:
        return cls(points=r.points, badge_code=r.badge_code, reward_item_title_en=item.name_en if item else None,
                   reward_item_title_zh=item.name_zh if item else None, note=r.note, created_at=r.created_at)


@strawberry.type(description="A comment on a post; top-level comments carry their replies (one level deep).")
class Comment:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    post_id: strawberry.ID = strawberry.field(description="The post it is on.")
    parent_id: strawberry.ID | None = strawberry.field(description="The top-level comment it replies to.")
    body: str = strawberry.field(description="The text.")
    created_at: datetime = strawberry.field(description="When it was written.")
    edited_at: datetime | None = strawberry.field(description="Last edited, if ever.")
    status: PostStatus = strawberry.field(description="Visible, hidden by a moderator, or deleted.")
    replies: list[Comment] = strawberry.field(description="Replies, oldest first (top-level comments only).")
    model: strawberry.Private[CommentModel]

    @classmethod
    def from_model(cls, c: CommentModel, replies: list[CommentModel] | None = None) -> Comment:
        return cls(id=strawberry.ID(str(c.id)), post_id=strawberry.ID(str(c.post_id)),
                   parent_id=strawberry.ID(str(c.parent_id)) if c.parent_id else None, body=c.body,
                   created_at=c.created_at, edited_at=c.edited_at, status=c.status,
                   replies=[Comment.from_model(r) for r in replies or []], model=c)

    @classmethod
    def from_thread(cls, thread: Thread) -> Comment:
        return cls.from_model(thread.comment, thread.replies)

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: Info) -> EmployeeRef | None:
        return await load_employee(info, self.model.author_id)

    @strawberry.field(description="People @mentioned in the comment.")
    async def mentions(self, info: Info) -> list[EmployeeRef]:
        by_comment: dict[UUID, list[UUID]] = await info.context.community.comment_mentions.load(self.model.post_id)
        return await _people(info, by_comment.get(self.model.id, []))

    @strawberry.field(description="You wrote it and may still edit it (30 minutes).")
    def can_edit(self, info: Info) -> bool:
        c = self.model
        return policy.editable_until(info.context.actor, c.created_at, c.status, c.author_id) is not None

    @strawberry.field(description="You wrote it and may delete it.")
    def can_delete(self, info: Info) -> bool:
        c = self.model
        return c.author_id is not None and c.author_id == info.context.actor.employee_id and c.status != PostStatus.DELETED


@strawberry.type(description="A post in the community feed.")
class Post:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    category: PostCategory = strawberry.field(description="Warm moment, tech sharing, announcement or recognition.")
    body: str = strawberry.field(description="The text.")
    created_at: datetime = strawberry.field(description="When it was posted.")
    edited_at: datetime | None = strawberry.field(description="Last edited, if ever.")
    status: PostStatus = strawberry.field(description="Visible; hidden (only its author, marked, and moderators see "
                                                      "it); deleted (nobody sees it).")
    pinned: bool = strawberry.field(description="Pinned on top of the feed by HR.")
    pinned_at: datetime | None = strawberry.field(description="When it was pinned.")
    comment_count: int = strawberry.field(description="Visible comments and replies.")
    model: strawberry.Private[PostModel]
    prefetched: strawberry.Private[PagePrefetch | None] = None  # a feed page's batch reads (see PagePrefetch)

    @classmethod
    def from_model(cls, p: PostModel, prefetched: PagePrefetch | None = None) -> Post:
        return cls(id=strawberry.ID(str(p.id)), category=p.category, body=p.body, created_at=p.created_at,
                   edited_at=p.edited_at, status=p.status, pinned=p.pinned_at is not None, pinned_at=p.pinned_at,
                   comment_count=p.comment_count, model=p, prefetched=prefetched)

    # author, photos and reactions are sync resolvers: they answer from the page's prefetch when there is one,
    # else return the loader's awaitable (graphql-core awaits it), so a single post or a mutation still batches.
    @strawberry.field(description="Who posted it (for recognition posts: who gave the praise).")
    def author(self, info: Info) -> EmployeeRef | None:
        authors = self.prefetched.authors if self.prefetched else None
        if authors is None:
            return cast(EmployeeRef | None, load_employee(info, self.model.author_id))
        view = authors.get(self.model.author_id) if self.model.author_id else None
        return _employee(view) if view else None

    @strawberry.field(description="Until when you may edit it (30 minutes after posting); null when you may not "
                                  "(recognition posts never).")
    def editable_until(self, info: Info) -> datetime | None:
        return _post_editable_until(info, self.model)

    @strawberry.field(description="Why a moderator hid it: for its author and moderators only.")
    def hidden_reason(self, info: Info) -> str | None:
        p, actor = self.model, info.context.actor
        if p.status != PostStatus.HIDDEN or not (policy.is_moderator(actor) or p.author_id == actor.employee_id):
            return None
        return p.hidden_reason

    @strawberry.field(description="Photos, in order (up to 9).")
    def photos(self, info: Info) -> list[PostPhoto]:
        found = self.prefetched.photos if self.prefetched else None
        if found is None:
            return cast(list[PostPhoto], self._loaded_photos(info))
        return [PostPhoto.from_file(f) for f in found.get(self.model.id, [])]

    async def _loaded_photos(self, info: Info) -> list[PostPhoto]:
        return [PostPhoto.from_file(f) for f in await info.context.community.photos.load(self.model.id)]

    @strawberry.field(description="Every reaction kind, in enum order, with its count and whether you reacted so.")
    def reactions(self, info: Info) -> list[ReactionCount]:
        found = self.prefetched.mine if self.prefetched else None
        if found is None:
            return cast(list[ReactionCount], self._loaded_reactions(info))
        return self._reaction_counts(found.get(self.model.id, set()))

    async def _loaded_reactions(self, info: Info) -> list[ReactionCount]:
        return self._reaction_counts(await info.context.community.my_reactions.load(self.model.id))

    def _reaction_counts(self, mine: set[str]) -> list[ReactionCount]:
        counts = self.model.reaction_counts or {}
        return [ReactionCount(kind=k, count=int(counts.get(k.value, 0)), mine=k.value in mine) for k in ReactionKind]

    @strawberry.field(description="People @mentioned in the post.")
    async def mentions(self, info: Info) -> list[EmployeeRef]:
        return await _people(info, await info.context.community.mentions.load(self.model.id))

    @strawberry.field(description="What HR gave its author when pinning it, if anything.")
    async def reward(self, info: Info) -> PostReward | None:
        found: PostRewardModel | None = await info.context.community.reward.load(self.model.id)
        if found is None:
            return None
        # Batched across the page by the reward pool's item loader (one statement, only if a voucher shows).
        item = await info.context.rewards.item.load(found.reward_item_id) if found.reward_item_id else None
        return PostReward.from_model(found, item)

    @strawberry.field(description="The poll this post carries, if any.")
    async def poll(self, info: Info) -> PollRef | None:
        return await load_poll(info, self.model.id)

    @strawberry.field(description="The tech talk this post announces, if any.")
    async def talk(self, info: Info) -> TalkRef | None:
        return await load_talk(info, self.model.id)

    @strawberry.field(description="You wrote it and may still edit it.")
    def can_edit(self, info: Info) -> bool:
        return _post_editable_until(info, self.model) is not None

    @strawberry.field(description="You wrote it and may delete it.")
    def can_delete(self, info: Info) -> bool:
        p = self.model
        return p.author_id is not None and p.author_id == info.context.actor.employee_id and p.status != PostStatus.DELETED

    @strawberry.field(description="You may hide, restore, pin and reward it (HR).")
    def can_moderate(self, info: Info) -> bool:
        return policy.is_moderator(info.context.actor)

    @strawberry.field(description="Top-level comments, oldest first, each with its replies.")
    async def comments(self, info: Info, first: int = 50) -> list[Comment]:
        threads: list[Thread] = await info.context.community.threads.load((self.model.id, first))
        return [Comment.from_thread(t) for t in threads]


async def _badge(info: Info, code: str | None) -> Badge | None:
    """A reward's badge by code (batched across the page)."""
    return await info.context.community.badge_by_code.load(code) if code else None


def _employee(view: EmployeeView) -> EmployeeRef:
    from schema.org.types import Employee

    return Employee.from_view(view)


async def _people(info: Info, ids: list[UUID]) -> list[EmployeeRef]:
    """The mentioned people the viewer may see, in order (batch-loaded)."""
    from schema.org.types import Employee

    views = await info.context.org.employee.load_many(ids)
    return [Employee.from_view(v) for v in views if v is not None]


def _post_editable_until(info: Info, p: PostModel) -> datetime | None:
    if p.category == PostCategory.RECOGNITION:
        return None
    return policy.editable_until(info.context.actor, p.created_at, p.status, p.author_id)


@strawberry.type(description="Open reports on one post or comment, for HR's moderation queue.")
class ModerationItem:
    post: Post = strawberry.field(description="The post reported (or the post of the reported comment).")
    comment: Comment | None = strawberry.field(description="The comment reported, when it is a comment.")
    report_count: int = strawberry.field(description="Open reports.")
    reasons: list[str] = strawberry.field(description="The reporters' reasons, each once.")
    first_reported_at: datetime = strawberry.field(description="When the first open report came in.")
