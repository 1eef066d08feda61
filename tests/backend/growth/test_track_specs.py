"""Validating a drafted track: requirement rules against the evidence vocabulary, levels forming one tree
from a single entry level, resources; every error names its input path."""
from __future__ import annotations

from dataclasses import replace

import pytest

from backend.core.errors import ValidationFailed
from backend.growth.models import Aggregate, Comparator, EvidenceKind, ResourceKind
from backend.growth.track_specs import LevelDraft, RequirementDraft, ResourceDraft, TrackDraft, validate_track
from backend.growth.vocabulary import RequirementRule, distinct_fields, summable, validate_rule


def rule(kind: EvidenceKind | None = EvidenceKind.TRAINING, **changes: object) -> RequirementRule:
    base = RequirementRule(evidence_kind=kind, conditions=None, aggregate=Aggregate.COUNT, measure_field=None,
                           window_days=None, comparator=Comparator.GTE, target=1)
    return replace(base, **changes)  # type: ignore[arg-type]


def level(code: str, previous: str | None = None, *requirements: RequirementRule) -> LevelDraft:
    return LevelDraft(code=code, name_en=code.title(), name_zh=code, previous_code=previous,
                      requirements=tuple(RequirementDraft(name_en="r", name_zh="要求", rule=r) for r in requirements))


def track(*levels: LevelDraft) -> TrackDraft:
    return TrackDraft(code="production", job_family="production", name_en="Production", name_zh="生产", levels=levels)


def _error(draft: TrackDraft) -> str | None:
    with pytest.raises(ValidationFailed) as caught:
        validate_track(draft)
    return caught.value.field


def test_levels_are_ordered_depth_first_from_the_entry_level():
    # given a branch after "senior", listed out of order
    draft = track(level("lead", "senior"), level("junior"), level("technician", "senior"), level("middle", "junior"),
                  level("senior", "middle"), level("manager", "lead"))
    # when
    valid = validate_track(draft)
    # then
    assert [lv.code for lv in valid.ordered] == ["junior", "middle", "senior", "lead", "manager", "technician"]


@pytest.mark.parametrize(("levels", "field"), [
    ((level("junior"), level("middle", "nobody")), "levels[1].previousCode"),
    ((level("junior"), level("junior", "junior")), "levels[1].code"),
    ((level("junior"), level("other")), "levels[1].previousCode"),  # a second entry level
    ((level("junior"), level("a", "b"), level("b", "a")), "levels[1].previousCode"),  # a cycle
    ((level("junior"), level("self", "self")), "levels[1].previousCode"),
    ((level("Bad Code"),), "levels[0].code"),
    ((), "levels"),
])
def test_the_levels_must_form_one_tree(levels, field):
    # when / then
    assert _error(track(*levels)) == field


@pytest.mark.parametrize(("bad", "field"), [
    (rule(None), "levels[1].requirements[0].evidenceKind"),
    (rule(conditions={"all": [{"field": "category", "op": "eq", "value": "x"},
                              {"field": "category", "op": "eq", "value": 3}]}),
     "levels[1].requirements[0].conditions.all[1].value"),
    (rule(conditions={"field": "mentee_id", "op": "eq", "value": "x"}), "levels[1].requirements[0].conditions.field"),
    (rule(target=-1), "levels[1].requirements[0].target"),
    (rule(target=float("nan")), "levels[1].requirements[0].target"),
    (rule(window_days=0), "levels[1].requirements[0].windowDays"),
    (rule(measure_field="quantity"), "levels[1].requirements[0].measureField"),  # a count takes no field
    (rule(aggregate=Aggregate.SUM, measure_field="category"), "levels[1].requirements[0].measureField"),
    (rule(aggregate=Aggregate.DISTINCT), "levels[1].requirements[0].measureField"),
    (rule(aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL), "levels[1].requirements[0].evidenceKind"),
    (rule(None, aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL, window_days=30), "levels[1].requirements[0].windowDays"),
    (rule(None, aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL, comparator=Comparator.LTE),
     "levels[1].requirements[0].comparator"),
])
def test_requirement_errors_name_their_path(bad, field):
    # when / then
    assert _error(track(level("junior"), level("middle", "junior", bad))) == field


def test_valid_rules_are_normalised():
    # given
    total = rule(aggregate=Aggregate.SUM, target=40)
    mentees = rule(EvidenceKind.MENTORING, aggregate=Aggregate.DISTINCT, measure_field=" mentee_id ", target=2)
    tenure = rule(None, aggregate=Aggregate.MONTHS_AT_PREVIOUS_LEVEL, conditions={}, target=12)
    tier = rule(EvidenceKind.TIER_REACHED, conditions={"field": "tier", "op": "in", "value": ["top10", "top20", "top10"]})
    # when
    found = [validate_rule(r, path="r") for r in (total, mentees, tenure, tier)]
    # then
    assert [r.measure_field for r in found] == ["quantity", "mentee_id", None, None]
    assert found[2].conditions is None
    assert found[3].conditions == {"field": "tier", "op": "in", "value": ["top10", "top20"]}


def test_vocabulary_lists_numeric_and_distinct_fields():
    # when / then
    assert summable(EvidenceKind.TECH_TALK) == ("quantity", "rating")
    assert summable(EvidenceKind.TRAINING) == ("quantity",)
    assert "mentee_id" in distinct_fields(EvidenceKind.MENTORING)


@pytest.mark.parametrize(("resource", "field"), [
    (ResourceDraft(kind=ResourceKind.EXTERNAL_LINK, title_en="MOOC", title_zh="慕课"), "levels[0].resources[0].url"),
    (ResourceDraft(kind=ResourceKind.DOCUMENT, title_en="Doc", title_zh="文档", url="ftp://x"), "levels[0].resources[0].url"),
    (ResourceDraft(kind=ResourceKind.INTERNAL_COURSE, title_en="Course", title_zh="课程", requirement_index=1),
     "levels[0].resources[0].requirementIndex"),
    (ResourceDraft(kind=ResourceKind.INTERNAL_COURSE, title_en=" ", title_zh="课程"), "levels[0].resources[0].titleEn"),
])
def test_resource_errors_name_their_path(resource, field):
    # given
    draft = track(replace(level("junior", None, rule()), resources=(resource,)))
    # when / then
    assert _error(draft) == field
