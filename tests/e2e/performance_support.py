"""GraphQL the performance browser tests ask directly (to know what the screens should show), and small helpers."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

CYCLES = "query { reviewCycles { id nameEn status endsOn } currentReviewCycle { id status } }"
STATEMENT = """query($c: ID!, $e: ID) { scorecardStatement(cycleId: $c, employeeId: $e) {
  total appealOpen lines { code nameEn source weight raw unit points weighted missing } } }"""
SCORECARD = "query($c: ID, $e: ID) { scorecard(cycleId: $c, employeeId: $e) { id total computedAt } }"
MY_APPEALS = "query { myAppeals { id status dimensionCode reason evidence reviewer { id name } cycle { id } } }"
ME_EMPLOYEE = "query { me { employee { id name } } }"
RATING_TASKS = """query($c: ID!) { ratingTasks(cycleId: $c) { employee { id name } dimensionCode relation
  current { score } } }"""
RATINGS_RECEIVED = """query($c: ID!, $e: ID) { ratingsReceived(cycleId: $c, employeeId: $e) {
  dimensionCode relation score comment rater { id } } }"""
POOLS = """query { bonusPools { id name status amountMinor currency openFlagCount createdBy { id }
  cycle { id status } } }"""
POOL = """query($id: ID!) { bonusPool(id: $id) { id status amountMinor allocatedMinor openFlagCount exportCsvUrl
  approvedBy { id } cycle { id } } }"""
FLAGS = "query($c: ID!, $p: ID) { anomalyFlags(cycleId: $c, poolId: $p) { id status resolution } }"
TEAM = "query($c: ID) { teamPerformance(cycleId: $c) { employee { id name } scorecard { id } } }"
METRIC_LINES = """query($c: ID!, $e: ID) { scorecardStatement(cycleId: $c, employeeId: $e) {
  lines { code nameEn metricCode } } }"""
METRIC_VALUES = "query($c: ID!, $e: ID!) { metricValues(cycleId: $c, employeeId: $e) { metricCode value source } }"


def wait_for(check: Callable[[], T | None], what: str, timeout: float = 30.0) -> T:
    """Poll `check` until it returns something truthy (workers recompute after a debounce)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.3)
    raise AssertionError(f"{what} within {timeout}s")


def score_text(value: float) -> str:
    """A score as the PWA writes it (at most 2 decimals, no trailing zeros, no grouping below 1,000)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def yuan(minor: int) -> str:
    """Fen as the payroll export writes yuan: exact, 2 decimals."""
    return f"{minor // 100}.{minor % 100:02d}"


def api_list(api: Any, context: Any, query: str, key: str, variables: dict[str, Any] | None = None) -> list[Any]:
    rows = api(context, query, variables)[key]
    assert isinstance(rows, list), rows
    return rows


def graphql_or_none(context: Any, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Like the `api` fixture, but None when the API answers with an error (e.g. no statement for a cycle)."""
    import json

    res = context.request.post("/graphql", data=json.dumps({"query": query, "variables": variables or {}}),
                               headers={"Content-Type": "application/json"})
    body = res.json()
    if res.status != 200 or body.get("errors"):
        return None
    data = body["data"]
    assert isinstance(data, dict)
    return data
