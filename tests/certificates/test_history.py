"""The "Eerder" part of Mijn aanmeldingen with the certificates' links and open items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.certificates import services
from learning.events import services as event_services
from tests.certificates.conftest import client_for, move_to_past

pytestmark = pytest.mark.django_db


def sections(content: str) -> tuple[str, str]:
    upcoming = content.split('id="komend"')[1].split('id="eerder"')[0]
    history = content.split('id="eerder"')[1]
    return upcoming, history


def test_upcoming_and_past_apart_with_certificate_links(make_event, make_user, attend, superuser):
    user = make_user()
    coming = make_event(title="Nog te komen dag")
    event_services.registration_create(event=coming, user=user)
    attended = make_event(title="Bijgewoonde dag")
    attended_registration = attend(attended, user)
    missed = make_event(title="Gemiste dag")
    event_services.registration_create(event=missed, user=user)
    move_to_past(missed)
    called_off = make_event(title="Afgelaste dag")
    event_services.registration_create(event=called_off, user=user)
    called_off.cancelled = True
    called_off.save_revision().publish()

    content = client_for(user).get(reverse("events:my_registrations")).content.decode()
    upcoming, history = sections(content)
    assert "Nog te komen dag" in upcoming
    for title in ("Bijgewoonde dag", "Gemiste dag", "Afgelaste dag"):
        assert title in history and title not in upcoming
    download = reverse(
        "certificates:download_registration",
        kwargs={"registration_id": attended_registration.pk},
    )
    assert download in history
    assert history.count("/deelnamebewijs/download/") == 1  # only the attended one
    assert 'href="#eerder"' in content

    # Revoked for good: the link goes.
    certificate = services.certificate_issue_for_registration(
        registration_id=attended_registration.pk, user=user
    )
    services.certificate_revoke(certificate=certificate, actor=superuser, reason="Vergissing")
    content = client_for(user).get(reverse("events:my_registrations")).content.decode()
    assert download not in content


def test_programme_certificate_is_an_open_item_once_complete(
    make_masterclass, make_user, attend, programme
):
    first, second = make_masterclass(), make_masterclass()
    user = make_user()
    attend(first, user)
    url = reverse("certificates:download_programme", kwargs={"programme_id": programme.pk})
    client = client_for(user)
    assert url not in client.get(reverse("events:my_registrations")).content.decode()
    attend(second, user)
    _upcoming, history = sections(client.get(reverse("events:my_registrations")).content.decode())
    assert url in history
    assert "Voor u klaar" in history


def test_queries_stay_constant_as_past_registrations_grow(
    make_event, make_masterclass, make_user, attend, django_assert_max_num_queries
):
    user = make_user()
    client = client_for(user)
    attend(make_masterclass(), user)
    attend(make_event(), user)
    client.get(reverse("events:my_registrations"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:my_registrations"))
    baseline = len(few)
    for _ in range(4):
        attend(make_event(), user)
        attend(make_masterclass(), user)
        missed = make_event()
        event_services.registration_create(event=missed, user=user)
        move_to_past(missed)
    client.get(reverse("events:my_registrations"))  # the new pages emptied the site cache
    with django_assert_max_num_queries(baseline):
        response = client.get(reverse("events:my_registrations"))
    assert response.content.decode().count("/deelnamebewijs/download/") >= 10
