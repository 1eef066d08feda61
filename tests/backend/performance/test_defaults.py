"""The default templates: the issue's weights, valid, bilingual, installed once."""
from __future__ import annotations

import pytest

from backend.core.errors import Forbidden
from backend.performance import template_queries
from backend.performance.defaults import install_default_templates
from backend.performance.models import DimensionSource, Direction, ScorecardTemplate
from tests.factories.org import make_company


async def test_the_default_templates_carry_the_agreed_weights(db):
    # given
    company = await make_company()
    # when
    installed = await install_default_templates(company.hr.actor)
    # then
    views = {v.template.code: v for v in await template_queries.list_templates(company.hr.actor)}
    assert set(installed) == set(views) == {"sales", "rnd", "operations", "production", "results_ability"}
    weights = {code: [(d.code, d.weight) for d in v.dimensions] for code, v in views.items()}
    assert weights["sales"] == [("results", 40), ("retention", 30), ("mentoring", 20), ("attendance", 10)]
    assert weights["rnd"] == [("delivery", 30), ("patents", 25), ("documentation", 25), ("teamwork", 20)]
    assert weights["operations"] == [("user_growth", 35), ("process_suggestions", 30), ("cross_team_support", 25),
                                     ("attendance", 10)]
    assert weights["results_ability"] == [("results", 70), ("ability", 30)]
    assert weights["production"] == [("output", 40), ("defect_rate", 30), ("safety", 20), ("attendance", 10)]


async def test_default_sources_rubrics_and_directions(db):
    # given
    company = await make_company()
    # when
    await install_default_templates(company.hr.actor)
    # then
    views = {v.template.code: v for v in await template_queries.list_templates(company.hr.actor)}
    dims = {(code, d.code): d for code, v in views.items() for d in v.dimensions}
    assert dims[("sales", "mentoring")].source == DimensionSource.RATING
    assert all(level["en"] and level["zh"] for level in dims[("sales", "mentoring")].rubric)
    assert dims[("rnd", "teamwork")].source == DimensionSource.REVIEW_360
    assert dims[("results_ability", "results")].source == DimensionSource.OKR
    assert (dims[("production", "defect_rate")].direction, dims[("production", "defect_rate")].target) == (Direction.LOWER, 1.5)
    assert (dims[("sales", "attendance")].metric_code, dims[("sales", "attendance")].target) == ("attendance_rate", 98.0)
    assert all(v.template.name_en != v.template.name_zh for v in views.values())


async def test_installing_twice_adds_nothing_and_keeps_hr_edits(db):
    # given
    company = await make_company()
    first = await install_default_templates(company.hr.actor)
    await ScorecardTemplate.filter(id=first["sales"].id).update(name_en="Field sales")
    # when
    second = await install_default_templates(company.hr.actor)
    # then
    assert {c: t.id for c, t in first.items()} == {c: t.id for c, t in second.items()}
    assert await ScorecardTemplate.all().count() == 5
    assert (await ScorecardTemplate.get(id=first["sales"].id)).name_en == "Field sales"


async def test_only_hr_installs_the_defaults(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await install_default_templates(company.manager.actor)
