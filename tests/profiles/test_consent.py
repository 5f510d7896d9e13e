"""A profile is about a real person: it is never published without recorded consent."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning.profiles.models import PioneerProfilePage, Province

from .conftest import story

pytestmark = pytest.mark.django_db

NO_CONSENT = {"consent_given": False, "consent_date": None}


def test_a_profile_with_consent_is_published(make_profile):
    profile = make_profile()
    assert profile.live
    assert profile.has_consent


def test_a_draft_without_consent_can_be_saved(make_profile):
    profile = make_profile(publish=False, **NO_CONSENT)
    assert not profile.live
    assert profile.get_latest_revision() is not None


def test_publishing_a_revision_without_consent_is_refused(make_profile):
    profile = make_profile(publish=False, **NO_CONSENT)
    revision = profile.save_revision()

    with pytest.raises(ValidationError) as error:
        revision.publish()

    assert "consent_given" in error.value.message_dict
    profile.refresh_from_db()
    assert not profile.live
    assert profile.live_revision is None
    assert profile.first_published_at is None


def test_publishing_through_the_page_is_refused_too(make_profile):
    profile = make_profile(publish=False, **NO_CONSENT)
    with pytest.raises(ValidationError):
        profile.publish(profile.get_latest_revision())
    assert not PioneerProfilePage.objects.get(pk=profile.pk).live


def test_creating_a_live_profile_without_consent_in_code_is_refused(profile_index):
    profile = PioneerProfilePage(
        title="Zonder toestemming", job_title="Inkoper", story=story(), live=True, **NO_CONSENT
    )
    with pytest.raises(ValidationError):
        profile_index.add_child(instance=profile)
    assert not PioneerProfilePage.objects.filter(title="Zonder toestemming").exists()


def test_a_live_profile_cannot_lose_its_consent(make_profile):
    profile = make_profile()
    profile.consent_given = False
    profile.consent_date = None
    with pytest.raises(ValidationError):
        profile.save()
    with pytest.raises(ValidationError):
        profile.save_revision()
    assert PioneerProfilePage.objects.get(pk=profile.pk).consent_given


def test_a_ticked_box_needs_a_date_and_a_date_in_the_past(make_profile):
    profile = make_profile(publish=False, **NO_CONSENT)
    profile.consent_given = True
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "consent_date" in error.value.message_dict

    profile.consent_date = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "consent_date" in error.value.message_dict

    profile.consent_given = False
    profile.consent_date = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "consent_given" in error.value.message_dict


def test_unpublishing_after_consent_is_withdrawn(make_profile):
    profile = make_profile()
    profile.unpublish()
    profile.refresh_from_db()
    profile.consent_given = False
    profile.consent_date = None
    profile.save_revision()
    assert not PioneerProfilePage.objects.get(pk=profile.pk).live


def test_the_province_follows_the_organisation_when_left_empty(make_profile, organisation_by_code):
    zwolle = organisation_by_code("GM0193")
    profile = make_profile(organisation=zwolle)
    assert profile.province == Province.OVERIJSSEL

    brabant = organisation_by_code("PV30")
    assert make_profile(organisation=brabant).province == Province.NOORD_BRABANT
    assert make_profile(organisation=zwolle, province=Province.LIMBURG).province == "limburg"
