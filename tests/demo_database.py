"""The demo content, loaded once per test process for the tests that only read it.

`manage.py load_demo` takes seconds; a dozen tests walk, search or render the demo site. They
share one load: the demo goes into the test database inside an outer transaction that stays
open while those tests run, each of them in its own savepoint inside it (pytest-django's
ordinary `db` transaction), so whatever a test changes is rolled back and the next demo test
sees the demo as loaded. Every other test must see the database without the demo: before such
a test the outer transaction is rolled back (and the demo is loaded again for a later demo
test). tests/conftest.py runs the demo tests last among the database tests, so normally the
demo is loaded once per process (once per xdist worker).

This works the same on PostgreSQL and SQLite: it needs nothing but nested transactions.
"""

import os

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import override_settings

# The fixture that asks for the demo (tests/conftest.py).
DEMO_FIXTURE = "demo_database"
# What makes a test use the database without the demo (see pytest-django's own ordering).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def wants_demo(item) -> bool:
    return DEMO_FIXTURE in getattr(item, "fixturenames", ())


def uses_database(item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    return bool(DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


class DemoDatabase:
    """The demo in an open outer transaction of the default database, or not loaded."""

    # The one of this process, once the session fixture made it (the hooks need it).
    current: "DemoDatabase | None" = None

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.loads = 0

    @property
    def loaded(self) -> bool:
        return self.atomic is not None

    def load(self) -> None:
        if self.loaded:
            return
        with self.blocker.unblock():
            atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            atomic.__enter__()
            try:
                # load_demo refuses without DEBUG (it makes accounts with known passwords).
                with override_settings(DEBUG=True), open(os.devnull, "w") as devnull:
                    call_command("load_demo", stdout=devnull)
            except BaseException:
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic
        self.loads += 1

    def unload(self) -> None:
        if not self.loaded:
            return
        with self.blocker.unblock():
            connection = connections[DEFAULT_DB_ALIAS]
            # A test's own transaction must be over by now (its teardown rolled it back).
            assert len(connection.atomic_blocks) == 1, connection.atomic_blocks
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            self.atomic.__exit__(None, None, None)
        self.atomic = None
