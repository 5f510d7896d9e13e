"""The loadgroup scheduling of make test (tests/xdist_groups.py): the groups the workers write
down are the units (scopes) the controller's scheduler hands out whole."""

from types import SimpleNamespace

import pytest

from tests.xdist_groups import GROUPS_DIR, FileGroupScheduling, worker_write_groups


def item(nodeid, *groups):
    marks = [pytest.mark.xdist_group(group).mark for group in groups]
    return SimpleNamespace(
        nodeid=nodeid,
        iter_markers=lambda name: [mark for mark in marks if mark.name == name],
    )


def test_a_group_is_one_unit_for_one_worker(tmp_path, monkeypatch):
    monkeypatch.setenv(GROUPS_DIR, str(tmp_path))
    worker = SimpleNamespace(workerinput={"workerid": "gw0"})
    collection = [
        item("tests/a.py::test_alone"),
        item("tests/b.py::test_demo[x]", "demo"),
        item("tests/c.py::test_demo_too", "demo"),
    ]
    worker_write_groups(worker, collection)

    # The controller's scheduler reads what the worker wrote (its __init__ needs xdist's config).
    scheduling = FileGroupScheduling.__new__(FileGroupScheduling)
    scheduling.groups = None
    assert [scheduling._split_scope(entry.nodeid) for entry in collection] == [
        "tests/a.py::test_alone",
        "demo",
        "demo",
    ]


def test_without_the_directory_every_test_is_its_own_unit(monkeypatch):
    monkeypatch.delenv(GROUPS_DIR, raising=False)
    scheduling = FileGroupScheduling.__new__(FileGroupScheduling)
    scheduling.groups = None
    assert scheduling._split_scope("tests/b.py::test_demo") == "tests/b.py::test_demo"
