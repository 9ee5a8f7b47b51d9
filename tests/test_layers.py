"""The layers hold: `lint-imports` checks the contracts in pyproject.toml, and they do bite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of `project`'s pyproject.toml over the steepest under its src/."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env={"PYTHONPATH": str(project / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "probe", "broken"),
    [
        ("engine/limits.py", "import steepest.web.app", "Each layer imports only"),
        ("engine/notation/lexer.py", "import steepest.engine.claims.verify", "Engine sub-packages"),
        ("engine/evaluate/tree.py", "import os", "The engine does no I/O"),
        ("compute/pool.py", "import steepest.store", "Each layer imports only"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, probe: str, broken: str
) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "src" / "steepest", tmp_path / "src" / "steepest")
    with (tmp_path / "src" / "steepest" / module).open("a") as source:
        source.write(f"\n{probe}  # a probe\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    # A probe may break other contracts too (each also sees indirect imports); this one must.
    assert any(
        line.startswith(broken) and line.endswith("BROKEN") for line in result.stdout.splitlines()
    )
