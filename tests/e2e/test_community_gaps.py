"""The gaps the PWA helpers reported, closed, in the browser against the real backend and the demo company:
@mentions in a comment are marked like in posts; a pinned post's reward line names its badge; the speaker ticks
people off the talk's sign-up list; /community/suggestions/<id> shows that one suggestion; a share arriving
without a service worker (first visit) opens the composer; a day's punches name their terminal."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"

ME = "query { me { employee { id name } } }"
CREATE = """mutation($input: CreatePostInput!) { createPost(input: $input) { __typename
  ... on PostChanged { post { id } } ... on UserError { code message } } }"""
COMMENT = """mutation($id: ID!, $body: String!, $m: [ID!]!) { addComment(postId: $id, body: $body, mentionIds: $m) {
  __typename ... on UserError { code message } } }"""
BADGES = "query { badges { code nameEn nameZh active grantedBy monthlyCap } }"
PIN = """mutation($input: PinPostInput!) { pinPost(input: $input) { __typename
  ... on PostChanged { post { reward { badgeNameEn } } } ... on UserError { code message } } }"""
SCHEDULE = """mutation($input: ScheduleTechTalkInput!) { scheduleTechTalk(input: $input) { __typename
  ... on TechTalkChanged { talk { id } } ... on UserError { code message } } }"""
SIGN_UP = """mutation($id: ID!) { signUpForTalk(id: $id) { __typename ... on UserError { code message } } }"""
TALK = "query($id: ID!) { techTalk(id: $id) { attendees { id } signups { id } } }"
SUBMIT = """mutation($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { __typename
  ... on SuggestionChanged { suggestion { id } } ... on UserError { code message } } }"""
MONTH = """query($m: String) { myAttendance(month: $m) { days { day punches { deviceSn deviceName } } } }"""
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the demo plant's zone


def _me(context: Any, api: Any) -> dict[str, str]:
    return dict(api(context, ME)["me"]["employee"])


def test_comment_mentions_badge_names_and_the_talk_sign_up_list(new_phone: Any, login: Any, api: Any) -> None:
    # given the employee's post, with a comment @mentioning the manager, pinned by HR with a badge
    author, manager, hr = new_phone(), new_phone(), new_phone()
    page, boss, desk = author.new_page(), manager.new_page(), hr.new_page()
    login(page, EMPLOYEE)
    login(boss, MANAGER)
    login(desk, HR)
    them = _me(manager, api)
    tag = uuid.uuid4().hex[:6]
    made = api(author, CREATE, {"input": {"category": "WARM_MOMENT", "body": f"Gaps check {tag}"}})["createPost"]
    post_id = made["post"]["id"]
    said = api(author, COMMENT, {"id": post_id, "body": f"Thanks @{them['name']} for the help {tag}", "m": [them["id"]]})
    assert said["addComment"]["__typename"] == "CommentChanged", said
    badge = next(b for b in api(hr, BADGES)["badges"]
                 if b["active"] and b["grantedBy"] != "RULES" and b["monthlyCap"] is None)  # HR may grant it now
    pinned = api(hr, PIN, {"input": {"postId": post_id, "pinned": True, "reward": {"badgeCode": badge["code"]}}})
    assert pinned["pinPost"]["__typename"] == "PostChanged", pinned
    assert pinned["pinPost"]["post"]["reward"]["badgeNameEn"] == badge["nameEn"], pinned

    # when the author opens the post
    page.goto(f"/community/posts/{post_id}")
    card = page.locator(f"article.post[data-id='{post_id}']")
    comment = card.locator(".comment-list .comment").filter(has_text=tag)
    comment.wait_for()

    # then the mention in the comment links to the person, and the reward line names the badge, not its code
    mention = comment.locator("a.mention")
    assert mention.inner_text() == f"@{them['name']}" and mention.get_attribute("href") == f"/community/{them['id']}"
    line = card.locator(".reward-line").inner_text()  # in the reader's language (the demo employee reads Chinese)
    assert (badge["nameEn"] in line or badge["nameZh"] in line) and badge["code"] not in line, line

    # given a talk of the employee's starting in 10 minutes that the manager signed up for
    start = datetime.now(timezone.utc) + timedelta(minutes=10)
    talk = api(author, SCHEDULE, {"input": {"topic": f"Gaps talk {tag}", "startsAt": start.isoformat(),
                                            "endsAt": (start + timedelta(hours=1)).isoformat(), "capacity": 5}})
    talk_id = talk["scheduleTechTalk"]["talk"]["id"]
    assert api(manager, SIGN_UP, {"id": talk_id})["signUpForTalk"]["__typename"] == "TechTalkChanged"

    # when the speaker opens it, ticks the manager off the sign-up list and records attendance
    page.goto(f"/community/talks/{talk_id}")
    attendance = page.locator("section.attendance")
    signed = attendance.locator(".attendee-list.pending li").filter(has_text=them["name"])
    signed.wait_for()
    signed.locator("input[name=attended]").check()
    attendance.locator("button.record-attendance").click()

    # then the manager is present, and off the pending list
    attendance.locator(".attendee-list.present li").filter(has_text=them["name"]).wait_for()
    assert attendance.locator(".attendee-list.pending li").filter(has_text=them["name"]).count() == 0
    assert api(author, TALK, {"id": talk_id})["techTalk"]["attendees"] == [{"id": them["id"]}]


def test_one_suggestion_by_its_address(new_phone: Any, login: Any, api: Any) -> None:
    # given the employee's suggestion
    author, other = new_phone(), new_phone()
    page, peer = author.new_page(), other.new_page()
    login(page, EMPLOYEE)
    login(peer, MANAGER)
    title = f"Water fountain on floor 2 {uuid.uuid4().hex[:6]}"
    made = api(author, SUBMIT, {"input": {"title": title, "body": "The nearest one is a long walk."}})
    suggestion_id = made["submitSuggestion"]["suggestion"]["id"]
    # when its author and a colleague (neither owner nor HR) open its address
    page.goto(f"/community/suggestions/{suggestion_id}")
    peer.goto(f"/community/suggestions/{suggestion_id}")
    # then the author sees just that card; the colleague is told it is not theirs
    page.locator(f"article.suggestion[data-id='{suggestion_id}']").filter(has_text=title).wait_for()
    assert page.locator("article.suggestion").count() == 1
    peer.locator(".suggestion-gone").wait_for()
    assert peer.locator("article.suggestion").count() == 0


def test_a_share_without_a_service_worker_opens_the_composer(new_phone: Any, login: Any) -> None:
    # given a first visit: no service worker controls the page
    phone = new_phone(service_workers="block")
    page = phone.new_page()
    login(page, EMPLOYEE)
    # when a gallery shares text to the app (the manifest's multipart POST navigation)
    page.evaluate("""() => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = '/share-target';
      form.enctype = 'multipart/form-data';
      const text = document.createElement('input');
      text.name = 'text';
      text.value = 'Shared on a first visit';
      form.append(text);
      document.body.append(form);
      form.submit();
    }""")
    # then the composer opens (empty: without the worker the shared files cannot be carried)
    page.wait_for_url("**/community/feed/new?shared=0")
    page.locator("form.composer").wait_for()


def test_a_days_punches_name_their_terminal(new_phone: Any, login: Any, api: Any) -> None:
    # given the employee's seeded punches on the demo plant's named terminals
    phone = new_phone()
    page = phone.new_page()
    login(page, EMPLOYEE)
    today = datetime.now(SHANGHAI).date()
    months = [f"{m.year}-{m.month:02d}" for m in (today, today.replace(day=1) - timedelta(days=1))]
    days = [d for m in months for d in api(phone, MONTH, {"m": m})["myAttendance"]["days"] if d["punches"]]
    day = max(days, key=lambda d: str(d["day"]))  # the demo seeds two weeks back: there is one
    assert all(p["deviceName"] != p["deviceSn"] for p in day["punches"])  # the demo terminals have names
    # when the employee opens that day in their calendar
    page.goto(f"/attendance?month={day['day'][:7]}")
    page.locator(f"button.att-cell[data-day='{day['day']}']").click()
    # then its punches show the terminal's name
    devices = page.locator(".att-detail .att-punch-device")
    devices.first.wait_for()
    shown = [d.inner_text() for d in devices.all()]  # "设备 <name>" / "on <name>", in the reader's language
    assert len(shown) == len(day["punches"]) and all(
        text.endswith(p["deviceName"]) and p["deviceSn"] not in text for text, p in zip(shown, day["punches"], strict=True))
