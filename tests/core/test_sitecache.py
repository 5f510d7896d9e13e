"""The cached site and main menu (learning.core.sitecache): fewer queries, never stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from learning.core import sitecache
from tests.home.test_pages import add_content_page as add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page.specific


def menu_of(response) -> str:
    content = response.content.decode()
    start = content.find('<nav class="utrecht-nav-bar site-nav"')
    if start == -1:  # no menu items, no menu
        return ""
    return content[start : content.index("</nav>", start)]


def site_and_menu_queries(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "wagtailcore_site"')
        or 'AND "wagtailcore_page"."show_in_menus"' in q["sql"]
    ]


def test_a_warm_page_asks_the_database_neither_for_the_site_nor_for_the_menu(client, home):
    add_page(home, "Inkoopthema")
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert "Inkoopthema" in menu_of(response)
    assert site_and_menu_queries(queries) == []


def test_a_cold_cache_looks_both_up_once(client, home):
    add_page(home, "Inkoopthema")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    looked_up = site_and_menu_queries(queries)
    # The site for the hostname and Wagtail's own (separately cached) root paths; the menu.
    sites = [sql for sql in looked_up if sql.startswith('SELECT "wagtailcore_site"')]
    assert len(sites) == 2
    assert len(looked_up) - len(sites) == 1


@pytest.mark.parametrize(
    "change",
    ["publish", "unpublish", "restrict", "rename", "delete"],
)
def test_every_change_to_the_tree_shows_on_the_next_request(client, home, change):
    page = add_page(home, "Bouwthema")
    assert "Bouwthema" in menu_of(client.get("/"))  # now cached
    if change == "publish":
        add_page(home, "Afvalthema")
        assert "Afvalthema" in menu_of(client.get("/"))
        return
    if change == "unpublish":
        page.unpublish()
    elif change == "restrict":
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    elif change == "rename":
        page.title = "Circulair bouwen"
        page.save_revision().publish()
    elif change == "delete":
        page.delete()
    menu = menu_of(client.get("/"))
    assert "Bouwthema" not in menu
    if change == "rename":
        assert "Circulair bouwen" in menu


def test_a_new_hostname_is_found_after_the_site_changes(client, home, settings):
    settings.ALLOWED_HOSTS = ["testserver", "oost.example"]
    client.get("/", HTTP_HOST="testserver")
    other_root = add_page(home, "Regio Oost", in_menu=False)
    add_page(other_root, "Oostelijk nieuws")
    Site.objects.create(hostname="oost.example", port=80, root_page=other_root)
    response = client.get("/", HTTP_HOST="oost.example")
    assert response.status_code == 200
    assert "Oostelijk nieuws" in menu_of(response)
    assert "Regio Oost" not in menu_of(client.get("/", HTTP_HOST="testserver"))


def test_each_request_gets_its_own_copy_of_the_site(rf, home):
    first = sitecache.site_for_request(rf.get("/"))
    first.root_page.title = "Gewijzigd in het geheugen"
    second = sitecache.site_for_request(rf.get("/"))
    assert second is not first
    assert second.root_page.title == home.title
