"""GraphQL for the community feed: the feed page, one post, HR's moderation queue; posting, editing,
deleting, reacting, commenting, reporting, moderating, pinning and rewarding. Each resolver maps its
arguments to one backend call."""
from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from backend.community import comments, moderation, pinning, post_queries, posts, reactions
from backend.community.models import Comment as CommentModel
from backend.community.models import Post as PostModel
from backend.community.models import PostCategory, ReactionKind
from backend.community.post_queries import FeedPage
from schema.context import Info
from schema.core.connection import Edge, PageInfo
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.community.loaders import PagePrefetch, prefetch_page
from schema.community.post_types import Comment, ModerationItem, Post


@strawberry.type(name="PostConnection", description="A page of the feed: pinned posts first (first page only), "
                                                     "then newest first.")
class PostConnection:
    edges: list[Edge[Post]] = strawberry.field(description="The posts on this page.")
    page_info: PageInfo = strawberry.field(description="Paging state.")
    category: strawberry.Private[PostCategory | None]

    @strawberry.field(description="Posts you can see (with the filter), on all pages; counted only when asked.")
    async def total_count(self, info: Info) -> int:
        return await post_queries.feed_total(info.context.actor, category=self.category)

    @classmethod
    def from_page(cls, page: FeedPage, category: PostCategory | None,
                  prefetched: PagePrefetch | None = None) -> PostConnection:
        edges = [Edge(cursor=post_queries.cursor(p), node=Post.from_model(p, prefetched))
                 for p in [*page.pinned, *page.items]]
        return cls(edges=edges, page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
                   category=category)


@strawberry.input(description="A new post.")
class CreatePostInput:
    category: PostCategory = strawberry.field(description="WARM_MOMENT or TECH_SHARING; ANNOUNCEMENT for HR.")
    body: str = strawberry.field(description="The text (1–5,000 characters).")
    photo_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Up to 9 uploads "
                                                      "(POST /uploads?purpose=post_photo), in order.")
    mention_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Colleagues @mentioned; "
                                                        "each is told once.")


@strawberry.input(description="What HR gives the author with the pin (points and/or a badge).")
class PostRewardInput:
    points: int = strawberry.field(default=0, description="Points through the ledger (0–10,000).")
    badge_code: str | None = strawberry.field(default=None, description="A badge to grant, by its code.")
    reward_item_id: strawberry.ID | None = strawberry.field(default=None, description="A VOUCHER reward item "
                                                            "given free (a code drawn; OUT_OF_STOCK if none left).")
    note: str = strawberry.field(default="", description="Words to the author (up to 300 characters).")


@strawberry.input(description="Pin or unpin a post, optionally rewarding its author in the same action.")
class PinPostInput:
    post_id: strawberry.ID = strawberry.field(description="The post.")
    pinned: bool = strawberry.field(description="True to pin, false to unpin.")
    reward: PostRewardInput | None = strawberry.field(default=None, description="Once per post ever; a retry pays once.")


@strawberry.type(description="A post was created or changed.")
class PostChanged:
    post: Post = strawberry.field(description="The post now.")


@strawberry.type(description="A comment was added, edited or deleted.")
class CommentChanged:
    comment: Comment = strawberry.field(description="The comment now.")
    post: Post = strawberry.field(description="Its post now (with the comment count).")


@strawberry.type(description="Your report was received (a repeat changes nothing).")
class ContentReported:
    reported: bool = strawberry.field(description="Always true.")


CreatePostResult = Annotated[PostChanged | UserError, strawberry.union("CreatePostResult")]
EditPostResult = Annotated[PostChanged | UserError, strawberry.union("EditPostResult")]
DeletePostResult = Annotated[PostChanged | UserError, strawberry.union("DeletePostResult")]
ReactResult = Annotated[PostChanged | UserError, strawberry.union("ReactResult")]
AddCommentResult = Annotated[CommentChanged | UserError, strawberry.union("AddCommentResult")]
EditCommentResult = Annotated[CommentChanged | UserError, strawberry.union("EditCommentResult")]
DeleteCommentResult = Annotated[CommentChanged | UserError, strawberry.union("DeleteCommentResult")]
ReportContentResult = Annotated[ContentReported | UserError, strawberry.union("ReportContentResult")]
ModerateResult = Annotated[PostChanged | UserError, strawberry.union("ModerateResult")]
DismissReportsResult = Annotated[PostChanged | UserError, strawberry.union("DismissReportsResult")]
PinPostResult = Annotated[PostChanged | UserError, strawberry.union("PinPostResult")]


