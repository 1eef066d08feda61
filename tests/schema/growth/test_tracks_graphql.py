"""The tracks editor over GraphQL: save (create, then replace by id), errors naming the input path, reading
tracks, the preview, putting people on a track and recording a promotion."""
from __future__ import annotations

import json
from typing import Any

from backend.growth.models import EvidenceKind, TrackMembership
from schema.build import build_schema
from schema.context import Context
from tests.factories.growth import add_record
from tests.factories.org import Company, make_company

SCHEMA = build_schema()
TRACK = """fragment T on CareerTrack { id code jobFamily nameEn nameZh active levels { id code nameZh position previousId
  branchEn requirements { id nameEn evidenceKind conditions aggregate measureField windowDays comparator target }
  resources { kind titleEn url requirementId } upcomingSessions { id } } }"""
SAVE = TRACK + """ mutation($input: CareerTrackInput!) { saveCareerTrack(input: $input) {
  __typename ... on CareerTrackSaved { track { ...T } } ... on UserError { code field message } } }"""


async def _run(actor, query: str, **variables: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def _input(**changes: Any) -> dict[str, Any]:
    equipment = {"field": "category", "op": "eq", "value": "equipment"}
    value = {"code": "production", "jobFamily": "production", "nameEn": "Production", "nameZh": "生产通道", "levels": [
        {"code": "junior", "nameEn": "Junior", "nameZh": "初级工", "requirements": [], "resources": []},
        {"code": "middle", "nameEn": "Intermediate", "nameZh": "中级工", "previousCode": "junior", "requirements": [
            {"nameEn": "3 equipment trainings", "nameZh": "3 次设备培训", "evidenceKind": "TRAINING",
             "conditions": equipment, "aggregate": "COUNT", "comparator": "GTE", "target": 3},
            {"nameEn": "12 months", "nameZh": "任初级工满 12 个月", "aggregate": "MONTHS_AT_PREVIOUS_LEVEL",
             "comparator": "GTE", "target": 12}],
         "resources": [{"kind": "EXTERNAL_LINK", "titleEn": "MOOC", "titleZh": "慕课", "url": "https://www.icourse163.org/",
                        "requirementIndex": 0}]}]}
    value.update(changes)
    return value


async def test_hr_saves_and_replaces_a_track(db):
    # given
    c = await make_company()
    # when
    created = (await _run(c.hr.actor, SAVE, input=_input()))["saveCareerTrack"]
    track = created["track"]
    middle = track["levels"][1]
    replaced = _input(id=track["id"], nameEn="Production line")
    replaced["levels"][1]["requirements"][0]["id"] = middle["requirements"][0]["id"]
    replaced["levels"][1]["requirements"][0]["target"] = 4
    again = (await _run(c.hr.actor, SAVE, input=replaced))["saveCareerTrack"]
    # then
    assert created["__typename"] == "CareerTrackSaved"
    assert [(lv["code"], lv["position"], lv["previousId"]) for lv in track["levels"]] == [
        ("junior", 0, None), ("middle", 1, track["levels"][0]["id"])]
    assert middle["requirements"][0]["conditions"] == {"field": "category", "op": "eq", "value": "equipment"}
    assert middle["requirements"][1]["evidenceKind"] is None
    assert middle["resources"] == [{"kind": "EXTERNAL_LINK", "titleEn": "MOOC", "url": "https://www.icourse163.org/",
                                    "requirementId": middle["requirements"][0]["id"]}]
    assert again["track"]["nameEn"] == "Production line"
    assert [lv["id"] for lv in again["track"]["levels"]] == [lv["id"] for lv in track["levels"]]
    kept = again["track"]["levels"][1]["requirements"][0]
    assert (kept["id"], kept["target"]) == (middle["requirements"][0]["id"], 4.0)


async def test_errors_name_the_input_path(db):
    # given a condition with a number where a text belongs
    c = await make_company()
    bad = _input()
    bad["levels"][1]["requirements"][0]["conditions"] = {"all": [{"field": "category", "op": "eq", "value": 3}]}
    # when
    found = (await _run(c.hr.actor, SAVE, input=bad))["saveCareerTrack"]
    denied = (await _run(c.manager.actor, SAVE, input=_input()))["saveCareerTrack"]
    # then
    assert (found["code"], found["field"]) == ("VALIDATION", "levels[1].requirements[0].conditions.all[0].value")
    assert denied["code"] == "FORBIDDEN"


async def _saved(c: Company) -> dict[str, Any]:
    return (await _run(c.hr.actor, SAVE, input=_input()))["saveCareerTrack"]["track"]


async def test_everyone_reads_tracks_and_hr_previews_one(db):
    # given a saved track with the worker on it, holding 3 equipment trainings
    c = await make_company()
    track = await _saved(c)
    await _run(c.hr.actor, """mutation($input: AssignCareerTrackInput!) { assignCareerTrack(input: $input) {
      ... on CareerTrackAssigned { assigned } } }""", input={"employeeIds": [str(c.employee.employee.id)],
                                                               "trackId": track["id"], "levelCode": "junior",
                                                               "levelSince": "2024-01-01"})
    for _ in range(3):
        await add_record(c.system, c.employee.employee.id, EvidenceKind.TRAINING, category="equipment")
    draft = _input(id=track["id"])
    # when
    listed = await _run(c.employee.actor, TRACK + " query { careerTracks { ...T } }")
    one = await _run(c.employee.actor, TRACK + " query($id: ID!) { careerTrack(id: $id) { ...T } }", id=track["id"])
    preview = await _run(c.hr.actor, "query($input: CareerTrackInput!) { previewCareerTrack(input: $input) { members "
                                     "levels { levelId code meeting partial of } } }", input=draft)
    # then
    assert [t["code"] for t in listed["careerTracks"]] == ["production"]
    assert one["careerTrack"]["id"] == track["id"]
    assert preview["previewCareerTrack"] == {"members": 1, "levels": [
        {"levelId": track["levels"][0]["id"], "code": "junior", "meeting": 1, "partial": 0, "of": 1},
        {"levelId": track["levels"][1]["id"], "code": "middle", "meeting": 1, "partial": 0, "of": 1}]}


async def test_hr_records_a_promotion(db):
    # given the worker on the track at junior
    c = await make_company()
    track = await _saved(c)
    await _run(c.hr.actor, """mutation($input: AssignCareerTrackInput!) { assignCareerTrack(input: $input) {
      ... on CareerTrackAssigned { assigned } } }""", input={"employeeIds": [str(c.employee.employee.id)],
                                                               "trackId": track["id"], "levelCode": "junior"})
    # when
    found = await _run(c.hr.actor, """mutation($input: RecordPromotionInput!) { recordPromotion(input: $input) {
      __typename ... on PromotionRecorded { promotion { effectiveOn note employee { name } toLevel { code } } }
      ... on UserError { code } } }""", input={"employeeId": str(c.employee.employee.id),
                                                "toLevelId": track["levels"][1]["id"], "effectiveOn": "2026-11-01",
                                                "note": "Well earned"})
    # then
    assert json.loads(json.dumps(found["recordPromotion"])) == {"__typename": "PromotionRecorded", "promotion": {
        "effectiveOn": "2026-11-01", "note": "Well earned", "employee": {"name": "Acme Worker"},
        "toLevel": {"code": "middle"}}}
    membership = await TrackMembership.of(c.system).get(employee_id=c.employee.employee.id)
    assert str(membership.current_level_id) == track["levels"][1]["id"]
