"""The demo's performance inputs, generated: each person has a steady ability plus monthly noise, so
metric values, ratings, 360s and OKRs spread realistically and the same person stays roughly the
same from month to month. Deterministic for a given seed. Builds unsaved rows; performance.py saves them.

One department can be "inflated" in a cycle: its manager rates everyone 5 while its metrics stay
middling, the 考核同盟 pattern the anomaly detectors must catch."""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from backend.access.actor import Actor
from backend.performance.models import (
    Dimension, DimensionSource, Direction, KeyResult, MetricValue, MetricValueChange, Objective, Rating, RaterRelation,
    ValueSource,
)

# Metrics that pile up over a month (a live cycle shows the share so far); the others are rates.
CUMULATIVE = {"sales_revenue", "invention_disclosures", "tech_documents", "new_active_users",
              "process_suggestions_adopted", "output_units"}
WHOLE = {"invention_disclosures", "tech_documents", "process_suggestions_adopted", "output_units", "new_active_users"}
PERCENT_CAP = {"customer_retention_rate", "on_time_delivery_rate", "attendance_rate"}
COMMENTS = ["稳定可靠 Steady and reliable", "本月进步明显 Clear progress this month", "主动帮助同事 Helps colleagues unasked",
            "需要加强细节 Needs more attention to detail", "", "", ""]
OKRS = [("提升团队交付效率 Raise the team's delivery pace", [("按期完成项目 Projects delivered on time", 0, 4),
                                                           ("流程周期缩短（天）Cycle time cut (days)", 0, 5)]),
        ("人才发展 Grow our people", [("完成培训课时 Training hours delivered", 0, 24),
                                    ("关键岗位继任者 Successors named for key roles", 0, 3)])]


@dataclass(frozen=True, slots=True)
class DemoPerson:
    id: UUID
    number: str
    department: str  # department key in seed.DEPARTMENTS
    manager_id: UUID | None
    ability: float  # ~0.88 on average: the share of targets this person usually reaches


@dataclass(frozen=True, slots=True)
class Moment:
    """Who supplied a cycle's inputs and when: HR's import, the QC lead's manual entry, its share of a live month."""

    cycle_id: UUID
    label: str  # the import file's name
    at: datetime
    hr_id: UUID
    qc_id: UUID
    elapsed: float = 1.0  # share of the month gone (live cycle < 1)
    rated_share: float = 1.0  # share of manager ratings already given (live cycle < 1)
    inflated: str | None = None  # department key whose manager rates everyone 5 this cycle


@dataclass
class Rows:
    values: list[MetricValue] = field(default_factory=list)
    changes: list[MetricValueChange] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    key_results: list[KeyResult] = field(default_factory=list)


