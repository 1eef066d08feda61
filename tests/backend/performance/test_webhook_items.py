"""Each pushed value gets its own answer: created, duplicate or rejected with a code."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from backend.core import clock
from backend.performance import metrics, sources, webhook, webhook_items
from backend.performance.models import CycleKind, MetricSourceKind, MetricValue, MetricValueChange, ValueSource
from tests.factories.performance import make_cycle
from tests.factories.performance_data import Scored, scored_company

NOW = datetime(2026, 11, 15, 4, 0, tzinfo=UTC)


async def _push(s: Scored, values: list[Any], *, allowed: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    source, secret = await sources.create_metric_source(s.company.hr.actor, name=f"CRM {len(values)}",
                                                        kind=MetricSourceKind.CRM, allowed_metrics=allowed)
    body = json.dumps({"values": values}).encode()
    ts = int(clock.now().timestamp())
    results = await webhook.receive(str(source.id), timestamp=str(ts), signature=webhook.sign(secret, ts, body), body=body)
    return [r.as_json() for r in results]


def _value(s: Scored, external_id: str, **overrides: Any) -> dict[str, Any]:
    return {"external_id": external_id, "employee_number": s.company.employee.employee.employee_number,
            "metric_code": "results", "value": 10, **overrides}


async def test_each_value_is_answered_in_order_with_a_code(db):
    # given
    s = await scored_company()
    values = [_value(s, "ok"), "not an object", {"employee_number": "E1"}, _value(s, "who", employee_number="E99999"),
              _value(s, "what", metric_code="velocity"), _value(s, "mine", employee_number=s.company.hr.employee.employee_number),
              _value(s, "nan", value="ten"), _value(s, "pct", metric_code="retention", value=140),
              _value(s, "when", date="2026-12-03"), _value(s, "bad-day", date="15/11/2026"), _value(s, "ok")]
    # when
    with clock.frozen_at(NOW):
        results = await _push(s, values)
    # then
    assert [(r["external_id"], r["status"], r["code"]) for r in results] == [
        ("ok", "created", None), (None, "rejected", "invalid"), (None, "rejected", "invalid"),
        ("who", "rejected", "unknown_employee"), ("what", "rejected", "unknown_metric"),
        ("mine", "rejected", "not_on_scorecard"), ("nan", "rejected", "not_a_number"),
        ("pct", "rejected", "out_of_range"), ("when", "rejected", "no_open_cycle"), ("bad-day", "rejected", "invalid"),
        ("ok", "duplicate", "duplicate")]
    assert results[8]["message"] == "No open review cycle contains 2026-12-03."
    assert await MetricValueChange.of(s.company.system).count() == 1


async def test_a_source_may_only_send_its_allowed_metrics(db):
    # given
    s = await scored_company()
    # when
    with clock.frozen_at(NOW):
        results = await _push(s, [_value(s, "a"), _value(s, "b", metric_code="retention", value=80)], allowed=("results",))
    # then
    assert [(r["status"], r["code"]) for r in results] == [("created", None), ("rejected", "metric_not_allowed")]


async def test_the_date_picks_the_open_cycle_containing_it_in_the_organisations_zone(db):
    # given November is open and December too; 2026-11-30 23:30 UTC is already 1 December in Shanghai
    s = await scored_company()
    december = await make_cycle(s.company.system, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31),
                                name="December 2026")
    # when
    with clock.frozen_at(datetime(2026, 11, 30, 23, 30, tzinfo=UTC)):
        await _push(s, [_value(s, "today"), _value(s, "dated", date="2026-11-02", metric_code="retention", value=50)])
    # then
    rows = await MetricValue.of(s.company.system).order_by("metric_code").values_list("metric_code", "cycle_id")
    assert rows == [("results", december.id), ("retention", s.cycle.id)]


async def test_a_month_wins_over_a_quarter_containing_the_same_day(db):
    # given
    s = await scored_company()
    await make_cycle(s.company.system, starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31), kind=CycleKind.QUARTERLY,
                     name="Q4 2026")
    # when
    with clock.frozen_at(NOW):
        await _push(s, [_value(s, "a")])
    # then
    assert await MetricValue.of(s.company.system).values_list("cycle_id", flat=True) == [s.cycle.id]


async def test_a_value_may_name_its_open_cycle(db):
    # given
    s = await scored_company()
    quarter = await make_cycle(s.company.system, starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31),
                               kind=CycleKind.QUARTERLY, name="Q4 2026")
    # when
    with clock.frozen_at(NOW):
        await _push(s, [_value(s, "a", cycle_id=str(quarter.id))])
    # then
    assert await MetricValue.of(s.company.system).values_list("cycle_id", flat=True) == [quarter.id]


async def test_pushed_values_record_the_source_and_its_external_ids(db):
    # given
    s = await scored_company()
    # when
    with clock.frozen_at(NOW):
        await _push(s, [_value(s, "a", value=1), _value(s, "b", value=2)])
    # then
    history = await MetricValueChange.of(s.company.system).order_by("recorded_at").values_list(
        "external_id", "value", "previous_value", "source", "source_label")
    assert history == [("a", 1.0, None, ValueSource.WEBHOOK, "CRM 2"), ("b", 2.0, 1.0, ValueSource.WEBHOOK, "CRM 2")]


async def test_a_retry_racing_past_the_duplicate_check_is_answered_by_the_unique_constraint(db):
    # given another request recorded "a" after this one looked for duplicates
    s = await scored_company()
    source, _ = await sources.create_metric_source(s.company.hr.actor, name="CRM", kind=MetricSourceKind.CRM)
    worker = s.company.employee.employee.id

    def supplied(external_id: str, value: float) -> metrics.Supplied:
        return metrics.Supplied(cycle_id=s.cycle.id, employee_id=worker, metric_code="results", value=value,
                                source=ValueSource.WEBHOOK, metric_source_id=source.id, external_id=external_id)

    await metrics.write_values(s.company.system, [supplied("a", 1)])
    # when
    replayed = await webhook_items._write(s.company.system, [(0, supplied("a", 5)), (1, supplied("b", 7))])
    # then
    assert replayed == [(0, "a")]
    assert await MetricValueChange.of(s.company.system).order_by("recorded_at").values_list("external_id", "value") == [
        ("a", 1.0), ("b", 7.0)]
