"""Constants and helpers shared by the browser tests (imported by conftest.py and the tests)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
PWA_DIST = REPO_ROOT / "pwa" / "dist"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "seen-demo"
PHONE = {"width": 390, "height": 844}


def sign_in(page: Any, login: str, password: str = DEMO_PASSWORD) -> None:
    """Use the login screen like a person would, and wait for the signed-in shell."""
    page.goto("/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.locator("nav.tabbar").wait_for()


def graphql(context: Any, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Ask the API directly with the context's session cookie (to know what the UI should show)."""
    res = context.request.post("/graphql", data=json.dumps({"query": query, "variables": variables or {}}),
                               headers={"Content-Type": "application/json"})
    body = res.json()
    assert res.status == 200 and not body.get("errors"), body
    return body["data"]


ME = """query { me { locale employee { id name jobTitle level hireDate
  department { id name } manager { id name } site { name } } } }"""
