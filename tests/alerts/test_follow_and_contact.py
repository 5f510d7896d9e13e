"""Following from a page, Mijn meldingen, and "contact this pioneer" (relay, rate limit,
switched off)."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from learning.alerts import notifications, services
from learning.alerts.errors import AlertError
from learning.alerts.models import AlertSettings, Follow, Frequency, PioneerContact
from learning.core import personal_data
from learning.outbox.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _follow(client, kind, object_id, action="follow", next_url="/"):
    return client.post(
        reverse("alerts:follow"),
        {"kind": kind, "object_id": object_id, "action": action, "next": next_url},
    )


def test_follow_a_theme_from_its_page_and_unfollow(client, user, make_theme_page, bouw):
    page = make_theme_page(bouw)
    client.force_login(user)
    html = client.get(page.url).content.decode()
    assert f"Volg {bouw.name}" in html

    response = _follow(client, "theme", bouw.pk, next_url=page.url)
    assert response.status_code == 302 and response["Location"] == page.url
    assert Follow.objects.filter(user=user, kind="theme", object_id=bouw.pk).count() == 1
    _follow(client, "theme", bouw.pk)  # twice: still one
    assert Follow.objects.filter(user=user).count() == 1
    assert "niet meer volgen" in client.get(page.url).content.decode()

    _follow(client, "theme", bouw.pk, action="unfollow")
    assert not Follow.objects.filter(user=user).exists()


def test_following_needs_a_login_and_refuses_junk_in_dutch(client, user, bouw):
    response = _follow(client, "theme", bouw.pk)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()

    client.force_login(user)
    for kind, object_id in [("theme", 999_999), ("nonsense", bouw.pk), ("theme", "x"), ("", "")]:
        response = _follow(client, kind, object_id)
        assert response.status_code in (400, 404), (kind, object_id)
        assert "volg" in response.content.decode().lower()
    # An offsite "next" is not followed.
    response = _follow(client, "theme", bouw.pk, next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_a_pioneer_one_may_not_see_cannot_be_followed(make_profile, user):
    profile = make_profile()
    PageViewRestriction.objects.create(page=profile, restriction_type=PageViewRestriction.GROUPS)
    with pytest.raises(AlertError) as refused:
        services.follow_add(user=user, kind="pioneer", object_id=profile.pk)
    assert refused.value.status == 404


def test_settings_page_chooses_frequency_and_lists_follows(client, user, bouw, make_profile):
    profile = make_profile(title="Sanne de Vries")
    services.follow_add(user=user, kind="pioneer", object_id=profile.pk)
    client.force_login(user)
    html = client.get(reverse("alerts:settings")).content.decode()
    assert "Sanne de Vries" in html and bouw.name in html

    response = client.post(
        reverse("alerts:settings"), {"form": "frequency", "frequency": "monthly"}
    )
    assert response.status_code == 302
    assert AlertSettings.objects.get(user=user).frequency == Frequency.MONTHLY
    response = client.post(reverse("alerts:settings"), {"form": "frequency", "frequency": "daily"})
    assert response.status_code == 400
    assert client.get(reverse("alerts:settings").replace("/mijn", "/mijn")).status_code == 200


def test_settings_need_a_login(client):
    response = client.get(reverse("alerts:settings"))
    assert response.status_code == 302


def test_contact_relays_the_message_without_showing_the_address(client, pioneer_with_account):
    profile, pioneer = pioneer_with_account
    sender = UserFactory(full_name="Bas Visser")
    client.force_login(sender)
    page = client.get(profile.url).content.decode()
    assert "een bericht" in page
    assert pioneer.email not in page

    form = client.get(reverse("alerts:contact_pioneer", args=[profile.pk]))
    assert form.status_code == 200 and pioneer.email not in form.content.decode()
    response = client.post(
        reverse("alerts:contact_pioneer", args=[profile.pk]),
        {"message": "Hoe begon u met het materialenpaspoort?"},
    )
    assert response.status_code == 302

    to_pioneer = OutboxMessage.objects.get(kind=notifications.PIONEER_CONTACT)
    assert to_pioneer.to == pioneer.email
    assert to_pioneer.headers == {"Reply-To": sender.email}
    assert "Bas Visser" in to_pioneer.subject and "materialenpaspoort" in to_pioneer.text
    copy = OutboxMessage.objects.get(kind=notifications.PIONEER_CONTACT_COPY)
    assert copy.to == sender.email
    assert pioneer.email not in copy.text + copy.subject
    assert "materialenpaspoort" in copy.text


def test_contact_is_rate_limited_per_sender_with_a_429(client, pioneer_with_account):
    profile, _pioneer = pioneer_with_account
    client.force_login(UserFactory())
    url = reverse("alerts:contact_pioneer", args=[profile.pk])
    statuses = [
        client.post(url, {"message": f"Vraag nummer {number} over uw aanpak."}).status_code
        for number in range(5)
    ]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429]
    assert OutboxMessage.objects.filter(kind=notifications.PIONEER_CONTACT).count() == 3
    refused = client.post(url, {"message": "Nog een vraag over uw aanpak."})
    assert "429" not in refused.content.decode() or refused.status_code == 429
    assert refused["Retry-After"]


def test_a_pioneer_who_switched_it_off_gets_nothing(client, pioneer_with_account):
    profile, pioneer = pioneer_with_account
    client.force_login(pioneer)
    response = client.post(reverse("alerts:settings"), {"form": "contact"})  # unchecked
    assert response.status_code == 302
    assert PioneerContact.objects.get(user=pioneer).accepts_messages is False

    sender = UserFactory()
    client.force_login(sender)
    assert "een bericht" not in client.get(profile.url).content.decode()
    url = reverse("alerts:contact_pioneer", args=[profile.pk])
    for response in (client.get(url), client.post(url, {"message": "Mag ik iets vragen?"})):
        assert response.status_code == 403
        assert "ontvangt geen berichten" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_contact_refusals(client, pioneer_with_account, make_profile):
    profile, pioneer = pioneer_with_account
    url = reverse("alerts:contact_pioneer", args=[profile.pk])
    # Anonymous: log in first.
    assert "/accounts/login/" in client.get(url)["Location"]
    # A profile without an account, one's own profile, junk text, an unknown profile.
    client.force_login(UserFactory())
    unlinked = make_profile()
    assert client.get(reverse("alerts:contact_pioneer", args=[unlinked.pk])).status_code == 403
    assert client.get(reverse("alerts:contact_pioneer", args=[999_999])).status_code == 404
    response = client.post(url, {"message": "kort"})
    assert response.status_code == 400
    response = client.post(url, {"message": "Een\x00bericht met een NUL-teken."})
    assert response.status_code == 400
    client.force_login(pioneer)
    assert client.get(url).status_code == 403
    assert not OutboxMessage.objects.exists()


def test_personal_data_export_and_erase(user, bouw, pioneer_with_account):
    _profile, pioneer = pioneer_with_account
    services.follow_add(user=pioneer, kind="theme", object_id=bouw.pk)
    services.alert_frequency_set(user=pioneer, frequency=Frequency.WEEKLY)
    provider = next(p for p in personal_data.providers() if p.key == "alerts")
    exported = provider.export(pioneer)
    assert exported["digest"] == "weekly"
    assert exported["follows"][0]["kind"] == "theme"
    assert exported["accepts_messages"] is True
    provider.erase(pioneer)
    assert not Follow.objects.filter(user=pioneer).exists()
    assert not AlertSettings.objects.filter(user=pioneer).exists()
    assert not PioneerContact.objects.filter(user=pioneer).exists()
