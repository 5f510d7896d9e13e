"""Reads for feeds that do not belong to one app."""

from django.db.models import Subquery
from wagtail.models import PageLogEntry

# Wagtail log actions that take a page out of feeds without a publication.
FEED_REMOVALS = (
    "wagtail.unpublish",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
)


def last_removal():
    """The moment a page last left the site or its public part (unpublished, deleted, moved,
    restricted), from Wagtail's page log: a scalar subquery for the feeds' state queries, so
    that Last-Modified moves when an item leaves a feed without any publication."""
    return Subquery(
        PageLogEntry.objects.filter(action__in=FEED_REMOVALS)
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )
