"""Recognition in the PWA against the real backend: a manager's praise reaching a report's inbox and
wall, and HR previewing, saving and activating a rule."""
from __future__ import annotations

import re
import time
from typing import Any

import pytest

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"

WHO = "query { me { employee { id name manager { id } reports { id } } } }"
VALUES = "query { companyValues { id code } }"
NOTIFICATIONS = """query { notifications(first: 50) { edges { node { id bodyEn link readAt } } } }"""
PREVIEW = """mutation($i: PreviewRuleInput!) { previewRule(input: $i) { __typename
  ... on RulePreviewed { preview { eventsConsidered recipients pointsTotal badges } }
  ... on UserError { code message field } } }"""
RULES = "query { rules { id name trigger conditions awards active } }"


def _suffix() -> str:
    return str(int(time.time() * 1000))[-8:]


def test_manager_praises_a_report_who_sees_it_on_the_wall_and_in_the_inbox(new_phone: Any, login: Any, api: Any) -> None:
    # given the demo employee, who reports to the demo manager (as the API says), and a company value
    worker = new_phone()
    worker_page = worker.new_page()
    login(worker_page, EMPLOYEE)
    employee = api(worker, WHO)["me"]["employee"]
    boss = new_phone()
    page = boss.new_page()
    login(page, MANAGER)
    manager = api(boss, WHO)["me"]["employee"]
    assert employee["manager"]["id"] == manager["id"]
    assert employee["id"] in {r["id"] for r in manager["reports"]}
    value = api(boss, VALUES)["companyValues"][0]
    praise = f"Kept line 1 running through the night shift, thank you ({_suffix()})"

    # when the manager finds them on /recognize and gives public praise tied to the value
    page.goto("/recognize")
    page.locator("#recognize-search").fill(employee["name"])
    page.locator(f"main a.person[href='/recognize?to={employee['id']}']").first.click()
    page.locator("fieldset.segmented input[value='feedback']").check()
    form = page.locator("main form.form")
    form.locator("input[name=kind][value=PRAISE]").check()
    form.locator("textarea[name=message]").fill(praise)
    form.locator(f"input[name=valueId][value='{value['id']}']").check()
    form.locator("input[name=isPublic]").check()
    form.locator("button[type=submit]").click()
    # then a confirmation links to the employee's wall
    page.locator(f"section.done a[href='/community/{employee['id']}/wall']").wait_for()

    # when the employee looks at their phone, then the bell shows the unread count
    worker_page.reload()
    count = worker_page.locator("a.bell .bell-count")
    count.wait_for()
    shown = int(count.inner_text())
    assert shown >= 1
    assert str(shown) in (worker_page.locator("a.bell").get_attribute("aria-label") or "")
    assert api(worker, "query { unreadNotificationCount }")["unreadNotificationCount"] >= shown

    # when they open the inbox and tap the praise notification
    worker_page.locator("a.bell").click()
    worker_page.locator("ul.inbox li.is-unread a").filter(has_text=praise).first.click()
    # then they land on their wall with the praise highlighted
    worker_page.wait_for_url(re.compile(r"/wall\?highlight="))
    worker_page.locator("li.wall-item.is-highlighted").filter(has_text=praise).wait_for()
    # and the notification is now read
    opened = [n["node"] for n in api(worker, NOTIFICATIONS)["notifications"]["edges"] if n["node"]["bodyEn"] == praise]
    assert opened and opened[0]["readAt"] is not None
    assert worker_page.url.endswith(opened[0]["link"])


def test_hr_previews_and_saves_a_rule(phone: Any, login: Any, api: Any) -> None:
    # given HR on a new rule
    page = phone.new_page()
    login(page, HR)
    name = f"E2E kudos bonus {_suffix()}"
    page.goto("/me/rules/new")
    form = page.locator("main form.rule-form")

    # when they pick "kudos received", add a condition points ≥ 1 and award 7 points
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=trigger]").select_option("kudos_received")
    form.locator("button.add-condition").click()
    row = form.locator("li.condition-row").first
    row.locator("select[name=condition-field]").select_option("points")
    row.locator("select[name=condition-op]").select_option("gte")
    row.locator("input[name=condition-value]").fill("1")
    form.locator("input[name=points]").fill("7")
    # and preview last month
    page.locator("button.preview-rule").click()
    # then the result panel shows the numbers the API computes for the same definition
    panel = page.locator("section.rule-preview")
    panel.wait_for()
    expected = api(phone, PREVIEW, {"i": {"trigger": "kudos_received", "awards": {"points": 7},
                                          "conditions": {"all": [{"field": "points", "op": "gte", "value": 1}]}}})
    assert expected["previewRule"]["__typename"] == "RulePreviewed", expected
    preview = expected["previewRule"]["preview"]
    numbers = panel.locator("dl.facts dd").all_inner_texts()
    assert numbers[0] == str(preview["eventsConsidered"])
    assert numbers[1] == str(preview["recipients"])
    assert numbers[2] == str(preview["pointsTotal"])
    assert numbers[4] == str(preview["badges"])

    # when they save it and activate it
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/me/rules/[0-9a-f-]{36}$"))
    page.locator("button.activate-rule.btn-primary:not([disabled])").click()
    page.locator("button.activate-rule.btn-danger-quiet").wait_for()
    # then the rules list shows it as active
    page.locator("a.icon-btn[href='/me/rules']").click()
    listed = page.locator("li.rule-row").filter(has_text=name)
    listed.wait_for()
    assert listed.locator("input[role=switch]").is_checked()
    saved = next(r for r in api(phone, RULES)["rules"] if r["name"] == name)
    assert saved["active"] is True and saved["trigger"] == "kudos_received"
    assert saved["conditions"] == {"all": [{"field": "points", "op": "gte", "value": 1}]}
    assert saved["awards"]["points"] == 7
