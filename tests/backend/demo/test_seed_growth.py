"""The demo's growth map: three default tracks, the shop floor, QC, sales and R&D on them, maps partly filled
from evidence and the replayed history, and 李娜 Na Li one confirmed training away from 高级工."""
from __future__ import annotations

from collections import Counter

from backend.access.actor import Actor
from backend.access.models import UserAccount
from backend.demo.seed import DEMO_ORG_ID, seed_demo
from backend.growth import maps
from backend.growth.models import (
    CareerTrack, GrowthRecord, LearningSession, LevelProgress, RecordSource, RecordStatus, TrackMembership,
)
from backend.growth.requirements import RequirementStatus

SYSTEM = Actor.system(DEMO_ORG_ID)


async def _login(email: str) -> Actor:
    account = await UserAccount.of(SYSTEM).get(login_email=email)
    return Actor.user(tenant_id=DEMO_ORG_ID, account_id=account.id, employee_id=account.employee_id, role=account.role)


async def test_the_demo_puts_the_company_on_its_tracks_with_progress(db):
    # when
    await seed_demo()
    # then
    codes = {t.id: t.code for t in await CareerTrack.of(SYSTEM).all()}
    assert sorted(codes.values()) == ["production", "rnd", "sales"]
    members = Counter(codes[t] for t in await TrackMembership.of(SYSTEM).values_list("track_id", flat=True))
    assert members["production"] == 48 + 48 + 18 + 1 and members["sales"] == 30 and members["rnd"] == 28
    assert await LevelProgress.of(SYSTEM).filter(complete=False, percent__gt=0).count() > 100
    sources = Counter(await GrowthRecord.of(SYSTEM).filter(status=RecordStatus.CONFIRMED).values_list("source", flat=True))
    assert sources[RecordSource.IMPORT] > 300 and sources[RecordSource.SYSTEM] > 20  # tiers, praise, badges replayed
    assert await LearningSession.of(SYSTEM).count() == 2


async def test_na_li_is_one_training_away_from_senior_worker(db):
    # given
    await seed_demo()
    star = await _login("employee@demo.local")
    # when
    found = await maps.growth_map(star)
    # then
    levels = {lv.level.level.code: lv for lv in found.levels}
    assert levels["middle"].is_current and levels["middle"].complete
    senior = levels["senior"]
    assert [r.status for r in senior.requirements] == [RequirementStatus.DONE] * 4 + [RequirementStatus.PARTIAL]
    assert senior.percent == 90
    step = found.next_step
    assert step is not None and (step.level.level.code, step.remaining, step.estimate_basis) == ("senior", 1, "session")
    claimed = await GrowthRecord.of(SYSTEM).filter(employee_id=star.employee_id, status=RecordStatus.CLAIMED,
                                                   kind="training").count()
    assert claimed == 1  # what the demo manager confirms to complete the level


async def test_the_demo_manager_sees_the_team_growth(db):
    # given
    await seed_demo()
    manager = await _login("manager@demo.local")
    # when
    from backend.growth import team

    found = await team.team_growth(manager)
    # then
    assert len(found) == 47
    assert found[0].pending_confirmations >= 1
    assert all(m.track_id is not None for m in found)
