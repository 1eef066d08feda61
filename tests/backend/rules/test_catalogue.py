"""The trigger catalogue: each trigger maps an event type, names its recipient and its fields."""
from __future__ import annotations

import dataclasses

import pytest

from backend.org.events import WorkAnniversaryToday
from backend.recognition.events import BadgeGranted, FeedbackGiven, KudosGiven
from backend.rules import catalogue
from backend.rules.catalogue import TRIGGERS, FieldSpec, Trigger


def test_every_trigger_names_a_recipient_field_of_its_event():
    # given the event classes behind the triggers
    events = {cls.type: cls for cls in (KudosGiven, FeedbackGiven, BadgeGranted, WorkAnniversaryToday)}
    for trigger in TRIGGERS.values():
        event = events.get(trigger.event_type)
        if event is None:
            continue
        names = {f.name for f in dataclasses.fields(event)}
        # then the recipient and every condition field are payload fields
        assert trigger.recipient_field in names
        assert set(trigger.fields) <= names


def test_triggers_for_event_finds_the_triggers_of_an_event_type():
    # when / then
    assert [t.key for t in catalogue.triggers_for_event(KudosGiven.type)] == ["kudos_received"]
    assert catalogue.triggers_for_event("nothing.happened") == []


def test_register_refuses_a_different_definition_under_a_taken_key():
    # given
    taken = TRIGGERS["birthday"]
    other = dataclasses.replace(taken, recipient_field="someone_else")
    # when / then
    with pytest.raises(ValueError):
        catalogue.register(other)
    assert catalogue.register(taken) == taken


def test_register_refuses_an_enum_field_without_choices(monkeypatch):
    # given
    monkeypatch.setattr(catalogue, "TRIGGERS", dict(TRIGGERS))
    trigger = Trigger(key="x_happened", event_type="x.happened", recipient_field="employee_id",
                      fields={"kind": FieldSpec(type="enum", name_en="Kind", name_zh="类型")},
                      name_en="X", name_zh="X", description_en="X", description_zh="X")
    # when / then
    with pytest.raises(ValueError):
        catalogue.register(trigger)
