"""Metric sources (数据源): the external systems (CRM, Git, Jira, ERP) allowed to push values to the
signed webhook. HR creates them, rotates their secrets and switches them off; a secret is shown once.
Receiving pushes is backend.performance.webhook's job."""
from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import timedelta
from uuid import UUID

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db, validation
from backend.core.errors import Conflict, ValidationFailed
from backend.performance.models import MetricSource, MetricSourceKind

# Long enough for a sender to roll the new secret out without dropping pushes.
ROTATION_GRACE = timedelta(hours=24)
MAX_ALLOWED_METRICS = 50
_METRIC_CODE = re.compile(r"^[a-z0-9_]{1,40}$")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


async def create_metric_source(actor: Actor, *, name: str, kind: MetricSourceKind,
                               allowed_metrics: Sequence[str] = ()) -> tuple[MetricSource, str]:
    """Returns the source and its secret (stored for signing checks, never shown again). Requires
    PERFORMANCE_CONFIGURE; audited as metric_source.created (without the secret). Raises Forbidden,
    ValidationFailed, Conflict (the name is taken)."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    text = validation.trimmed(name, field="name", max_length=80)
    try:
        kind = MetricSourceKind(kind)
    except ValueError:
        raise ValidationFailed("Choose crm, git, jira, erp or other.", field="kind") from None
    codes = _metric_codes(allowed_metrics)
    secret = new_secret()
    try:
        async with db.transaction():
            source = await MetricSource.create_for(actor, name=text, kind=kind, secret=secret, allowed_metrics=codes)
            await audit.record(actor, action="metric_source.created", entity_type="metric_source", entity_id=source.id,
                               after={"name": text, "kind": kind, "allowed_metrics": codes})
    except IntegrityError:
        raise Conflict(f"A metric source named “{text}” already exists.", field="name") from None
    return source, secret


async def rotate_metric_source_secret(actor: Actor, *, source_id: UUID) -> tuple[MetricSource, str]:
    """A new secret; the previous one keeps working for 24 hours so the sender can switch over. Requires
    PERFORMANCE_CONFIGURE; audited as metric_source.secret_rotated. Raises Forbidden, NotFound."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    source = await MetricSource.get_for(actor, source_id, what="metric source")
    secret, now = new_secret(), clock.now()
    async with db.transaction():
        await MetricSource.of(actor).filter(id=source.id).update(
            secret=secret, previous_secret=source.secret, previous_valid_until=now + ROTATION_GRACE)
        await audit.record(actor, action="metric_source.secret_rotated", entity_type="metric_source",
                           entity_id=source.id, after={"previous_valid_until": now + ROTATION_GRACE})
    return await MetricSource.of(actor).get(id=source.id), secret


async def set_metric_source_active(actor: Actor, *, source_id: UUID, active: bool) -> MetricSource:
    """Switch pushes from a source off (they are refused as unknown) or back on. Requires
    PERFORMANCE_CONFIGURE; audited as metric_source.activated / .deactivated. Raises Forbidden, NotFound."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    source = await MetricSource.get_for(actor, source_id, what="metric source")
    if source.active != active:
        async with db.transaction():
            await MetricSource.of(actor).filter(id=source.id).update(active=active)
            await audit.record(actor, action="metric_source.activated" if active else "metric_source.deactivated",
                               entity_type="metric_source", entity_id=source.id,
                               before={"active": source.active}, after={"active": active})
    return await MetricSource.of(actor).get(id=source.id)


async def list_metric_sources(actor: Actor) -> list[MetricSource]:
    """Every source of the organisation by name. Requires PERFORMANCE_CONFIGURE."""
    require(actor, Permission.PERFORMANCE_CONFIGURE)
    return list(await MetricSource.of(actor).order_by("name"))


def webhook_path(source: MetricSource) -> str:
    return f"/hooks/metrics/{source.id}"


def _metric_codes(values: Sequence[str]) -> list[str]:
    codes = list(dict.fromkeys(v.strip().lower() for v in values if v.strip()))
    bad = [c for c in codes if not _METRIC_CODE.match(c)]
    if bad:
        raise ValidationFailed(f"Metric codes use a–z, 0–9 and _ (at most 40): {', '.join(bad)}.",
                               field="allowedMetrics")
    if len(codes) > MAX_ALLOWED_METRICS:
        raise ValidationFailed(f"Allow at most {MAX_ALLOWED_METRICS} metrics.", field="allowedMetrics")
    return codes
