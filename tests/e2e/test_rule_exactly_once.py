"""A rule fires on kudos received and its points arrive exactly once, even when the outbox event is
delivered again and the drain job runs twice more (at-least-once delivery, exactly-once effects)."""
from __future__ import annotations

import json
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
AWARDS = "query { notifications(first: 100) { edges { node { kind } } } }"


def _rule_awards(context: Any, api: Any) -> int:
    return sum(1 for e in api(context, AWARDS)["notifications"]["edges"] if e["node"]["kind"] == "rule_award")


def _db(env: dict[str, str]) -> sqlite3.Connection:
    return sqlite3.connect(Path(env["SEEN_DATA_DIR"]) / "seen.sqlite3", timeout=10)


def _handled_event(env: dict[str, str], receiver_id: str) -> str:
    """The newest kudos event for the receiver, once the drain has finished with it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with _db(env) as conn:
            row = conn.execute("SELECT id, dispatched_at FROM outbox_event WHERE type = 'recognition.kudos_given' "
                               "AND payload LIKE ? ORDER BY created_at DESC LIMIT 1", (f"%{receiver_id}%",)).fetchone()
        if row and row[1]:
            return str(row[0])
        time.sleep(0.1)
    raise AssertionError("the kudos event was not handled within a minute")


def _firings(env: dict[str, str], event_id: str) -> list[dict[str, Any]]:
    with _db(env) as conn:
        return [json.loads(awards) for (awards,) in conn.execute("SELECT awards FROM rule_firing WHERE event_id = ?", (event_id,))]


def _redeliver_and_drain(env: dict[str, str], event_id: str) -> str:
    """As if a worker died after handling the event but before marking it dispatched."""
    with _db(env) as conn:
        conn.execute("UPDATE outbox_event SET dispatched_at = NULL, claimed_until = NULL WHERE id = ?", (event_id,))
    seen = Path(sys.executable).parent / "seen"
    done = subprocess.run([str(seen), "run-job", "drain_outbox"], env=env, cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_rule_fires_on_kudos_received_and_the_points_arrive_exactly_once(
    new_phone: Any, login: Any, api: Any, live_env: dict[str, str],
) -> None:
    # given the manager's wallet and inbox, and the demo rule "kudos received -> +5 points"
    boss = new_phone()
    boss_page = boss.new_page()
    login(boss_page, MANAGER)
    manager = api(boss, WHO)["me"]["employee"]
    before, awards_before = api(boss, WALLET)["pointsBalance"]["wallet"], _rule_awards(boss, api)

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

    # then the rules fired (the demo's +5 among them), and the wallet grew by 10 plus their points
    event_id = _handled_event(live_env, manager["id"])
    fired = _firings(live_env, event_id)
    assert 5 in [f["points"] for f in fired]
    expected = before + 10 + sum(f["points"] for f in fired)
    assert api(boss, WALLET)["pointsBalance"]["wallet"] == expected
    assert _rule_awards(boss, api) == awards_before + len(fired)

    # when the same event is delivered again and drained, twice
    first = _redeliver_and_drain(live_env, event_id)
    second = _redeliver_and_drain(live_env, event_id)

    # then the handler really ran again each time, yet the points and the awards arrived once
    assert (first, second) == ("drain_outbox: 1", "drain_outbox: 1")
    assert _firings(live_env, event_id) == fired
    assert api(boss, WALLET)["pointsBalance"]["wallet"] == expected
    assert _rule_awards(boss, api) == awards_before + len(fired)
    # and the manager's home screen shows that wallet
    boss_page.goto("/")
    boss_page.locator(".points-wallet .big").filter(has_text=f"{expected:,}").wait_for()
