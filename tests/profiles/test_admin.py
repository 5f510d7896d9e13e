"""Editors in the Wagtail admin: drafts without consent are fine, publishing is refused."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from learning.profiles.models import PioneerProfilePage
from learning.profiles.wagtail_hooks import refuse_publish_without_consent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NO_CONSENT = {"consent_given": False, "consent_date": None}


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _form(**fields):
    return nested_form_data(
        {
            "title": "Noor Bakker",
            "slug": "noor-bakker",
            "job_title": "Inkoopadviseur",
            "province": "utrecht",
            "quote": "Begin klein.",
            "story": streamfield(
                [("paragraph", rich_text("<p>Wij kochten hergebruikte kozijnen in.</p>"))]
            ),
            "comments": inline_formset([]),
            "consent_date": "",
            **fields,
        }
    )


def _add_url(index):
    return reverse("wagtailadmin_pages:add", args=("profiles", "pioneerprofilepage", index.pk))


def test_a_draft_without_consent_is_saved(editor_client, profile_index):
    response = editor_client.post(_add_url(profile_index), _form())
    assert response.status_code == 302
    profile = PioneerProfilePage.objects.get(slug="noor-bakker")
    assert not profile.live


def test_publish_without_consent_is_refused_with_a_message(editor_client, profile_index):
    response = editor_client.post(_add_url(profile_index), _form(**{"action-publish": "1"}))
    assert response.status_code == 200
    assert "zonder vastgelegde toestemming" in response.content.decode()
    assert not PioneerProfilePage.objects.filter(slug="noor-bakker", live=True).exists()


def test_publish_with_consent_goes_live(editor_client, profile_index):
    form = _form(consent_given="on", consent_date="2026-10-01", **{"action-publish": "1"})
    response = editor_client.post(_add_url(profile_index), form)
    assert response.status_code == 302
    profile = PioneerProfilePage.objects.get(slug="noor-bakker")
    assert profile.live
    assert profile.province == "utrecht"


def test_publishing_a_draft_from_the_edit_form_is_refused(editor_client, make_profile):
    profile = make_profile(publish=False, consent_given=False, consent_date=None)
    url = reverse("wagtailadmin_pages:edit", args=(profile.pk,))
    form = _form(title=profile.title, slug=profile.slug, **{"action-publish": "1"})
    response = editor_client.post(url, form)
    assert response.status_code == 200
    assert not PioneerProfilePage.objects.get(pk=profile.pk).live


def test_the_hook_sends_the_editor_back_for_any_other_route(rf, make_profile):
    from django.contrib.messages.storage.fallback import FallbackStorage

    draft = make_profile(publish=False, consent_given=False, consent_date=None)
    request = rf.post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)

    response = refuse_publish_without_consent(request, draft)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    assert refuse_publish_without_consent(request, make_profile()) is None


def test_profiles_appear_in_the_page_tree(editor_client, make_profile, profile_index):
    profile = make_profile(title="Sanne Pionier")
    response = editor_client.get(reverse("wagtailadmin_explore", args=(profile_index.pk,)))
    assert response.status_code == 200
    assert profile.title in response.content.decode()


def test_the_profile_listing_filters_on_consent(editor_client, make_profile):
    make_profile(title="Met toestemming")
    make_profile(title="Wacht op toestemming", publish=False, **NO_CONSENT)
    url = reverse("pioneer_profiles:index")

    response = editor_client.get(url, {"consent_given": "false"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Wacht op toestemming" in content
    assert "Met toestemming" not in content
    assert "Met toestemming" in editor_client.get(url).content.decode()


def test_submitting_for_moderation_without_consent_is_refused(editor_client, profile_index):
    response = editor_client.post(_add_url(profile_index), _form(**{"action-submit": "1"}))
    assert response.status_code == 200
    assert "zonder vastgelegde toestemming" in response.content.decode()
