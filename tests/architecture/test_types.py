"""`mypy --strict` over our packages (configured in pyproject's [tool.mypy]) is part of the suite."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_strict_passes():
    # when
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    # then
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
