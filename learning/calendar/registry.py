"""What the feeds are made of. Each app with calendar items registers them in its
AppConfig.ready(), so this app never imports them (the same pattern as the personal-data
registry, learning.core.personal_data):

- personal feed sources: a person's items (events' registrations, circles' meetings);
- page feeds: ``<page-url>agenda.ics`` of a page type (event, masterclass, circle);
- the agenda feed: ``/agenda.ics`` (events).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class PersonalFeedSource:
    """One kind of item in a person's feed.

    - ``aggregates()``: aggregate expressions over a ``User`` queryset; all sources' are
      computed in the feed's one state query;
    - ``state(user=, values=)``: (last change or None, a string that changes whenever the
      source's items change) from those values;
    - ``add_items(calendar, user=, request=)``: adds the VEVENTs (a query of its own).
    """

    name: str
    aggregates: Callable[[], dict]
    state: Callable[..., tuple[datetime | None, str]]
    add_items: Callable[..., None]


_sources: dict[str, PersonalFeedSource] = {}


def register_personal_source(source: PersonalFeedSource) -> None:
    _sources[source.name] = source


def personal_sources() -> list[PersonalFeedSource]:
    """In registration order (the order of INSTALLED_APPS)."""
    return list(_sources.values())


@dataclass(frozen=True)
class FeedContent:
    """What a feed answers with: the string its ETag is made from, its Last-Modified, how to
    build the calendar (called only when the client does not have it yet) and a file name."""

    state: str
    last_modified: datetime | None
    build: Callable[[], str]
    filename: str


@dataclass(frozen=True)
class PageFeed:
    """``<page-url>agenda.ics`` for one page type (and its subclasses).

    - ``content(page=, request=)``: a ``FeedContent`` from one cheap state query; it may
      raise ``Http404`` or ``CalendarError`` (learning.calendar.errors) to refuse;
    - ``public``: cached by shared caches, or private (a member's feed).

    The page type's ``agenda.ics/`` route calls ``learning.calendar.feeds.page_feed_response``.
    """

    page_type: type
    content: Callable[..., FeedContent]
    public: bool


@dataclass(frozen=True)
class AgendaFeed:
    """``/agenda.ics``: ``content(request=)`` as for a page feed (public)."""

    name: str
    content: Callable[..., FeedContent]


_page_feeds: dict[type, PageFeed] = {}
_agenda_feeds: dict[str, AgendaFeed] = {}


def register_page_feed(feed: PageFeed) -> None:
    _page_feeds[feed.page_type] = feed


def page_feed_for(page) -> PageFeed | None:
    """The feed registered for the page's class or its nearest registered base class."""
    for cls in type(page).__mro__:
        if cls in _page_feeds:
            return _page_feeds[cls]
    return None


def page_feed_types() -> tuple[type, ...]:
    return tuple(_page_feeds)


def register_agenda_feed(feed: AgendaFeed) -> None:
    """The site's one agenda feed; registering another name is a configuration error."""
    if _agenda_feeds and feed.name not in _agenda_feeds:
        raise ImproperlyConfigured(
            f"Agenda feed {feed.name!r}: {next(iter(_agenda_feeds))!r} is already registered."
        )
    _agenda_feeds[feed.name] = feed


def agenda_feed() -> AgendaFeed | None:
    return next(iter(_agenda_feeds.values()), None)
