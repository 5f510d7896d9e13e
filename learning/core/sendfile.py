"""Hand a file to nginx with X-Accel-Redirect, after the view has checked who may have it.

A backend for ``wagtail.utils.sendfile`` (``SENDFILE_BACKEND``), used by Wagtail's document
view in production behind deploy/nginx.conf. nginx serves ``SENDFILE_URL`` only as an
``internal`` location (aliasing MEDIA_ROOT), so the URL in the header cannot be requested from
outside. Wagtail adds Content-Type, Content-Disposition and Content-Length afterwards.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse


def sendfile(request, filename, **kwargs):
    media_root = Path(settings.MEDIA_ROOT).resolve()
    try:
        relative = Path(filename).resolve().relative_to(media_root)
    except ValueError:
        # Only files below MEDIA_ROOT are ever handed out.
        raise Http404 from None
    response = HttpResponse()
    response["X-Accel-Redirect"] = quote(f"{settings.SENDFILE_URL}{relative.as_posix()}")
    return response
