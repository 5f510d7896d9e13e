import json

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Page, PageViewRestriction, Site

from home.models import ContentPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_page(parent, title):
    page = ContentPage(
        title=title,
        intro=f"Over {title}.",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{title}: circulair slopen.</p>"}]),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def tree():
    """A public page, a login-only section, a group section with a child, a password page."""
    home = Site.objects.get(is_default_site=True).root_page
    group = Group.objects.create(name="Leerkring Beton")
    public = add_page(home, "Openbaar sloopverhaal")
    members_only = add_page(home, "Alleen ingelogd sloopverslag")
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    circle = add_page(home, "Kring sloopnotities")
    restriction = PageViewRestriction.objects.create(page=circle, restriction_type="groups")
    restriction.groups.add(group)
    circle_child = add_page(circle, "Kring sloopverslag juni")
    secret = add_page(home, "Wachtwoord sloopplan")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    return {
        "group": group,
        "public": public,
        "login": members_only,
        "circle": circle,
        "circle_child": circle_child,
        "password": secret,
    }


def visible_titles(user):
    from learning.core.visibility import pages_visible_to

    pages = pages_visible_to(Page.objects.filter(title__contains="sloop"), user)
    return set(pages.values_list("title", flat=True))


def test_anonymous_sees_only_public_pages(tree):
    assert visible_titles(AnonymousUser()) == {"Openbaar sloopverhaal"}


def test_logged_in_non_member_passes_login_restrictions_only(tree):
    expected = {"Openbaar sloopverhaal", "Alleen ingelogd sloopverslag"}
    assert visible_titles(UserFactory()) == expected


def test_group_member_sees_the_section_and_pages_below_it(tree):
    member = UserFactory()
    member.groups.add(tree["group"])
    assert visible_titles(member) == {
        "Openbaar sloopverhaal",
        "Alleen ingelogd sloopverslag",
        "Kring sloopnotities",
        "Kring sloopverslag juni",
    }


def test_superuser_passes_group_but_not_password_restrictions(tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    titles = visible_titles(admin)
    assert "Kring sloopverslag juni" in titles
    assert "Wachtwoord sloopplan" not in titles


def test_page_visible_to_matches_the_listing(tree):
    from learning.core.visibility import page_visible_to

    member = UserFactory()
    member.groups.add(tree["group"])
    outsider = UserFactory()
    assert page_visible_to(tree["circle_child"], member)
    assert not page_visible_to(tree["circle_child"], outsider)
    assert page_visible_to(tree["login"], outsider)
    assert not page_visible_to(tree["login"], AnonymousUser())
    assert not page_visible_to(tree["password"], member)


def test_queries_stay_constant_as_restrictions_grow(tree, django_assert_max_num_queries):
    home = Site.objects.get(is_default_site=True).root_page
    member = UserFactory()
    for number in range(30):
        page = add_page(home, f"Extra sloopsectie {number}")
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
        restriction.groups.add(Group.objects.create(name=f"Kring {number}"))
    with django_assert_max_num_queries(4):
        titles = visible_titles(member)
    assert "Extra sloopsectie 3" not in titles


def test_site_search_shows_a_group_section_to_its_members_only(client, tree):
    member = UserFactory()
    member.groups.add(tree["group"])
    client.force_login(member)
    content = client.get("/zoeken/", {"q": "sloopverslag"}).content.decode()
    assert "Kring sloopverslag juni" in content
    assert "Alleen ingelogd sloopverslag" in content

    client.force_login(UserFactory())
    content = client.get("/zoeken/", {"q": "sloopverslag"}).content.decode()
    assert "Kring sloopverslag juni" not in content
    assert "Alleen ingelogd sloopverslag" in content

    client.logout()
    content = client.get("/zoeken/", {"q": "sloopverslag"}).content.decode()
    assert "sloopverslag" in content  # the query itself is echoed
    assert "Kring sloopverslag juni" not in content
    assert "Alleen ingelogd sloopverslag" not in content
