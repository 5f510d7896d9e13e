import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from home.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_database):
    """The demo's home page (the demo is loaded once for the tests that ask for it)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def add_content_page(parent, title, *, in_menu=True):
    page = ContentPage(
        title=title,
        show_in_menus=in_menu,
        intro=f"Over {title}.",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{title}: circulair bouwen.</p>"}]),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_migrations_create_a_home_page():
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Circulair Leren"


def test_home_page_shows_demo_content(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert demo.intro in content
    assert "Samen circulair leren" in content  # featured card
    assert "Over Circulair Leren" in content  # main navigation
    assert "Privacyverklaring" in content  # footer
    assert "Toegankelijkheidsverklaring" in content
    assert 'lang="nl"' in content


# What a second run may add: the pages are published again (a revision and a log line each).
GROWS_ON_EVERY_RUN = {"wagtailcore.revision", "wagtailcore.pagelogentry"}


def _row_counts() -> dict[str, int]:
    """Rows per table of every model, the many-to-many tables (group memberships) included."""
    from django.apps import apps

    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def test_load_demo_twice_changes_nothing(demo, settings):
    """The one test that loads the demo a second time, for every app's demo content: no table
    gains or loses a row (no doubled page, registration, claim, e-mail or group membership),
    the search index included."""
    before = _row_counts()
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = _row_counts()
    changed = {
        label: (before[label], after[label])
        for label in before
        if before[label] != after[label] and label not in GROWS_ON_EVERY_RUN
    }
    assert changed == {}
    assert before["wagtailsearch.indexentry"] > 500
    assert before["outbox.outboxmessage"] > 0 and before["accounts.user_groups"] > 0


def test_load_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")


def test_home_page_queries_stay_constant_as_pages_grow(client, demo):
    add_content_page(demo, "Eerste extra pagina")
    client.get("/")  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for number in range(8):
        add_content_page(demo, f"Extra pagina {number}")
    client.get("/")  # the new pages emptied the site cache: warm it again
    with CaptureQueriesContext(connection) as many:
        response = client.get("/")
    assert "Extra pagina 7" in response.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_content_page_renders(client, demo):
    response = client.get("/privacyverklaring/")
    assert response.status_code == 200
    assert "Uw rechten" in response.content.decode()


def test_search_finds_public_pages_only(client, demo):
    public = add_content_page(demo, "Hergebruik van beton", in_menu=False)
    private = add_content_page(demo, "Geheim betonverslag", in_menu=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get("/zoeken/", {"q": "beton"})
    assert response.status_code == 200
    content = response.content.decode()
    assert public.title in content
    assert private.title not in content


def test_search_without_a_query_and_with_a_bad_page_number(client, demo):
    assert client.get("/zoeken/").status_code == 200
    assert client.get("/zoeken/", {"q": "circulair", "pagina": "abc"}).status_code == 200
    assert client.get("/zoeken/", {"q": "circulair", "pagina": "9999"}).status_code == 200
    assert client.get("/zoeken/", {"q": "x" * 5000}).status_code == 200


def test_unknown_page_is_a_dutch_404(client, demo):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "niet gevonden" in response.content.decode().lower()


def test_sitemap_lists_public_pages(client, demo):
    private = add_content_page(demo, "Besloten pagina", in_menu=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    content = response.content.decode()
    assert "/over-circulair-leren/" in content
    assert "/besloten-pagina/" not in content


def test_accessibility_statement_follows_the_digitoegankelijk_model(client):
    """Scope, status, how it was checked, known problems with a planned date, feedback and
    complaints (Nationale ombudsman), and its date; reached from the footer of every page."""
    import re

    from home import demo as home_demo

    home_demo.load()
    home_page = client.get("/").content.decode()
    assert 'href="/toegankelijkheidsverklaring/"' in home_page
    response = client.get("/toegankelijkheidsverklaring/")
    assert response.status_code == 200
    content = response.content.decode()
    headings = re.findall(r"<h2[^>]*>\s*(.*?)\s*</h2>", content, flags=re.S)
    assert headings == [
        "Voor welke website geldt deze verklaring",
        "Status: voldoet gedeeltelijk",
        "Hoe wij dit hebben gecontroleerd",
        "Bekende problemen en wat wij eraan doen",
        "Een probleem melden",
        "Niet tevreden? Dien een klacht in",
        "Over deze verklaring",
    ]
    assert "WCAG) 2.1 op niveau A en AA" in content
    assert "axe-core" in content and "toetsenbord" in content and "WCAG-EM" in content
    known = content[content.index("Bekende problemen") : content.index("Een probleem melden")]
    problems = re.findall(r"<li>(.*?)</li>", known, flags=re.S)
    assert len(problems) == 3
    for problem in problems:  # each with the date by which it is fixed
        assert re.search(r"\d{1,2} (maart|juni|september) 2027", problem), problem
    assert "redactie@circulairleren.example" in content
    assert "binnen vijf werkdagen" in content
    assert '<a href="https://www.nationaleombudsman.nl/">' in content
    assert "opgesteld op 2 december 2026" in content
