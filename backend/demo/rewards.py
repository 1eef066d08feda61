"""The demo's reward pool and half a year of redemptions made through the real use cases, in the mix
the field reports (~30 % training, ~25 % extra leave), so the pool, the approvals and the insights
have history. Deterministic; runs once, right after the recognition history."""
from __future__ import annotations

import random
import uuid
from datetime import timedelta

from backend.access.actor import Actor
from backend.access.permissions import Role
from backend.core import clock
from backend.org.models import Employee
from backend.points import ledger
from backend.rewards import redemption
from backend.rewards.defaults import install_demo_catalogue

# (English item name, how many) — 6 of 20 training, 5 of 20 extra leave
HISTORY = [("External training: Lean production", 4), ("Tech conference ticket", 2), ("One extra day of paid leave", 5),
           ("One remote-work day", 4), ("¥50 milk tea voucher", 3), ("¥1,000 cash bonus", 2)]


def _person(employee: Employee, role: Role = Role.EMPLOYEE) -> Actor:
    return Actor.user(tenant_id=employee.tenant_id, account_id=uuid.uuid5(employee.id, "demo"),
                      employee_id=employee.id, role=role, label=employee.name)


async def seed_rewards(system: Actor, *, ceo_email: str, hr_email: str, star_email: str) -> None:
    ceo = await Employee.of(system).get(email=ceo_email)
    hr = _person(await Employee.of(system).get(email=hr_email), Role.HR_ADMIN)
    items = {item.name_en: item for item in await install_demo_catalogue(system, ceo_id=ceo.id)}
    today = clock.now()
    veterans = [e for e in await Employee.of(system).filter(hire_date__lt=(today - timedelta(days=500)).date(),
                                                             manager_id__not_isnull=True).order_by("employee_number")
                if e.email != star_email]
    rng = random.Random(11)
    people = rng.sample(veterans, sum(n for _, n in HISTORY))
    n = 0
    for name, count in HISTORY:
        item = items[name]
        for _ in range(count):
            person, when = people[n], today - timedelta(days=170 - n * 8, hours=rng.randint(0, 6))
            n += 1
            with clock.frozen_at(when):
                await ledger.award(system, employee_id=person.id, points=item.cost_points, memo="Demo: earlier awards",
                                   idempotency_key=f"demo-history:{person.id}", source_type="demo", source_id=person.id)
                asked = await redemption.redeem(_person(person), item_id=item.id, client_key=f"demo-history-{n:04d}")
            if item.requires_approval:
                with clock.frozen_at(when + timedelta(hours=3)):
                    await redemption.approve(hr, redemption_id=asked.id)
