"""Metric sources: HR creates them, rotates secrets (with a grace period), switches them off."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.performance import sources
from backend.performance.models import MetricSource, MetricSourceKind
from tests.factories.org import make_company

NOW = datetime(2026, 11, 15, 4, 0, tzinfo=UTC)


async def test_hr_creates_a_source_and_gets_its_secret_once(db):
    # given
    company = await make_company()
    # when
    source, secret = await sources.create_metric_source(company.hr.actor, name=" Jira ", kind=MetricSourceKind.JIRA,
                                                        allowed_metrics=["Delivery", "delivery", "patents"])
    # then
    assert (source.name, source.kind, source.allowed_metrics, source.active) == ("Jira", "jira", ["delivery", "patents"], True)
    assert len(secret) == 43 and source.secret == secret
    assert sources.webhook_path(source) == f"/hooks/metrics/{source.id}"


async def test_creating_is_audited_without_the_secret(db):
    # given
    company = await make_company()
    # when
    source, secret = await sources.create_metric_source(company.hr.actor, name="ERP", kind=MetricSourceKind.ERP)
    # then
    entry = await AuditEntry.of(company.system).get(action="metric_source.created")
    assert entry.after == {"name": "ERP", "kind": "erp", "allowed_metrics": []}
    assert secret not in str(entry.after)


async def test_a_name_is_unique_in_the_organisation(db):
    # given
    company = await make_company()
    await sources.create_metric_source(company.hr.actor, name="CRM", kind=MetricSourceKind.CRM)
    # when / then
    with pytest.raises(Conflict):
        await sources.create_metric_source(company.hr.actor, name="CRM", kind=MetricSourceKind.OTHER)


async def test_bad_metric_codes_are_refused(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as raised:
        await sources.create_metric_source(company.hr.actor, name="Git", kind=MetricSourceKind.GIT,
                                           allowed_metrics=["lines of code"])
    # then
    assert raised.value.field == "allowedMetrics"


async def test_rotating_keeps_the_old_secret_for_24_hours(db):
    # given
    company = await make_company()
    source, old = await sources.create_metric_source(company.hr.actor, name="CRM", kind=MetricSourceKind.CRM)
    # when
    with clock.frozen_at(NOW):
        rotated, new = await sources.rotate_metric_source_secret(company.hr.actor, source_id=source.id)
    # then
    assert new != old
    assert (rotated.secret, rotated.previous_secret, rotated.previous_valid_until) == (new, old, NOW + timedelta(hours=24))
    assert await AuditEntry.of(company.system).filter(action="metric_source.secret_rotated").count() == 1


async def test_hr_switches_a_source_off_and_on(db):
    # given
    company = await make_company()
    source, _ = await sources.create_metric_source(company.hr.actor, name="CRM", kind=MetricSourceKind.CRM)
    # when
    off = await sources.set_metric_source_active(company.hr.actor, source_id=source.id, active=False)
    on = await sources.set_metric_source_active(company.hr.actor, source_id=source.id, active=True)
    # then
    assert (off.active, on.active) == (False, True)
    actions = await AuditEntry.of(company.system).filter(entity_type="metric_source").order_by("at").values_list(
        "action", flat=True)
    assert actions == ["metric_source.created", "metric_source.deactivated", "metric_source.activated"]


async def test_sources_are_listed_by_name(db):
    # given
    company = await make_company()
    for name in ("Jira", "CRM", "Git"):
        await sources.create_metric_source(company.hr.actor, name=name, kind=MetricSourceKind.OTHER)
    # when
    found = await sources.list_metric_sources(company.hr.actor)
    # then
    assert [s.name for s in found] == ["CRM", "Git", "Jira"]


async def test_managers_cannot_manage_sources(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await sources.create_metric_source(company.manager.actor, name="CRM", kind=MetricSourceKind.CRM)
    with pytest.raises(Forbidden):
        await sources.list_metric_sources(company.manager.actor)


async def test_another_organisations_source_is_not_found(db):
    # given
    mine, theirs = await make_company("Acme"), await make_company("Other")
    source, _ = await sources.create_metric_source(theirs.hr.actor, name="CRM", kind=MetricSourceKind.CRM)
    # when / then
    with pytest.raises(NotFound):
        await sources.rotate_metric_source_secret(mine.hr.actor, source_id=source.id)
    with pytest.raises(NotFound):
        await sources.set_metric_source_active(mine.hr.actor, source_id=source.id, active=False)
    assert await sources.list_metric_sources(mine.hr.actor) == []
    assert (await MetricSource.get(id=source.id)).active is True
