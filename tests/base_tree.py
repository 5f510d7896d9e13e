"""The index pages under the home page, built once for the many tests that ask for them.

Some 200 tests ask for ``agenda`` or ``programme`` (tests/events/fixtures.py), directly or
through ``make_event`` and ``make_masterclass``, and some 150 for the index of the circles, of
the knowledge base or of the pioneers, or for the monitor page (the conftests of those apps,
through ``make_circle``, ``make_profile`` and the like). Publishing an index page costs ~90
queries and a tenth of a second of CPU; built anew for every test that added up to the largest
part of the suite's setup. As the demo (tests/demo_database.py), these pages are now built in
an outer transaction that stays open while the tests that want exactly these pages run, each in
its own savepoint inside it, so what a test changes is rolled back and the next one sees the
pages as built. tests/conftest.py runs the tests that want the same pages one after another,
and puts the pages in place (or takes them away) before any fixture of a test.

A test sees exactly what it saw before: the pages it asks for, built by the same functions (the
functions registered with ``base_page``: the same fields, published with a revision), in the
order it asks for them, and no others. The fixtures return a fresh copy from the database for
each test. Where the pages are not in place (the first such test of a process, a transactional
test) the fixtures build them within the test as before.

This works the same on PostgreSQL and SQLite: it needs nothing but nested transactions.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from wagtail.models import Page, Site

# The fixtures whose pages are built once, each with the function that builds and publishes
# its page under the home page; a conftest registers its own with ``base_page`` on import,
# before the tests are ordered.
BUILDERS: dict = {}


def base_page(name: str):
    """Registers the decorated function(home) as the builder of the base page ``name``; its
    fixture returns ``BaseTree.page(name) or builder(home)``."""

    def register(builder):
        BUILDERS[name] = builder
        return builder

    return register


def base_tree_key(item) -> tuple[str, ...]:
    """The base pages a test asks for (directly or through another fixture), in order.

    Only where the fixture of that name is the one next to the builder: a test module that
    defines a page fixture of the same name for itself builds its own page."""
    info = getattr(item, "_fixtureinfo", None)
    return tuple(
        name
        for name in getattr(item, "fixturenames", ())
        if name in BUILDERS and _registered_fixture(info, name)
    )


def _registered_fixture(info, name: str) -> bool:
    definitions = info.name2fixturedefs.get(name) if info is not None else None
    if not definitions:
        return False
    return definitions[-1].func.__module__ == BUILDERS[name].__module__


class BaseTree:
    """The base pages of one key in an open outer transaction, or none."""

    # The one of this process, once the session fixture made it (the hooks need it).
    current: "BaseTree | None" = None

    def __init__(self, blocker, builders):
        self.blocker = blocker
        self.builders = builders  # fixture name -> function(home) that builds and publishes
        self.atomic = None
        self.key: tuple[str, ...] = ()
        self.pages: dict[str, tuple[type, int]] = {}
        self.loads = 0

    @property
    def loaded(self) -> bool:
        return self.atomic is not None

    def use(self, key: tuple[str, ...]) -> None:
        """The pages of ``key`` in place (none for an empty key)."""
        if self.loaded and key == self.key:
            return
        self.unload()
        if key:
            self.load(key)

    def load(self, key: tuple[str, ...]) -> None:
        with self.blocker.unblock():
            atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            atomic.__enter__()
            try:
                home = Site.objects.get(is_default_site=True).root_page.specific
                pages = {}
                for name in key:
                    page = self.builders[name](home)
                    pages[name] = (type(page), page.pk)
            except BaseException:
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic
        self.key = key
        self.pages = pages
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
        self.key = ()
        self.pages = {}

    @classmethod
    def page(cls, name: str) -> Page | None:
        """A fresh copy of the base page ``name`` when it is in place, else None."""
        tree = cls.current
        if tree is None or not tree.loaded or name not in tree.pages:
            return None
        model, pk = tree.pages[name]
        return model.objects.get(pk=pk)
