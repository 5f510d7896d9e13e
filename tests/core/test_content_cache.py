"""What listings read from the site cache under its generation (learning.core.sitecache): view
restrictions, themes and the footer; never stale after a change, not even one that commits
while a request is reading the old state."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction, Site

from learning.core import sitecache
from learning.core.filtering import theme_choices
from learning.core.models import SiteSettings, Theme
from learning.core.visibility import denied_paths, pages_public

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page


def test_a_new_restriction_is_seen_at_once(home, django_assert_max_num_queries):
    assert denied_paths(None) == []
    with django_assert_max_num_queries(0):
        assert denied_paths(None) == []  # from the cache
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    assert denied_paths(None) == [home.path]
    assert not pages_public(Page.objects.filter(pk=home.pk)).exists()


def test_a_restrictions_groups_count(home, make_user):
    group = Group.objects.create(name="Kring")
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.GROUPS
    )
    member = make_user()
    member.groups.add(group)
    assert denied_paths(member) == [home.path]
    restriction.groups.add(group)  # m2m_changed: a new generation
    member = type(member).objects.get(pk=member.pk)  # no remembered group ids
    assert denied_paths(member) == []


def test_an_old_read_stored_after_a_change_is_not_used(home):
    sitecache.view_restrictions()
    # A request read the restrictions before a change committed, and stores them after it:
    stale = sitecache.generation()
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    cache.set(sitecache.RESTRICTIONS_KEY, (stale, []), sitecache.TIMEOUT)
    assert sitecache.view_restrictions()[0][0] == home.path


def test_themes_and_footer_follow_their_changes(client, home):
    site = Site.objects.get(is_default_site=True)
    assert ("water-test", "Water") not in theme_choices()
    Theme.objects.create(name="Water", slug="water-test")
    assert ("water-test", "Water") in theme_choices()
    settings = SiteSettings.for_site(site)
    settings.footer_text = "Een platform van het Rijk."
    settings.save()
    assert "Een platform van het Rijk." in client.get("/").content.decode()
    settings.footer_text = "Een platform van alle overheden."
    settings.save()
    content = client.get("/").content.decode()
    assert "Een platform van alle overheden." in content
    assert "Een platform van het Rijk." not in content
