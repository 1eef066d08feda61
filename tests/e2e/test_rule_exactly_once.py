"""A rule fires on kudos received and its points arrive exactly once, even when the outbox event is
delivered again and the drain job runs twice more (at-least-once delivery, exactly-once effects)."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.e2e_support import REPO_ROOT

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
WHO = "query { me { employee { id name } } }"
WALLET = "query { pointsBalance { wallet } }"
AWARDS = "query { notifications(first: 50) { edges { node { kind bodyEn link } } } }"


def _rule_awards(context: Any, api: Any) -> list[dict[str, Any]]:
    return [e["node"] for e in api(context, AWARDS)["notifications"]["edges"] if e["node"]["kind"] == "rule_award"]


def _redeliver_and_drain(env: dict[str, str], receiver_id: str) -> str:
    """As if a worker died after handling the event but before marking it dispatched."""
    with sqlite3.connect(Path(env["SEEN_DATA_DIR"]) / "seen.sqlite3", timeout=10) as conn:
        conn.execute(
            "UPDATE outbox_event SET dispatched_at = NULL, claimed_until = NULL WHERE id = ("
            "SELECT id FROM outbox_event WHERE type = 'recognition.kudos_given' AND payload LIKE ? "
            "ORDER BY created_at DESC LIMIT 1)", (f'%{receiver_id}%',))  # the receiver (the giver is someone else)
    seen = Path(sys.executable).parent / "seen"
    done = subprocess.run([str(seen), "run-job", "drain_outbox"], env=env, cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_rule_fires_on_kudos_received_and_the_points_arrive_exactly_once(
    new_phone: Any, login: Any, api: Any, live_env: dict[str, str],
) -> None:
    # given the manager's wallet, and the demo rule "kudos received -> +5 points"
    boss = new_phone()
    boss_page = boss.new_page()
    login(boss_page, MANAGER)
    manager = api(boss, WHO)["me"]["employee"]
    before = api(boss, WALLET)["pointsBalance"]["wallet"]
    awards_before = len(_rule_awards(boss, api))

    # when the employee sends the manager kudos with 10 points from the PWA
    worker = new_phone()
    page = worker.new_page()
    login(page, EMPLOYEE)
    page.goto(f"/recognize?to={manager['id']}")
    form = page.locator("main form.form")
    form.locator("input[name=points]").fill("10")
    form.locator("textarea[name=message]").fill(f"Thanks for the changeover plan ({int(time.time())})")
    form.locator("button[type=submit]").click()
    page.locator("section.done").wait_for()

    # then within a minute the rule's award is in the manager's inbox and the wallet grew by 10 + 5
    deadline = time.monotonic() + 60
    while len(_rule_awards(boss, api)) == awards_before:
        assert time.monotonic() < deadline, "the rule's award did not arrive within a minute"
        time.sleep(0.2)
    assert api(boss, WALLET)["pointsBalance"]["wallet"] == before + 15

    # when the same event is delivered again and drained, twice
    first = _redeliver_and_drain(live_env, manager["id"])
    second = _redeliver_and_drain(live_env, manager["id"])

    # then the handler really ran again each time, yet the points and the award arrived once
    assert (first, second) == ("drain_outbox: 1", "drain_outbox: 1")
    assert api(boss, WALLET)["pointsBalance"]["wallet"] == before + 15
    assert len(_rule_awards(boss, api)) == awards_before + 1
    # and the manager's home screen shows that wallet
    boss_page.goto("/")
    boss_page.locator(".points-wallet .big").filter(has_text=f"{before + 15:,}").wait_for()
