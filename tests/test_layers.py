"""The apps depend one way: the import-linter contract of pyproject.toml ([tool.importlinter],
run by ``make lint``) is kept, and putting back an import this order removed breaks it.

The tests work on a copy of the code in a temporary folder, with the removed imports written
back into it, so that they show the contract on real source, not on a model of it. lint-imports
runs twice in all (it takes seconds): on the copy as it is, and with every removed import back,
where each of them must be reported on its own.
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


# Imports that the layers removed, each written back where it was.
REMOVED_IMPORTS = [
    # core collected the demo content by importing every app (now: learning.core.demo).
    ("learning/core/management/commands/load_demo.py", "from learning.events import demo"),
    # the outbox registered its personal data in accounts, which imports the outbox.
    ("learning/outbox/personal_data.py", "from learning.accounts import personal_data"),
    # the events demo built the masterclass programme (now learning/masterclasses/demo.py).
    ("learning/events/demo.py", "from learning.masterclasses.models import MasterclassPage"),
]


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory):
    """The Python source and pyproject.toml in a temporary folder."""
    root = tmp_path_factory.mktemp("layers")
    for package in ("learning", "home"):
        shutil.copytree(REPO / package, root / package, ignore=python_only)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="module")
def kept(copy_of_the_code):
    """lint-imports on the copy as it is (one run of a few seconds, shared by the tests)."""
    return lint_imports(copy_of_the_code)


@pytest.fixture(scope="module")
def with_the_removed_imports(copy_of_the_code, kept):
    """lint-imports on the copy with every removed import written back (one run: the layers
    contract reports each illegal import on its own)."""
    for path, line in REMOVED_IMPORTS:
        module = copy_of_the_code / path
        module.write_text(f"{line}  # noqa\n{module.read_text()}")
    return lint_imports(copy_of_the_code)


def test_the_layers_contract_is_kept(kept):
    # The copy holds all the Python source: what holds for it holds for the repository.
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "Contracts: 1 kept, 0 broken." in kept.stdout


@pytest.mark.parametrize(("path", "line"), REMOVED_IMPORTS)
def test_putting_back_a_removed_import_breaks_the_contract(
    kept, with_the_removed_imports, path, line
):
    # The copy as it is keeps the contract (so the failure below is the imports' doing).
    assert kept.returncode == 0
    result = with_the_removed_imports

    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    # This import in particular is reported, as the importer of an illegal import.
    importer = path.removesuffix(".py").replace("/", ".")
    imported = line.split()[1] if line.startswith("from ") else line.split()[-1]
    assert f"{importer} -> {imported}" in result.stdout
