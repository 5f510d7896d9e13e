"""Feeds through learning.calendar's registry: events, masterclasses and circles register
their page feeds and the agenda in AppConfig.ready(); the calendar app serves
``<page-url>agenda.ics`` for any registered page type and ``/agenda.ics`` for the
registered agenda, without importing any of them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import Client

from learning.calendar import registry
from learning.calendar.errors import CalendarError
from learning.calendar.registry import AgendaFeed, FeedContent, PageFeed
from learning.circles.models import LearningCirclePage
from learning.events.models import EventPage
from learning.masterclasses.models import MasterclassPage

pytestmark = pytest.mark.django_db

CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NL\r\nEND:VCALENDAR\r\n"


@pytest.fixture
def circle_feed(monkeypatch):
    """Replace the circles' page feed by one the test controls (and restore it after)."""
    feeds = dict(registry._page_feeds)
    monkeypatch.setattr(registry, "_page_feeds", feeds)

    def use(content, *, public=True):
        feeds[LearningCirclePage] = PageFeed(
            page_type=LearningCirclePage, content=content, public=public
        )

    return use


def test_events_masterclasses_and_circles_register_their_feeds(
    make_event, make_masterclass, make_circle
):
    assert {EventPage, MasterclassPage, LearningCirclePage} <= set(registry.page_feed_types())
    assert registry.page_feed_for(make_event()).public
    assert registry.page_feed_for(make_masterclass()).page_type is MasterclassPage
    assert not registry.page_feed_for(make_circle()).public
    assert registry.agenda_feed().name == "events"


def test_the_calendar_serves_agenda_ics_for_a_registered_page_type_by_url_path(
    make_circle, circle_feed, django_assert_max_num_queries
):
    circle = make_circle()
    built = []

    def content(*, page, request):
        def build():
            built.append(page.pk)
            return CALENDAR

        return FeedContent(
            state=f"test-{page.pk}", last_modified=None, build=build, filename="test.ics"
        )

    circle_feed(content, public=True)
    client = Client()
    first = client.get(f"{circle.url}agenda.ics")
    assert first.status_code == 200
    assert first.content.decode() == CALENDAR
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    assert first["Content-Disposition"] == 'inline; filename="test.ics"'
    assert "public" in first["Cache-Control"]
    # The page is found by URL path (site from the cache, page, specific page) and the
    # calendar is not built again for a client that has it.
    with django_assert_max_num_queries(2):
        again = client.get(f"{circle.url}agenda.ics", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert built == [circle.pk]
    assert client.post(f"{circle.url}agenda.ics").status_code == 405


def test_a_refused_feed_answers_in_plain_text_with_the_sources_status(make_circle, circle_feed):
    circle = make_circle()

    def refuse(*, page, request):
        raise CalendarError("bad_filter", "Ongeldig filter.", status=400)

    circle_feed(refuse)
    response = Client().get(f"{circle.url}agenda.ics")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "Ongeldig filter."

    def missing(*, page, request):
        raise Http404("Onbekende agendalink.")

    circle_feed(missing)
    assert Client().get(f"{circle.url}agenda.ics").status_code == 404


def test_agenda_ics_is_the_registered_agenda_feed(monkeypatch):
    monkeypatch.setattr(registry, "_agenda_feeds", {})
    assert Client().get("/agenda.ics").status_code == 404
    registry.register_agenda_feed(
        AgendaFeed(
            name="test",
            content=lambda *, request: FeedContent(
                state="agenda-test", last_modified=None, build=lambda: CALENDAR, filename="a.ics"
            ),
        )
    )
    response = Client().get("/agenda.ics")
    assert response.status_code == 200
    assert response.content.decode() == CALENDAR
    with pytest.raises(ImproperlyConfigured):
        registry.register_agenda_feed(AgendaFeed(name="other", content=lambda *, request: None))


def test_the_event_ical_shim_is_gone():
    with pytest.raises(ModuleNotFoundError):
        __import__("learning.events.ical")
