"""Pin and reward with a voucher over GraphQL: the post's reward line names the voucher, the author finds the
code in their redemptions, a cash item is a typed error, and voucher titles cost one statement per page."""
from __future__ import annotations

from datetime import timedelta

from backend.community import pinning
from backend.core import clock
from backend.rewards.models import RewardKind
from tests.backend.rewards.support import make_item, make_voucher
from tests.factories.community import make_post
from tests.factories.org import make_company
from tests.schema.growth.evidence_support import run, statements

PIN = """mutation($input: PinPostInput!) { pinPost(input: $input) { __typename
  ... on PostChanged { post { pinned reward { points rewardItemTitleEn rewardItemTitleZh note } } }
  ... on UserError { code field } } }"""
MINE = """query { myRedemptions { edges { node { id points note status item { nameEn }
  confirmation { voucherCode } } } } }"""
FEED = """query($first: Int!) { feed(first: $first) { edges { node { id
  reward { points rewardItemTitleEn rewardItemTitleZh } } } } }"""


async def test_hr_pins_with_a_voucher_and_the_author_sees_the_code(db):
    # given
    c = await make_company()
    item = await make_voucher(c, codes=2, name_en="Milk tea ¥50", name_zh="奶茶 ¥50")
    cash = await make_item(c, RewardKind.CASH_BONUS)
    post = await make_post(c.employee.actor)
    # when
    refused = (await run(c.hr.actor, PIN, input={"postId": str(post.id), "pinned": True,
                                                  "reward": {"rewardItemId": str(cash.id)}}))["pinPost"]
    pinned = (await run(c.hr.actor, PIN, input={"postId": str(post.id), "pinned": True,
                                                 "reward": {"rewardItemId": str(item.id), "note": "Thanks"}}))["pinPost"]
    mine = (await run(c.employee.actor, MINE))["myRedemptions"]["edges"]
    # then
    assert refused == {"__typename": "UserError", "code": "VALIDATION", "field": "reward.rewardItemId"}
    assert pinned["post"] == {"pinned": True, "reward": {"points": 0, "rewardItemTitleEn": "Milk tea ¥50",
                                                         "rewardItemTitleZh": "奶茶 ¥50", "note": "Thanks"}}
    assert len(mine) == 1
    node = mine[0]["node"]
    assert (node["points"], node["note"], node["status"], node["item"]["nameEn"]) == (0, "Thanks", "FULFILLED",
                                                                                     "Milk tea ¥50")
    assert node["confirmation"]["voucherCode"].startswith("CODE-")


async def test_voucher_titles_in_the_feed_cost_the_same_statements_for_2_and_8_posts(db, count_queries):
    # given eight posts by colleagues, each pinned with a different voucher, then unpinned (the reward stays)
    c = await make_company()
    people = [c.employee, c.peer, c.manager, c.owner]
    start = clock.now() - timedelta(hours=1)
    for i in range(8):
        post = await make_post(people[i % 4].actor, body=f"v {i}", created_at=start + timedelta(minutes=i))
        item = await make_voucher(c, codes=1, name_en=f"Voucher {i}")
        await pinning.pin_post(c.hr.actor, post.id, pinned=True, reward=pinning.RewardDraft(reward_item_id=item.id))
        await pinning.pin_post(c.hr.actor, post.id, pinned=False)
    # when
    small = await statements(count_queries, c.hr.actor, FEED, first=2)
    large = await statements(count_queries, c.hr.actor, FEED, first=8)
    titles = {e["node"]["reward"]["rewardItemTitleEn"] for e in (await run(c.hr.actor, FEED, first=8))["feed"]["edges"]}
    # then
    print(f"feed with voucher rewards: {small} statements for 2 posts, {large} for 8")
    assert titles == {f"Voucher {i}" for i in range(8)}
    assert small == large
