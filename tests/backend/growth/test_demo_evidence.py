"""The demo company's evidence: claims awaiting the demo manager's confirmation and one disputed record."""
from __future__ import annotations

from backend.access.actor import Actor
from backend.access.permissions import Role
from backend.demo.seed import DEMO_ORG_ID, seed_demo
from backend.growth import record_queries
from backend.growth.models import GrowthRecord, RecordStatus
from backend.org.models import Employee


async def test_the_demo_manager_has_claims_to_confirm_and_hr_a_dispute(db):
    # given
    await seed_demo()
    system = Actor.system(DEMO_ORG_ID)
    boss = await Employee.of(system).get(email="manager@demo.local")
    manager = Actor.user(tenant_id=DEMO_ORG_ID, account_id=boss.id, employee_id=boss.id, role=Role.MANAGER)
    # when
    inbox = await record_queries.confirmation_inbox(manager)
    disputed = await GrowthRecord.of(system).filter(status=RecordStatus.DISPUTED).count()
    # then
    star = await Employee.of(system).get(email="employee@demo.local")
    assert len(inbox) == 3 and sum(1 for r in inbox if r.employee_id == star.id) == 2
    assert all(r.confirmation_code for r in inbox)
    assert disputed == 1
