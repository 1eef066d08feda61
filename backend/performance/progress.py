"""Live progress for managers: everyone below them in the current (or a given) cycle, each with the
reasons they need attention, most urgent first. A fixed number of queries for any team size. Reads only.

Attention codes and how much each weighs in the sort (documented for the PWA's legend):
- no_scorecard (50): the person has no card (no template, or not computed yet).
- open_appeal (40): they have an open appeal in the cycle.
- dropped (30): their total is DROP_POINTS or more below their previous cycle's.
- rating_due (25): a manager-rating or 360 dimension has no rating yet.
- below_target (20): completion is under 80 % of the pace (the share of the cycle's days gone; 1 once ended).
- missing_data (10): some other dimension has no data yet.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core import clock
from backend.org import calendar
from backend.org.models import Employee, EmployeeStatus
from backend.org.views import Visibility
from backend.performance import queries
from backend.performance.models import Appeal, AppealStatus, ReviewCycle, Scorecard

DROP_POINTS = 10.0
PACE_TOLERANCE = 0.8
WEIGHTS = {"no_scorecard": 50, "open_appeal": 40, "dropped": 30, "rating_due": 25, "below_target": 20,
           "missing_data": 10}
_RATED = ("rating", "review_360")


@dataclass(frozen=True, slots=True)
class TeamMember:
    employee_id: UUID
    name: str
    card: Scorecard | None
    attention: list[str]

    @property
    def attention_score(self) -> int:
        return sum(WEIGHTS[code] for code in self.attention)


def pace(cycle: ReviewCycle, today: date) -> float:
    """Share of the cycle's days gone by today (inclusive), 0..1."""
    days = (cycle.ends_on - cycle.starts_on).days + 1
    gone = (today - cycle.starts_on).days + 1
    return min(max(gone / days, 0.0), 1.0)


def attention(card: Scorecard | None, *, open_appeal: bool, expected: float) -> list[str]:
    """The attention codes for one person, in weight order. PURE."""
    codes = []
    if card is None:
        codes.append("no_scorecard")
    if open_appeal:
        codes.append("open_appeal")
    if card is not None:
        if card.change is not None and card.change <= -DROP_POINTS:
            codes.append("dropped")
        missing = [d for d in card.dimensions if d.get("missing")]
        if any(d.get("source") in _RATED for d in missing):
            codes.append("rating_due")
        if card.completion < PACE_TOLERANCE * expected:
            codes.append("below_target")
        if any(d.get("source") not in _RATED for d in missing):
            codes.append("missing_data")
    return codes


async def team_performance(actor: Actor, *, cycle_id: UUID | None = None) -> list[TeamMember]:
    """Everyone active below the actor in the reporting line, sorted by attention score (highest first),
    then name. Empty when no cycle is open and none is given. Requires PERFORMANCE_ASSESS. Raises
    Forbidden, NotFound."""
    require(actor, Permission.PERFORMANCE_ASSESS)
    cycle = await queries.resolve_cycle(actor, cycle_id)
    below = await Visibility(actor).subordinates()
    if cycle is None or not below:
        return []
    people = await Employee.of(actor).filter(id__in=list(below), status=EmployeeStatus.ACTIVE).values_list("id", "name")
    ids = [i for i, _ in people]
    cards = {c.employee_id: c for c in await Scorecard.of(actor).filter(cycle_id=cycle.id, employee_id__in=ids)}
    appealing = set(await Appeal.of(actor).filter(cycle_id=cycle.id, employee_id__in=ids, status=AppealStatus.OPEN)
                    .values_list("employee_id", flat=True))
    today = clock.now().astimezone(await calendar.zone(actor)).date()
    expected = pace(cycle, today)
    members = [TeamMember(employee_id=i, name=name, card=cards.get(i),
                          attention=attention(cards.get(i), open_appeal=i in appealing, expected=expected))
               for i, name in people]
    return sorted(members, key=lambda m: (-m.attention_score, m.name, str(m.employee_id)))
