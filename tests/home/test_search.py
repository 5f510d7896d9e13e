"""The site search (/zoeken/): Dutch words, every kind, filters, private pages, junk, queries."""

import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from home.models import ContentPage
from home.views import RESULTS_PER_PAGE
from learning.core.models import Theme
from learning.core.search.backend import word_forms
from learning.core.search.highlight import highlight_snippet, highlight_title
from learning.core.search.registry import kind_choices
from learning.knowledge.models import (
    DirectoryPage,
    Initiative,
    InitiativeKind,
    KnowledgeIndexPage,
    KnowledgePage,
    PolicyGoal,
    ThemePage,
)
from learning.organisations.models import Organisation
from learning.profiles.models import PioneerProfilePage, ProfileIndexPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL full-text search"
)


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


@pytest.fixture
def site():
    home = Site.objects.get(is_default_site=True).root_page.specific
    knowledge = _publish(
        home, KnowledgeIndexPage(title="Kennisbank", slug="kennisbank", intro="Wat al kan.")
    )
    directory = _publish(
        knowledge, DirectoryPage(title="Organisaties en initiatieven", slug="initiatieven")
    )
    pioneers = _publish(home, ProfileIndexPage(title="Pioniers", slug="pioniers"))
    return {"home": home, "knowledge": knowledge, "directory": directory, "pioneers": pioneers}


def add_article(site, title, *, intro="Over circulair bouwen.", body="", themes=()):
    article = KnowledgePage(
        title=title,
        slug=f"artikel-{KnowledgePage.objects.count() + 1}",
        intro=intro,
        body=json.dumps([{"type": "paragraph", "value": f"<p>{body or title}</p>"}]),
    )
    article.themes = list(themes)
    return _publish(site["knowledge"], article)


def add_content_page(parent, title, *, intro="Een pagina."):
    return _publish(
        parent, ContentPage(title=title, slug=f"p-{ContentPage.objects.count()}", intro=intro)
    )


def results(client, **params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def titles(response) -> list[str]:
    return [str(hit.obj) for hit in response.context["hits"]]


# --- Dutch words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("brug", ["brug"]),
        ("Bruggen", ["bruggen", "brug", "brugg"]),
        ("fietsen", ["fietsen", "fiets"]),
        ("auto's", ["auto's", "auto"]),
        ("tafels", ["tafels", "tafel"]),
        ("de", ["de"]),
    ],
)
def test_word_forms_add_the_singular_a_plural_suggests(word, forms):
    assert word_forms(word) == forms


@postgres_only
def test_singular_and_plural_find_each_other(client, site):
    add_article(site, "Bruggen die langer meegaan")
    add_article(site, "Een brug van hout", intro="Hout in de openbare ruimte.")
    add_article(site, "Circulair inkopen", intro="Over aanbesteden.")

    assert set(titles(results(client, q="brug"))) == {
        "Bruggen die langer meegaan",
        "Een brug van hout",
    }
    assert set(titles(results(client, q="bruggen"))) == {
        "Bruggen die langer meegaan",
        "Een brug van hout",
    }
    # The Dutch stemmer: "aanbestedingen" and "aanbesteden" meet at 'aanbested'.
    assert titles(results(client, q="aanbestedingen")) == ["Circulair inkopen"]
    # Every word typed must match; stop words are left out.
    assert titles(results(client, q="brug hout")) == ["Een brug van hout"]
    assert titles(results(client, q="een brug van hout")) == ["Een brug van hout"]


@postgres_only
def test_the_start_of_a_compound_finds_it(client, site):
    # The stemmer makes 'kringlop' of "kringloop": the word as typed must find the compound.
    add_article(site, "Een kringloopcentrum in de wijk")
    assert titles(results(client, q="kringloop")) == ["Een kringloopcentrum in de wijk"]
    assert titles(results(client, q="kringloop voor de wijk")) == [
        "Een kringloopcentrum in de wijk"
    ]


