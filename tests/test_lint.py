"""Guardrails: ruff (pyflakes and syntax: undefined names, unused imports) over the whole
tree, and mypy over the typed seams (pyproject.toml [tool.mypy] files)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def test_ruff_finds_nothing():
    run = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_on_the_typed_seams():
    run = subprocess.run([str(BIN / "mypy"), "--no-incremental"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
