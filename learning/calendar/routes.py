"""The ``agenda.ics/`` route of the page types that register a page feed (registry.py)."""

from wagtail.contrib.routable_page.models import path


class PageFeedRoute:
    """For a RoutablePageMixin page whose type has a page feed: ``<page-url>agenda.ics``, served
    through learning.urls (Wagtail's own URL pattern only takes paths that end in a slash)."""

    @path("agenda.ics/", name="ics")
    def ics(self, request):
        # feeds.py reads models, which are not loaded yet when the page models import this.
        from .feeds import page_feed_response

        return page_feed_response(request, self)
