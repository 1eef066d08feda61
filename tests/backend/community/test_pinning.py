"""Pin and reward in one action: points through the ledger, a badge through recognition's grant, the
author told; a retry pays once, a post is rewarded once ever; the first pin fires "post_pinned" rules."""
from __future__ import annotations

import asyncio

import pytest

from backend import event_handlers
from backend.achievements.models import Achievement, AchievementKind
from backend.audit.models import AuditEntry
from backend.community import pinning, post_queries
from backend.community.models import PostReward, PostStatus
from backend.core.errors import Conflict, Forbidden, NotFound, OutOfStock, ValidationFailed
from backend.notifications.models import Notification
from backend.rewards import fulfilment
from backend.rewards.models import Redemption, RewardItem, RewardKind, VoucherCode
from tests.backend.rewards.support import make_item, make_voucher, stock
from tests.backend.rules.support import make_badge, make_rule, wallet
from tests.factories.community import make_post
from tests.factories.org import make_company

REWARD = pinning.RewardDraft(points=50, badge_code="team-player", note="Thanks for sharing! 感谢分享！")


async def test_hr_pins_and_rewards_in_one_action_and_the_author_is_told(db):
    # given
    c = await make_company()
    await make_badge(c.system)
    post = await make_post(c.employee.actor)
    # when
    pinned = await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=REWARD)
    # then
    assert pinned.pinned_at is not None and pinned.pinned_by_id == c.hr.employee.id
    assert await wallet(c.system, c.employee.employee.id) == 50
    reward = await PostReward.of(c.system).get(post_id=post.id)
    assert (reward.recipient_id, reward.points, reward.badge_code) == (c.employee.employee.id, 50, "team-player")
    kinds = await Achievement.of(c.system).filter(employee_id=c.employee.employee.id).values_list("kind", flat=True)
    assert sorted(kinds) == sorted([AchievementKind.AWARD, AchievementKind.BADGE])
    note = await Notification.of(c.system).get(kind="community_post_pinned")
    assert note.recipient_id == c.employee.employee.id and "+50" in note.body_en and "置顶" in note.title_zh
    assert await AuditEntry.of(c.system).filter(action__in=["post.pinned", "post.rewarded"]).count() == 2


async def test_a_retried_pin_and_reward_pays_once_even_racing(db):
    # given
    c = await make_company()
    await make_badge(c.system)
    post = await make_post(c.employee.actor)
    # when
    await asyncio.gather(*(pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=REWARD) for _ in range(3)))
    await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=REWARD)
    # then
    assert await wallet(c.system, c.employee.employee.id) == 50
    assert await PostReward.of(c.system).count() == 1
    assert await Achievement.of(c.system).filter(kind=AchievementKind.BADGE).count() == 1


async def test_a_post_is_rewarded_once_ever(db):
    c = await make_company()
    post = await make_post(c.employee.actor)
    await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=pinning.RewardDraft(points=10))
    await pinning.pin_post(c.hr.actor, post.id, pinned=False)
    with pytest.raises(Conflict):
        await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=pinning.RewardDraft(points=99))
    assert await wallet(c.system, c.employee.employee.id) == 10
    assert (await post_queries.get_post(c.hr.actor, post.id)).pinned_at is None  # type: ignore[union-attr]