def _changed(post: PostModel) -> PostChanged:
    return PostChanged(post=Post.from_model(post))


async def _comment_changed(info: Info, comment: CommentModel) -> CommentChanged:
    post = await PostModel.of(info.context.actor).get(id=comment.post_id)
    return CommentChanged(comment=Comment.from_model(comment), post=Post.from_model(post))


@strawberry.type
class FeedQuery:
    @strawberry.field(description="The community feed, newest first, pinned posts on top of the first page; "
                                  "hidden posts only for their author and moderators.")
    async def feed(self, info: Info, first: int = 20, after: str | None = None,
                   category: PostCategory | None = None) -> PostConnection:
        page = await post_queries.feed_page(info.context.actor, first=first, after=after, category=category)
        prefetched = await prefetch_page(info.context.actor, info.context.org, [*page.pinned, *page.items],
                                         _node_fields(info))
        return PostConnection.from_page(page, category, prefetched)

    @strawberry.field(description="One post, if you may see it.")
    async def post(self, info: Info, id: strawberry.ID) -> Post | None:
        found = await post_queries.get_post(info.context.actor, required_uuid(id, field="id"))
        return Post.from_model(found) if found else None

    @strawberry.field(description="HR: open reports grouped per post or comment, the longest waiting first.")
    async def moderation_queue(self, info: Info) -> list[ModerationItem]:
        items = await moderation.queue(info.context.actor)
        loaders = info.context.community
        found = await loaders.post.load_many([i.post_id for i in items])
        reported = await loaders.comment.load_many([i.comment_id for i in items if i.comment_id])
        by_id = {c.id: c for c in reported if c is not None}
        return [ModerationItem(post=Post.from_model(p), comment=Comment.from_model(by_id[i.comment_id])
                               if i.comment_id else None, report_count=i.report_count, reasons=i.reasons,
                               first_reported_at=i.first_reported_at)
                for i, p in zip(items, found, strict=True)
                if p is not None and (i.comment_id is None or i.comment_id in by_id)]


