"""Scorecards keep no foreign-key constraints (the Scorecard model says why), so what the constraints would
have caught is held here: nothing in Seen deletes a row a card points at (organisations, people,
departments, review cycles, template versions: people leave by status, cycles close, templates get new
versions), and a recompute writes only ids that exist, in the card's own organisation."""
from __future__ import annotations

import ast
from pathlib import Path

from tortoise import Tortoise

from backend.performance.models import CycleStatus, ReviewCycle, Scorecard
from tests.factories.performance import put_value
from tests.factories.performance_scoring import make_scene
from workers.jobs.performance import recompute_open_cycles

ROOT = Path(__file__).resolve().parents[2]
PARENTS = {"Organization", "Employee", "Department", "ReviewCycle", "TemplateVersion"}
TABLES = {"organization", "employee", "department", "review_cycle", "scorecard_template_version"}


def _deletions(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "delete":
            root = node.func.value
            while isinstance(root, (ast.Call, ast.Attribute)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if isinstance(root, ast.Name) and root.id in PARENTS:
                found.append(f"{root.id}...delete() at line {node.lineno}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = " ".join(node.value.lower().replace('"', " ").split())
            found += [f"DELETE FROM {t} at line {node.lineno}" for t in TABLES if f"delete from {t} " in f"{text} "]
    return found


def test_nothing_deletes_what_a_scorecard_points_at():
    # given every module of the application
    sources = [p for d in ("backend", "schema", "workers", "device_bridge") for p in (ROOT / d).rglob("*.py")
               if "migrations" not in p.parts]
    # when
    found = {str(p.relative_to(ROOT)): hits for p in sources if (hits := _deletions(ast.parse(p.read_text())))}
    # then
    assert found == {}, "a parent of Scorecard is deleted somewhere: cards would dangle (see the Scorecard model)"


def test_the_guard_sees_a_deletion():
    assert _deletions(ast.parse("await Employee.of(actor).filter(id=x).delete()"))
    assert _deletions(ast.parse("sql = 'DELETE FROM \"review_cycle\" WHERE id = $1'"))
    assert not _deletions(ast.parse("await Scorecard.of(actor).filter(cycle_id=c).delete()"))


async def test_every_card_a_recompute_writes_points_at_rows_of_its_own_organisation(db):
    # given two organisations with values in their open cycles, recomputed by the nightly job
    for name in ("Acme", "Globex"):
        scene = await make_scene(name)
        c = scene.company
        await put_value(c.system, scene.cycle, c.employee.employee.id, "results", 150)
        await ReviewCycle.of(c.system).filter(id=scene.cycle.id).update(status=CycleStatus.OPEN)
    await recompute_open_cycles({})
    # when: every card's parents looked up within the card's organisation
    _, rows = await Tortoise.get_connection("default").execute_query(
        "SELECT count(*) AS cards, "
        "count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM employee e WHERE e.id = s.employee_id AND e.tenant_id = s.tenant_id)"
        " OR NOT EXISTS (SELECT 1 FROM review_cycle c WHERE c.id = s.cycle_id AND c.tenant_id = s.tenant_id)"
        " OR NOT EXISTS (SELECT 1 FROM scorecard_template_version v WHERE v.id = s.template_version_id AND v.tenant_id = s.tenant_id)"
        " OR (s.department_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM department d WHERE d.id = s.department_id"
        " AND d.tenant_id = s.tenant_id))"
        " OR NOT EXISTS (SELECT 1 FROM organization o WHERE o.id = s.tenant_id)) AS dangling FROM scorecard s")
    # then
    counts = dict(rows[0])
    assert counts["cards"] >= await Scorecard.all().count() > 0 and counts["dangling"] == 0
