"""Performance in the PWA against the real backend and the demo company: an employee reads their statement and
files an appeal, a manager rates a report from Team (and the debounced recompute changes the score), and HR
previews a pool (a note being typed survives it), resolves its flags, has the owner approve it (second review),
locks it and downloads the export."""
from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.performance_support import (
    CYCLES, FLAGS, ME_EMPLOYEE, METRIC_LINES, METRIC_VALUES, MY_APPEALS, POOL, POOLS, RATING_TASKS, RATINGS_RECEIVED,
    SCORECARD, STATEMENT, TEAM, graphql_or_none, score_text, wait_for, yuan,
)

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"
OWNER = "owner@demo.local"

CREATE_POOL = """mutation($i: BonusPoolInput!) { createBonusPool(input: $i) { __typename
  ... on BonusPoolSaved { pool { id } } ... on UserError { code message field } } }"""


def appealable_statement(context: Any, api: Any) -> tuple[str, dict[str, Any]]:
    """The newest cycle whose statement the person can still appeal (the demo seed has the open December one)."""
    for cycle in api(context, CYCLES)["reviewCycles"]:
        found = graphql_or_none(context, STATEMENT, {"c": cycle["id"]})
        if found and found["scorecardStatement"]["appealOpen"]:
            return cycle["id"], found["scorecardStatement"]
    raise AssertionError("the demo employee has no statement with an open appeal window")


def test_employee_reads_their_statement_and_files_an_appeal(new_phone: Any, login: Any, api: Any) -> None:
    # given the demo employee, a cycle they can appeal, and the statement the API gives for it
    worker = new_phone()
    page = worker.new_page()
    login(page, EMPLOYEE)
    me = api(worker, ME_EMPLOYEE)["me"]["employee"]
    cycle_id, statement = appealable_statement(worker, api)
    assert statement["lines"], statement

    # when they open My performance from the card on Home and pick that cycle
    page.locator(".perf-card a.to-performance").click()
    page.wait_for_url("**/performance")
    page.locator("select[name=cycle]").select_option(cycle_id)
    page.wait_for_url(f"**/performance?cycle={cycle_id}")

    # then the ring, the statement's total and every line's weighted points are the API's numbers
    page.locator(".stmt-total-value").wait_for()
    assert page.locator(".stmt-total-value").inner_text() == score_text(statement["total"])
    assert page.locator(".perf-total").inner_text() == score_text(statement["total"])
    for line in statement["lines"]:
        row = page.locator(f".stmt-line[data-code='{line['code']}']")
        assert row.locator(".stmt-weighted").inner_text() == score_text(line["weighted"]), line
        assert f"{line['weight']}" in row.inner_text()
    # and the radar chart is drawn by Chart.js on its canvas, labelled with the same points
    first = statement["lines"][0]
    radar = page.locator(".chart canvas").first
    assert score_text(first["points"]) in (radar.get_attribute("aria-label") or "")
    page.wait_for_function("() => [...document.querySelectorAll('.chart canvas')].some((c) => c.width > 0 && c.height > 0)")

    # when they appeal one dimension with a reason and an evidence link
    open_codes = {a["dimensionCode"] for a in api(worker, MY_APPEALS)["myAppeals"] if a["status"] == "OPEN" and a["cycle"]["id"] == cycle_id}
    line = next((ln for ln in statement["lines"] if ln["code"] not in open_codes), None)
    assert line is not None, "every dimension already has an open appeal"
    reason = f"E2E {uuid.uuid4().hex[:8]}: the CRM shows two more closed deals than counted."
    link = "https://crm.example.com/deals/4711"
    form = page.locator("form.appeal-form")
    form.locator("select[name=dimensionCode]").select_option(line["code"])
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("textarea[name=evidence]").fill(link)
    form.locator("button.file-appeal").click()

    # then My appeals lists it as open
    mine = page.locator(".my-appeals li.appeal[data-status='OPEN']").filter(has_text=reason[:12])
    mine.wait_for()
    assert link in mine.inner_text()
    # and the API has it OPEN, about that dimension, with the evidence and a reviewer who is someone else
    filed = [a for a in api(worker, MY_APPEALS)["myAppeals"] if a["reason"] == reason]
    assert len(filed) == 1, filed
    appeal = filed[0]
    assert (appeal["status"], appeal["dimensionCode"], appeal["evidence"], appeal["cycle"]["id"]) == ("OPEN", line["code"], [link], cycle_id)
    assert appeal["reviewer"] is not None and appeal["reviewer"]["id"] != me["id"]
    assert appeal["reviewer"]["name"] in mine.inner_text()