@strawberry.type
class FeedMutation:
    @strawberry.mutation(description="Post to the feed (photos uploaded first; mentioned colleagues are told).")
    async def create_post(self, info: Info, input: CreatePostInput) -> CreatePostResult:
        async def body() -> PostChanged:
            return _changed(await posts.create_post(info.context.actor, posts.PostDraft(
                category=input.category, body=input.body,
                photo_ids=[required_uuid(i, field="photoIds") for i in input.photo_ids],
                mention_ids=[required_uuid(i, field="mentionIds") for i in input.mention_ids])))
        return await attempt(body)

    @strawberry.mutation(description="Change your post's text (within 30 minutes of posting).")
    async def edit_post(self, info: Info, id: strawberry.ID, body: str) -> EditPostResult:
        return await attempt(lambda: _wrap(posts.edit_post(info.context.actor, required_uuid(id, field="id"), body)))

    @strawberry.mutation(description="Delete your post (nobody sees it afterwards).")
    async def delete_post(self, info: Info, id: strawberry.ID) -> DeletePostResult:
        return await attempt(lambda: _wrap(posts.delete_post(info.context.actor, required_uuid(id, field="id"))))

    @strawberry.mutation(description="Turn one of your reactions on a post on or off.")
    async def react(self, info: Info, post_id: strawberry.ID, kind: ReactionKind, on: bool) -> ReactResult:
        return await attempt(lambda: _wrap(reactions.react(info.context.actor, required_uuid(post_id, field="postId"),
                                                           kind, on=on)))

    @strawberry.mutation(description="Comment on a post, or reply to a comment (a reply to a reply joins its thread).")
    async def add_comment(self, info: Info, post_id: strawberry.ID, body: str, parent_id: strawberry.ID | None = None,
                          mention_ids: list[strawberry.ID] = []) -> AddCommentResult:  # noqa: B006 (never mutated)
        async def run() -> CommentChanged:
            return await _comment_changed(info, await comments.add_comment(
                info.context.actor, required_uuid(post_id, field="postId"), body,
                parent_id=to_uuid(parent_id, field="parentId"),
                mention_ids=[required_uuid(i, field="mentionIds") for i in mention_ids]))
        return await attempt(run)

    @strawberry.mutation(description="Change your comment's text (within 30 minutes).")
    async def edit_comment(self, info: Info, id: strawberry.ID, body: str) -> EditCommentResult:
        async def run() -> CommentChanged:
            return await _comment_changed(info, await comments.edit_comment(
                info.context.actor, required_uuid(id, field="id"), body))
        return await attempt(run)

    @strawberry.mutation(description="Delete your comment.")
    async def delete_comment(self, info: Info, id: strawberry.ID) -> DeleteCommentResult:
        async def run() -> CommentChanged:
            return await _comment_changed(info, await comments.delete_comment(info.context.actor,
                                                                              required_uuid(id, field="id")))
        return await attempt(run)

    @strawberry.mutation(description="Report a post or a comment to HR (once per person and item).")
    async def report_content(self, info: Info, post_id: strawberry.ID, reason: str,
                             comment_id: strawberry.ID | None = None) -> ReportContentResult:
        async def run() -> ContentReported:
            await moderation.report(info.context.actor, required_uuid(post_id, field="postId"), reason,
                                    comment_id=to_uuid(comment_id, field="commentId"))
            return ContentReported(reported=True)
        return await attempt(run)

    @strawberry.mutation(description="HR: hide (with a reason) or restore a post or comment; its open reports are "
                                     "upheld (hidden) or dismissed.")
    async def moderate(self, info: Info, post_id: strawberry.ID, hide: bool, reason: str = "",
                       comment_id: strawberry.ID | None = None) -> ModerateResult:
        return await attempt(lambda: _wrap(moderation.moderate(
            info.context.actor, required_uuid(post_id, field="postId"), hide=hide, reason=reason,
            comment_id=to_uuid(comment_id, field="commentId"))))

    @strawberry.mutation(description="HR: keep a post or comment as it is and dismiss its open reports.")
    async def dismiss_reports(self, info: Info, post_id: strawberry.ID,
                              comment_id: strawberry.ID | None = None) -> DismissReportsResult:
        return await attempt(lambda: _wrap(moderation.dismiss_reports(
            info.context.actor, required_uuid(post_id, field="postId"), comment_id=to_uuid(comment_id, field="commentId"))))

    @strawberry.mutation(description="HR: pin or unpin a post and optionally reward its author, in one action.")
    async def pin_post(self, info: Info, input: PinPostInput) -> PinPostResult:
        reward = input.reward
        async def run() -> PostChanged:
            draft = pinning.RewardDraft(points=reward.points, badge_code=reward.badge_code, note=reward.note,
                                        reward_item_id=to_uuid(reward.reward_item_id, field="reward.rewardItemId")) \
                if reward is not None else None
            return _changed(await pinning.pin_post(info.context.actor, required_uuid(input.post_id, field="postId"),
                                                   pinned=input.pinned, reward=draft))
        return await attempt(run)


def _node_fields(info: Info) -> set[str]:
    """The Post fields this feed query selects under edges.node (through fragments too)."""
    names: set[str] = set()

    def walk(selections: list[Selection], path: tuple[str, ...]) -> None:
        for s in selections:
            if not isinstance(s, SelectedField):
                walk(s.selections, path)  # a fragment: its fields are at this level
            elif not path:
                names.add(s.name)
            elif s.name == path[0]:
                walk(s.selections, path[1:])

    for field in info.selected_fields:
        walk(field.selections, ("edges", "node"))
    return names


async def _wrap(result: Awaitable[PostModel]) -> PostChanged:
    return _changed(await result)
