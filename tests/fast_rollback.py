"""Serialized rollback on PostgreSQL from a copy in SQL, instead of TRUNCATE plus one INSERT
per row.

The tests that need committed data (``transaction=True, serialized_rollback=True``: servers,
browsers, concurrency) leave the database as Django's TransactionTestCase does: after each one
``flush`` empties every table (one TRUNCATE of ~100 tables) and before the next the seed data
of the migrations is put back from the JSON that Django serialized when it made the test
database (one ``save()`` per row, ~950 rows). On a busy machine that took 5 to 8 seconds per
test, nearly all of it waiting on PostgreSQL (TRUNCATE makes new files for every table).

Here, on PostgreSQL, the tables are copied once per test database into a schema of their own,
right after Django made it (when it holds exactly what Django serialized), and then

- ``flush`` deletes the rows (DELETE, in the one transaction flush already uses; the foreign
  keys are all deferred, so the order does not matter) instead of truncating, in one
  statement that skips the tables without rows;
- the serialized rollback puts the rows back from the copy, one ``INSERT … SELECT`` per table.

The result is the same rows as Django's way (every table flush empties, which includes all the
serialized models), and the sequences are untouched as before (neither way resets them). A
flush that resets sequences, and any database whose tables this cannot copy faithfully (a
foreign key that is not deferred, a trigger, a generated column), keeps Django's own way.
"""

import re

from django.db import DEFAULT_DB_ALIAS, connections, transaction

SCHEMA = "test_seed_copy"
# A table name that needs no quoting inside the flush's literal (all of Django's here).
_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]*")
# Between the two, PostgreSQL fires no ordinary triggers, and so none of the foreign keys'
# checks (replication's setting; superusers only): around the flush and the restore, which
# leave every table empty or exactly as consistent as when the copy was taken.
_REPLICA = "SET LOCAL session_replication_role = replica; "
_ORIGIN = "SET LOCAL session_replication_role = origin; "

# What would make DELETE or INSERT … SELECT differ from TRUNCATE and the ORM's inserts.
_UNSUITABLE = """
SELECT
  (SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' AND c.contype = 'f' AND NOT c.condeferrable)
  + (SELECT count(*) FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = r.relnamespace
    WHERE n.nspname = 'public' AND NOT t.tgisinternal)
  + (SELECT count(*) FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = r.relnamespace
    WHERE n.nspname = 'public' AND a.attgenerated <> '' AND a.attnum > 0)
"""


def _quote(connection, table: str) -> str:
    return connection.ops.quote_name(table)


class SeedCopy:
    """The copy of one freshly made test database, and the two replacements that use it."""

    def __init__(self, alias: str = DEFAULT_DB_ALIAS):
        self.connection = connections[alias]
        self.tables: list[str] = []
        self.tables_with_rows: list[str] = []
        self.patched = False
        self.replica = False

    @classmethod
    def install(cls, alias: str = DEFAULT_DB_ALIAS) -> "SeedCopy | None":
        copy = cls(alias)
        if not copy.applies():
            return None
        copy.take()
        copy.patch()
        return copy

    def applies(self) -> bool:
        connection = self.connection
        if connection.vendor != "postgresql":
            return False
        # Only where Django serialized the database for serialized_rollback.
        if not hasattr(connection, "_test_serialized_contents"):
            return False
        with connection.cursor() as cursor:
            cursor.execute(_UNSUITABLE)
            if cursor.fetchone()[0] != 0:
                return False
            # Only a superuser may switch the foreign keys' triggers off (see _REPLICA).
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            self.replica = cursor.fetchone()[0]
        return True

    def take(self) -> None:
        connection = self.connection
        # The tables flush empties: those of the installed models.
        self.tables = sorted(
            connection.introspection.django_table_names(only_existing=True, include_views=False)
        )
        schema = _quote(connection, SCHEMA)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {schema}")
            for table in self.tables:
                name = _quote(connection, table)
                cursor.execute(f"CREATE TABLE {schema}.{name} AS TABLE public.{name}")
            # Only the tables with rows need copying back.
            for table in self.tables:
                cursor.execute(
                    f"SELECT EXISTS (SELECT 1 FROM {schema}.{_quote(connection, table)})"
                )
                if cursor.fetchone()[0]:
                    self.tables_with_rows.append(table)

    def patch(self) -> None:
        connection = self.connection
        self.original_sql_flush = connection.ops.sql_flush
        self.original_deserialize = connection.creation.deserialize_db_from_string
        connection.ops.sql_flush = self.sql_flush
        connection.creation.deserialize_db_from_string = self.restore
        self.patched = True

    def unpatch(self) -> None:
        if not self.patched:
            return
        connection = self.connection
        connection.ops.sql_flush = self.original_sql_flush
        connection.creation.deserialize_db_from_string = self.original_deserialize
        self.patched = False

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables or not all(_PLAIN_NAME.fullmatch(t) for t in tables):
            return self.original_sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # One statement that empties every table with rows and skips the others (of ~150 a
        # test leaves a few dozen with rows), without the foreign keys' triggers (_REPLICA):
        # every table with rows ends empty, so nothing can point at a deleted row. One DELETE
        # per table with the triggers took 0.15 s per test in a transaction, this 0.02 s.
        names = ", ".join(f"'{table}'" for table in sorted(tables))
        return [
            f"{_REPLICA if self.replica else ''}"
            "DO $flush$ DECLARE name text; has_rows boolean; BEGIN "
            f"FOREACH name IN ARRAY ARRAY[{names}]::text[] LOOP "
            "EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', name) INTO has_rows; "
            "IF has_rows THEN EXECUTE format('DELETE FROM public.%I', name); END IF; "
            f"END LOOP; END $flush$; {_ORIGIN if self.replica else ''}"
        ]

    def restore(self, data=None) -> None:
        """What ``deserialize_db_from_string`` did, from the copy (``data`` is Django's JSON of
        the same rows).

        A table is empty here (flushed after the previous such test) or still holds the seed
        rows themselves (the first such test of the session: every test before it rolled
        back), so rows already there are kept as they are."""
        connection = self.connection
        schema = _quote(connection, SCHEMA)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            if self.replica:
                cursor.execute(_REPLICA)
            for table in self.tables_with_rows:
                name = _quote(connection, table)
                cursor.execute(
                    f"INSERT INTO public.{name} SELECT * FROM {schema}.{name} "
                    "ON CONFLICT DO NOTHING"
                )
            if self.replica:
                cursor.execute(_ORIGIN)
