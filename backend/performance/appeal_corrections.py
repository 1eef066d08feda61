"""What an upheld appeal corrects: the appealed dimension's metric value (source APPEAL) or its manager
rating. Checked before the decision's transaction (`plan`), written inside it (`apply`); both writers mark
the person dirty, so the debounced recompute follows the commit. A closed cycle's scores are frozen for the
debounced job, so there the decision rescores the person in its own transaction and re-places the final
tiers unless a bonus pool is locked (backend.performance.closing.correct_closed_cycle)."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor
from backend.core.errors import ValidationFailed
from backend.performance import closing, dirty, metrics, ratings
from backend.performance.models import (
    Appeal, CycleStatus, Dimension, DimensionSource, MetricValue, Rating, RaterRelation, ReviewCycle, Scorecard,
    ValueSource,
)
from backend.performance.person_dimensions import is_percent, metric_of

FIELD = "correctedValue"


@dataclass(frozen=True, slots=True)
class Correction:
    source: DimensionSource
    value: float
    metric_code: str | None = None  # METRIC / ATTENDANCE
    score: int | None = None  # RATING


async def plan(actor: Actor, appeal: Appeal, card: Scorecard, value: float) -> Correction:
    """Validate a corrected value against the appealed dimension. Raises ValidationFailed(field="correctedValue")."""
    if appeal.dimension_code is None:
        raise ValidationFailed("An appeal of the total has no single value to correct: uphold it without one.",
                               field=FIELD)
    dimension = await Dimension.of(actor).get_or_none(version_id=card.template_version_id, code=appeal.dimension_code)
    if dimension is None:
        raise ValidationFailed("The appealed dimension is no longer on this scorecard.", field=FIELD)
    if dimension.source in (DimensionSource.METRIC, DimensionSource.ATTENDANCE):
        percent = is_percent(dimension)
        problem = metrics.value_problem(value, percent=percent)
        if problem is not None:
            raise ValidationFailed(metrics.problem_text(problem, percent=percent)[0], field=FIELD)
        return Correction(source=dimension.source, value=float(value), metric_code=metric_of(dimension))
    if dimension.source == DimensionSource.RATING:
        if value != int(value) or not 1 <= value <= 5:
            raise ValidationFailed("A corrected rating is a whole number from 1 to 5.", field=FIELD)
        return Correction(source=dimension.source, value=float(value), score=int(value))
    raise ValidationFailed("Only a metric, attendance or manager-rating dimension can be corrected; a 360 or OKR "
                           "score changes through its own ratings or key results.", field=FIELD)


@dataclass(frozen=True, slots=True)
class Applied:
    previous: float | None  # the value replaced (None: there was none)
    late: closing.LateCorrection | None  # the cycle was closed: what the correction did there


async def apply(actor: Actor, appeal: Appeal, correction: Correction, *, decided_by: UUID) -> Applied:
    """Write the correction in the caller's transaction. A rating correction rewrites every manager rating
    of the dimension (their mean is what scores), keeping each rater and saying in the comment that an
    appeal changed it. In a closed cycle the person is rescored at once and the final tiers re-placed
    unless a bonus pool is locked."""
    previous: float | None
    if correction.metric_code is not None:
        current = await MetricValue.of(actor).get_or_none(
            cycle_id=appeal.cycle_id, employee_id=appeal.employee_id, metric_code=correction.metric_code)
        previous = current.value if current else None
        await metrics.put_value(actor, cycle_id=appeal.cycle_id, employee_id=appeal.employee_id,
                                metric_code=correction.metric_code, value=correction.value, source=ValueSource.APPEAL,
                                source_label=f"appeal:{appeal.id}", supplied_by_id=decided_by)
    else:
        given = await Rating.of(actor).filter(cycle_id=appeal.cycle_id, employee_id=appeal.employee_id,
                                              dimension_code=appeal.dimension_code, relation=RaterRelation.MANAGER
                                              ).values_list("rater_id", "score")
        previous = sum(s for _, s in given) / len(given) if given else None
        for rater in [UUID(str(r)) for r, _ in given] or [decided_by]:
            await ratings.put_rating(actor, cycle_id=appeal.cycle_id, employee_id=appeal.employee_id, rater_id=rater,
                                     relation=RaterRelation.MANAGER, dimension_code=appeal.dimension_code or "",
                                     score=correction.score or 0, comment=f"Corrected by appeal {appeal.id}")
    await dirty.mark(actor, cycle_id=appeal.cycle_id, employee_ids=[appeal.employee_id])
    late = None
    if await ReviewCycle.of(actor).filter(id=appeal.cycle_id, status=CycleStatus.CLOSED).exists():
        late = await closing.correct_closed_cycle(actor, cycle_id=appeal.cycle_id, appeal_id=appeal.id)
    return Applied(previous=previous, late=late)