def test_manager_rates_a_report_in_team_and_the_score_is_recomputed(new_phone: Any, login: Any, api: Any) -> None:
    # given the manager, the open cycle, and a manager rating they owe (or can change) for someone below them
    boss = new_phone()
    page = boss.new_page()
    login(page, MANAGER)
    cycle_id = api(boss, CYCLES)["currentReviewCycle"]["id"]
    tasks = [t for t in api(boss, RATING_TASKS, {"c": cycle_id})["ratingTasks"] if t["relation"] == "MANAGER"]
    assert tasks, "the demo manager has no manager ratings to give"
    task = next((t for t in tasks if t["current"] is None), tasks[0])
    person, code = task["employee"], task["dimensionCode"]
    old = task["current"]["score"] if task["current"] else None
    score = 1 if (old or 0) >= 3 else 5
    before = api(boss, SCORECARD, {"c": cycle_id, "e": person["id"]})["scorecard"]

    # when they open Team from Me, tap the person, choose the score on the rubric, comment and save
    page.locator("nav.tabbar a[href='/me']").click()
    page.locator("a[href='/performance/team']").click()
    page.wait_for_url("**/performance/team")
    page.locator(f"li.team-member[data-id='{person['id']}'] a.member-link").click()
    page.wait_for_url(f"**/performance/team/{person['id']}*")
    entry = page.locator(f"li.rating-task[data-dimension='{code}']").first
    entry.locator(f"input[type=radio][value='{score}']").check()
    entry.locator("textarea[name=comment]").fill("E2E: rated from the team screen.")
    entry.locator("button.save-rating").click()
    entry.locator("p.status-ok:not(:empty)").wait_for()

    # then the API has the manager's rating
    received = [r for r in api(boss, RATINGS_RECEIVED, {"c": cycle_id, "e": person["id"]})["ratingsReceived"]
                if r["dimensionCode"] == code and r["relation"] == "MANAGER"]
    assert [(r["score"], r["comment"]) for r in received] == [(score, "E2E: rated from the team screen.")]

    # and after the debounced recompute the scorecard is new, with another total
    def recomputed() -> dict[str, Any] | None:
        card: dict[str, Any] | None = api(boss, SCORECARD, {"c": cycle_id, "e": person["id"]})["scorecard"]
        if card and (before is None or (card["computedAt"] != before["computedAt"] and card["total"] != before["total"])):
            return card
        return None

    after = wait_for(recomputed, "the scorecard was recomputed with the new rating")
    # which the member screen shows once reloaded
    page.reload()
    page.locator(".member-total").wait_for()
    assert page.locator(".member-total").inner_text() == score_text(after["total"])


def pool_to_review(hr: Any, api: Any) -> dict[str, Any]:
    """The seed's previewed pool of a closed cycle (November, with open flags), or a new draft pool on the newest
    closed cycle when the seed has none."""
    pools = [p for p in api(hr, POOLS)["bonusPools"] if p["status"] in ("PREVIEWED", "DRAFT") and p["cycle"]["status"] == "CLOSED"]
    pools.sort(key=lambda p: (p["status"] != "PREVIEWED", -p["openFlagCount"]))
    if pools:
        found: dict[str, Any] = pools[0]
        return found
    closed = [c for c in api(hr, CYCLES)["reviewCycles"] if c["status"] == "CLOSED"]
    assert closed, "no closed cycle to pay a bonus for"
    made = api(hr, CREATE_POOL, {"i": {"cycleId": closed[0]["id"], "name": "E2E bonus", "amountMinor": 10_000_000}})["createBonusPool"]
    assert made["__typename"] == "BonusPoolSaved", made
    fresh: dict[str, Any] = api(hr, POOL, {"id": made["pool"]["id"]})["bonusPool"]
    return fresh


