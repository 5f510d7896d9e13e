"""The apps depend one way: the import-linter contract of pyproject.toml ([tool.importlinter],
run by ``make lint``) is kept, and putting back an import this order removed breaks it.

The second test works on a copy of the code in a temporary folder, with one of the removed
imports written back into it, so that it shows the contract on real source, not on a model of it.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def python_only(folder: str, names: list[str]) -> set[str]:
    """For shutil.copytree: the Python source and its folders, nothing else."""
    return {
        name
        for name in names
        if name == "__pycache__" or not (name.endswith(".py") or Path(folder, name).is_dir())
    }


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_layers_contract_is_kept():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


# Imports that the layers removed, each written back where it was.
REMOVED_IMPORTS = [
    # core collected the demo content by importing every app (now: learning.core.demo).
    ("learning/core/management/commands/load_demo.py", "from learning.events import demo"),
    # the outbox registered its personal data in accounts, which imports the outbox.
    ("learning/outbox/personal_data.py", "from learning.accounts import personal_data"),
    # the events demo built the masterclass programme (now learning/masterclasses/demo.py).
    ("learning/events/demo.py", "from learning.masterclasses.models import MasterclassPage"),
]


@pytest.mark.parametrize(("path", "line"), REMOVED_IMPORTS)
def test_putting_back_a_removed_import_breaks_the_contract(tmp_path, path, line):
    for package in ("learning", "home"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=python_only)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    # The copy as it is keeps the contract (so the failure below is the one import's doing).
    assert lint_imports(tmp_path).returncode == 0

    module = tmp_path / path
    module.write_text(f"{line}  # noqa\n{module.read_text()}")
    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    importer = path.removesuffix(".py").replace("/", ".")
    assert importer in result.stdout
