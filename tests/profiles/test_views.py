"""The "Pioniers" index and a profile page, as visitors see them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from learning.profiles.models import Province
from learning.profiles.views import PROFILES_PER_PAGE

from .conftest import bulk_profiles

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [profile.title for profile in response.context["profiles"].object_list]


@pytest.fixture
def three_profiles(make_profile, themes, organisation_by_code):
    return {
        "utrecht": make_profile(
            title="Marloes Inkoop",
            organisation=organisation_by_code("GM0344"),
            themes=[themes["circulair-inkopen"]],
            story_text="Wij kochten opgeknapte bureaustoelen in.",
        ),
        "brabant": make_profile(
            title="Ruben Bruggen",
            organisation=organisation_by_code("PV30"),
            themes=[themes["infrastructuur"], themes["circulair-inkopen"]],
            story_text="De brugliggers kregen een tweede leven.",
        ),
        "waterboard": make_profile(
            title="Hans Beschoeiing",
            organisation=organisation_by_code("WS0662"),
            themes=[themes["infrastructuur"]],
            story_text="Het hardhout van de beschoeiing is gekeurd en hergebruikt.",
        ),
    }


def test_the_index_lists_live_profiles_only(client, profile_index, three_profiles, make_profile):
    make_profile(title="Concept Pionier", publish=False)
    response = client.get(profile_index.url)
    assert response.status_code == 200
    assert sorted(_titles(response)) == ["Hans Beschoeiing", "Marloes Inkoop", "Ruben Bruggen"]
    content = response.content.decode()
    assert "Concept Pionier" not in content
    assert '<label class="utrecht-form-label" for="id_thema">Thema</label>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"thema": "infrastructuur"}, ["Hans Beschoeiing", "Ruben Bruggen"]),
        ({"soort": "provincie"}, ["Ruben Bruggen"]),
        ({"provincie": "gelderland"}, ["Hans Beschoeiing"]),
        ({"thema": "circulair-inkopen", "provincie": "noord-brabant"}, ["Ruben Bruggen"]),
        ({"thema": "circulair-inkopen", "soort": "waterschap"}, []),
        ({"zoek": "brugliggers"}, ["Ruben Bruggen"]),
        ({"zoek": "hardhout", "thema": "infrastructuur"}, ["Hans Beschoeiing"]),
        ({"zoek": "hardhout", "soort": "gemeente"}, []),
        ({"zoek": "Utrecht"}, ["Marloes Inkoop"]),
    ],
)
def test_filters_and_search_combine(client, profile_index, three_profiles, query, expected):
    response = client.get(profile_index.url, query)
    assert response.status_code == 200
    assert sorted(_titles(response)) == expected


def test_no_results_says_so_and_offers_all(client, profile_index, three_profiles):
    response = client.get(profile_index.url, {"zoek": "kernfusie"})
    content = response.content.decode()
    assert "Er zijn geen pioniers die bij deze zoekopdracht of filters passen." in content
    assert "Toon alle pioniers" in content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"thema": "ruimtevaart"}, "Kies een thema uit de lijst."),
        ({"soort": "bedrijf"}, "Kies een soort organisatie uit de lijst."),
        ({"provincie": "vlaanderen"}, "Kies een provincie uit de lijst."),
        ({"zoek": "x" * 500}, "Gebruik hoogstens 200 tekens om te zoeken."),
    ],
)
def test_bad_filters_are_a_dutch_400(client, profile_index, three_profiles, query, message):
    response = client.get(profile_index.url, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_restricted_profiles_are_hidden_from_who_may_not_see_them(
    client, profile_index, three_profiles, user
):
    hidden = three_profiles["utrecht"]
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")

    assert "Marloes Inkoop" not in _titles(client.get(profile_index.url))
    assert client.get(hidden.url).status_code == 302

    client.force_login(user)
    assert "Marloes Inkoop" in _titles(client.get(profile_index.url))


def test_pagination_keeps_the_filters(client, profile_index, themes):
    bulk_profiles(profile_index, PROFILES_PER_PAGE + 3, themes=[themes["bouw"]])
    response = client.get(profile_index.url, {"thema": "bouw", "pagina": "2"})
    assert response.status_code == 200
    assert len(_titles(response)) == 3
    assert "thema=bouw&amp;pagina=1" in response.content.decode()
    assert client.get(profile_index.url, {"pagina": "abc"}).status_code == 200
    assert client.get(profile_index.url, {"pagina": "999"}).status_code == 200


def _index_queries(client, url, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "query",
    [{}, {"thema": "bouw", "provincie": "utrecht", "soort": "gemeente"}, {"zoek": "Bulkpionier"}],
)
def test_the_index_runs_a_constant_number_of_queries(
    client, profile_index, themes, organisation_by_code, query, django_assert_max_num_queries
):
    spec = {
        "themes": [themes["bouw"], themes["inwoners"]],
        "organisation": organisation_by_code("GM0344"),
        "province": Province.UTRECHT,
        "searchable": "zoek" in query,
    }
    bulk_profiles(profile_index, 10, **spec)
    with_ten = _index_queries(client, profile_index.url, query)

    bulk_profiles(profile_index, 490, **spec)
    with django_assert_max_num_queries(with_ten):
        response = client.get(profile_index.url, query)
    assert response.context["paginator"].count == 500
    assert len(response.context["profiles"].object_list) == PROFILES_PER_PAGE
    assert with_ten <= 20


def test_a_profile_page_shows_the_story_and_related_profiles(
    client, three_profiles, make_profile, themes
):
    profile = three_profiles["brabant"]
    response = client.get(profile.url)
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "De brugliggers kregen een tweede leven.",
        "Circulaire bouwmatrix",
        "Begin klein.",
        "Praktijkvoorbeeld: Fietspad van betonpuin",
        "800 ton hergebruikt, 35 ton CO2 bespaard.",
        "Provincie Noord-Brabant",
    ):
        assert text in content
    related = [related.title for related in response.context["related_profiles"]]
    assert related == ["Marloes Inkoop", "Hans Beschoeiing"] or related == [
        "Hans Beschoeiing",
        "Marloes Inkoop",
    ]


def test_the_site_search_finds_a_profile_by_a_word_in_its_story(client, three_profiles):
    response = client.get("/zoeken/", {"q": "brugliggers"})
    assert response.status_code == 200
    assert "Ruben Bruggen" in response.content.decode()
    assert "Marloes Inkoop" not in response.content.decode()


def test_a_profile_page_runs_a_constant_number_of_queries(
    client, make_profile, profile_index, themes, django_assert_max_num_queries
):
    bouw = themes["bouw"]
    profile = make_profile(themes=[bouw, themes["inwoners"]])
    bulk_profiles(profile_index, 10, themes=[bouw])
    with CaptureQueriesContext(connection) as with_ten:
        assert client.get(profile.url).status_code == 200

    bulk_profiles(profile_index, 490, themes=[bouw])
    with django_assert_max_num_queries(len(with_ten)):
        response = client.get(profile.url)
    assert len(response.context["related_profiles"]) == 3
