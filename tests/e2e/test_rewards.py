"""The reward pool in the PWA against the real backend: an employee redeems a remote-work day with a
confirmation step, the manager approves it in one tap from the inbox, and the day is granted."""
from __future__ import annotations

import re
import time
import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"

WHO = "query { me { employee { id name manager { id } } } }"
BALANCE = "query { pointsBalance { wallet held } }"
ENTITLEMENTS = "query { myEntitlements { id kind days usedDays } }"
REDEMPTION = "query($id: ID!) { redemption(id: $id) { id status points item { id } } }"
MY_REDEMPTIONS = "query { myRedemptions(first: 5) { edges { node { id status points item { id } } } } }"
REMOTE_ITEMS = """query { rewards(kind: REMOTE_DAYS) { id nameEn costPoints days requiresApproval stock perPersonLimit
  limitPeriod eligibility active } }"""
CREATE_REWARD = """mutation($i: RewardItemInput!) { createReward(input: $i) { __typename
  ... on RewardItemSaved { item { id nameEn costPoints days requiresApproval } } ... on UserError { code message field } } }"""
ADJUST_POINTS = """mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { __typename
  ... on PointsAdjusted { balance { wallet held } } ... on UserError { code message field } } }"""


def remote_day_item(hr: Any, api: Any) -> dict[str, Any]:
    """The demo catalogue's one-day remote-work reward (needs approval), or one made by HR if the seed has none."""
    items = [i for i in api(hr, REMOTE_ITEMS)["rewards"]
             if i["days"] == 1 and i["requiresApproval"] and not i["eligibility"] and i["stock"] != 0]
    if items:
        return items[0]
    made = api(hr, CREATE_REWARD, {"i": {
        "kind": "REMOTE_DAYS", "nameEn": "One remote-work day", "nameZh": "远程办公 1 天", "costPoints": 300, "days": 1,
        "descriptionEn": "Work from home for a day of your choosing.", "descriptionZh": "任选一天居家办公。",
        "requiresApproval": True, "perPersonLimit": 20, "limitPeriod": "MONTH"}})["createReward"]
    assert made["__typename"] == "RewardItemSaved", made
    return made["item"]


def give_points(hr: Any, api: Any, employee_id: str, points: int) -> None:
    done = api(hr, ADJUST_POINTS, {"i": {"employeeId": employee_id, "points": points, "reason": "E2E: rewards test",
                                         "clientKey": uuid.uuid4().hex}})["adjustPoints"]
    assert done["__typename"] == "PointsAdjusted", done


def wait_for(check: Any, what: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} within {timeout}s")


def test_employee_redeems_a_remote_day_and_the_manager_approves_in_one_tap(new_phone: Any, login: Any, api: Any) -> None:
    # given HR, the remote-day reward, and the employee (who reports to the manager) with enough points
    hr = new_phone()
    login(hr.new_page(), HR)
    item = remote_day_item(hr, api)
    worker = new_phone()
    page = worker.new_page()
    login(page, EMPLOYEE)
    employee = api(worker, WHO)["me"]["employee"]
    give_points(hr, api, employee["id"], item["costPoints"] + 50)
    before = api(worker, BALANCE)["pointsBalance"]
    remote_before = sum(e["days"] for e in api(worker, ENTITLEMENTS)["myEntitlements"] if e["kind"] == "REMOTE_DAYS")
    assert before["wallet"] >= item["costPoints"]

    # when the employee opens the pool, picks the remote day, redeems and confirms
    page.locator("nav.tabbar a[href='/rewards']").click()
    page.locator(f"a.reward-card[href='/rewards/{item['id']}']").click()
    page.wait_for_url(f"**/rewards/{item['id']}")
    page.locator("button.redeem:not([disabled])").click()
    confirm = page.locator(".confirm-box")
    confirm.wait_for()
    # then the confirmation states the cost and the wallet after it
    assert f"{before['wallet'] - item['costPoints']:,}" in confirm.inner_text()
    page.locator("button.confirm-redeem").click()
    page.wait_for_url(re.compile(r"/rewards/redemptions/[0-9a-f-]{36}$"))
    redemption_id = page.url.rsplit("/", 1)[1]
    page.locator(".redemption-status.tag-pending").wait_for()

    # and My redemptions lists it as pending with the points held
    page.locator("a.icon-btn[href='/rewards/redemptions']").click()
    row = page.locator(f"li.redemption-row[data-id='{redemption_id}']")
    row.locator(".tag-pending").wait_for()
    assert f"{item['costPoints']:,}" in row.inner_text()
    assert row.locator("button.cancel-redemption").is_visible()
    held = api(worker, BALANCE)["pointsBalance"]
    assert held == {"wallet": before["wallet"] - item["costPoints"], "held": before["held"] + item["costPoints"]}
    assert api(worker, REDEMPTION, {"id": redemption_id})["redemption"]["status"] == "PENDING"

    # when the manager opens the inbox and taps the "redemption requested" notification
    boss = new_phone()
    boss_page = boss.new_page()
    login(boss_page, MANAGER)
    boss_page.locator("a.bell").click()
    boss_page.locator("ul.inbox a[href='/approvals']").first.click()
    # then they land on Approvals, where one tap on Approve decides it
    boss_page.wait_for_url("**/approvals")
    request = boss_page.locator(f"li.approval[data-id='{redemption_id}']")
    request.wait_for()
    assert employee["name"] in request.inner_text()
    request.locator("button.approve").click()
    request.wait_for(state="detached")
    boss_page.locator("p.status-ok:not(:empty)").wait_for()

    # then the employee's redemption shows fulfilled
    wait_for(lambda: api(worker, REDEMPTION, {"id": redemption_id})["redemption"]["status"] == "FULFILLED",
             "the redemption was fulfilled")
    page.goto(f"/rewards/redemptions/{redemption_id}")
    page.locator(".redemption-status.tag-fulfilled").wait_for()
    # and one more remote-work day is theirs, the wallet dropped by the cost and nothing is held
    remote_after = sum(e["days"] for e in api(worker, ENTITLEMENTS)["myEntitlements"] if e["kind"] == "REMOTE_DAYS")
    assert remote_after == remote_before + 1
    assert api(worker, BALANCE)["pointsBalance"] == {"wallet": before["wallet"] - item["costPoints"], "held": 0}
    # and My redemptions agrees
    page.goto("/rewards/redemptions")
    page.locator(f"li.redemption-row[data-id='{redemption_id}'] .tag-fulfilled").wait_for()
    assert page.locator(f"li.redemption-row[data-id='{redemption_id}'] button.cancel-redemption").count() == 0
