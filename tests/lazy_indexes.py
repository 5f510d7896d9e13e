"""Search and reference indexes brought up to date when something reads them, in the tests.

Every save of a page or another indexed object makes Wagtail run two tasks at once: one that
writes the object's search index entry (modelsearch) and one that writes its reference index
rows, a dozen queries each, and a page is saved three times when a test makes it (created,
revision, published). Most tests never search and never look at the reference index, yet those
tasks took about a fifth of the suite's time. Here, in a test that runs in a transaction
(pytest-django's ``db``), the two tasks are noted instead of run, each object once; the first
query that reads or writes either index's table runs the noted tasks first, the same Wagtail
and modelsearch functions on the objects as they are then. A search, the admin's usage
count or a page delete therefore sees exactly the indexes that running the tasks at once would
have left. What a test noted and nothing read is dropped with the test's rolled-back
transaction.

Tests that commit (``transaction=True``, the live server, the browser tests) have other
threads and connections, where a note in one thread could be read from another: there the
tasks run at once as in production. What is built outside a test (the base pages, the demo)
is indexed before the test starts.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


def index_tables() -> tuple[str, ...]:
    """The tables of the search index (its entry models, whatever app holds them; SQLite's
    full-text table starts with the same name) and of Wagtail's reference index: a query that
    names one of them sees the noted tasks run first."""
    from django.apps import apps
    from modelsearch.abstract_models import BaseIndexEntry
    from wagtail.models import ReferenceIndex

    tables = {
        model._meta.db_table for model in apps.get_models() if issubclass(model, BaseIndexEntry)
    }
    return (*sorted(tables), ReferenceIndex._meta.db_table)


class _NotedTask:
    """Stands in for a task in the signal handler's module: ``enqueue`` notes or runs it."""

    def __init__(self, lazy: "LazyIndexes", task):
        self.lazy = lazy
        self.task = task

    def enqueue(self, *args, **kwargs):
        if not self.lazy.deferring:
            return self.task.enqueue(*args, **kwargs)
        self.lazy.pending[(self, args, tuple(sorted(kwargs.items())))] = None
        return None

    def __getattr__(self, name):
        return getattr(self.task, name)


class LazyIndexes:
    # The one of this process, once installed (the hooks in tests/conftest.py need it).
    current: "LazyIndexes | None" = None

    def __init__(self):
        from modelsearch import signal_handlers as search_handlers
        from wagtail import signal_handlers as wagtail_handlers

        self.modules = (
            (search_handlers, "insert_or_update_object_task"),
            (wagtail_handlers, "update_reference_index_task"),
        )
        # (noted task, args, kwargs) in the order first noted; a dict keeps each once.
        self.pending: dict[tuple, None] = {}
        self.deferring = False
        self.running = False
        self.wrapped = None
        self.tables = index_tables()

    @classmethod
    def install(cls) -> "LazyIndexes":
        from django.test.utils import CaptureQueriesContext

        lazy = cls()
        for module, name in lazy.modules:
            setattr(module, name, _NotedTask(lazy, getattr(module, name)))
        # A test that counts queries counts those of what it measures, as before: the noted
        # tasks run before counting starts.
        enter = CaptureQueriesContext.__enter__

        def counting_starts(context):
            lazy.run_pending()
            return enter(context)

        CaptureQueriesContext.__enter__ = counting_starts
        cls.current = lazy
        return lazy

    def start(self) -> None:
        """Note the tasks from now on, until ``stop``: for one test in a transaction."""
        self.deferring = True
        if self.wrapped is None:
            connection = connections[DEFAULT_DB_ALIAS]
            connection.execute_wrappers.append(self._before_query)
            self.wrapped = connection

    def stop(self) -> None:
        """Run the tasks at once from now on; what was noted is dropped (after a test, whose
        transaction rolled back what the tasks would have indexed)."""
        if self.wrapped is not None:
            self.wrapped.execute_wrappers.remove(self._before_query)
            self.wrapped = None
        self.pending.clear()
        self.deferring = False

    def run_pending(self) -> None:
        if self.running:
            return
        self.running = True
        try:
            while self.pending:
                key = next(iter(self.pending))
                del self.pending[key]
                noted, args, kwargs = key
                self._run(noted.task, args, dict(kwargs))
        finally:
            self.running = False

    @staticmethod
    def _run(task, args, kwargs):
        from django.apps import apps

        app_label, model_name, pk = args
        model = apps.get_model(app_label, model_name)
        # An object deleted since it was saved has nothing to index (its delete already
        # removed what there was); the task itself would fail on it.
        if model.objects.filter(pk=pk).exists():
            task.enqueue(*args, **kwargs)

    def _before_query(self, execute, sql, params, many, context):
        if (
            self.pending
            and not self.running
            and isinstance(sql, str)
            and any(table in sql for table in self.tables)
        ):
            self.run_pending()
        return execute(sql, params, many, context)

    @contextmanager
    def at_once(self):
        """The tasks run at once inside (for a helper that must see the indexes written)."""
        deferring = self.deferring
        self.run_pending()
        self.deferring = False
        try:
            yield
        finally:
            self.deferring = deferring
