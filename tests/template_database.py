"""The migrated test database made once and copied for each test process, on PostgreSQL.

Migrating an empty database takes ~35 s of CPU (Django's and Wagtail's migrations and ours).
pytest-django does it in every xdist worker, for its own test database (test_<name>_gw0, …).
Here the first worker migrates a template database, and every worker (this run's and the next
runs') makes its test database with ``CREATE DATABASE … TEMPLATE``, a copy of the files that
takes a fraction of a second.

The template is named by a hash of everything that decides what migrating gives: the name and
contents of every migration file of every installed app (ours and those of Django, Wagtail and the
other packages), the installed apps, and the versions of Python, Django and Wagtail. A changed,
added or removed migration gives another name, so a stale template is never used: the new one
is migrated afresh and the stale ones are dropped. ``--create-db`` still makes each test
database anew (from the template); ``--reuse-db`` keeps pytest-django's own way, and so do
SQLite, ``--nomigrations`` and a database with ``TEST["MIGRATE"] = False``.

An advisory lock on the server makes the test processes take turns: one migrates, the others
wait for the template and then copy it.
"""

import hashlib
import re
import sys

from django.conf import settings
from django.core.management import call_command
from django.db import connections

TEMPLATE_MARK = "_tpl_"


def migration_files() -> list[tuple[str, str]]:
    """Every migration Django would apply, as (module, source file), in a stable order."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    modules = {type(migration).__module__ for migration in loader.disk_migrations.values()}
    return sorted((module, sys.modules[module].__file__) for module in modules)


def migrations_digest() -> str:
    """What decides the content of a migrated database, as a short hash.

    Migrations are named by module, not by file path: another checkout of the same code (a
    fresh clone, CI) gives the same digest and uses the template already made."""
    import django
    import wagtail

    digest = hashlib.sha256()
    versions = (sys.version, django.__version__, wagtail.__version__, *settings.INSTALLED_APPS)
    digest.update(repr(versions).encode())
    for module, path in migration_files():
        digest.update(module.encode())
        with open(path, "rb") as source:
            digest.update(hashlib.sha256(source.read()).digest())
    return digest.hexdigest()[:16]


class TemplateDatabase:
    """Makes ``create_test_db`` of one PostgreSQL connection copy a migrated template."""

    def __init__(self, alias: str, digest: str):
        self.connection = connections[alias]
        self.creation = self.connection.creation
        self.digest = digest
        self.original_create_test_db = None

    @classmethod
    def install(cls, *, digest: str) -> list["TemplateDatabase"]:
        """Patch every PostgreSQL connection that migrates its test database."""
        installed = []
        for alias in connections:
            connection = connections[alias]
            if connection.vendor != "postgresql":
                continue
            if connection.settings_dict.get("TEST", {}).get("MIGRATE") is False:
                continue
            template = cls(alias, digest)
            template.patch()
            installed.append(template)
        return installed

    def patch(self) -> None:
        self.original_create_test_db = self.creation.create_test_db
        self.creation.create_test_db = self.create_test_db

    def unpatch(self) -> None:
        if self.original_create_test_db is not None:
            self.creation.create_test_db = self.original_create_test_db
            self.original_create_test_db = None

    def quote(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def template_prefix(self, test_name: str) -> str:
        # One template for all the workers of a run: test_<name>_gw0 → test_<name>_tpl_<hash>.
        return re.sub(r"_gw\d+$", "", test_name) + TEMPLATE_MARK

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        """What Django's ``create_test_db`` leaves, from a copy of the template."""
        if keepdb:
            return self.original_create_test_db(
                verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb
            )
        creation = self.creation
        connection = self.connection
        test_name = creation._get_test_db_name()
        prefix = self.template_prefix(test_name)
        template = prefix + self.digest
        if verbosity >= 1:
            creation.log(f"Creating test database {test_name} from template {template}…")

        with creation._nodb_cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [prefix])
            try:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
                if cursor.fetchone() is None:
                    self.migrate_template(cursor, prefix, template)
                cursor.execute(f"DROP DATABASE IF EXISTS {self.quote(test_name)}")
                cursor.execute(
                    f"CREATE DATABASE {self.quote(test_name)} TEMPLATE {self.quote(template)}"
                )
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [prefix])

        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = test_name
        connection.settings_dict["NAME"] = test_name
        # As Django's create_test_db after migrating.
        if serialize:
            connection._test_serialized_contents = creation.serialize_db_to_string()
        call_command("createcachetable", database=connection.alias)
        connection.ensure_connection()
        return test_name

    def migrate_template(self, cursor, prefix: str, template: str) -> None:
        """Migrate a new database and, once complete, give it the template's name (so a run that
        broke off halfway leaves no template behind, only a database that the next one drops).
        The stale templates of this database name go."""
        connection = self.connection
        building = prefix + "building"
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [prefix.replace("_", r"\_") + "%"],
        )
        for (stale,) in cursor.fetchall():
            cursor.execute(f"DROP DATABASE IF EXISTS {self.quote(stale)}")
        cursor.execute(
            f"CREATE DATABASE {self.quote(building)} {self.creation.sql_table_creation_suffix()}"
        )
        original_name = connection.settings_dict["NAME"]
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = building
        connection.settings_dict["NAME"] = building
        try:
            call_command(
                "migrate",
                verbosity=0,
                interactive=False,
                database=connection.alias,
                run_syncdb=True,
            )
        finally:
            connection.close()
            settings.DATABASES[connection.alias]["NAME"] = original_name
            connection.settings_dict["NAME"] = original_name
        cursor.execute(f"ALTER DATABASE {self.quote(building)} RENAME TO {self.quote(template)}")
