"""The pages that the fast routing (learning.core.routing) keeps per process: found once per
generation of the site's content, never served after a change, never kept from inside a
transaction. Committed data (a test in a transaction would never store anything)."""

import pytest
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from learning.core import routing
from learning.events.models import EventPage, Registration
from learning.masterclasses.models import MasterclassPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_queries(queries) -> list[str]:
    """The routing's two (the page at a URL path, then the page as its own class)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith(("SELECT page.id", 'SELECT "wagtailcore_page"'))
    ]


def lookup(event, page_types=(EventPage,)):
    path = event.url.removeprefix("/")
    return routing.routable_page_at(RequestFactory().get("/"), path, page_types=page_types)


def test_a_page_is_looked_up_once_and_every_change_shows_at_once(make_event, agenda):
    event = make_event(title="Inkoopdag")
    first = lookup(event)
    with CaptureQueriesContext(connection) as queries:
        second = lookup(event)
    assert page_queries(queries) == []
    assert second is not first and second.pk == event.pk and second.title == "Inkoopdag"
    second.title = "Gewijzigd in het geheugen"
    assert lookup(event).title == "Inkoopdag"  # each caller its own copy
    # Another type than asked for: not this page, though it is kept.
    assert lookup(event, page_types=(MasterclassPage,)) is None

    event.title = "Circulaire inkoopdag"
    event.save_revision().publish()
    assert lookup(event).title == "Circulaire inkoopdag"

    old_url = event.url
    event.slug = "circulaire-inkoopdag"
    event.save_revision().publish()
    event.refresh_from_db()
    assert (
        routing.routable_page_at(
            RequestFactory().get("/"), old_url.removeprefix("/"), page_types=(EventPage,)
        )
        is None
    )
    assert lookup(event).pk == event.pk

    restriction = PageViewRestriction.objects.create(page=agenda, restriction_type="login")
    assert lookup(event) is None
    restriction.delete()
    assert lookup(event).pk == event.pk

    event.unpublish()
    assert lookup(event) is None


def test_what_a_transaction_saw_is_not_kept_after_it_rolls_back(make_event):
    event = make_event(title="Inkoopdag", capacity=150)
    lookup(event)
    with transaction.atomic():
        event.title = "Nooit vastgelegd"
        event.save()
        assert lookup(event).title == "Nooit vastgelegd"
        transaction.set_rollback(True)
    assert lookup(event).title == "Inkoopdag"


def test_a_registration_after_the_first_asks_no_page_query(make_event, make_user):
    event = make_event(capacity=5)
    Client().get(event.url)  # the site's structure in the cache, as on a running site
    url = f"{event.url}register/"
    assert client_for(make_user()).post(url).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        response = client_for(make_user()).post(url)
    assert response.status_code == 302
    assert response["Location"] == event.url
    # On SQLite (make run) the event's lock is itself an ORM query of the event: it has no row
    # locks, and its raw rows lack the ORM's converters (learning/events/services/locking.py).
    assert len(page_queries(queries)) == (0 if connection.vendor == "postgresql" else 1)
    assert Registration.objects.filter(event=event).count() == 2
