"""The community in the PWA against the real backend and the demo company: an employee posts with a photo, a
colleague reacts and comments and the author sees it live, HR pins and rewards the post (points and a voucher) and
the points reach the author's balance and the voucher code their redemptions; a photo shared into the app (the manifest's share target, through the service worker) lands in
the composer; a poll is created, voted and closed with its results; a suggestion is answered within its 24-hour
clock."""
from __future__ import annotations

import io
import re
import uuid
from typing import Any

import pytest
from PIL import Image

from tests.e2e.performance_support import wait_for

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"

ME = "query { me { employee { id name } } }"
WALLET = "query { pointsBalance { wallet } }"
VOUCHERS = "query { rewards(kind: VOUCHER) { id nameEn stock } }"
POST = """query($id: ID!) { post(id: $id) { id pinned commentCount reward { points note rewardItemTitleEn }
  reactions { kind count } photos { id thumbnailUrl } } }"""
FEED = "query { feed(first: 20) { edges { node { id body } } } }"
SUGGESTIONS = "query($s: SuggestionScope!) { suggestions(scope: $s) { id title status secondsLeft answer } }"


def jpeg_bytes(width: int = 64, height: int = 48) -> bytes:
    """A small real JPEG (a teal and amber split), so the server's imaging library has something to re-encode."""
    img = Image.new("RGB", (width, height), (15, 95, 88))
    img.paste((242, 178, 51), (width // 2, 0, width, height))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=85)
    return out.getvalue()


def post_id_with(context: Any, api: Any, text: str) -> str:
    found = [e["node"]["id"] for e in api(context, FEED)["feed"]["edges"] if text in e["node"]["body"]]
    assert len(found) == 1, found
    return str(found[0])


def test_a_photo_post_gets_a_reaction_and_a_comment_live_then_hr_pins_and_rewards_it(new_phone: Any, login: Any, api: Any) -> None:
    # given the employee in the feed, with their points balance known
    author = new_phone()
    page = author.new_page()
    login(page, EMPLOYEE)
    wallet_before = api(author, WALLET)["pointsBalance"]["wallet"]
    page.locator("nav.tabbar a[href='/community']").click()
    page.locator("nav.community-nav a[href='/community/feed']").click()
    page.wait_for_url("**/community/feed")

    # when they write a post with a photo (uploaded at once, with its progress) and publish it
    tag = uuid.uuid4().hex[:6]
    text = f"Line 1 hit zero defects this week {tag}"
    page.locator("a.new-post").click()
    page.wait_for_url("**/community/feed/new")
    page.locator("form.composer textarea[name=body]").fill(text)
    page.locator("form.composer input[name=photos]").set_input_files(
        files=[{"name": "line1.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}])
    page.locator(".upload-item.is-done").wait_for()
    page.locator("button.submit-post").click()
    page.wait_for_url("**/community/feed")

    # then the post is on top of the feed with its photo, shown from the server's thumbnail
    card = page.locator("article.post").filter(has_text=text)
    card.wait_for()
    post_id = card.get_attribute("data-id")
    assert post_id == post_id_with(author, api, text)
    thumb = card.locator(".photo-grid img")
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert "/files/" in (thumb.get_attribute("src") or "")

    # when a colleague finds it, reacts with applause and comments
    colleague = new_phone()
    other = colleague.new_page()
    login(other, MANAGER)
    other.goto("/community/feed")
    theirs = other.locator(f"article.post[data-id='{post_id}']")
    theirs.locator("button.reaction[data-kind=CLAP]").click()
    assert theirs.locator("button.reaction[data-kind=CLAP]").get_attribute("aria-pressed") == "true"
    theirs.locator("button.comment-toggle").click()
    theirs.locator("form.comment-form textarea[name=comment]").fill(f"Well done, team {tag}!")
    theirs.locator("button.send-comment").click()
    theirs.locator(".comment-list .comment").filter(has_text=f"Well done, team {tag}!").wait_for()

    # then the author's open feed shows the applause and the comment count without a reload (live)
    mine = page.locator(f"article.post[data-id='{post_id}']")
    mine.locator("button.reaction[data-kind=CLAP] .reaction-count").filter(has_text="1").wait_for(timeout=20_000)
    mine.locator(".comment-count").filter(has_text="1").wait_for(timeout=20_000)
    mine.locator("button.comment-toggle").click()
    mine.locator(".comment-list .comment").filter(has_text=f"Well done, team {tag}!").wait_for()
    stored = api(author, POST, {"id": post_id})["post"]
    assert stored["commentCount"] == 1 and {r["kind"]: r["count"] for r in stored["reactions"]}["CLAP"] == 1

    # when HR pins the post and rewards its author with 25 points and a voucher from the post's menu
    hr = new_phone()
    desk = hr.new_page()
    login(desk, HR)
    desk.goto("/community/feed")
    hr_card = desk.locator(f"article.post[data-id='{post_id}']")
    hr_card.locator(".post-menu summary").click()
    hr_card.locator("button.pin-post").click()
    dialog = desk.locator("dialog.pin-dialog")
    assert dialog.locator("input[name=pinned]").is_checked()
    dialog.locator("input[name=points]").fill("25")
    voucher = next(v for v in api(hr, VOUCHERS)["rewards"] if (v["stock"] or 0) > 0)
    dialog.locator("select[name=voucher]").select_option(voucher["id"])
    dialog.locator("textarea[name=note]").fill("Thank you for sharing the zero-defect week")
    dialog.locator("button.submit-pin").click()
    dialog.wait_for(state="detached")

    # then the post is pinned with its reward line, for HR and (live) for the author
    hr_card.locator(".pin-mark").wait_for()
    assert "25" in hr_card.locator(".reward-line").inner_text()
    mine.locator(".pin-mark").wait_for(timeout=20_000)
    assert "25" in mine.locator(".reward-line").inner_text()
    assert api(author, POST, {"id": post_id})["post"]["reward"] == {
        "points": 25, "note": "Thank you for sharing the zero-defect week", "rewardItemTitleEn": voucher["nameEn"]}

    # and the 25 points are in the author's balance on the Rewards tab
    wallet = wait_for(lambda: (w := api(author, WALLET)["pointsBalance"]["wallet"]) == wallet_before + 25 and w,
                      "the reward reaches the author's wallet")
    page.locator("nav.tabbar a[href='/rewards']").click()
    page.locator(".wallet-line strong.big").filter(has_text=re.compile(rf"^{wallet:,}$|^{wallet}$")).wait_for()

    # and the voucher, given without spending points, is in their redemptions with its code
    page.goto("/rewards/redemptions")
    page.locator(".redemption-row.status-fulfilled a").first.click()
    page.locator(".voucher .voucher-code").wait_for()
    assert page.locator(".voucher .voucher-code").inner_text().strip()


def test_a_photo_shared_from_another_app_arrives_in_the_composer(new_phone: Any, login: Any) -> None:
    # given the employee's phone with the service worker in control
    phone = new_phone()
    page = phone.new_page()
    login(page, EMPLOYEE)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
    manifest = page.evaluate("fetch('/manifest.webmanifest').then((r) => r.json())")
    assert manifest["share_target"]["action"] == "/share-target"
    assert manifest["share_target"]["params"]["files"][0]["name"] == "photos"

    # when the gallery shares a photo: a multipart POST navigation to /share-target, as the manifest declares
    page.evaluate(
        """(bytes) => {
          const form = document.createElement('form');
          form.method = 'POST';
          form.action = '/share-target';
          form.enctype = 'multipart/form-data';
          const text = document.createElement('input');
          text.name = 'text';
          text.value = 'Shared from the gallery';
          const photos = document.createElement('input');
          photos.type = 'file';
          photos.name = 'photos';
          const files = new DataTransfer();
          files.items.add(new File([new Uint8Array(bytes)], 'gallery.jpg', { type: 'image/jpeg' }));
          photos.files = files.files;
          form.append(text, photos);
          document.body.append(form);
          form.submit();
        }""",
        list(jpeg_bytes()),
    )

    # then the service worker keeps it and sends the window to the composer, which shows and uploads the photo
    page.wait_for_url("**/community/feed/new?shared=1")
    item = page.locator(".upload-item[data-name='gallery.jpg']")
    item.wait_for()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=item.locator("img").element_handle())
    page.locator(".upload-item.is-done").wait_for()
    assert page.locator("form.composer textarea[name=body]").input_value() == "Shared from the gallery"


def test_a_poll_is_created_voted_and_closed_with_its_results(new_phone: Any, login: Any, api: Any) -> None:
    # given a colleague with the feed open
    colleague = new_phone()
    other = colleague.new_page()
    login(other, MANAGER)
    other.goto("/community/feed")
    other.locator("ul.post-list").wait_for()

    # when the employee creates a single-choice poll whose results show after voting
    author = new_phone()
    page = author.new_page()
    login(page, EMPLOYEE)
    question = f"Hotpot or barbecue this month? {uuid.uuid4().hex[:6]}"
    page.goto("/community/feed/new-poll")
    form = page.locator("form.poll-form")
    form.locator("input[name=question]").fill(question)
    form.locator("input[name=option-0]").fill("Hotpot")
    form.locator("input[name=option-1]").fill("Barbecue")
    form.locator("button.submit-poll").click()
    page.wait_for_url("**/community/feed")
    poll = page.locator("section.poll").filter(has_text=question)
    poll.wait_for()
    assert poll.locator(".poll-clock").inner_text().strip() != ""

    # then the colleague's open feed offers it live as a new post, shown on a tap
    other.locator("button.fresh-pill").filter(has_text="1").wait_for(timeout=20_000)
    other.locator("button.fresh-pill").click()
    theirs = other.locator("section.poll").filter(has_text=question)
    theirs.wait_for()

    # when the colleague votes barbecue, and the author votes hotpot
    theirs.locator("label.poll-choice").filter(has_text="Barbecue").click()
    theirs.locator("button.vote").click()
    theirs.locator(".poll-results .poll-result.mine").filter(has_text="Barbecue").wait_for()
    poll.locator("label.poll-choice").filter(has_text="Hotpot").click()
    poll.locator("button.vote").click()
    poll.locator(".poll-results").wait_for()

    # and the author closes it
    page.once("dialog", lambda d: d.accept())
    poll.locator("button.close-poll").click()

    # then it is closed and shows one vote each, with the creator's participation rate
    poll.locator(".poll-closed").wait_for()
    assert poll.get_attribute("data-closed") == "true"
    votes = {r.get_attribute("data-label"): r.get_attribute("data-votes") for r in poll.locator(".poll-result").all()}
    assert votes == {"Hotpot": "1", "Barbecue": "1"}, votes
    assert poll.locator(".poll-participation").count() == 1
    assert poll.locator("button.close-poll").count() == 0


def test_a_suggestion_is_answered_within_its_clock(new_phone: Any, login: Any, api: Any) -> None:
    # given the employee submits a suggestion
    author = new_phone()
    page = author.new_page()
    login(page, EMPLOYEE)
    title = f"More shade at the bike racks {uuid.uuid4().hex[:6]}"
    page.goto("/community/suggestions")
    form = page.locator("form.suggestion-form")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=body]").fill("The bikes get very hot in summer; a simple roof would help.")
    form.locator("button.submit-suggestion").click()

    # then it is listed with its 24-hour answer clock running, ticking down
    card = page.locator("article.suggestion").filter(has_text=title)
    card.wait_for()
    assert card.get_attribute("data-status") == "RECEIVED"
    clock = card.locator(".sla-clock[data-state=running] .sla-time")
    first = clock.inner_text()
    assert re.fullmatch(r"2[34]:\d\d:\d\d", first), first
    page.wait_for_function("([el, was]) => el.textContent !== was", arg=[clock.element_handle(), first], timeout=5_000)

    # when its owner (HR) answers it in the to-answer list
    hr = new_phone()
    desk = hr.new_page()
    login(desk, HR)
    desk.goto("/community/suggestions?tab=answer")
    theirs = desk.locator("article.suggestion").filter(has_text=title)
    theirs.locator(".sla-clock[data-state=running]").wait_for()
    theirs.locator("form.answer-form textarea[name=answer]").fill("Agreed: a roof goes up before June.")
    theirs.locator("button.send-answer").click()
    desk.locator("article.suggestion[data-status=ANSWERED]").filter(has_text=title).wait_for()

    # then the author sees it answered, within the clock, with the answer
    page.reload()
    answered = page.locator("article.suggestion").filter(has_text=title)
    answered.wait_for()
    assert answered.get_attribute("data-status") == "ANSWERED"
    assert answered.locator(".sla-clock").get_attribute("data-state") == "on-time"
    assert "a roof goes up before June" in answered.locator(".suggestion-answer").inner_text()
    mine = [s for s in api(author, SUGGESTIONS, {"s": "MINE"})["suggestions"] if s["title"] == title]
    assert mine and mine[0]["status"] == "ANSWERED" and mine[0]["secondsLeft"] is None, mine
