"""Conditional calendar responses, shared by every feed (agenda, event, personal, circle).

ETag and Last-Modified come from one cheap state query; a matching If-None-Match or
If-Modified-Since answers 304 before any calendar is built.
"""

from hashlib import sha256

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

CONTENT_TYPE = "text/calendar; charset=utf-8"
PUBLIC_MAX_AGE = 900
PRIVATE_MAX_AGE = 300


def calendar_response(request, *, state: str, last_modified, build, public: bool, filename: str):
    """A calendar answer with an ETag from ``state`` and ``last_modified``; 304 before
    ``build()`` runs when the client has it already. Private feeds are not cached by shared
    caches and not indexed."""
    etag = quote_etag(sha256(state.encode()).hexdigest()[:32])
    modified = int(last_modified.timestamp()) if last_modified else None  # HTTP has seconds
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = HttpResponse(build(), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(modified)
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=PRIVATE_MAX_AGE)
        response["X-Robots-Tag"] = "noindex"
    return response
