"""The layering in ARCHITECTURE.md, enforced: import contracts (pyproject's [tool.importlinter]),
the tenancy choke point, and every model scoped to an organisation or explicitly allow-listed."""
from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from tortoise.models import Model

from backend.access.tenancy import TenantScoped
from backend.core.db import MODEL_MODULES

ROOT = Path(__file__).resolve().parents[2]
# Not tenant-scoped, on purpose: the tenant itself; the outbox (carries tenant_id for the system
# actor that replays it); login failures (recorded before anyone is known).
UNSCOPED_MODELS = {"Organization", "OutboxEvent", "LoginFailure"}
# Where a tenant filter or tenant keyword may be written.
TENANCY_FILES = {ROOT / "backend" / "core" / "outbox.py"}
TENANCY_DIRS = {ROOT / "backend" / "access"}
ACTOR_CONSTRUCTORS = {"Actor", "user", "kiosk", "system"}


def test_import_contracts_hold():
    # when
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT, capture_output=True, text=True)
    # then
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_model_is_tenant_scoped_or_allow_listed():
    # given every concrete model in the modules the database config lists
    models = [obj for module in MODEL_MODULES for obj in vars(importlib.import_module(module)).values()
              if isinstance(obj, type) and issubclass(obj, Model) and obj.__module__ == module and not obj._meta.abstract]
    # when
    unscoped = {m.__name__ for m in models if not issubclass(m, TenantScoped)}
    # then
    assert len(models) >= 9
    assert unscoped == UNSCOPED_MODELS


def _tenant_keywords(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if callee in ACTOR_CONSTRUCTORS:
            continue
        for keyword in node.keywords:
            name = keyword.arg or ""
            if name in ("tenant", "tenant_id") or name.startswith(("tenant__", "tenant_id__")):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {callee}({name}=...)")
    return found


def test_no_tenant_filter_outside_backend_access():
    # given every Python file of ours outside the tenancy choke point
    files = [p for top in ("backend", "schema", "workers") for p in (ROOT / top).rglob("*.py")
             if p not in TENANCY_FILES and not any(d in p.parents for d in TENANCY_DIRS) and "migrations" not in p.parts]
    # when
    violations = [v for path in files for v in _tenant_keywords(path)]
    # then
    assert violations == []


def test_the_guard_itself_catches_a_tenant_filter(tmp_path):
    # given a file that filters by tenant directly
    sample = ROOT / "backend" / "_guard_sample.py"
    try:
        sample.write_text("async def f(x):\n    return await Employee.filter(tenant_id=x.tenant_id)\n")
        # when / then
        assert _tenant_keywords(sample) == ["backend/_guard_sample.py:2 filter(tenant_id=...)"]
    finally:
        sample.unlink()
