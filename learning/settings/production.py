"""Production: PostgreSQL, Redis broker, SMTP, HTTPS behind a reverse proxy, JSON logs.

Every value comes from the environment; see the README ("Configuratie") for the list.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, SECRET_KEY
from .env import env, env_bool, env_int

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

DEBUG = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind deploy/nginx.conf, a document the view allowed is sent by nginx (X-Accel-Redirect to
# its internal location), so no gunicorn worker streams files. Without such a proxy the view
# streams the file itself.
MEDIA_X_ACCEL_REDIRECT = env_bool("MEDIA_X_ACCEL_REDIRECT", False)
if MEDIA_X_ACCEL_REDIRECT:
    SENDFILE_BACKEND = "learning.core.sendfile"
    SENDFILE_URL = "/beschermde-media/"  # the internal location in deploy/nginx.conf

# TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The health check is probed over plain HTTP from inside the host.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
# One nginx in front (deploy/nginx.conf): it appends the visitor's address to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "json")
