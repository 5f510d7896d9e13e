"""Production settings and configuration from the environment, checked in fresh processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from learning.settings.env import parse_email_url

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3J9-vQ2x_Lm8Rt5Zp1Wn7Yb4Hc6Gd0Fs2Ae9Uj3Oi5Ku8Ly1Mt4Nr7Pq0Sw6Vx2Bz5Cy8Dh"


def run_python(code: str, **env_overrides) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args, **env_overrides) -> subprocess.CompletedProcess:
    code = (
        "import sys; from django.core.management import execute_from_command_line; "
        f"execute_from_command_line(['manage.py', *{list(args)!r}])"
    )
    return run_python(code, **env_overrides)


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="learning.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="circulairleren.example",
        SITE_URL="https://circulairleren.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_unreachable_database_makes_health_report_down():
    result = run_python(
        "import django, json; django.setup(); "
        "from learning.core.health import health_report; print(json.dumps(health_report()))",
        DJANGO_SETTINGS_MODULE="learning.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nergens",
    )
    assert result.returncode == 0, result.stderr
    healthy, report = json.loads(result.stdout.strip().splitlines()[-1])
    assert healthy is False
    assert report["checks"]["database"]["status"] == "down"


def test_production_logs_one_json_line_per_request(tmp_path):
    code = """
import django, io, json, logging
django.setup()
from django.test import Client
stream = io.StringIO()
handler = logging.getLogger().handlers[0]
handler.setStream(stream)
Client(HTTP_X_FORWARDED_PROTO="https").get("/health/", HTTP_HOST="circulairleren.example")
print(stream.getvalue())
"""
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="circulairleren.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'logging.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    request_lines = [line for line in lines if line.get("event") == "request"]
    assert len(request_lines) == 1
    entry = request_lines[0]
    assert entry["path"] == "/health/"
    assert entry["method"] == "GET"
    assert entry["status"] == 200
    assert {"time", "level", "logger", "request_id", "duration_ms"} <= entry.keys()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mailer:ge%40heim@smtp.example.nl:587?tls=1",
            {
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "smtp.example.nl",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "mailer",
                "EMAIL_HOST_PASSWORD": "ge@heim",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        (
            "smtps://smtp.example.nl",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False},
        ),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("file:///tmp/mail", {"EMAIL_FILE_PATH": "/tmp/mail"}),
    ],
)
def test_email_url(url, expected):
    config = parse_email_url(url)
    for key, value in expected.items():
        assert config[key] == value


def test_email_url_with_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="unknown scheme"):
        parse_email_url("pigeon://dak")


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        ("redis://127.0.0.1:6379/1", "django.contrib.sessions.backends.cached_db"),
        ("", "django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_are_cached_only_in_a_shared_cache(cache_url, engine, tmp_path):
    """With Redis a logged-in request reads its session from the cache; a per-process memory
    cache would let a logout in one worker miss the others, so then the database only."""
    result = run_python(
        # Reading the settings is enough (django.setup() would import every app: ~2 s more).
        "from django.conf import settings; print(settings.SESSION_ENGINE)",
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'sessions.sqlite3'}",
        CACHE_URL=cache_url,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == engine


@pytest.mark.parametrize(
    ("accel", "backend"), [("", "streamed by the app"), ("true", "learning.core.sendfile")]
)
def test_documents_go_through_the_view_and_nginx_only_when_asked(accel, backend):
    result = run_python(
        "from django.conf import settings; "
        "print(settings.WAGTAILDOCS_SERVE_METHOD, "
        "getattr(settings, 'SENDFILE_BACKEND', 'streamed by the app'))",
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        SECRET_KEY=STRONG_KEY,
        MEDIA_X_ACCEL_REDIRECT=accel,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"serve_view {backend}"
