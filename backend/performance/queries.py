"""Reading computed scorecards: one person's card, their history, a cycle's cards in rank order, and the
per-card lookups GraphQL batches (dimension names of a template version, tiers). Writes nothing; the
recompute is the only writer of Scorecard."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.core.errors import ValidationFailed
from backend.core.pagination import Page, paginate
from backend.performance import cycles, policy
from backend.performance.models import Dimension, ReviewCycle, Scorecard, TierCode, TierPlacement

MAX_HISTORY = 24


async def resolve_cycle(actor: Actor, cycle_id: UUID | None) -> ReviewCycle | None:
    """The cycle asked for, or the current one (open and containing today, else the latest open)."""
    if cycle_id is None:
        return await cycles.current_cycle(actor)
    return await ReviewCycle.get_for(actor, cycle_id, what="review cycle")


async def get_scorecard(actor: Actor, *, employee_id: UUID, cycle_id: UUID | None = None) -> Scorecard | None:
    """A person's card in a cycle (default: the current one); None when not computed yet. The person,
    anyone above them and HR may read it. Requires PERFORMANCE_REVIEW. Raises Forbidden, NotFound."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    await policy.require_may_see(actor, employee_id)
    cycle = await resolve_cycle(actor, cycle_id)
    if cycle is None:
        return None
    return await Scorecard.of(actor).get_or_none(cycle_id=cycle.id, employee_id=employee_id)


async def score_history(actor: Actor, *, employee_id: UUID, last: int = 6) -> list[Scorecard]:
    """The person's latest `last` cards (1..24), oldest first, for a trend line. Same visibility as
    get_scorecard. Raises Forbidden, ValidationFailed."""
    require(actor, Permission.PERFORMANCE_REVIEW)
    if not 1 <= last <= MAX_HISTORY:
        raise ValidationFailed(f"last must be between 1 and {MAX_HISTORY}.", field="last")
    await policy.require_may_see(actor, employee_id)
    newest_first = await Scorecard.of(actor).filter(employee_id=employee_id).order_by(
        "-cycle__ends_on", "-cycle__starts_on").limit(last)
    return list(reversed(newest_first))


async def list_cycle_scorecards(actor: Actor, *, cycle_id: UUID, department_id: UUID | None = None, first: int = 50,
                                after: str | None = None) -> Page[Scorecard]:
    """HR: a cycle's cards in rank order (organisation rank, or department rank when filtered); a tie
    keeps a stable order by card id. Requires PERFORMANCE_READ_ANY. Raises NotFound, ValidationFailed."""
    require(actor, Permission.PERFORMANCE_READ_ANY)
    cycle = await ReviewCycle.get_for(actor, cycle_id, what="review cycle")
    query = Scorecard.of(actor).filter(cycle_id=cycle.id)
    if department_id is not None:
        query = query.filter(department_id=department_id)
    key = "rank_department" if department_id is not None else "rank_organization"
    return await paginate(query, first=first, after=after, key=key)


async def dimensions_by_version_ids(actor: Actor, version_ids: Sequence[UUID]) -> list[list[Dimension]]:
    """Each template version's dimensions in order, for naming a card's entries; one query."""
    found: dict[UUID, list[Dimension]] = {v: [] for v in version_ids}
    if version_ids:
        for d in await Dimension.of(actor).filter(version_id__in=list(set(version_ids))).order_by("position"):
            found[d.version_id].append(d)
    return [found[v] for v in version_ids]


async def tiers_by_cards(actor: Actor, keys: Sequence[tuple[UUID, UUID]]) -> list[list[TierCode]]:
    """(cycle id, employee id) -> the tiers placed (provisional while the cycle is open); one query."""
    if not keys:
        return []
    found: dict[tuple[UUID, UUID], list[TierCode]] = {k: [] for k in keys}
    rows = await TierPlacement.of(actor).filter(cycle_id__in=list({c for c, _ in keys}),
                                                employee_id__in=list({e for _, e in keys})).order_by("tier").values_list(
        "cycle_id", "employee_id", "tier")
    for cycle_id, employee_id, tier in rows:
        if (key := (cycle_id, employee_id)) in found:
            found[key].append(TierCode(tier))
    return [found[k] for k in keys]