@postgres_only
def test_initiatives_organisations_and_goals_are_found_with_their_kind(client, site):
    bouw = Theme.objects.get(slug="bouw")
    theme_page = _publish(
        site["knowledge"], ThemePage(title="Bouw", slug="bouw", theme=bouw, intro="Bouwen.")
    )
    apeldoorn = Organisation.objects.get(kind="gemeente", name="Apeldoorn")
    Initiative.objects.create(
        name="Kringloopcentrum De Tweede Ronde",
        kind=InitiativeKind.CIVIC,
        description="Kringloopwinkel met reparatiewerkplaats.",
        region="Stedendriehoek",
        organisation=apeldoorn,
    )
    goal = PolicyGoal.objects.create(
        title="Secundaire bouwmaterialen",
        goal_text="In 2030 is de helft van de bouwmaterialen secundair.",
        source="Rijksoverheid",
    )
    goal.themes.set([bouw])
    goal.save()
    pioneer = PioneerProfilePage(
        title="Anouk Jansen",
        slug="anouk",
        job_title="Beleidsadviseur",
        organisation=apeldoorn,
        consent_given=True,
        consent_date="2026-01-01",
    )
    _publish(site["pioneers"], pioneer)

    response = results(client, q="Kringloopcentrum")
    [hit] = response.context["hits"]
    assert hit.kind_label == "Initiatief"
    assert hit.url == "/kennisbank/initiatieven/?zoek=Kringloopcentrum+De+Tweede+Ronde"
    assert "<mark>Kringloopcentrum</mark>" in response.content.decode()

    hits = results(client, q="Apeldoorn").context["hits"]
    found = {(str(hit.kind_label), hit.title) for hit in hits}
    assert ("Organisatie", "Gemeente Apeldoorn") in found
    assert ("Initiatief", "Kringloopcentrum De Tweede Ronde") in found
    assert ("Pionier", "Anouk Jansen") in found
    organisation_hit = next(hit for hit in hits if hit.kind_key == "organisatie")
    assert organisation_hit.url == "/pioniers/?zoek=Apeldoorn"

    [hit] = results(client, q="bouwmaterialen secundair").context["hits"]
    assert hit.kind_label == "Beleidsdoel"
    assert hit.url == f"{theme_page.url}#beleidsdoel-{goal.pk}"


def test_organisations_of_the_seed_are_in_the_index_but_only_found_when_the_site_shows_them(
    client, site
):
    from wagtail.search.backends import get_search_backend

    # The seed migration's rows were indexed after migrate (learning.organisations.apps).
    assert get_search_backend().search("Zwolle", Organisation).count() >= 1
    # Zwolle has no pioneer and no initiative: the site does not show it, the search neither.
    assert "organisatie" not in {
        hit.kind_key for hit in results(client, q="Zwolle").context["hits"]
    }


# --- What a result shows --------------------------------------------------------------------


def test_titles_and_snippets_are_escaped_and_marked():
    assert highlight_title("<b>Beton</b> & staal", "beton") == (
        "&lt;b&gt;<mark>Beton</mark>&lt;/b&gt; &amp; staal"
    )
    snippet = highlight_snippet("x " * 300 + "hergebruik <script>alert(1)</script> beton", "beton")
    assert snippet.startswith("… ")
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert snippet.endswith("<mark>beton</mark>")
    # A query that is markup marks nothing and injects nothing.
    assert "<img" not in highlight_snippet("tekst", '<img src=x onerror="alert(1)">')


def test_no_markup_from_content_or_query_reaches_the_page(client, site):
    add_article(
        site,
        "Beton <em>hergebruiken</em>",
        intro="Over beton.",
        body="Beton &lt;script&gt;alert('inhoud')&lt;/script&gt; hergebruiken",
    )
    # The query comes back (in the box and the status line) escaped, whatever it finds: on
    # SQLite its words must all match, on PostgreSQL its tags are no words.
    content = results(client, q="<script>alert('zoek')</script> beton").content.decode()
    assert "<script>alert(" not in content
    assert "&lt;script&gt;alert(" in content
    # The title's markup is text in the result.
    content = results(client, q="beton").content.decode()
    assert "<em>hergebruiken</em>" not in content
    assert "<script>alert(" not in content
    assert "Beton &lt;em&gt;hergebruiken&lt;/em&gt;" in content


