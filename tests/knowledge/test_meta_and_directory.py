"""Open Graph tags, feeds, policy goals on theme pages and the directory's filters."""

import pytest
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from learning.knowledge import selectors
from learning.knowledge.models import Initiative, InitiativeKind, PolicyGoal
from learning.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_open_graph_tags_on_an_article_with_an_image(client, make_article, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(title="Sloop", file=get_test_image_file())
    article = make_article(
        title="Oogsten voor je sloopt",
        intro="Hergebruik begint vóór de sloop.",
        image=image,
        image_alt="Gestapelde dakpannen op een bouwplaats",
    )
    content = client.get(article.url).content.decode()
    assert '<meta property="og:title" content="Oogsten voor je sloopt">' in content
    assert '<meta property="og:type" content="article">' in content
    assert f'<meta property="og:url" content="http://testserver{article.url}">' in content
    assert escape("Hergebruik begint vóór de sloop.") in content
    assert '<meta property="og:image" content="http://testserver/' in content
    assert 'property="og:image:alt" content="Gestapelde dakpannen op een bouwplaats"' in content


def test_open_graph_tags_on_other_pages(client, knowledge_index):
    for url in (knowledge_index.url, "/zoeken/?q=beton"):
        content = client.get(url).content.decode()
        assert '<meta property="og:type" content="website">' in content
        assert 'property="og:title"' in content and 'property="og:url"' in content
        assert 'property="og:image"' not in content


def test_feeds_list_new_articles_and_profiles(client, make_article, home):
    import datetime

    from learning.profiles.models import PioneerProfilePage, ProfileIndexPage

    index = ProfileIndexPage(title="Pioniers", slug="pioniers")
    home.add_child(instance=index)
    profile = PioneerProfilePage(
        title="Marloes van der Heijden",
        slug="marloes",
        job_title="Inkoopadviseur",
        consent_given=True,
        consent_date=datetime.date(2026, 1, 1),
    )
    index.add_child(instance=profile)
    profile.save_revision().publish()
    article = make_article(title="Circulaire uitvraag schrijven")

    rss = client.get("/kennisbank.rss")
    assert rss["Content-Type"].startswith("application/rss+xml")
    atom = client.get("/kennisbank.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for response in (rss, atom):
        content = response.content.decode()
        assert article.title in content and profile.title in content
    items = selectors.feed_items()
    assert [item.pk for item in items] == [article.pk, profile.pk]  # newest first


def test_theme_page_shows_goals_with_copyable_text(client, make_theme_page, bouw, inkopen):
    theme_page = make_theme_page(bouw)
    goal = PolicyGoal.objects.create(
        title="Helft minder primaire grondstoffen",
        goal_text="In 2030 gebruikt Nederland 50% minder primaire abiotische grondstoffen.",
        quantity="50% minder",
        target_year=2030,
        source="Nationaal Programma Circulaire Economie 2023-2030",
    )
    goal.themes.set([bouw])
    goal.save()
    other = PolicyGoal.objects.create(title="Alleen inkoop", goal_text="x", source="y")
    other.themes.set([inkopen])
    other.save()

    content = client.get(theme_page.url).content.decode()
    assert goal.title in content and other.title not in content
    assert f'id="goal-text-{goal.pk}" rows="4" readonly>' in content
    assert f'data-copy-target="goal-text-{goal.pk}"' in content
    assert "Kopieer naar klembord" in content
    assert "js/copy-link" in content  # our own script, no inline JavaScript
    assert "<script>" not in content
    assert goal.clipboard_text == (
        "In 2030 gebruikt Nederland 50% minder primaire abiotische grondstoffen. "
        "(Bron: Nationaal Programma Circulaire Economie 2023-2030.)"
    )


def test_directory_filters_combine(client, directory, bouw, inkopen):
    gelderland = Organisation.objects.get(cbs_code="PV25")
    utrecht = Organisation.objects.get(cbs_code="PV26")
    match = Initiative.objects.create(
        name="Betonketen Oost",
        kind=InitiativeKind.COMPANY,
        description="Beton.",
        province=gelderland,
    )
    match.themes.set([bouw])
    match.save()
    wrong_province = Initiative.objects.create(
        name="Bouwhub Utrecht", kind=InitiativeKind.COMPANY, description="x", province=utrecht
    )
    wrong_province.themes.set([bouw])
    wrong_province.save()
    wrong_theme = Initiative.objects.create(
        name="Inkoopnetwerk Gelderland",
        kind=InitiativeKind.COMPANY,
        description="x",
        province=gelderland,
    )
    wrong_theme.themes.set([inkopen])
    wrong_theme.save()
    wrong_kind = Initiative.objects.create(
        name="Bouwnetwerk Gelderland",
        kind=InitiativeKind.NETWORK,
        description="x",
        province=gelderland,
    )
    wrong_kind.themes.set([bouw])
    wrong_kind.save()

    response = client.get(directory.url, {"soort": "bedrijf", "provincie": "PV25", "thema": "bouw"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Betonketen Oost" in content
    for other in ("Bouwhub Utrecht", "Inkoopnetwerk Gelderland", "Bouwnetwerk Gelderland"):
        assert other not in content

    assert list(selectors.initiatives_filtered(query="beton")) == [match]


def test_directory_bad_filter_is_a_400_in_dutch(client, directory):
    response = client.get(directory.url, {"provincie": "XX99"})
    assert response.status_code == 400
    assert "Er is een probleem" in response.content.decode()


def test_article_filters_and_search(client, knowledge_index, make_article, bouw, inkopen):
    make_article(
        title="Beton hergebruiken", themes=[bouw], body=[("paragraph", "<p>granulaat</p>")]
    )
    make_article(title="Inkopen met granulaat", themes=[inkopen])
    make_article(title="Praktijk in de bouw", themes=[bouw], kind="practice")

    def titles(**params):
        return client.get(knowledge_index.url, params).content.decode()

    content = titles(thema="bouw", soort="article")
    assert "Beton hergebruiken" in content
    assert "Inkopen met granulaat" not in content and "Praktijk in de bouw" not in content
    content = titles(zoek="granulaat", thema="bouw")
    assert "Beton hergebruiken" in content and "Inkopen met granulaat" not in content
    assert client.get(knowledge_index.url, {"soort": "onzin"}).status_code == 400