class Generator:
    def __init__(self, system: Actor, people: Sequence[DemoPerson], seed: int = 20261) -> None:
        self.system = system
        self.rng = random.Random(seed)
        self.people = list(people)
        self.by_department: dict[str, list[DemoPerson]] = {}
        for p in self.people:
            self.by_department.setdefault(p.department, []).append(p)
        self.reports: dict[UUID, list[DemoPerson]] = {}
        for p in self.people:
            if p.manager_id is not None:
                self.reports.setdefault(p.manager_id, []).append(p)

    def cycle(self, moment: Moment, dimensions: dict[UUID, list[Dimension]], skip_ratings_by: UUID | None = None) -> Rows:
        """Every person's inputs for one cycle. `dimensions`: person id -> their template's dimensions.
        `skip_ratings_by`: a manager who has not rated anyone yet (their team shows ratings due)."""
        rows = Rows()
        for person in self.people:
            form = self.rng.gauss(0, 0.05)  # this month's form, shared by all of the person's metrics
            inflated = moment.inflated == person.department
            for d in dimensions.get(person.id, []):
                if d.source in (DimensionSource.METRIC, DimensionSource.ATTENDANCE):
                    self._metric(rows, moment, person, d, form, inflated)
                elif d.source == DimensionSource.RATING:
                    if person.manager_id is not None and person.manager_id != skip_ratings_by \
                            and self.rng.random() < moment.rated_share:
                        score = 5 if inflated else self._score(person.ability + form)
                        self._rating(rows, moment, person, person.manager_id, RaterRelation.MANAGER, d.code, score)
                elif d.source == DimensionSource.REVIEW_360:
                    self._review_360(rows, moment, person, d.code, form)
                elif d.source == DimensionSource.OKR:
                    self._okrs(rows, moment, person, form)
        return rows

    def _metric(self, rows: Rows, m: Moment, p: DemoPerson, d: Dimension, form: float, inflated: bool) -> None:
        code, target = d.metric_code or d.code, float(d.target or 0)
        if code == "attendance_rate":
            value = min(100.0, 98.0 * (1 + self.rng.gauss(-0.005, 0.015)))
        else:
            # Inflated departments are middling on what can be measured, whatever their ratings say.
            ratio = self.rng.gauss(0.58, 0.04) if inflated else p.ability + form + self.rng.gauss(0, 0.07)
            ratio = min(1.5, max(0.3, ratio))
            value = target / ratio if d.direction == Direction.LOWER else target * ratio
            if code in CUMULATIVE:
                value *= m.elapsed
        if code in PERCENT_CAP:
            value = min(100.0, value)
        value = float(max(0, round(value))) if code in WHOLE else round(value, 2)
        by_qc = code == "defect_rate"  # the QC lead types defect rates in; everything else is HR's import
        source, label, supplier = (ValueSource.MANUAL, "", m.qc_id) if by_qc else (ValueSource.IMPORT, m.label, m.hr_id)
        rows.values.append(MetricValue.build_for(
            self.system, cycle_id=m.cycle_id, employee_id=p.id, metric_code=code, value=value, source=source,
            source_label=label, supplied_by_id=supplier, updated_at=m.at))
        rows.changes.append(MetricValueChange.build_for(
            self.system, cycle_id=m.cycle_id, employee_id=p.id, metric_code=code, value=value, previous_value=None,
            source=source, source_label=label, supplied_by_id=supplier, recorded_at=m.at))

    def _review_360(self, rows: Rows, m: Moment, p: DemoPerson, code: str, form: float) -> None:
        raters: list[tuple[UUID, RaterRelation]] = [(p.id, RaterRelation.SELF)]
        if p.manager_id is not None:
            raters.append((p.manager_id, RaterRelation.MANAGER))
        peers = [q for q in self.by_department[p.department] if q.id != p.id and q.manager_id == p.manager_id]
        raters += [(q.id, RaterRelation.PEER) for q in self.rng.sample(peers, min(3, len(peers)))]
        reports = self.reports.get(p.id, [])
        raters += [(q.id, RaterRelation.REPORT) for q in self.rng.sample(reports, min(3, len(reports)))]
        for rater, relation in raters:
            if relation != RaterRelation.SELF and self.rng.random() > m.rated_share:
                continue
            lift = 0.08 if relation == RaterRelation.SELF else 0.0  # people rate themselves a little higher
            self._rating(rows, m, p, rater, relation, code, self._score(p.ability + form + lift))

    def _okrs(self, rows: Rows, m: Moment, p: DemoPerson, form: float) -> None:
        for position, (title, key_results) in enumerate(OKRS):
            objective = Objective.build_for(self.system, id=self._uuid(), cycle_id=m.cycle_id, employee_id=p.id, title=title,
                                            weight=2 - position, position=position)
            rows.objectives.append(objective)
            for kr_title, start, target in key_results:
                share = min(1.15, max(0.0, (p.ability + form + self.rng.gauss(-0.05, 0.12)) * m.elapsed))
                current = round(start + (target - start) * share, 1)
                rows.key_results.append(KeyResult.build_for(
                    self.system, objective_id=objective.id, title=kr_title, start_value=start, current_value=current,
                    target_value=target, completed_at=m.at if current >= target else None, updated_at=m.at))

    def _rating(self, rows: Rows, m: Moment, p: DemoPerson, rater: UUID, relation: RaterRelation, code: str,
                score: int) -> None:
        rows.ratings.append(Rating.build_for(
            self.system, cycle_id=m.cycle_id, employee_id=p.id, rater_id=rater, relation=relation, dimension_code=code,
            score=score, comment=self.rng.choice(COMMENTS) if relation == RaterRelation.MANAGER else "", updated_at=m.at))

    def _uuid(self) -> UUID:
        return UUID(int=self.rng.getrandbits(128), version=4)

    def _score(self, level: float) -> int:
        """0.85 of target → 3 on average; every 0.125 above or below moves a point."""
        return min(5, max(1, round(3 + (level - 0.85) * 8 + self.rng.gauss(0, 0.5))))
