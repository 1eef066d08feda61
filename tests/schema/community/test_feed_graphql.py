"""The feed over GraphQL: newest first with cursor paging, pinned posts on top of the first page only,
hidden posts for their author (marked) and moderators, deleted for nobody, the category filter,
another organisation's post unknown, the mutations' typed errors, and a page costing the same number
of SQL statements for 5 posts as for 50."""
from __future__ import annotations

from datetime import timedelta

from backend.community import comments, mentions, pinning, posts, reactions
from backend.community.models import PostCategory, PostPhoto, PostStatus, ReactionKind
from backend.core import clock
from tests.factories.achievements import make_badge
from tests.factories.community import make_post, upload_post_photo
from tests.factories.org import make_company
from tests.schema.growth.evidence_support import run, statements

NODE = """id category body status pinned hiddenReason editableUntil canEdit canDelete canModerate commentCount
  author { name } photos { id url thumbnailUrl width height } reactions { kind count mine } mentions { name }
  reward { points badgeCode badgeNameEn badgeNameZh note }
  comments { body author { name } mentions { name } replies { body author { name } mentions { name } } }"""
FEED = f"""query($first: Int!, $after: String, $category: PostCategory) {{
  feed(first: $first, after: $after, category: $category) {{ pageInfo {{ hasNextPage endCursor }}
  edges {{ cursor node {{ {NODE} }} }} }} }}"""
POST = "query($id: ID!) { post(id: $id) { id body status hiddenReason } }"
CREATE = """mutation($input: CreatePostInput!) { createPost(input: $input) { __typename
  ... on PostChanged { post { id body category photos { url } mentions { name } canEdit } }
  ... on UserError { code field } } }"""
REACT = """mutation($id: ID!, $kind: ReactionKind!, $on: Boolean!) { react(postId: $id, kind: $kind, on: $on) {
  __typename ... on PostChanged { post { reactions { kind count mine } } } ... on UserError { code } } }"""
COMMENT = """mutation($id: ID!, $body: String!, $parent: ID, $mentions: [ID!]! = []) {
  addComment(postId: $id, body: $body, parentId: $parent, mentionIds: $mentions) { __typename
  ... on CommentChanged { comment { id parentId body mentions { name } } post { commentCount } }
  ... on UserError { code field } } }"""
PIN = """mutation($input: PinPostInput!) { pinPost(input: $input) { __typename
  ... on PostChanged { post { pinned reward { points badgeCode badgeNameEn badgeNameZh note } } }
  ... on UserError { code field } } }"""
QUEUE = "query { moderationQueue { post { id } comment { id } reportCount reasons } }"
MODERATE = """mutation($id: ID!, $hide: Boolean!, $reason: String!) { moderate(postId: $id, hide: $hide, reason: $reason) {
  __typename ... on PostChanged { post { status hiddenReason } } ... on UserError { code } } }"""
REPORT = """mutation($id: ID!) { reportContent(postId: $id, reason: "Spam") { __typename
  ... on ContentReported { reported } ... on UserError { code } } }"""


