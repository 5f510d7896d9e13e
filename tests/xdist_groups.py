"""``--dist loadgroup`` that works on pytest 9: tests marked ``xdist_group`` go to one worker.

pytest-xdist 3.8 groups tests by appending ``@<group>`` to ``item._nodeid`` in each worker;
pytest 9 no longer reads that attribute (a node's id is ``item._id``), so every test stayed
its own unit and the groups were spread over the workers. Here each worker writes the group of
every marked test to a file of its own in a directory the controller made (the workers inherit
its environment), and the controller's scheduler, xdist's own loadgroup scheduler, reads the
group of a test from there instead of from its id. Tests without a group are scheduled one by
one, as with loadgroup; the largest unit (a group) is handed out first.
"""

import json
import os
import tempfile
from pathlib import Path

from xdist.scheduler import LoadGroupScheduling

GROUPS_DIR = "CIRCULAIR_LEREN_XDIST_GROUPS"


def controller_configure(config) -> None:
    """In the controller of a run with workers: the directory the workers write to."""
    if hasattr(config, "workerinput") or config.getvalue("dist") != "loadgroup":
        return
    directory = tempfile.mkdtemp(prefix="xdist-groups-")
    os.environ[GROUPS_DIR] = directory
    config.add_cleanup(lambda: _remove(Path(directory)))


def worker_write_groups(config, items) -> None:
    """In a worker: the group of each marked test, by test id."""
    directory = os.environ.get(GROUPS_DIR)
    worker = getattr(config, "workerinput", {}).get("workerid")
    if not directory or not worker:
        return
    groups = {}
    for item in items:
        names = sorted(
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        )
        if names:
            groups[item.nodeid] = "_".join(names)
    path = Path(directory) / f"{worker}.json"
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(groups))
    partial.replace(path)  # whole or not at all for the controller


class FileGroupScheduling(LoadGroupScheduling):
    """xdist's loadgroup scheduler, with the groups the workers wrote."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        self.groups: dict[str, str] | None = None

    def _split_scope(self, nodeid: str) -> str:
        if self.groups is None:
            # Called once every worker has sent its collection, so its file is there. All
            # workers collect the same tests (xdist checks that); one file is enough.
            self.groups = {}
            directory = os.environ.get(GROUPS_DIR)
            for path in sorted(Path(directory).glob("*.json")) if directory else ():
                self.groups.update(json.loads(path.read_text()))
        return self.groups.get(nodeid, nodeid)


def _remove(directory: Path) -> None:
    for path in directory.glob("*"):
        path.unlink()
    directory.rmdir()
