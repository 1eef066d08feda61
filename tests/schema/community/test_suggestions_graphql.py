"""The suggestion box over GraphQL: the flow with its clock fields; the anonymity walk (every Suggestion field,
selected from the schema itself, read by HR through every path, holds nothing of the submitter); HR's
statistics; the lists cost the same for few and many suggestions."""
from __future__ import annotations

import json
from datetime import timedelta

from graphql import GraphQLObjectType, get_named_type

from backend.community import suggestions
from backend.community.models import Suggestion
from backend.core import clock
from tests.factories.community import make_suggestion
from tests.factories.org import make_company
from tests.schema.community.social_support import SCHEMA, run, statements

SUGGESTION = """id title status anonymous mine overdue secondsLeft dueAt answer canAnswer canDecide rewardPoints
  submitter { id name } department { name } owner { id } escalatedTo { id }"""
SUBMIT = f"""mutation($input: SubmitSuggestionInput!) {{ submitSuggestion(input: $input) {{ __typename
  ... on SuggestionChanged {{ suggestion {{ {SUGGESTION} }} }} ... on UserError {{ code field }} }} }}"""
ANSWER = f"""mutation($id: ID!, $a: String!) {{ answerSuggestion(id: $id, answer: $a) {{ __typename
  ... on SuggestionChanged {{ suggestion {{ {SUGGESTION} }} }} ... on UserError {{ code }} }} }}"""
LIST = f"query($s: SuggestionScope!) {{ suggestions(scope: $s) {{ {SUGGESTION} }} }}"
STATS = """{ suggestionStats { total open overdue answeredOnTime answeredLate medianAnswerHours hiddenDepartments
  byStatus { status count } byDepartment { count department { name } } } }"""


def _every_field(type_name: str) -> str:
    """A selection of every field of the type; object fields get every scalar field of theirs."""
    gql_type = SCHEMA._schema.type_map[type_name]
    assert isinstance(gql_type, GraphQLObjectType)
    parts = []
    for name, f in gql_type.fields.items():
        inner = get_named_type(f.type)
        if isinstance(inner, GraphQLObjectType):
            scalars = [n for n, sf in inner.fields.items() if not isinstance(get_named_type(sf.type), GraphQLObjectType)
                       and not sf.args]
            parts.append(f"{name} {{ {' '.join(scalars)} }}")
        else:
            parts.append(name)
    return " ".join(parts)


async def test_submit_and_answer_with_the_clock(db):
    # given
    c = await make_company()
    # when
    made = (await run(c.employee.actor, SUBMIT, input={"title": "Standing desks 升降桌", "body": "For the dev team."}))
    s = made["submitSuggestion"]["suggestion"]
    to_answer = (await run(c.hr.actor, LIST, s="TO_ANSWER"))["suggestions"]
    answered = (await run(c.hr.actor, ANSWER, id=s["id"], a="Ordering 10 to try."))["answerSuggestion"]["suggestion"]
    refused = (await run(c.peer.actor, ANSWER, id=s["id"], a="me too"))["answerSuggestion"]
    # then
    assert (s["status"], s["mine"], s["submitter"]["name"], s["department"]["name"]) == (
        "RECEIVED", True, c.employee.employee.name, c.department.name)
    assert 86000 < s["secondsLeft"] <= 86400 and s["owner"]["id"] == str(c.hr.employee.id) and not s["canAnswer"]
    assert [x["id"] for x in to_answer] == [s["id"]] and to_answer[0]["canAnswer"] and not to_answer[0]["mine"]
    assert (answered["status"], answered["secondsLeft"], answered["canDecide"]) == ("ANSWERED", None, True)
    assert (refused["__typename"], refused["code"]) == ("UserError", "FORBIDDEN")