def test_each_result_says_what_kind_of_thing_it_is(client, site):
    add_article(site, "Circulaire wegen")
    add_content_page(site["home"], "Circulaire wegen: contact")
    content = results(client, q="wegen").content.decode()
    assert '<span class="badge">Kennisartikel</span>' in content
    assert '<span class="badge">Pagina</span>' in content
    assert "2 resultaten" in content
    assert 'role="status"' in content


# --- Filters and pages ----------------------------------------------------------------------


def test_filters_by_kind_and_theme(client, site):
    bouw, inkopen = Theme.objects.get(slug="bouw"), Theme.objects.get(slug="circulair-inkopen")
    add_article(site, "Materialen in de bouw", themes=[bouw])
    add_article(site, "Materialen inkopen", themes=[inkopen])
    initiative = Initiative.objects.create(
        name="Materialenbank", kind=InitiativeKind.NETWORK, description="Materialen delen."
    )
    initiative.themes.set([bouw])
    initiative.save()
    add_content_page(site["home"], "Materialen zonder thema")

    everything = titles(results(client, q="materialen"))
    assert len(everything) == 4
    assert titles(results(client, q="materialen", soort="initiatief")) == ["Materialenbank"]
    assert set(titles(results(client, q="materialen", thema="bouw"))) == {
        "Materialen in de bouw",
        "Materialenbank",
    }
    assert titles(results(client, q="materialen", soort="kennisartikel", thema="bouw")) == [
        "Materialen in de bouw"
    ]
    assert titles(results(client, q="materialen", soort="pagina")) == ["Materialen zonder thema"]
    # A kind without themes finds nothing under a theme.
    assert titles(results(client, q="materialen", soort="organisatie", thema="bouw")) == []


def test_the_filter_lists_every_registered_kind():
    keys = [key for key, _label in kind_choices()]
    for key in ["kennisartikel", "pionier", "beleidsdoel", "initiatief", "organisatie"]:
        assert key in keys
    for key in ["masterclass", "evenement", "leerkring", "thema", "pagina"]:
        assert key in keys


@postgres_only  # SQLite's ranking gives equal scores in no fixed order
def test_pages_of_results_keep_the_query_and_filters(client, site):
    for number in range(13):
        add_article(site, f"Hergebruik van hout {number}")
    first = results(client, q="hout", soort="kennisartikel")
    assert len(first.context["hits"]) == 10
    assert "q=hout&amp;soort=kennisartikel&amp;pagina=2" in first.content.decode()
    second = results(client, q="hout", soort="kennisartikel", pagina=2)
    assert len(second.context["hits"]) == 3
    assert not set(titles(first)) & set(titles(second))


# --- Private pages --------------------------------------------------------------------------


@postgres_only  # "beton" finding "betonverhaal" is a word start (PostgreSQL only)
def test_restricted_pages_are_found_only_by_who_may_see_them(client, site):
    home = site["home"]
    add_content_page(home, "Openbaar betonverhaal")
    login_only = add_content_page(home, "Ingelogd betonverslag")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    circle = add_content_page(home, "Kring betonnotities")
    restriction = PageViewRestriction.objects.create(page=circle, restriction_type="groups")
    group = Group.objects.create(name="Leerkring Beton")
    restriction.groups.add(group)
    add_content_page(circle, "Kring betonverslag juni", intro="Alleen voor de kring.")

    assert titles(results(client, q="beton")) == ["Openbaar betonverhaal"]
    client.force_login(UserFactory())
    assert set(titles(results(client, q="beton"))) == {
        "Openbaar betonverhaal",
        "Ingelogd betonverslag",
    }
    member = UserFactory()
    member.groups.add(group)
    client.force_login(member)
    assert len(titles(results(client, q="beton"))) == 4
    # The count and the spelling suggestion give nothing away either.
    client.logout()
    assert "1 resultaat" in results(client, q="beton").content.decode()
    response = results(client, q="betonnotitie")
    assert response.context["hits"] == []
    assert "notities" not in (response.context.get("suggestion") or "")


