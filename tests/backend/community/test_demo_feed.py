"""The demo's community feed: about thirty posts over the last weeks in every category (recognition
posts from the seeded public praise), reactions and comment threads, one pinned and rewarded post."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.community import post_queries
from backend.community.models import Comment, Post, PostCategory, PostReward
from backend.core import clock
from backend.demo.seed import DEMO_ORG_ID, seed_demo

SYSTEM = Actor.system(DEMO_ORG_ID)


async def test_the_demo_feed_is_lively_with_one_pinned_rewarded_post(db):
    # when
    await seed_demo()
    # then
    categories = Counter(await Post.of(SYSTEM).values_list("category", flat=True))
    assert 25 <= sum(categories.values()) <= 45
    assert categories[PostCategory.ANNOUNCEMENT] == 1 and categories[PostCategory.RECOGNITION] >= 2
    assert categories[PostCategory.WARM_MOMENT] >= 10 and categories[PostCategory.TECH_SHARING] >= 5
    oldest = await Post.of(SYSTEM).order_by("created_at").first()
    assert oldest is not None and oldest.created_at > clock.now() - timedelta(days=130)
    assert await Comment.of(SYSTEM).count() > 20
    assert sum(sum(p.reaction_counts.values()) for p in await Post.of(SYSTEM).all()) > 100
    reward = await PostReward.of(SYSTEM).get()
    assert reward.points == 100
    account = await UserAccount.of(SYSTEM).get(login_email="employee@demo.local")
    viewer = Actor.user(tenant_id=DEMO_ORG_ID, account_id=account.id, employee_id=account.employee_id, role=account.role)
    page = await post_queries.feed_page(viewer, first=10)
    assert [p.id for p in page.pinned] == [reward.post_id] and len(page.items) == 10 and page.has_next