async def test_an_anonymous_submitter_is_returned_by_no_field_to_anyone(db):
    # given: an anonymous suggestion through the whole flow, reward included
    c = await make_company()
    author = c.employee.employee
    s = await make_suggestion(c.employee.actor, anonymous=True)
    await suggestions.answer(c.hr.actor, s.id, "Thanks!")
    await suggestions.decide(c.hr.actor, s.id, accept=True)
    with clock.frozen_at(clock.now() + timedelta(hours=1)):
        await suggestions.implement(c.hr.actor, s.id, outcome="Done 已完成", reward_points=20)
    every = _every_field("Suggestion")
    # when: HR (and others) read it through every path
    seen = [
        await run(c.hr.actor, f"{{ suggestions(scope: ALL) {{ {every} }} suggestionBoard {{ {every} }} }}"),
        await run(c.hr.actor, f"{{ suggestions(scope: TO_ANSWER) {{ {every} }} }}"),
        await run(c.peer.actor, f"{{ suggestionBoard {{ {every} }} }}"),
        await run(c.hr.actor, STATS),
        await run(c.hr.actor, f'{{ suggestion(id: "{s.id}") {{ {every} }} }}'),
        await run(c.hr.actor, f"""mutation {{ reassignSuggestion(id: "{s.id}", ownerId: "{c.manager.employee.id}") {{
          __typename ... on SuggestionChanged {{ suggestion {{ {every} }} }} ... on UserError {{ code }} }} }}"""),
    ]
    mine = (await run(c.employee.actor, f"{{ suggestions(scope: MINE) {{ {every} }} }}"))["suggestions"]
    # then
    text = json.dumps(seen, ensure_ascii=False)
    needles = [str(author.id), author.name, author.latin_name, author.employee_number, author.email, author.phone,
               str(c.employee.account.id)]
    assert "submitter" in every and '"submitter": null' in text
    assert [n for n in needles if n and n in text] == []
    assert len(seen[0]["suggestionBoard"]) == 1 and seen[0]["suggestionBoard"][0]["rewardPoints"] == 20
    assert mine[0]["mine"] is True and mine[0]["submitter"] is None and mine[0]["department"] is None
    assert seen[4]["suggestion"]["submitter"] is None and seen[4]["suggestion"]["id"] == str(s.id)


async def test_one_suggestion_for_its_submitter_owner_escalation_target_and_hr_only(db):
    # given the employee's anonymous suggestion, given to the manager to answer and escalated to the peer
    c = await make_company()
    other = await make_company("Other")
    s = await make_suggestion(c.employee.actor, anonymous=True)
    await suggestions.reassign(c.hr.actor, s.id, c.manager.employee.id)
    await Suggestion.of(c.system).filter(id=s.id).update(escalated_to_id=c.peer.employee.id)
    one = f'{{ suggestion(id: "{s.id}") {{ id mine submitter {{ id }} owner {{ id }} escalatedTo {{ id }} }} }}'
    # when
    seen = {who: (await run(getattr(c, who).actor, one))["suggestion"] for who in ("employee", "manager", "peer", "hr")}
    await Suggestion.of(c.system).filter(id=s.id).update(escalated_to_id=None)
    no_longer = (await run(c.peer.actor, one))["suggestion"]
    foreign = (await run(other.owner.actor, one))["suggestion"]
    unknown = (await run(c.hr.actor, '{ suggestion(id: "00000000-0000-0000-0000-000000000000") { id } }'))
    # then
    assert {who: found and found["id"] for who, found in seen.items()} == dict.fromkeys(seen, str(s.id))
    assert seen["employee"]["mine"] is True and all(found["submitter"] is None for found in seen.values())
    assert (seen["hr"]["owner"], seen["hr"]["escalatedTo"]) == (
        {"id": str(c.manager.employee.id)}, {"id": str(c.peer.employee.id)})
    assert (no_longer, foreign, unknown["suggestion"]) == (None, None, None)


async def test_stats_are_for_hr(db):
    # given
    c = await make_company()
    await make_suggestion(c.employee.actor)
    # when
    stats = (await run(c.hr.actor, STATS))["suggestionStats"]
    refused = await SCHEMA.execute(STATS, context_value=_context(c.manager.actor))
    # then
    assert (stats["total"], stats["open"], stats["hiddenDepartments"], stats["byDepartment"]) == (1, 1, 1, [])
    assert refused.errors and refused.errors[0].extensions["code"] == "FORBIDDEN"


async def test_the_list_costs_the_same_for_few_and_many(db, count_queries):
    # given
    c = await make_company()
    for _ in range(2):
        await make_suggestion(c.employee.actor)
    small = await statements(count_queries, c.hr.actor, LIST, s="ALL")
    # when
    for n in range(8):
        s = await make_suggestion(c.peer.actor if n % 2 else c.employee.actor, anonymous=n % 3 == 0)
        await suggestions.reassign(c.hr.actor, s.id, c.manager.employee.id)
    large = await statements(count_queries, c.hr.actor, LIST, s="ALL")
    # then
    print(f"suggestions statements: {small} small, {large} large")
    assert small == large


def _context(actor):  # type: ignore[no-untyped-def]
    from schema.context import Context

    return Context(request=None, response=None, actor=actor)  # type: ignore[arg-type]
