"""The database itself refuses to rewrite the audit trail."""
from __future__ import annotations

import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from backend.audit import service as audit
from backend.audit.models import AuditEntry
from tests.factories.org import make_company


async def test_audit_entries_cannot_be_updated_or_deleted(db):
    # given
    company = await make_company()
    entry = await audit.record(company.hr.actor, action="employee.updated", entity_type="employee",
                               entity_id=company.employee.employee.id, before={"level": "L1"}, after={"level": "L2"})
    # when / then
    with pytest.raises((OperationalError, IntegrityError), match="append-only"):
        await AuditEntry.filter(id=entry.id).update(action="nothing.happened")
    with pytest.raises((OperationalError, IntegrityError), match="append-only"):
        await AuditEntry.filter(id=entry.id).delete()
    assert (await AuditEntry.get(id=entry.id)).action == "employee.updated"
