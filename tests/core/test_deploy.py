"""The example deployment (deploy/) run for real: gunicorn as the systemd unit starts it."""

import os
import re
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from learning.accounts.services import calendar_token_get_or_create
from tests.conftest import require_service
from tests.core.test_celery_worker import shared_database_url
from tests.core.test_settings import STRONG_KEY
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "circulair-web.service"


def gunicorn_arguments(port: int) -> list[str]:
    """ExecStart of the unit, from this checkout's virtualenv, on a free port, one worker."""
    line = next(line for line in UNIT.read_text().splitlines() if line.startswith("ExecStart="))
    arguments = shlex.split(line.removeprefix("ExecStart="))
    arguments[0] = str(ROOT / ".venv" / "bin" / "gunicorn")
    arguments[arguments.index("--bind") + 1] = f"127.0.0.1:{port}"
    arguments[arguments.index("--workers") + 1] = "1"
    return arguments


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_as_deployed_logs_no_feed_token(tmp_path):
    require_service(
        connection.vendor == "postgresql",
        "A test database that gunicorn can share (PostgreSQL, via DATABASE_URL)",
    )
    token = calendar_token_get_or_create(user=UserFactory())  # committed
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="circulairleren.example",
        DATABASE_URL=shared_database_url(),
        DATABASE_CONN_MAX_AGE="0",
        VAR_DIR=str(tmp_path),
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            gunicorn_arguments(port), cwd=ROOT, env=env, stdout=output, stderr=output
        )
        try:
            status = None
            for _ in range(300):  # until gunicorn has imported the app and answers
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/agenda/persoonlijk/{token}.ics?token={token}",
                    headers={"Host": "circulairleren.example", "X-Forwarded-Proto": "https"},
                )
                try:
                    status = urllib.request.urlopen(request, timeout=10).status
                    break
                except urllib.error.HTTPError as error:
                    status = error.code
                    break
                except OSError:
                    assert server.poll() is None, log.read_text()
                    time.sleep(0.1)
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert status == 200, text
    assert "/agenda/persoonlijk/***.ics" in text  # the app's own request line
    assert token not in text


NGINX = ROOT / "deploy" / "nginx.conf"


def nginx_log_masks() -> list[tuple[re.Pattern, str]]:
    """The regex entries of the ``map $request_uri $loggable_request_uri`` in nginx.conf."""
    text = NGINX.read_text()
    block = text[text.index("map $request_uri $loggable_request_uri") :]
    block = block[: block.index("}")]
    return [
        (re.compile(pattern), value)
        for pattern, value in re.findall(r"^\s*~(\S+)\s+\"([^\"]*)\";", block, re.MULTILINE)
    ]


def nginx_loggable(request_uri: str) -> str:
    for pattern, value in nginx_log_masks():
        if pattern.search(request_uri):
            return value.replace("$uri", request_uri.split("?", 1)[0])
    return request_uri


@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [
        ("personal_feed", {"token": "Zg7pQv2K-geheim"}, ""),
        ("account_confirm_email", {"key": "Zg7pQv2K-geheim"}, ""),
        ("account_reset_password_from_key", {"uidb36": "3f", "key": "Zg7pQv2K-geheim"}, ""),
        ("search", {}, "?token=Zg7pQv2K-geheim"),  # a signed link: accept/, uitnodiging/, feed
    ],
)
def test_nginx_access_log_masks_the_secrets_in_our_urls(name, kwargs, query):
    from django.urls import reverse

    uri = reverse(name, kwargs=kwargs) + query
    assert "Zg7pQv2K-geheim" not in nginx_loggable(uri)
    assert nginx_loggable("/agenda/?maand=2026-05") == "/agenda/?maand=2026-05"
