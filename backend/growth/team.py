"""A manager's team growth: everyone active below them with their track, current and next level (from the
stored progress), records awaiting confirmation, and since when their records have gone stale; sorted
by what needs attention. A fixed number of queries for any team size. Reads only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from tortoise.functions import Count, Max

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock
from backend.growth.models import GrowthRecord, LevelProgress, RecordStatus, TrackLevel, TrackMembership
from backend.growth.requirements import LevelState, next_level
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus
from backend.org.views import Visibility

# Records older than this (and no newer promotion or track change) make someone's map stale: the
# weekly reminder and the data-quality view use the same rule.
STALE_DAYS = 180


@dataclass(frozen=True, slots=True)
class TeamGrowthMember:
    employee_id: UUID
    name: str
    track_id: UUID | None
    current_level_id: UUID | None
    next_level_id: UUID | None
    next_level_percent: int
    pending_confirmations: int
    stale_since: date | None


def stale_since(last_activity: date | None, today: date) -> date | None:
    """The day of the last evidence (or promotion or assignment) when that is over STALE_DAYS ago. PURE."""
    if last_activity is None or last_activity > today - timedelta(days=STALE_DAYS):
        return None
    return last_activity


def attention_order(member: TeamGrowthMember) -> tuple[int, int, date, str, str]:
    """Records to confirm first (most first), then nearest to completing a level, then stale (oldest
    first), then by name."""
    return (-member.pending_confirmations, -member.next_level_percent, member.stale_since or date.max, member.name,
            str(member.employee_id))


async def team_growth(actor: Actor, *, visibility: Visibility | None = None) -> list[TeamGrowthMember]:
    """Everyone active below the actor in the reporting line. Requires GROWTH_CONFIRM (managers, HR)."""
    require(actor, Permission.GROWTH_CONFIRM)
    below = await (visibility or Visibility(actor)).subordinates()
    if not below:
        return []
    people = await Employee.of(actor).filter(id__in=list(below), status=EmployeeStatus.ACTIVE).values_list("id", "name")
    ids = [i for i, _ in people]
    members = {e: (t, lv, since, created) for e, t, lv, since, created in await TrackMembership.of(actor).filter(
        employee_id__in=ids).values_list("employee_id", "track_id", "current_level_id", "level_since", "created_at")}
    levels = await TrackLevel.of(actor).filter(track_id__in=list({m[0] for m in members.values()})).values_list(
        "id", "track_id", "previous_id", "position") if members else []
    progress: dict[UUID, dict[UUID, tuple[int, bool]]] = {}
    for e, level_id, percent, complete in await LevelProgress.of(actor).filter(employee_id__in=ids).values_list(
            "employee_id", "level_id", "percent", "complete"):
        progress.setdefault(e, {})[level_id] = (percent, complete)
    pending = dict(await GrowthRecord.of(actor).filter(employee_id__in=ids, status=RecordStatus.CLAIMED).annotate(
        n=Count("id")).group_by("employee_id").values_list("employee_id", "n"))
    latest = dict(await GrowthRecord.of(actor).filter(employee_id__in=ids, status=RecordStatus.CONFIRMED).annotate(
        last=Max("occurred_on")).group_by("employee_id").values_list("employee_id", "last"))
    zone = await calendar.zone(actor)
    today = clock.now().astimezone(zone).date()
    by_track: dict[UUID, list[tuple[UUID, UUID | None, int]]] = {}
    for level_id, track_id, previous_id, position in levels:
        by_track.setdefault(track_id, []).append((level_id, previous_id, position))
    found = []
    for employee_id, name in people:
        membership = members.get(employee_id)
        track_id, current, since, created = membership if membership else (None, None, None, None)
        mine = progress.get(employee_id, {})
        states = [LevelState(id=i, previous_id=p, position=pos, percent=mine.get(i, (0, False))[0],
                             complete=mine.get(i, (0, False))[1])
                  for i, p, pos in (by_track.get(track_id, []) if track_id is not None else [])]
        upcoming = next_level(states, current) if membership else None
        activity = [d for d in (latest.get(employee_id), since, created.astimezone(zone).date() if created else None)
                    if d is not None]
        found.append(TeamGrowthMember(
            employee_id=employee_id, name=name, track_id=track_id, current_level_id=current,
            next_level_id=upcoming.id if upcoming else None, next_level_percent=upcoming.percent if upcoming else 0,
            pending_confirmations=int(pending.get(employee_id, 0)),
            stale_since=stale_since(max(activity), today) if membership and activity else None))
    return sorted(found, key=attention_order)