def _wait_for_answers(page: Any, finished: list[str], first: str, then: str, seconds: float = 15) -> None:
    """Until an answer to `then` arrived after one to `first` (operations named in the request bodies)."""
    deadline = time.monotonic() + seconds
    while True:
        at = next((i for i, body in enumerate(finished) if first in body), None)
        if at is not None and any(then in body for body in finished[at + 1:]):
            return
        assert time.monotonic() < deadline, f"no answer to {then!r} after one to {first!r}"
        page.wait_for_timeout(50)


def test_a_note_being_typed_into_a_flag_survives_a_preview(new_phone: Any, login: Any, api: Any) -> None:
    # given HR on a previewed pool with open flags, halfway through typing a justification
    hr = new_phone()
    page = hr.new_page()
    login(page, HR)
    pool = pool_to_review(hr, api)
    page.goto(f"/performance/bonus/{pool['id']}")
    flag = page.locator("li.flag[data-status='OPEN']").first
    flag.wait_for()
    flag_id = flag.get_attribute("data-id")
    draft = "Half a sentence about the department"
    page.locator(f"li.flag[data-id='{flag_id}'] textarea[name=note]").fill(draft)
    # when the pool is previewed again (the detectors run, the flags are read again)
    finished: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request.post_data or ""))
    page.locator("button.preview-pool").click()
    # (the flags are read again only once the preview's answer was applied: a remount would have happened by then)
    _wait_for_answers(page, finished, "mutation PreviewBonusPool", "query PoolFlags")
    # then the note is still there, in the same flag's form
    assert page.locator(f"li.flag[data-id='{flag_id}'] textarea[name=note]").input_value() == draft


def test_hr_resolves_flags_the_owner_approves_and_hr_locks_and_exports_the_pool(new_phone: Any, login: Any, api: Any, tmp_path: Path) -> None:
    # given HR and a pool of a closed cycle that is not approved yet
    hr = new_phone()
    page = hr.new_page()
    login(page, HR)
    hr_id = api(hr, ME_EMPLOYEE)["me"]["employee"]["id"]
    pool = pool_to_review(hr, api)

    # when HR opens it from Me → Bonus allocation and previews it (allocations computed, detectors run)
    page.locator("nav.tabbar a[href='/me']").click()
    page.locator("a[href='/performance/bonus']").click()
    page.locator(f"ul.pool-list li[data-id='{pool['id']}'] a").click()
    page.wait_for_url(f"**/performance/bonus/{pool['id']}")
    finished: list[str] = []  # each GraphQL request's body, in the order their answers arrived
    page.on("requestfinished", lambda request: finished.append(request.post_data or ""))
    page.locator("button.preview-pool").click()
    # The seed's pool is previewed already, so its status proves nothing: wait for this preview's answer
    # and for the flag list to have read the flags again after it.
    _wait_for_answers(page, finished, "mutation PreviewBonusPool", "query PoolFlags")
    page.locator(".pool-status.tag-previewed").wait_for()
    previewed = api(hr, POOL, {"id": pool["id"]})["bonusPool"]
    assert previewed["allocatedMinor"] == previewed["amountMinor"]
    assert page.locator(".allocations-total").is_visible()

    # and resolves every open flag with a justification
    note = f"E2E {uuid.uuid4().hex[:6]}: checked with the department head, results are real."
    open_flags = page.locator("li.flag[data-status='OPEN']")
    page.locator("li.flag").first.wait_for()
    resolved = 0
    while open_flags.count() > 0:
        flag = open_flags.first
        flag_id = flag.get_attribute("data-id")
        flag.locator("textarea[name=note]").fill(note)
        flag.locator("button.resolve-flag").click()
        page.locator(f"li.flag[data-id='{flag_id}'][data-status='JUSTIFIED']").wait_for()
        resolved += 1
    # then the API has no open flag left for the pool, and each one HR resolved carries the note
    flags = api(hr, FLAGS, {"c": previewed["cycle"]["id"], "p": pool["id"]})["anomalyFlags"]
    assert all(f["status"] != "OPEN" for f in flags), flags
    assert sum(1 for f in flags if f["resolution"] == note) == resolved
    # and if HR created the pool, Approve stays disabled for them (a second person must approve)
    if (pool.get("createdBy") or {}).get("id") == hr_id:
        page.reload()
        assert page.locator("button.approve-pool").is_disabled()

    # when the owner (a second HR-level person) approves it
    boss = new_phone()
    owner = boss.new_page()
    login(owner, OWNER)
    owner.goto(f"/performance/bonus/{pool['id']}")
    owner.locator("button.approve-pool:not([disabled])").click()
    owner.locator(".pool-status.tag-approved").wait_for()

    # and HR locks it after the confirm step
    page.reload()
    page.locator("button.lock-pool").click()
    page.locator("button.confirm-lock").click()
    page.locator(".pool-status.tag-locked").wait_for()
    locked = api(hr, POOL, {"id": pool["id"]})["bonusPool"]
    assert locked["status"] == "LOCKED" and locked["exportCsvUrl"]

    # then the CSV export downloads with the pool's total in yuan
    with page.expect_download() as download:
        page.locator("a.export-csv").click()
    saved = tmp_path / "pool.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert yuan(locked["amountMinor"]) in text, text[-400:]