def bodies(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [e["node"]["body"] for e in data["feed"]["edges"]]


async def test_newest_first_with_cursor_pages_and_pinned_on_top_of_the_first_page_only(db):
    # given five posts a minute apart, the oldest pinned
    c = await make_company()
    start = clock.now() - timedelta(hours=1)
    made = [await make_post(c.employee.actor, body=f"post {i}", created_at=start + timedelta(minutes=i))
            for i in range(5)]
    await pinning.pin_post(c.hr.actor, made[0].id, pinned=True)
    # when
    first = await run(c.peer.actor, FEED, first=2)
    second = await run(c.peer.actor, FEED, first=2, after=first["feed"]["pageInfo"]["endCursor"])
    third = await run(c.peer.actor, FEED, first=2, after=second["feed"]["pageInfo"]["endCursor"])
    # then
    assert bodies(first) == ["post 0", "post 4", "post 3"] and first["feed"]["edges"][0]["node"]["pinned"] is True
    assert bodies(second) == ["post 2", "post 1"] and second["feed"]["pageInfo"]["hasNextPage"] is False
    assert bodies(third) == []


async def test_posts_at_the_same_instant_page_by_id_without_loss(db):
    c = await make_company()
    moment = clock.now() - timedelta(minutes=5)
    made = {str((await make_post(c.employee.actor, body=f"same {i}", created_at=moment)).id) for i in range(5)}
    seen: list[str] = []
    after = None
    for _ in range(5):
        page = await run(c.peer.actor, FEED, first=2, after=after)
        seen += [e["node"]["id"] for e in page["feed"]["edges"]]
        after = page["feed"]["pageInfo"]["endCursor"]
        if not page["feed"]["pageInfo"]["hasNextPage"]:
            break
    assert len(seen) == 5 and set(seen) == made


async def test_hidden_posts_for_their_author_and_moderators_deleted_for_nobody(db):
    # given
    c = await make_company()
    await make_post(c.employee.actor, body="visible")
    hidden = await make_post(c.employee.actor, body="hidden", status=PostStatus.HIDDEN, hidden_reason="Off topic")
    deleted = await make_post(c.employee.actor, body="deleted", status=PostStatus.DELETED)
    # when
    author = await run(c.employee.actor, FEED, first=10)
    colleague = await run(c.peer.actor, FEED, first=10)
    hr = await run(c.hr.actor, FEED, first=10)
    # then
    assert sorted(bodies(author)) == ["hidden", "visible"] and sorted(bodies(hr)) == ["hidden", "visible"]
    assert bodies(colleague) == ["visible"]
    marked = next(e["node"] for e in author["feed"]["edges"] if e["node"]["body"] == "hidden")
    assert (marked["status"], marked["hiddenReason"]) == ("HIDDEN", "Off topic")
    assert (await run(c.peer.actor, POST, id=str(hidden.id)))["post"] is None
    assert (await run(c.employee.actor, POST, id=str(deleted.id)))["post"] is None
    assert (await run(c.hr.actor, POST, id=str(deleted.id)))["post"] is None


async def test_the_category_filter_and_another_organisations_posts(db):
    c = await make_company()
    other = await make_company("Other")
    await make_post(c.employee.actor, body="lunch")
    await make_post(c.employee.actor, body="rust tips", category=PostCategory.TECH_SHARING)
    foreign = await make_post(other.employee.actor, body="foreign")
    tech = await run(c.peer.actor, FEED, first=10, category="TECH_SHARING")
    everything = await run(c.peer.actor, FEED, first=10)
    assert bodies(tech) == ["rust tips"] and "foreign" not in bodies(everything)
    assert (await run(c.peer.actor, POST, id=str(foreign.id)))["post"] is None
    refused = await run(c.peer.actor, REACT, id=str(foreign.id), kind="LIKE", on=True)
    assert refused["react"] == {"__typename": "UserError", "code": "NOT_FOUND"}


async def test_post_react_comment_pin_through_the_api(db):
    # given
    c = await make_company()
    photo = await upload_post_photo(c.employee.actor)
    # when
    created = (await run(c.employee.actor, CREATE, input={
        "category": "WARM_MOMENT", "body": "Team hike 团建爬山", "photoIds": [str(photo.id)],
        "mentionIds": [str(c.peer.employee.id)]}))["createPost"]
    post_id = created["post"]["id"]
    reacted = (await run(c.peer.actor, REACT, id=post_id, kind="CLAP", on=True))["react"]
    top = (await run(c.peer.actor, COMMENT, id=post_id, body="Great view"))["addComment"]
    reply = (await run(c.manager.actor, COMMENT, id=post_id, body="Agreed @peer", parent=top["comment"]["id"],
                       mentions=[str(c.peer.employee.id)]))["addComment"]
    badge = await make_badge(c.system)
    pinned = (await run(c.hr.actor, PIN, input={"postId": post_id, "pinned": True, "reward": {
        "points": 20, "badgeCode": badge.code, "note": "Nice one"}}))["pinPost"]
    refused = (await run(c.employee.actor, CREATE, input={"category": "ANNOUNCEMENT", "body": "x"}))["createPost"]
    # then
    assert created["post"]["photos"] == [{"url": f"/files/{photo.id}"}]
    assert created["post"]["mentions"] == [{"name": c.peer.employee.name}] and created["post"]["canEdit"] is True
    assert {"kind": "CLAP", "count": 1, "mine": True} in reacted["post"]["reactions"]
    assert [r["kind"] for r in reacted["post"]["reactions"]] == ["LIKE", "LOVE", "CLAP", "LAUGH", "WOW"]
    assert reply["comment"]["parentId"] == top["comment"]["id"] and reply["post"]["commentCount"] == 2
    assert pinned["post"] == {"pinned": True, "reward": {"points": 20, "badgeCode": badge.code,
                                                         "badgeNameEn": "Safety Star", "badgeNameZh": "安全之星",
                                                         "note": "Nice one"}}
    assert refused == {"__typename": "UserError", "code": "FORBIDDEN", "field": None}
    page = await run(c.employee.actor, FEED, first=5)
    node = page["feed"]["edges"][0]["node"]
    assert [(r["body"], [x["body"] for x in r["replies"]]) for r in node["comments"]] == [
        ("Great view", ["Agreed @peer"])]
    assert reply["comment"]["mentions"] == [{"name": c.peer.employee.name}] and top["comment"]["mentions"] == []
    assert node["comments"][0]["mentions"] == [] and node["comments"][0]["replies"][0]["mentions"] == [
        {"name": c.peer.employee.name}]


async def test_moderation_queue_and_hiding_through_the_api(db):
    c = await make_company()
    post = await make_post(c.employee.actor)
    assert (await run(c.peer.actor, REPORT, id=str(post.id)))["reportContent"] == {
        "__typename": "ContentReported", "reported": True}
    queue = (await run(c.hr.actor, QUEUE))["moderationQueue"]
    hidden = (await run(c.hr.actor, MODERATE, id=str(post.id), hide=True, reason="Spam"))["moderate"]
    refused = (await run(c.manager.actor, MODERATE, id=str(post.id), hide=False, reason=""))["moderate"]
    assert queue == [{"post": {"id": str(post.id)}, "comment": None, "reportCount": 1, "reasons": ["Spam"]}]
    assert hidden["post"] == {"status": "HIDDEN", "hiddenReason": "Spam"}
    assert refused == {"__typename": "UserError", "code": "FORBIDDEN"}


async def _busy_feed(c, count: int) -> None:  # type: ignore[no-untyped-def]
    """Posts by several people with photos, reactions, mentions, comments and a pinned, rewarded one."""
    people = [c.employee, c.peer, c.manager, c.owner]
    start = clock.now() - timedelta(days=2)
    for i in range(count):
        author = people[i % len(people)]
        post = await make_post(author.actor, body=f"busy {i}", created_at=start + timedelta(minutes=i))
        if i % 6 == 0:
            photo = await upload_post_photo(author.actor, gps=False)
            await PostPhoto.create_for(c.system, post_id=post.id, file_id=photo.id, position=0)
        if i % 2 == 0:
            await reactions.react(c.hr.actor, post.id, ReactionKind.LIKE, on=True)
        await mentions.record(c.system, post, [people[(i + 1) % len(people)].employee.id], notify=False)
        if i % 3 == 0:
            top = await comments.add_comment(people[(i + 2) % 4].actor, post.id, "nice",
                                             mention_ids=[people[(i + 3) % 4].employee.id])
            await comments.add_comment(people[(i + 3) % 4].actor, post.id, "yes", parent_id=top.id,
                                       mention_ids=[people[(i + 2) % 4].employee.id])
    pinned = await posts.create_post(c.employee.actor, posts.PostDraft(category=PostCategory.WARM_MOMENT, body="top"))
    badge = await make_badge(c.system)
    await pinning.pin_post(c.hr.actor, pinned.id, pinned=True,
                           reward=pinning.RewardDraft(points=5, badge_code=badge.code))


async def test_a_feed_page_costs_the_same_statements_for_5_and_50_posts(db, count_queries):
    # given
    c = await make_company()
    await _busy_feed(c, 60)
    # when
    small = await statements(count_queries, c.hr.actor, FEED, first=5)
    large = await statements(count_queries, c.hr.actor, FEED, first=50)
    deep = await run(c.hr.actor, FEED, first=20)
    later = await statements(count_queries, c.hr.actor, FEED, first=50,
                             after=deep["feed"]["pageInfo"]["endCursor"])
    # then
    print(f"feed page: {small} statements for 5 posts, {large} for 50, {later} for a later page of 50")
    assert small == large
    top = (await run(c.hr.actor, FEED, first=5))["feed"]["edges"][0]["node"]["reward"]
    assert (top["badgeNameEn"], top["badgeNameZh"]) == ("Safety Star", "安全之星")
    assert later <= large
    assert large <= 12