async def test_only_hr_pins_and_bad_rewards_change_nothing(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    own = await make_post(c.hr.actor)
    hidden = await make_post(c.peer.actor, status=PostStatus.HIDDEN, hidden_reason="x")
    # then
    with pytest.raises(Forbidden):
        await pinning.pin_post(c.manager.actor, post.id, pinned=True)
    with pytest.raises(ValidationFailed) as too_many:
        await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=pinning.RewardDraft(points=10_001))
    with pytest.raises(NotFound) as no_badge:
        await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=pinning.RewardDraft(badge_code="nope"))
    with pytest.raises(NotFound) as voucher:
        await pinning.pin_post(c.hr.actor, post.id, pinned=True,
                               reward=pinning.RewardDraft(reward_item_id=post.id))
    with pytest.raises(ValidationFailed):
        await pinning.pin_post(c.hr.actor, own.id, pinned=True, reward=pinning.RewardDraft(points=5))
    with pytest.raises(Conflict):
        await pinning.pin_post(c.hr.actor, hidden.id, pinned=True)
    assert (too_many.value.field, no_badge.value.field, voucher.value.field) == (
        "reward.points", "reward.badgeCode", "reward.rewardItemId")
    assert await PostReward.all().count() == 0
    assert (await post_queries.get_post(c.hr.actor, post.id)).pinned_at is None  # type: ignore[union-attr]


async def test_the_first_pin_fires_post_pinned_rules_for_the_author(db):
    # given
    c = await make_company()
    await make_rule(c.hr.actor, trigger="post_pinned", awards={"points": 30}, name="Pinned post bonus")
    post = await make_post(c.employee.actor)
    # when pinned, unpinned and pinned again, with the outbox drained each time
    await pinning.pin_post(c.hr.actor, post.id, pinned=True)
    await event_handlers.drain()
    await pinning.pin_post(c.hr.actor, post.id, pinned=False)
    await pinning.pin_post(c.hr.actor, post.id, pinned=True)
    await event_handlers.drain()
    # then the rule paid once
    assert await wallet(c.system, c.employee.employee.id) == 30


async def test_a_pin_with_a_voucher_gives_the_author_a_code_once(db):
    # given a voucher with 2 codes costing points the author does not have
    c = await make_company()
    item = await make_voucher(c, codes=2, cost_points=5_000)
    post = await make_post(c.employee.actor)
    draft = pinning.RewardDraft(reward_item_id=item.id, note="Lovely photo")
    # when pinned with the voucher, retried (also racing)
    await asyncio.gather(*(pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=draft) for _ in range(3)))
    await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=draft)
    # then one free redemption with one code, which the author sees
    gift = await Redemption.of(c.system).get(employee_id=c.employee.employee.id)
    assert (gift.points, gift.note, await stock(item)) == (0, "Lovely photo", 1)
    assert await VoucherCode.filter(item_id=item.id).exclude(redemption_id=None).count() == 1
    assert (await fulfilment.get_confirmation(c.employee.actor, gift.id)).voucher_code is not None
    reward = await PostReward.of(c.system).get(post_id=post.id)
    assert (reward.reward_item_id, reward.points) == (item.id, 0)
    told = await Notification.of(c.system).get(kind="community_post_pinned")
    assert item.name_en in told.body_en and "代金券" in told.body_zh
    assert await wallet(c.system, c.employee.employee.id) == 0


async def test_a_voucher_that_cannot_be_given_leaves_the_post_unpinned_and_unrewarded(db):
    # given a voucher with no codes left and a cash bonus item
    c = await make_company()
    empty = await make_voucher(c, codes=1)
    await RewardItem.filter(id=empty.id).update(stock=3)
    await VoucherCode.filter(item_id=empty.id).delete()
    cash = await make_item(c, RewardKind.CASH_BONUS)
    post = await make_post(c.employee.actor)
    # then
    with pytest.raises(OutOfStock) as no_code:
        await pinning.pin_post(c.hr.actor, post.id, pinned=True,
                               reward=pinning.RewardDraft(points=20, reward_item_id=empty.id))
    with pytest.raises(ValidationFailed) as money:
        await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=pinning.RewardDraft(reward_item_id=cash.id))
    assert (no_code.value.field, money.value.field) == ("reward.rewardItemId", "reward.rewardItemId")
    assert await PostReward.all().count() == 0 and await Redemption.all().count() == 0
    assert await stock(empty) == 3 and await wallet(c.system, c.employee.employee.id) == 0
    assert (await post_queries.get_post(c.hr.actor, post.id)).pinned_at is None  # type: ignore[union-attr]
