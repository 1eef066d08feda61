"""Factories for the growth map: a small production track saved through the real tracks editor, people
put on it through the real assignment, and evidence records as direct rows (tests about progress do not
go through the claim/confirm flow). Shared by the growth helpers: append, do not rename."""
from __future__ import annotations

import itertools
from datetime import date
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.core import clock
from backend.growth import memberships, tracks
from backend.growth.models import (
    Aggregate, CareerTrack, Comparator, EvidenceKind, GrowthRecord, RecordSource, RecordStatus, ResourceKind,
    TrackLevel,
)
from backend.growth.track_specs import LevelDraft, RequirementDraft, ResourceDraft, TrackDraft
from backend.growth.vocabulary import RequirementRule

_refs = itertools.count(1)


def rule(kind: EvidenceKind | None, target: float, *, aggregate: Aggregate = Aggregate.COUNT, field: str | None = None,
         window_days: int | None = None, comparator: Comparator = Comparator.GTE,
         conditions: dict[str, Any] | None = None) -> RequirementRule:
    return RequirementRule(evidence_kind=kind, conditions=conditions, aggregate=aggregate, measure_field=field,
                           window_days=window_days, comparator=comparator, target=target)


def eq(field: str, value: Any) -> dict[str, Any]:
    return {"field": field, "op": "eq", "value": value}


def requirement(name: str, r: RequirementRule) -> RequirementDraft:
    return RequirementDraft(name_en=name, name_zh=f"要求：{name}", rule=r, how_to_en=f"How to: {name}",
                            how_to_zh=f"如何达成：{name}")


TENURE_12 = rule(None, 12, aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL)


def production_levels() -> tuple[LevelDraft, ...]:
    """junior → middle → senior, then a branch: lead (management) or technician (specialist)."""
    return (
        LevelDraft(code="junior", name_en="Junior worker", name_zh="初级工", requirements=(
            requirement("Safety training", rule(EvidenceKind.TRAINING, 1, conditions=eq("category", "safety"))),)),
        LevelDraft(code="middle", name_en="Intermediate worker", name_zh="中级工", previous_code="junior", requirements=(
            requirement("3 equipment trainings", rule(EvidenceKind.TRAINING, 3, conditions=eq("category", "equipment"))),
            requirement("12 months as junior", TENURE_12)),
            resources=(ResourceDraft(kind=ResourceKind.INTERNAL_COURSE, title_en="CNC basics", title_zh="数控基础",
                                     requirement_index=0),
                       ResourceDraft(kind=ResourceKind.EXTERNAL_LINK, title_en="Machining MOOC", title_zh="机加工慕课",
                                     url="https://www.icourse163.org/", provider="icourse163"))),
        LevelDraft(code="senior", name_en="Senior worker", name_zh="高级工", previous_code="middle", requirements=(
            requirement("2 projects", rule(EvidenceKind.PROJECT, 2)),
            requirement("1 competition award", rule(EvidenceKind.COMPETITION_AWARD, 1)))),
        LevelDraft(code="lead", name_en="Team lead", name_zh="技术骨干", previous_code="senior", branch_en="Management",
                   branch_zh="管理", requirements=(
                       requirement("Mentor 2 newcomers", rule(EvidenceKind.MENTORING, 2, aggregate=Aggregate.DISTINCT,
                                                              field="mentee_id")),)),
        LevelDraft(code="technician", name_en="Technician", name_zh="技师", previous_code="senior", branch_en="Specialist",
                   branch_zh="专家", requirements=(
                       requirement("Certificate CNC-3", rule(EvidenceKind.CERTIFICATE, 1,
                                                             conditions=eq("certificate_code", "CNC-3"))),)),
    )


async def make_track(hr: Actor, code: str = "production", levels: tuple[LevelDraft, ...] | None = None,
                     **values: Any) -> CareerTrack:
    draft = TrackDraft(code=code, job_family=values.pop("job_family", "production"),
                       name_en=values.pop("name_en", code.title()), name_zh=values.pop("name_zh", "生产通道"),
                       levels=levels if levels is not None else production_levels(), **values)
    return await tracks.save_track(hr, draft)


async def level_ids(actor: Actor, track: CareerTrack) -> dict[str, UUID]:
    """The track's level ids by code."""
    return dict(await TrackLevel.of(actor).filter(track_id=track.id).values_list("code", "id"))


async def assign(hr: Actor, employee_ids: list[UUID], track: CareerTrack, level_code: str | None = None,
                 since: date | None = None) -> None:
    await memberships.assign_track(hr, employee_ids=employee_ids, track_id=track.id, level_code=level_code,
                                   level_since=since)


async def add_record(actor: Actor, employee_id: UUID, kind: EvidenceKind, *, on: date | None = None,
                     status: RecordStatus = RecordStatus.CONFIRMED, source: RecordSource = RecordSource.IMPORT,
                     quantity: float | None = None, title: str | None = None, ends_on: date | None = None,
                     **attributes: Any) -> GrowthRecord:
    """A record as a direct row (CONFIRMED by default, with a unique source_ref)."""
    confirmed = status == RecordStatus.CONFIRMED
    return await GrowthRecord.create_for(
        actor, employee_id=employee_id, kind=kind, title=title or f"{kind.value} record", occurred_on=on or date(2026, 6, 1),
        ends_on=ends_on, quantity=quantity, attributes=attributes, status=status, source=source,
        source_ref=f"factory:{next(_refs)}", confirmed_at=clock.now() if confirmed else None)
