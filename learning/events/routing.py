"""Event pages' forms (``register/``, ``cancel/``, ``handover/``, ``accept/``) found by URL
path in two queries (learning.core.routing) instead of Wagtail's walk down the tree; any
other page at such a path is still served by Wagtail."""

from learning.core.routing import serve_page_route

from .models import EventPage


def page_route(request, page_path: str, route: str):
    """``<page-url>register/``, ``cancel/``, ``handover/`` and ``accept/`` (see learning.urls)."""
    return serve_page_route(request, page_path, f"{route}/", page_types=(EventPage,))
