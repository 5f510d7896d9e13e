"""Request logging and security headers for every response."""

import logging
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty

request_logger = logging.getLogger("learning.requests")

# Only our own origin: no CDN, fonts or third-party scripts. Wagtail's admin needs inline
# styles and scripts, so it gets a policy of its own that still allows no other origin.
SITE_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
        "frame-src 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy (HSTS comes from SecurityMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            is_admin = request.path.startswith(self.admin_prefixes)
            response["Content-Security-Policy"] = ADMIN_CSP if is_admin else SITE_CSP
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# Parts of a URL that are credentials: the personal feed's token, allauth's confirmation and
# password-reset keys (URL arguments), and signed links in query strings (?token=…). They are
# masked wherever a path is logged, so a log file is no key to anyone's calendar or account.
SECRET_URL_ARGUMENTS = frozenset({"token", "key", "uidb36", "uidb64"})
SECRET_QUERY_PARAMETERS = frozenset({"token", "key", "code", "signature", "sig"})
MASK = "***"


def loggable_path(request) -> str:
    """The request's path with secret URL arguments replaced by ``***``."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in match.kwargs.items() if match else ():
        if name in SECRET_URL_ARGUMENTS and isinstance(value, str) and value:
            path = path.replace(value, MASK)
    return path


def loggable_query(query_string: str) -> str:
    """The query string with the values of secret parameters replaced by ``***``."""
    if not query_string:
        return ""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(
        [
            (name, MASK if name.lower() in SECRET_QUERY_PARAMETERS else value)
            for name, value in pairs
        ],
        safe="*",
    )


class MaskSecretsFilter(logging.Filter):
    """Masks the path in Django's own request log lines ("Internal Server Error: /path")."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path") and isinstance(record.args, tuple):
            masked = loggable_path(request)
            record.args = tuple(masked if arg == request.path else arg for arg in record.args)
        return True


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration, user and request id.

    The formatter decides the shape: JSON in production (LOG_FORMAT=json), text in development.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        request.request_id = request_id
        started = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        response["X-Request-ID"] = request_id
        if not request_logger.isEnabledFor(logging.INFO):
            return response
        path = loggable_path(request)
        query = loggable_query(request.META.get("QUERY_STRING", ""))
        request_logger.info(
            "%s %s %s",
            request.method,
            f"{path}?{query}" if query else path,
            response.status_code,
            extra={
                "event": "request",
                "request_id": request_id,
                "method": request.method,
                "path": path,
                "query": query,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
                "remote_addr": request.META.get("REMOTE_ADDR"),
            },
        )
        return response


def _user_id(request):
    """The logged-in person's id when the request looked them up, else None.

    Never a lookup of its own: for a static file, a health check or a 304 on a feed, loading
    the session and the user only to log them would be the two most expensive queries of the
    request.
    """
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class PrivateCacheMiddleware:
    """A response to a logged-in visitor is for that visitor alone.

    ``Cache-Control: private`` keeps it out of shared caches (a proxy at the municipality, a
    CDN); ``no-store`` keeps it off the disk of a shared computer, except for responses a
    client is meant to revalidate (an ETag or Last-Modified: the calendar feeds), which keep
    their own max-age.

    "Logged in" here is "sends a session cookie" (or logged in during this request): only
    logged-in visitors have a session, and deciding by the cookie costs no lookup of the
    session and the user on requests that never needed them (a feed's 304).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or _user_id(request) is not None:
            patch_cache_control(response, private=True)
            if not (response.has_header("ETag") or response.has_header("Last-Modified")):
                patch_cache_control(response, no_store=True, no_cache=True, max_age=0)
        return response


class LanguageMiddleware:
    """Dutch unless the visitor chose English with the language switch (a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Dutch
    government site speaks Dutch to everyone by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
