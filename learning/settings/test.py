"""Settings for pytest: fast hashing, locmem cache and mail, tasks in-process by default.

DATABASE_URL selects PostgreSQL (CI); without it the suite runs on SQLite.
"""

from .base import *  # noqa: F403
from .base import VAR_DIR

SECRET_KEY = "test-only-key-circulair-leren-0d6f8a1b2c3e4f5a6b7c8d9e0f1a2b3c"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The outbox delivers to Django's test mailbox (Django's test runner sets EMAIL_BACKEND to
# locmem anyway; a test that wants the site's real path sets it to the outbox's backend).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_EMAIL_BACKEND = EMAIL_BACKEND
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
# As in production, behind one nginx; without X-Forwarded-For allauth uses REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = 1
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "learning.core.search.backend", "SEARCH_CONFIG": "dutch"}
}

# Serve static files straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# No persistent connections: the live server's thread must not keep the test database open.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# The test databases are thrown away: a commit need not wait for the write-ahead log to reach
# the disk (PostgreSQL's synchronous_commit, for this connection only; crash safety of the
# server is unchanged). The tests that commit (live server, concurrency) wait less.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
