"""The agenda's list in the cache (learning.core.filtering, ``cache_list``): a warm request
runs one query beyond a bare Wagtail page (the seats of the events on the page), and the list
follows every publication, registration and the clock at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learning.events import services
from tests.events.fixtures import municipalities
from tests.warm import warm_queries

pytestmark = pytest.mark.django_db


def test_a_warm_agenda_runs_only_the_seats_query_beyond_a_bare_page(
    agenda, bare_page, make_event, make_user
):
    for organisation in municipalities(3):
        event = make_event()
        services.registration_create(event=event, user=make_user(organisation))
    client = Client()
    bare = warm_queries(client, bare_page.url)
    assert warm_queries(client, agenda.url) == bare + 1
    assert warm_queries(client, f"{agenda.url}?soort=bijeenkomst") == bare + 1


def test_a_new_or_unpublished_event_shows_at_once(agenda, make_event):
    make_event(title="Eerste netwerkdag")
    client = Client()
    warm_queries(client, agenda.url)
    new = make_event(title="Tweede netwerkdag")
    content = client.get(agenda.url).content.decode()
    assert "Tweede netwerkdag" in content
    assert "2 activiteiten" in content
    new.unpublish()
    content = client.get(agenda.url).content.decode()
    assert "Tweede netwerkdag" not in content
    assert "1 activiteit" in content


def test_a_registration_changes_the_seats_at_once(agenda, make_event, make_user):
    event = make_event(capacity=5)
    client = Client()
    warm_queries(client, agenda.url)
    assert "Nog 5 plaatsen vrij" in client.get(agenda.url).content.decode()
    registration = services.registration_create(event=event, user=make_user(municipalities(1)[0]))
    assert "Nog 4 plaatsen vrij" in client.get(agenda.url).content.decode()
    services.registration_cancel(registration=registration, actor=registration.user)
    assert "Nog 5 plaatsen vrij" in client.get(agenda.url).content.decode()


def test_an_event_that_ends_moves_to_the_past_without_a_publication(
    agenda, make_event, monkeypatch
):
    soon = timezone.now() + timedelta(hours=1)
    make_event(title="Ochtendsessie", starts_at=soon - timedelta(hours=2), ends_at=soon)
    client = Client()
    warm_queries(client, agenda.url)
    assert "Ochtendsessie" in client.get(agenda.url).content.decode()
    later = soon + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Ochtendsessie" not in client.get(agenda.url).content.decode()
    assert "Ochtendsessie" in client.get(f"{agenda.url}afgelopen/").content.decode()


def test_a_private_event_never_shows_to_anyone_on_the_agenda(agenda, make_event, make_user):
    make_event(title="Open netwerkdag")
    client = Client()
    warm_queries(client, agenda.url)
    private = make_event(title="Besloten netwerkdag")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert "Besloten netwerkdag" not in client.get(agenda.url).content.decode()
    member = Client()
    member.force_login(make_user())
    assert "Besloten netwerkdag" not in member.get(agenda.url).content.decode()
    assert "Open netwerkdag" in client.get(agenda.url).content.decode()