def test_manager_enters_a_metric_of_the_persons_own_statement_by_its_code(new_phone: Any, login: Any, api: Any) -> None:
    # given the manager, the open cycle and someone below them with a statement naming metric-fed lines
    boss = new_phone()
    page = boss.new_page()
    login(page, MANAGER)
    cycle_id = api(boss, CYCLES)["currentReviewCycle"]["id"]
    scored = [m["employee"] for m in api(boss, TEAM, {"c": cycle_id})["teamPerformance"] if m["scorecard"]]
    person, codes = None, []
    for member in scored:
        found = graphql_or_none(boss, METRIC_LINES, {"c": cycle_id, "e": member["id"]})
        lines = found["scorecardStatement"]["lines"] if found else []
        codes = list(dict.fromkeys(ln["metricCode"] for ln in lines if ln["metricCode"]))
        if codes:
            person = member
            break
    assert person is not None, "nobody below the demo manager has a statement with metric lines"

    # when they open the person from Team
    page.goto(f"/performance/team/{person['id']}")
    select = page.locator("form.metric-entry select[name=metricCode]")
    select.wait_for()

    # then the metrics offered are exactly the statement's metric codes, in its order
    assert select.locator("option").evaluate_all("(os) => os.map((o) => o.value)") == codes

    # when they record the last one (keeping its current value, so the demo scores stay put)
    code = codes[-1]
    current = {v["metricCode"]: v["value"] for v in api(boss, METRIC_VALUES, {"c": cycle_id, "e": person["id"]})["metricValues"]}
    value = current.get(code, 1.0)
    select.select_option(code)
    page.locator("form.metric-entry input[name=value]").fill(score_text(value))
    page.locator("form.metric-entry button.save-metric").click()
    page.locator("form.metric-entry p.status-ok:not(:empty)").wait_for()

    # then the API has the value under that metric code, typed in by the manager
    saved = {v["metricCode"]: v for v in api(boss, METRIC_VALUES, {"c": cycle_id, "e": person["id"]})["metricValues"]}
    assert (saved[code]["value"], saved[code]["source"]) == (value, "MANUAL")


def test_hr_checks_a_metric_import_and_sees_the_row_errors_before_anything_is_committed(new_phone: Any, login: Any, tmp_path: Path) -> None:
    # given HR on the import tab and a CSV whose only row names nobody
    hr = new_phone()
    page = hr.new_page()
    login(page, HR)
    sheet = tmp_path / "values.csv"
    sheet.write_text("employee_number,metric_code,value\nNOBODY-404,results,12\n", encoding="utf-8")
    page.goto("/performance/admin?tab=import")

    # when they pick the file and check it
    page.locator("input[name=metricFile]").set_input_files(str(sheet))
    page.locator("button.check-import").click()

    # then the row report names the unknown person and neither commit is offered
    page.locator(".import-report tr.row-bad").first.wait_for()
    assert "NOBODY-404" in page.locator(".import-report tr.row-bad").first.inner_text()
    assert page.locator("button.commit-all").is_disabled()
    assert page.locator("button.commit-valid").is_disabled()
    assert page.locator("p.why-disabled").is_visible()
