"""Reading templates: current dimensions, every version's weights, in a constant number of queries."""
from __future__ import annotations

import pytest

from backend.core.errors import NotFound
from backend.performance import template_queries, templates
from tests.factories.org import make_company
from tests.factories.performance_config import drafts, template


async def test_a_template_shows_its_current_dimensions_and_every_versions_weights(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor, dimensions=drafts(60, 40))
    await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(50, 25, 25), reason="More")
    # when
    view = await template_queries.get_template(company.employee.actor, made.id)
    # then
    assert [(d.code, d.weight) for d in view.dimensions] == [("d0", 50), ("d1", 25), ("d2", 25)]
    assert [(v.version.version, v.version.reason, v.weights) for v in view.versions] == [
        (2, "More", {"d0": 50, "d1": 25, "d2": 25}), (1, "", {"d0": 60, "d1": 40})]


async def test_listing_templates_costs_the_same_for_2_and_6_templates(db, count_queries):
    # given
    company = await make_company()
    for code in ("a", "b"):
        made = await template(company.hr.actor, code)
        await templates.assign_template(company.hr.actor, template_id=made.id, job_title=f"Title {code}")
    before = count_queries.count
    await template_queries.list_templates(company.hr.actor)
    small = count_queries.count - before
    for code in ("c", "d", "e", "f"):
        made = await template(company.hr.actor, code)
        await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(100))
        await templates.assign_template(company.hr.actor, template_id=made.id, job_title=f"Title {code}")
    # when
    before = count_queries.count
    views = await template_queries.list_templates(company.hr.actor)
    large = count_queries.count - before
    # then
    assert len(views) == 6 and small == large


async def test_another_organisations_template_is_not_found(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    made = await template(theirs.hr.actor)
    # when / then
    with pytest.raises(NotFound):
        await template_queries.get_template(ours.hr.actor, made.id)
    assert await template_queries.list_templates(ours.hr.actor) == []
