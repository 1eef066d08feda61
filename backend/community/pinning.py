"""HR pins a post (or unpins it) and, in the same transaction, may reward its author: points through
the ledger, a badge through recognition's grant, a voucher through the reward pool's gift (a code drawn,
no points spent; keyed on the post so it is given once). PostReward is one-to-one with the post, so a retried
pin-and-reward pays once and a post is rewarded once ever. The first pin of a post emits PostPinned
(rules trigger "post_pinned" rewards the author) and the author is told."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.achievements import badges, record
from backend.achievements.models import AchievementKind, Badge
from backend.audit import service as audit
from backend.community import live, policy
from backend.community.events import PostPinned
from backend.community.models import Post, PostReward, PostStatus
from backend.core import clock, db, outbox, validation
from backend.core.errors import Conflict, DomainError, NotFound, ValidationFailed
from backend.notifications import service as notifications
from backend.org.models import Employee, EmployeeStatus
from backend.points import ledger
from backend.recognition import badges as badge_grants
from backend.rewards import gifts
from backend.rewards.models import RewardItem, RewardKind

MAX_POINTS = 10_000
SOURCE = "post_reward"


@dataclass(frozen=True, slots=True)
class RewardDraft:
    points: int = 0
    badge_code: str | None = None
    reward_item_id: UUID | None = None  # a VOUCHER catalogue item, given without the author spending points
    note: str = ""


async def pin_post(actor: Actor, post_id: UUID, *, pinned: bool, reward: RewardDraft | None = None) -> Post:
    """Pins (on top of everyone's first feed page) or unpins a visible post, with an optional reward
    for its author. Requires COMMUNITY_MODERATE. Audited. Raises Forbidden, NotFound (postId,
    reward.badgeCode, reward.rewardItemId), ValidationFailed (reward.*), OutOfStock (reward.rewardItemId: no
    unit or code left), Conflict (not visible; already rewarded differently); on any of them nothing changes."""
    require(actor, Permission.COMMUNITY_MODERATE)
    me = policy.person_id(actor)
    post = await policy.seen_post(actor, post_id)
    if pinned and post.status != PostStatus.VISIBLE:
        raise Conflict("Only a visible post can be pinned.", field="postId")
    draft = _checked(reward)
    if draft is not None and not pinned:
        raise ValidationFailed("A reward goes with pinning.", field="reward")
    author = await _rewardable_author(actor, post, me) if draft is not None else None
    badge = await _badge(actor, draft.badge_code) if draft is not None else None
    voucher = await _voucher(actor, draft.reward_item_id) if draft is not None else None
    now = clock.now()
    async with db.transaction():
        if pinned:
            newly = await Post.of(actor).filter(id=post.id, pinned_at=None, status=PostStatus.VISIBLE).update(
                pinned_at=now, pinned_by_id=me)
        else:
            newly = await Post.of(actor).filter(id=post.id).exclude(pinned_at=None).update(pinned_at=None,
                                                                                          pinned_by_id=None)
        given = await _reward(actor, post, author, badge, draft) if draft is not None and author is not None else None
        if newly:
            await audit.record(actor, action="post.pinned" if pinned else "post.unpinned", entity_type="post",
                               entity_id=post.id, after={"pinned": pinned})
        if pinned:
            shown = given or await PostReward.of(actor).get_or_none(post_id=post.id)
            await outbox.emit(actor, PostPinned(
                post_id=str(post.id), author_id=str(post.author_id) if post.author_id else "", pinned_by_id=str(me),
                category=post.category.value, points=shown.points if shown else 0,
                badge_code=shown.badge_code if shown else None), dedupe_key=f"post_pinned:{post.id}")
            if post.author_id is not None and post.author_id != me and (newly or given is not None):
                await _tell_author(actor, post, given, badge, voucher)
        if newly or given is not None:
            live.publish_after_commit(actor, "post_changed", post.id)
    return await Post.of(actor).get(id=post.id)


def _checked(reward: RewardDraft | None) -> RewardDraft | None:
    """None for no reward at all (also an empty one)."""
    if reward is None:
        return None
    if not 0 <= reward.points <= MAX_POINTS:
        raise ValidationFailed(f"Give 0 to {MAX_POINTS:,} points.", field="reward.points")
    code = (reward.badge_code or "").strip().lower() or None
    note = validation.trimmed(reward.note, field="reward.note", max_length=300, required=False)
    if not reward.points and code is None and reward.reward_item_id is None:
        return None
    return RewardDraft(points=reward.points, badge_code=code, reward_item_id=reward.reward_item_id, note=note)


async def _rewardable_author(actor: Actor, post: Post, me: UUID) -> Employee:
    if post.author_id is None or post.author_id == me:
        raise ValidationFailed("Only a colleague's post can be rewarded.", field="reward")
    author = await Employee.of(actor).get(id=post.author_id)
    if author.status != EmployeeStatus.ACTIVE:
        raise ValidationFailed("The author has left the company.", field="reward")
    return author


async def _badge(actor: Actor, code: str | None) -> Badge | None:
    if code is None:
        return None
    badge = await badges.get_active_by_code(actor, code)
    if badge is None:
        raise NotFound("No such badge.", field="reward.badgeCode")
    return badge


async def _voucher(actor: Actor, item_id: UUID | None) -> RewardItem | None:
    """Checked before PostReward is written (its foreign key would otherwise look like a retry); the gift
    itself re-checks and decides stock and codes."""
    if item_id is None:
        return None
    item = await RewardItem.of(actor).get_or_none(id=item_id)
    if item is None:
        raise NotFound("No such reward.", field="reward.rewardItemId")
    if item.kind != RewardKind.VOUCHER or not item.active:
        raise ValidationFailed("Choose an offered voucher.", field="reward.rewardItemId")
    return item


async def _reward(actor: Actor, post: Post, author: Employee, badge: Badge | None, draft: RewardDraft) -> PostReward | None:
    """The reward, paid once: None when this post had the same reward before (a retry)."""
    try:
        async with db.transaction():  # a savepoint: the one-to-one decides
            given = await PostReward.create_for(actor, post_id=post.id, recipient_id=author.id, points=draft.points,
                                                badge_code=draft.badge_code, reward_item_id=draft.reward_item_id,
                                                note=draft.note,
                                                given_by_id=actor.employee_id, created_at=clock.now())
    except IntegrityError:
        before = await PostReward.of(actor).get(post_id=post.id)
        if (before.points, before.badge_code, before.reward_item_id) != (
                draft.points, draft.badge_code, draft.reward_item_id):
            raise Conflict("This post was already rewarded.", field="reward") from None
        return None
    if draft.points:
        await ledger.award(actor, employee_id=author.id, points=draft.points, idempotency_key=f"post_reward:{post.id}",
                           memo=draft.note or "Pinned post", source_type=SOURCE, source_id=given.id)
        await record.record(actor, record.Earned(
            employee_id=author.id, kind=AchievementKind.AWARD, title_en=f"+{draft.points} points: pinned post",
            title_zh=f"+{draft.points} 积分：动态被置顶", source_type=SOURCE, source_id=given.id, detail=draft.note,
            points=draft.points, given_by_id=actor.employee_id))
    if badge is not None:
        await badge_grants.grant_badge(actor, employee_id=author.id, badge_id=badge.id, message=draft.note,
                                       client_key=f"post-reward:{post.id}")
    if draft.reward_item_id is not None:
        try:  # the gift is keyed on the post: with PostReward one-to-one, a retried pin gives it once
            await gifts.gift_item(actor, item_id=draft.reward_item_id, employee_id=author.id,
                                  reason=draft.note or "Pinned post · 动态被置顶", idempotency_key=f"post-reward:{post.id}",
                                  permission=Permission.COMMUNITY_MODERATE)
        except DomainError as error:  # the caller's field is the reward's voucher
            error.field = "reward.rewardItemId" if error.field in ("itemId", "employeeId") else error.field
            raise
    await audit.record(actor, action="post.rewarded", entity_type="post", entity_id=post.id,
                       after={"recipient_id": author.id, "points": draft.points, "badge_code": draft.badge_code,
                              "reward_item_id": draft.reward_item_id})
    return given


async def _tell_author(actor: Actor, post: Post, given: PostReward | None, badge: Badge | None,
                       voucher: RewardItem | None) -> None:
    en, zh = ["HR pinned your post to the top of the feed."], ["你的动态已被置顶。"]
    if given is not None and given.points:
        en.append(f"+{given.points} points")
        zh.append(f"+{given.points} 积分")
    if badge is not None:
        en.append(f"Badge: {badge.name_en}")
        zh.append(f"徽章：{badge.name_zh}")
    if given is not None and voucher is not None:
        en.append(f"Voucher: {voucher.name_en} (the code is in your rewards)")
        zh.append(f"代金券：{voucher.name_zh}（兑换码见“我的奖励”）")
    if given is not None and given.note:
        en.append(given.note)
        zh.append(given.note)
    assert post.author_id is not None
    await notifications.notify(actor, recipient_id=post.author_id, dedupe_key=f"post_pinned:{post.id}:{bool(given)}",
                               message=notifications.Message(
                                   kind="community_post_pinned", link=f"/community/posts/{post.id}",
                                   title_en="Your post was pinned" + (" and rewarded" if given else ""),
                                   title_zh="你的动态被置顶" + ("并获得奖励" if given else ""),
                                   body_en=" · ".join(en), body_zh=" · ".join(zh)))
