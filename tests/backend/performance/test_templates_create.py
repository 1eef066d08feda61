"""Creating templates: version 1 with validated dimensions, weights summing to exactly 100, audited."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.performance import templates
from backend.performance.models import Dimension, DimensionSource, Direction, ScorecardTemplate, TemplateVersion
from backend.performance.template_specs import DEFAULT_RELATION_WEIGHTS, DimensionDraft
from tests.factories.org import make_company
from tests.factories.performance_config import RUBRIC, drafts, metric, rating, template


async def test_hr_creates_a_template_at_version_1_and_it_is_audited(db):
    # given
    company = await make_company()
    dimensions = [metric("results", 40, metric_code="sales_revenue", target=500_000, floor_ratio=0.5, cap_points=120, unit="¥"),
                  metric("retention", 30, target=90),
                  rating("mentoring", 20),
                  DimensionDraft("attendance", "Attendance", "出勤", 10, DimensionSource.ATTENDANCE)]
    # when
    made = await templates.create_template(company.hr.actor, code="sales", name_en=" Sales ", name_zh="销售岗",
                                           dimensions=dimensions)
    # then
    stored = await ScorecardTemplate.get(id=made.id)
    assert (stored.code, stored.name_en, stored.current_version, stored.active) == ("sales", "Sales", 1, True)
    version = await TemplateVersion.get(template_id=made.id)
    rows = await Dimension.filter(version_id=version.id).order_by("position")
    assert [(d.code, d.weight, d.source) for d in rows] == [
        ("results", 40, DimensionSource.METRIC), ("retention", 30, DimensionSource.METRIC),
        ("mentoring", 20, DimensionSource.RATING), ("attendance", 10, DimensionSource.ATTENDANCE)]
    assert (rows[0].metric_code, rows[0].target, rows[0].floor_ratio, rows[0].cap_points, rows[0].unit) == (
        "sales_revenue", 500_000.0, 0.5, 120.0, "¥")
    assert (rows[3].metric_code, rows[3].target, rows[3].unit) == ("attendance_rate", 98.0, "%")
    assert rows[2].rubric == RUBRIC and rows[2].metric_code is None
    entry = await AuditEntry.get(action="scorecard_template.created", entity_id=str(made.id))
    assert entry.after is not None and entry.after["weights"] == {"results": 40, "retention": 30, "mentoring": 20,
                                                                   "attendance": 10}


async def test_weights_that_do_not_add_up_to_100_are_refused_naming_the_sum(db):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as failure:
        await template(company.hr.actor, dimensions=drafts(40, 30, 25))
    # then
    assert failure.value.field == "dimensions"
    assert failure.value.message == "Weights add up to 95 %; they must add up to exactly 100 %."
    assert await ScorecardTemplate.all().count() == 0


async def test_a_360_dimension_gets_default_relation_weights_and_a_generic_rubric(db):
    # given
    company = await make_company()
    teamwork = DimensionDraft("teamwork", "Teamwork", "团队协作", 100, DimensionSource.REVIEW_360)
    # when
    made = await template(company.hr.actor, dimensions=[teamwork])
    # then
    row = await Dimension.get(version__template_id=made.id)
    assert row.relation_weights == DEFAULT_RELATION_WEIGHTS and len(row.rubric) == 5


async def test_rubric_levels_given_with_scores_are_stored_in_score_order(db):
    # given
    company = await make_company()
    levels = [{"score": 6 - n, "en": f"L{6 - n}", "zh": f"级{6 - n}"} for n in range(1, 6)]
    # when
    made = await template(company.hr.actor, dimensions=[rating("safety", 100, rubric=levels)])
    # then
    row = await Dimension.get(version__template_id=made.id)
    assert row.rubric == [{"en": f"L{n}", "zh": f"级{n}"} for n in range(1, 6)]


def _okr(**values: Any) -> DimensionDraft:
    return DimensionDraft("okr", "OKR", "OKR", 50, DimensionSource.OKR, **values)


@pytest.mark.parametrize(("dimensions", "field"), [
    ([], "dimensions"),
    (drafts(*[8] * 12 + [4]), "dimensions"),
    ([metric("same", 50), metric("same", 50)], "dimensions"),
    ([metric("Bad-Code", 100)], "dimensions.0.code"),
    ([metric("a", 100, metric_code=None)], "dimensions.0.metricCode"),
    ([metric("a", 100, metric_code="Revenue!")], "dimensions.0.metricCode"),
    ([metric("a", 100, target=0)], "dimensions.0.target"),
    ([metric("a", 100, target=-5)], "dimensions.0.target"),
    ([metric("a", 100, target=float("nan"))], "dimensions.0.target"),
    ([metric("a", 100, floor_ratio=1.5)], "dimensions.0.floorRatio"),
    ([metric("a", 100, cap_points=40)], "dimensions.0.capPoints"),
    ([metric("a", 100, cap_points=201)], "dimensions.0.capPoints"),
    ([metric("a", 100, direction="sideways")], "dimensions.0.direction"),
    ([metric("a", 100, rubric=RUBRIC)], "dimensions.0.rubric"),
    ([metric("a", 50), metric("b", 0)], "dimensions.1.weight"),
    ([metric("a", 50), replace(metric("b", 50), name_zh=" ")], "dimensions.1.nameZh"),
    ([metric("a", 100, unit="x" * 21)], "dimensions.0.unit"),
    ([rating("r", 100, rubric=RUBRIC[:4])], "dimensions.0.rubric"),
    ([rating("r", 100, rubric=None)], "dimensions.0.rubric"),
    ([rating("r", 100, rubric=[*RUBRIC[:4], {"en": "Top", "zh": ""}])], "dimensions.0.rubric.4.zh"),
    ([rating("r", 100, rubric=[{**level, "score": 1} for level in RUBRIC])], "dimensions.0.rubric"),
    ([rating("r", 100, target=5)], "dimensions.0.target"),
    ([rating("r", 100, cap_points=120)], "dimensions.0.source"),
    ([rating("r", 100, relation_weights={"peer": 1})], "dimensions.0.relationWeights"),
    ([DimensionDraft("t", "T", "T", 100, DimensionSource.REVIEW_360, relation_weights={"boss": 5})], "dimensions.0.relationWeights"),
    ([DimensionDraft("t", "T", "T", 100, DimensionSource.REVIEW_360, relation_weights={"peer": 0})], "dimensions.0.relationWeights"),
    ([DimensionDraft("t", "T", "T", 100, DimensionSource.REVIEW_360, relation_weights={"peer": 1.5})], "dimensions.0.relationWeights"),
    ([_okr(metric_code="x"), metric("m", 50)], "dimensions.0.metricCode"),
    ([_okr(rubric=RUBRIC), metric("m", 50)], "dimensions.0.rubric"),
    ([DimensionDraft("x", "X", "X", 100, "magic")], "dimensions.0.source"),  # type: ignore[arg-type]
])
async def test_invalid_dimensions_are_refused_naming_the_field(db, dimensions, field):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as failure:
        await template(company.hr.actor, dimensions=dimensions)
    # then
    assert failure.value.field == field
    assert await ScorecardTemplate.all().count() == 0


async def test_lower_is_better_metrics_are_allowed(db):
    # given
    company = await make_company()
    # when
    made = await template(company.hr.actor, dimensions=[metric("defects", 100, target=1.5, direction=Direction.LOWER)])
    # then
    row = await Dimension.get(version__template_id=made.id)
    assert (row.direction, row.target) == (Direction.LOWER, 1.5)


@pytest.mark.parametrize(("code", "name_en"), [("Sales", "Sales"), ("", "Sales"), ("s" * 41, "Sales"), ("sales", " ")])
async def test_a_template_needs_a_code_and_names(db, code, name_en):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed):
        await templates.create_template(company.hr.actor, code=code, name_en=name_en, name_zh="销售", dimensions=drafts(100))
    assert await ScorecardTemplate.all().count() == 0


async def test_a_code_is_used_once_per_organisation(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    await template(ours.hr.actor, "sales")
    await template(theirs.hr.actor, "sales")
    # when
    with pytest.raises(Conflict) as failure:
        await template(ours.hr.actor, "sales")
    # then
    assert failure.value.field == "code"
    assert await ScorecardTemplate.all().count() == 2


async def test_only_hr_creates_templates(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await template(company.manager.actor)
