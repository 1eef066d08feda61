"""decide(): the pure heart of firing and previews, table-tested without a database."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from backend.core.events import RecordedEvent
from backend.recognition.events import FeedbackGiven, KudosGiven
from backend.rules.awards import AwardSpec
from backend.rules.catalogue import TRIGGERS
from backend.rules.engine import Decision, RuleSpec, decide

RECEIVER = uuid.uuid4()
EVENT_ID = uuid.uuid4()
RULE_ID = uuid.uuid4()
AWARD = AwardSpec(points=20)
PRAISE_WITH_VALUE = {"all": [{"field": "kind", "op": "eq", "value": "praise"},
                             {"field": "value_code", "op": "ne", "value": ""}]}


def _feedback(**changes: Any) -> RecordedEvent:
    payload = {"feedback_id": str(uuid.uuid4()), "giver_id": str(uuid.uuid4()), "receiver_id": str(RECEIVER),
               "kind": "praise", "value_code": "care", "dimension": None, "is_public": True, **changes}
    return RecordedEvent(id=EVENT_ID, type=FeedbackGiven.type, payload=payload, occurred_at=datetime(2026, 5, 4, tzinfo=UTC))


def _rule(trigger: str = "feedback_received", conditions: dict[str, Any] | None = PRAISE_WITH_VALUE,
          active: bool = True) -> RuleSpec:
    return RuleSpec(id=RULE_ID, name="Value praise", trigger=trigger, conditions=conditions, awards=AWARD, active=active)


@pytest.mark.parametrize(("rule", "event", "trigger", "fires"), [
    (_rule(), _feedback(), "feedback_received", True),
    (_rule(active=False), _feedback(), "feedback_received", True),  # previews decide for inactive rules
    (_rule(conditions=None), _feedback(kind="coaching"), "feedback_received", True),
    (_rule(), _feedback(kind="coaching"), "feedback_received", False),
    (_rule(), _feedback(value_code=None), "feedback_received", False),
    (_rule(), _feedback(value_code=""), "feedback_received", False),
    (_rule(), _feedback(receiver_id=None), "feedback_received", False),
    (_rule(), _feedback(receiver_id="not-a-uuid"), "feedback_received", False),
    (_rule(trigger="kudos_received"), _feedback(), "kudos_received", False),  # event of another type
    (_rule(), _feedback(), "kudos_received", False),  # trigger is not the rule's
])
def test_decide(rule, event, trigger, fires):
    # when
    decision = decide(rule, event, TRIGGERS[trigger])
    # then
    assert (decision is not None) is fires


def test_a_decision_names_the_recipient_from_the_triggers_recipient_field():
    # given a kudos event: the receiver is rewarded, not the giver
    giver = uuid.uuid4()
    event = RecordedEvent(id=EVENT_ID, type=KudosGiven.type, occurred_at=datetime(2026, 5, 4, tzinfo=UTC),
                          payload={"kudos_id": str(uuid.uuid4()), "giver_id": str(giver), "receiver_id": str(RECEIVER),
                                   "points": 10, "value_code": None})
    # when
    decision = decide(_rule(trigger="kudos_received", conditions=None), event, TRIGGERS["kudos_received"])
    # then
    assert decision == Decision(rule_id=RULE_ID, event_id=EVENT_ID, recipient_id=RECEIVER, awards=AWARD)
