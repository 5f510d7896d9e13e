"""``manage.py runserver`` as ``make run`` starts it, and the MEDIA_ROOT it shares with the
tests, for the tests of files over real HTTP (tests/circles/test_private_media.py,
tests/routes/test_private_documents.py). A plugin of tests/conftest.py, so that a test process
starts one runserver for all of them, not one per module."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def runserver(django_db_setup, django_db_blocker, shared_media_root, tmp_path_factory):
    """``manage.py runserver`` with the dev settings against the test database: one process
    for all the tests of a test process that ask for it (each commits its own rows and files
    before asking). Django's system checks, which runserver runs first, are left out: they
    run in tests/core/test_settings.py, and here they cost a second of CPU per start."""
    tmp_path = tmp_path_factory.mktemp("runserver")
    media_root = shared_media_root
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("a second process needs the test database on PostgreSQL (DATABASE_URL)")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "CACHE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="learning.settings.dev",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        # Sessions made in this process are signed with the test settings' key.
        SECRET_KEY=django_settings.SECRET_KEY,
        MEDIA_ROOT=str(media_root),
        VAR_DIR=str(tmp_path / "var"),
        DATABASE_CONN_MAX_AGE="0",
    )
    log = (tmp_path / "runserver.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--skip-checks",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail((tmp_path / "runserver.log").read_text())
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        "runserver did not start:\n" + (tmp_path / "runserver.log").read_text()
                    )
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
