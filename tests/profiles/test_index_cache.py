"""The anonymous list of pioneers in the cache (learning.core.filtering, ``cache_list``): a
warm request runs no query beyond a bare Wagtail page, and every change a card shows is seen
at once."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.warm import warm_queries

pytestmark = pytest.mark.django_db


def test_a_warm_anonymous_list_runs_no_query_beyond_a_bare_page(
    profile_index, bare_page, make_profile, themes, organisation_by_code
):
    make_profile(organisation=organisation_by_code("GM0344"), themes=[themes["bouw"]])
    make_profile(organisation=organisation_by_code("PV30"))
    client = Client()
    bare = warm_queries(client, bare_page.url)
    assert warm_queries(client, profile_index.url) == bare
    assert warm_queries(client, f"{profile_index.url}?thema=bouw") == bare


def test_a_new_or_unpublished_profile_shows_at_once(profile_index, make_profile):
    make_profile(title="Eerste Pionier")
    client = Client()
    warm_queries(client, profile_index.url)
    new = make_profile(title="Tweede Pionier")
    assert "Tweede Pionier" in client.get(profile_index.url).content.decode()
    new.unpublish()
    assert "Tweede Pionier" not in client.get(profile_index.url).content.decode()


def test_an_organisation_rename_shows_at_once(profile_index, make_profile, organisation_by_code):
    utrecht = organisation_by_code("GM0344")
    make_profile(organisation=utrecht)
    client = Client()
    warm_queries(client, profile_index.url)
    assert "Gemeente Utrecht" in client.get(profile_index.url).content.decode()
    utrecht.name = "Utrecht-Stad"
    utrecht.save()
    content = client.get(profile_index.url).content.decode()
    assert "Gemeente Utrecht-Stad" in content


def test_a_theme_rename_shows_at_once(profile_index, make_profile, themes):
    make_profile(themes=[themes["bouw"]])
    client = Client()
    warm_queries(client, profile_index.url)
    theme = themes["bouw"]
    theme.name = "Bouw en sloop"
    theme.save()
    assert "Bouw en sloop" in client.get(profile_index.url).content.decode()


def test_a_private_profile_never_shows_to_anonymous_visitors(
    profile_index, make_profile, make_user
):
    make_profile(title="Open Pionier")
    private = make_profile(title="Besloten Pionier")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    member = Client()
    member.force_login(make_user())
    # A member sees the profile; the list cached for anonymous visitors never has it.
    assert "Besloten Pionier" in member.get(profile_index.url).content.decode()
    anonymous = Client()
    for _ in range(2):
        content = anonymous.get(profile_index.url).content.decode()
        assert "Open Pionier" in content
        assert "Besloten Pionier" not in content
        assert "Besloten Pionier" in member.get(profile_index.url).content.decode()