# --- No results -----------------------------------------------------------------------------


def test_no_results_suggests_a_spelling_and_the_closest_themes(client, site):
    bouw = Theme.objects.get(slug="bouw")
    _publish(site["knowledge"], ThemePage(title="Bouw", slug="bouw", theme=bouw, intro="Bouw."))
    add_article(site, "Kringloopwinkels in de wijk")

    response = results(client, q="kringlopwinkels")
    assert response.context["hits"] == []
    assert response.context["suggestion"] == "kringloopwinkels"
    content = response.content.decode()
    assert "Bedoelde u:" in content
    assert "/zoeken/?q=kringloopwinkels" in content
    assert results(client, q="kringloopwinkels").context["hits"]

    nothing = results(client, q="bowu").context
    assert nothing["hits"] == []
    assert [page.title for page in nothing["theme_suggestions"]["pages"]] == ["Bouw"]


# --- Junk -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "!!! ??? ... ,,,"},
        {"q": "'\"\\:*&|!()<>"},
        {"q": "beton\x00hout"},
        {"q": "\x00"},
        {"q": "beton", "pagina": "-1"},
        {"q": "beton", "pagina": "99999999999999999999"},
        {"q": "& | ! :* <-> '"},
        {"q": "a b c d e f g h i j k l m n o p q r s t u v w x y z " * 4},
    ],
)
def test_junk_queries_answer_200(client, site, params):
    add_article(site, "Beton en hout")
    assert client.get("/zoeken/", params).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "beton", "soort": "bestaatniet"}, "Kies een soort uit de lijst."),
        ({"q": "beton", "soort": "pagina\x00"}, "Kies een soort uit de lijst."),
        ({"q": "beton", "thema": "<script>"}, "Kies een thema uit de lijst."),
        ({"q": "beton", "thema": "x" * 5000}, "Kies een thema uit de lijst."),
    ],
)
def test_unknown_filters_answer_400_in_dutch(client, site, params, message):
    response = client.get("/zoeken/", params)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "<script>" not in content


# --- Queries --------------------------------------------------------------------------------


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_constant_as_content_grows(client, site):
    bouw = Theme.objects.get(slug="bouw")

    def grow(start, count):
        for number in range(start, start + count):
            add_article(site, f"Circulair bouwen {number}", themes=[bouw])
            initiative = Initiative.objects.create(
                name=f"Circulair netwerk {number}",
                kind=InitiativeKind.NETWORK,
                description="Circulair samenwerken.",
            )
            initiative.themes.set([bouw])
            initiative.save()
            PolicyGoal.objects.create(
                title=f"Circulair doel {number}", goal_text="Circulair in 2050.", source="Rijk"
            )

    grow(0, 3)
    client.force_login(UserFactory())
    # One kind at a time: the same kinds on every page of results.
    urls = [
        "/zoeken/?q=circulair&soort=kennisartikel",
        "/zoeken/?q=circulair&soort=initiatief&thema=bouw",
        "/zoeken/?q=circulair&soort=beleidsdoel",
        "/zoeken/?q=nergens",
    ]
    small = [_queries(client, url) for url in urls]
    # Every kind on one page of results: the most a page costs.
    mixed = _queries(client, "/zoeken/?q=circulair")
    assert len(client.get("/zoeken/?q=circulair").context["hits"]) == 9
    grow(3, 12)  # more of each kind than a page of results holds
    assert RESULTS_PER_PAGE < 3 + 12
    large = [_queries(client, url) for url in urls]
    assert large == small
    assert _queries(client, "/zoeken/?q=circulair") <= mixed <= 15
    assert client.get(urls[0]).context["total"] == 15
    assert client.get("/zoeken/?q=circulair").context["total"] == 45
