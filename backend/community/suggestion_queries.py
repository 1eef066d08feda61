"""Reading the suggestion box: one suggestion, my suggestions, those I must answer, HR's full list, the public
"you said / we did" board, and HR's statistics. The department breakdown omits departments with fewer than 5
people (active people directly in the department, counted now, not suggestions), so a small team's
anonymous suggestion cannot be traced by elimination. Writes nothing."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from statistics import median
from uuid import UUID

from tortoise.expressions import Q
from tortoise.functions import Count

from backend.access.actor import Actor
from backend.access.permissions import Permission, has, require
from backend.community.models import Suggestion, SuggestionStatus
from backend.core import clock
from backend.core.errors import Forbidden
from backend.org.models import Employee, EmployeeStatus

LIST_LIMIT, BOARD_LIMIT, MIN_DEPARTMENT_SIZE = 200, 100, 5


class Scope(StrEnum):
    MINE = "mine"
    TO_ANSWER = "to_answer"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Stats:
    total: int
    answered_on_time: int
    answered_late: int
    open: int  # received, not answered yet
    overdue: int  # received and past its due time
    median_answer_hours: float | None
    by_status: list[tuple[SuggestionStatus, int]]
    by_department: list[tuple[UUID, int]]  # departments of at least MIN_DEPARTMENT_SIZE people, most first
    hidden_departments: int  # departments with suggestions left out for being smaller


def is_overdue(s: Suggestion) -> bool:
    return s.status == SuggestionStatus.RECEIVED and s.due_at < clock.now()


def seconds_left(s: Suggestion) -> int | None:
    """Until the answer is due, while still unanswered (0 once overdue); else None."""
    if s.status != SuggestionStatus.RECEIVED:
        return None
    return max(0, int((s.due_at - clock.now()).total_seconds()))


async def list_suggestions(actor: Actor, scope: Scope) -> list[Suggestion]:
    """Newest first (at most 200). MINE and TO_ANSWER need COMMUNITY_TAKE_PART, ALL needs COMMUNITY_MANAGE."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    query = Suggestion.of(actor)
    if scope == Scope.ALL:
        require(actor, Permission.COMMUNITY_MANAGE)
    elif actor.employee_id is None:
        raise Forbidden("Only people have suggestions.")
    elif scope == Scope.MINE:
        query = query.filter(submitter_id=actor.employee_id)
    else:
        query = query.filter(Q(owner_id=actor.employee_id) | Q(escalated_to_id=actor.employee_id))
    return await query.order_by("-created_at", "id").limit(LIST_LIMIT)


async def get_suggestion(actor: Actor, suggestion_id: UUID) -> Suggestion | None:
    """One suggestion for its submitter (also when anonymous: the caller hides the name), its owner, whoever it
    was escalated to, and HR; None for anyone else or when unknown. Requires COMMUNITY_TAKE_PART."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    query = Suggestion.of(actor).filter(id=suggestion_id)
    if not has(actor, Permission.COMMUNITY_MANAGE):
        if actor.employee_id is None:
            return None
        me = actor.employee_id
        query = query.filter(Q(submitter_id=me) | Q(owner_id=me) | Q(escalated_to_id=me))
    return await query.first()


async def board(actor: Actor) -> list[Suggestion]:
    """The public board: implemented suggestions, most recently implemented first. Everyone."""
    require(actor, Permission.COMMUNITY_TAKE_PART)
    return await Suggestion.of(actor).filter(status=SuggestionStatus.IMPLEMENTED).order_by(
        "-implemented_at", "id").limit(BOARD_LIMIT)


async def stats(actor: Actor) -> Stats:
    """HR's view of the box and its answer clock. Requires COMMUNITY_MANAGE. Three queries."""
    require(actor, Permission.COMMUNITY_MANAGE)
    rows = await Suggestion.of(actor).values_list("status", "department_id", "created_at", "due_at", "answered_at")
    now = clock.now()
    answered = [(created, due, at) for _, _, created, due, at in rows if at is not None]
    hours = [(at - created).total_seconds() / 3600 for created, _, at in answered]
    departments = Counter(UUID(str(d)) for _, d, *_ in rows if d is not None)
    sizes = await _department_sizes(actor, list(departments))
    shown = sorted(((d, n) for d, n in departments.items() if sizes.get(d, 0) >= MIN_DEPARTMENT_SIZE),
                   key=lambda pair: (-pair[1], str(pair[0])))
    statuses = Counter(SuggestionStatus(s) for s, *_ in rows)
    return Stats(
        total=len(rows), answered_on_time=sum(1 for _, due, at in answered if at <= due),
        answered_late=sum(1 for _, due, at in answered if at > due),
        open=statuses[SuggestionStatus.RECEIVED],
        overdue=sum(1 for s, _, _, due, _ in rows if s == SuggestionStatus.RECEIVED and due < now),
        median_answer_hours=round(median(hours), 2) if hours else None,
        by_status=[(s, statuses[s]) for s in SuggestionStatus],
        by_department=shown, hidden_departments=len(departments) - len(shown))


async def _department_sizes(actor: Actor, department_ids: list[UUID]) -> dict[UUID, int]:
    if not department_ids:
        return {}
    rows = await Employee.of(actor).filter(department_id__in=department_ids, status=EmployeeStatus.ACTIVE).annotate(
        n=Count("id")).group_by("department_id").values_list("department_id", "n")
    return {UUID(str(d)): int(n) for d, n in rows}
