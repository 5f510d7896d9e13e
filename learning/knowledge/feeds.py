"""RSS and Atom feeds of new articles, practice examples and pioneer profiles.

Only what an anonymous visitor may see: a feed reader never logs in, and a feed URL is
easily shared, so pages shared with participants stay out (selectors.feed_items).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class LatestKnowledgeFeed(Feed):
    title = _("Circulair Leren: nieuw in de kennisbank")
    description = _("Nieuwe artikelen, praktijkvoorbeelden en pioniersprofielen.")

    def link(self):
        return "/"

    def items(self):
        return selectors.feed_items()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return (
            getattr(item, "intro", "")
            or getattr(item, "quote", "")
            or getattr(item, "job_title", "")
            or item.search_description
        )

    def item_link(self, item):
        return item.get_full_url() or settings.SITE_URL

    def item_guid(self, item):
        return f"{settings.SITE_URL}/#page-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class LatestKnowledgeAtomFeed(LatestKnowledgeFeed):
    feed_type = Atom1Feed
    subtitle = LatestKnowledgeFeed.description
