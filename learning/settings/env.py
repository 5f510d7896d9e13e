"""Reading configuration from the environment (twelve-factor style)."""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on", "ja"}


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_VALUES


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


# Seconds Django's SMTP backend waits for the mail server on connect and on each reply. Without
# it a server that accepts the connection and never answers holds a worker for ever.
EMAIL_TIMEOUT_DEFAULT = 20

EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "submission": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def parse_email_url(url: str) -> dict:
    """Turn an ``EMAIL_URL`` into Django e-mail settings.

    ``smtp://user:password@host:587?tls=1`` (STARTTLS), ``smtps://…:465`` (implicit TLS),
    ``console://``, ``locmem://``, ``file:///path/to/dir`` and ``dummy://``. SMTP URLs take
    ``?timeout=`` (seconds to wait for the mail server, ``EMAIL_TIMEOUT_DEFAULT`` if absent).
    """
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme {scheme!r}; use one of {', '.join(EMAIL_BACKENDS)}"
        )
    config: dict = {"EMAIL_BACKEND": EMAIL_BACKENDS[scheme]}
    if scheme == "file":
        config["EMAIL_FILE_PATH"] = unquote(parsed.path)
        return config
    if EMAIL_BACKENDS[scheme].endswith("smtp.EmailBackend"):
        query = {key.lower(): values[-1] for key, values in parse_qs(parsed.query).items()}
        config["EMAIL_HOST"] = parsed.hostname or "localhost"
        config["EMAIL_PORT"] = parsed.port or (465 if scheme == "smtps" else 587)
        config["EMAIL_HOST_USER"] = unquote(parsed.username or "")
        config["EMAIL_HOST_PASSWORD"] = unquote(parsed.password or "")
        config["EMAIL_USE_SSL"] = scheme == "smtps" or query.get("ssl", "") in TRUE_VALUES
        config["EMAIL_USE_TLS"] = not config["EMAIL_USE_SSL"] and (
            scheme == "submission" or query.get("tls", "") in TRUE_VALUES
        )
        timeout = query.get("timeout", str(EMAIL_TIMEOUT_DEFAULT))
        try:
            config["EMAIL_TIMEOUT"] = int(timeout)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"EMAIL_URL's timeout must be a whole number of seconds, got {timeout!r}"
            ) from exc
        if config["EMAIL_TIMEOUT"] <= 0:
            raise ImproperlyConfigured("EMAIL_URL's timeout must be more than 0 seconds")
    return config
